"""Safety surveys in Chromium: a resident answers with JavaScript switched off, and axe checks the pages.

The demo has Östersund's 2017 survey in the field with 50 codes. The
coordinator makes the mail-merge letters (a background job, run at once in
the demo) and reads two codes from the CSV; a resident answers with one of
them without JavaScript; axe checks the answering pages (with the other),
the open questionnaire and the public results of Jämtland's 2016 survey.
"""

import csv
import io
import re

import pytest

from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

FIELD_SURVEY = "Trygghetsundersökning Östersund 2017"
PUBLISHED = "Trygghetsmätning Jämtlands län 2016"


def _submit(page, selector="main form.form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def _survey_path(session, title):
    session.goto("/arbetsyta/enkater/")
    href = session.page.get_by_role("link", name=title, exact=True).get_attribute("href")
    assert re.fullmatch(r"/arbetsyta/enkater/\d+/", href), href
    return href


@pytest.fixture(scope="module")
def codes(open_session):
    """Two unused codes of the survey in the field, read from the mail-merge CSV the coordinator makes."""
    coordinator = open_session("samordnare.ostersund")
    page = coordinator.page
    path = _survey_path(coordinator, FIELD_SURVEY)
    coordinator.goto(path + "inbjudningar/brev/")
    page.locator("input[name=kind][value=letters]").check()
    _submit(page)
    href = page.locator("a[href$='.csv']").first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok, response.status
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert len(rows) == 50
    pdf = page.request.get(page.locator("a[href$='.pdf']").first.get_attribute("href"))
    assert pdf.body().startswith(b"%PDF")
    return [row["kod"] for row in rows[:2]]


def test_a_resident_answers_without_javascript(open_session, codes):
    resident = open_session()
    page = resident.page
    resident.goto("/enkat/?kod=" + codes[0].replace("-", ""))
    assert page.locator("input[name=code]").input_value() == codes[0].replace("-", "")
    assert "Svara på trygghetsundersökningen" in page.locator("h1").inner_text()
    _submit(page)
    assert page.url.endswith("/enkat/svara/1/")
    assert "Del 1 av" in page.locator(".survey-progress").inner_text()
    page.locator("input[name=trygg_kvall][value=ganska_otrygg]").check()
    _submit(page, "button[name=nasta]")
    # Stop, and go on later with the same code: the answer is still there.
    _submit(page, "button[name=spara]")
    assert "Dina svar är sparade" in page.locator("h1").inner_text()
    resident.context.clear_cookies()
    resident.goto("/enkat/")
    page.fill("input[name=code]", codes[0].lower())
    _submit(page)
    assert page.locator("input[name=trygg_kvall][value=ganska_otrygg]").is_checked()
    while "/skicka/" not in page.url:
        if page.locator("input[name=klotter]").count():
            page.locator("input[name=klotter][value='3']").check()
            page.locator("input[name=nedskrapning][value=vet_ej]").check()
        if page.locator("input[name=delomrade]").count():
            page.get_by_label("Odenslund", exact=True).check()
        _submit(page, "button[name=nasta]")
    summary = page.locator("dl.answer-summary").all_inner_texts()
    assert any("Ganska stort problem" in s for s in summary), summary
    _submit(page)
    assert page.url.endswith("/enkat/tack/")
    assert "Tack för dina svar" in page.locator("h1").inner_text()
    # The code is used up.
    resident.goto("/enkat/")
    page.fill("input[name=code]", codes[0])
    _submit(page)
    assert "Koden har redan använts" in page.locator(".error-summary").inner_text()


def test_the_answering_pages_are_accessible(open_session, codes):
    session = open_session(javascript=True)
    page = session.page
    session.goto("/enkat/")
    assert_accessible(page, "code page", swedish="Din kod")
    page.fill("input[name=code]", "FEL")
    _submit(page)
    assert_accessible(page, "code page with an error", swedish="Det finns ingen enkät med den här koden")
    page.fill("input[name=code]", codes[1])
    _submit(page)
    assert_accessible(page, "first answering page", swedish="Del 1 av")
    for _ in range(3):
        _submit(page, "button[name=nasta]")
    assert_accessible(page, "local problems page", swedish="Ganska litet problem")
    while "/skicka/" not in page.url:
        _submit(page, "button[name=nasta]")
    assert_accessible(page, "review page", swedish="Skicka mina svar")


def test_the_open_questionnaire_is_labelled_and_accessible(open_session):
    session = open_session(javascript=True)
    page = session.page
    session.goto("/")
    coordinator = open_session("samordnare.ostersund")
    path = _survey_path(coordinator, "Tyck till om tryggheten i Östersund 2017")
    coordinator.goto(path)
    link = coordinator.page.locator("a[href*='/enkat/oppen/']").first.get_attribute("href")
    session.goto(link)
    assert_accessible(page, "open questionnaire start", swedish="öppen enkät")
    coordinator.goto(path + "resultat/")
    assert "Öppen enkät: självselekterade svar" in coordinator.page.locator("main").inner_text()


def test_the_published_results_are_accessible_and_on_the_municipality_page(open_session):
    session = open_session(javascript=True)
    page = session.page
    session.goto("/kommun/2380-ostersund/")
    link = page.get_by_role("link", name="Alla resultat från undersökningen")
    with page.expect_navigation():
        link.click()
    assert PUBLISHED in page.locator("h1").inner_text()
    assert_accessible(page, "public results", swedish="Trygghetsindikatorer")
    text = page.locator("main").inner_text()
    assert "platshållare" in text and "inte polisens problemindex" in text
    assert page.locator("svg.survey-chart").count() > 5
    assert "signifikant" in text
