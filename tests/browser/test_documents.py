"""Signed documents in the browser: a resident downloads a promise's signed PDF from its public page, checks it on
the verification page by hash and by upload, all with JavaScript off; axe on the verification and press pages."""

import hashlib
import re

import pytest

from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _ostersund_2017(session):
    session.goto("/kommun/2380-ostersund/")
    return session.page.locator("main table a[href^='/medborgarlofte/']").filter(has_text="2017").get_attribute("href")


@pytest.fixture(scope="module")
def signed_pdf(open_session):
    """The signed PDF of Östersund's 2017 promise as a resident downloads it from the promise page: (path, bytes)."""
    resident = open_session()
    resident.goto(_ostersund_2017(resident))
    link = resident.page.get_by_role("link", name="Ladda ner det undertecknade dokumentet (PDF)")
    href = link.get_attribute("href")
    response = resident.page.request.get(href)
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    return href, body


def test_a_resident_checks_a_downloaded_promise_by_hash_and_by_upload(open_session, signed_pdf, tmp_path):
    _href, body = signed_pdf
    resident = open_session()
    page = resident.page
    resident.goto(_ostersund_2017(resident))
    page.get_by_role("link", name="Kontrollera dokumentet").click()
    assert "Detta är den undertecknade versionen" in page.locator("main").inner_text()
    hash_text = page.locator("main .verify-match code.hash").first.inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", hash_text)

    # By hand: the hash as printed, in groups.
    resident.goto("/verifiera/")
    page.fill("input[name=sha256]", " ".join(hash_text[i:i + 16] for i in range(0, 64, 16)))
    with page.expect_navigation():
        page.get_by_role("button", name="Slå upp").click()
    assert page.locator("main .verify-match").count() == 1
    assert page.locator("main .verify-match .signatures li").count() == 2

    # By upload: the file as downloaded, then with one byte changed.
    original = tmp_path / "medborgarlofte.pdf"
    original.write_bytes(body)
    page.set_input_files("input[name=document]", str(original))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollera filen").click()
    text = page.locator("main").inner_text()
    assert "Förseglingen är obruten" in text
    assert hashlib.sha256(body).hexdigest() in text

    changed = bytearray(body)
    changed[len(changed) // 2] ^= 1
    altered = tmp_path / "andrad.pdf"
    altered.write_bytes(bytes(changed))
    page.set_input_files("input[name=document]", str(altered))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollera filen").click()
    assert "Filen har ändrats efter att den förseglades." in page.locator("main").inner_text()


def test_a_bad_hash_is_answered_with_a_message_that_leads_to_the_field(open_session):
    resident = open_session()
    resident.goto("/verifiera/?sha256=inte-en-summa")
    summary = resident.page.locator(".error-summary")
    assert "Ange en SHA-256-summa" in summary.inner_text()
    assert resident.page.locator("input[name=sha256]").input_value() == "inte-en-summa"


def test_axe_on_the_verification_page_empty_with_a_result_and_with_errors(open_session, signed_pdf):
    session = open_session(javascript=True)
    session.goto("/verifiera/")
    assert_accessible(session.page, "verification page", swedish="Kontrollera ett dokument")
    session.goto("/verifiera/?sha256=" + "0" * 63)
    assert_accessible(session.page, "verification page with an error", swedish="Ange en SHA-256-summa")
    session.goto(_ostersund_2017(session))
    session.page.get_by_role("link", name="Kontrollera dokumentet").click()
    assert_accessible(session.page, "verification page with a result", swedish="Undertecknat av")


def test_axe_on_the_press_page(open_session):
    session = open_session(javascript=True)
    session.goto("/lan/23-jamtlands-lan/press/2017/")
    assert_accessible(session.page, "press page", swedish="8 av 8 kommuner i Jämtlands län har undertecknat och publicerat")


def test_the_yearly_follow_up_is_a_signed_pdf_too(open_session):
    resident = open_session()
    resident.goto("/lan/23-jamtlands-lan/uppfoljning/2017/")
    href = resident.page.get_by_role("link", name="Ladda ner som undertecknad PDF").get_attribute("href")
    response = resident.page.request.get(resident.page.url + href if not href.startswith("/") else href)
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")
