"""Drafting help and the activity library, walked in Chromium with JavaScript off and checked with axe.

Östersund's coordinator finds Berg's published 2017 promise on the search page,
starts Östersund's 2020 draft from it, and the draft warns about Berg's places
and shows what other municipalities promised on each commitment's theme; a
resident searches the activity library by theme. The pages are then checked
with axe (tests run in the order they are written).
"""

import re

import pytest

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _submit(page, form_selector="main form.form"):
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


@pytest.fixture(scope="module")
def copied(open_session):
    """Start Östersund's 2020 draft from Berg's 2017 promise through the search page; return the draft's pk."""
    coordinator = open_session("samordnare.ostersund")
    page = coordinator.page
    coordinator.goto("/arbetsyta/medborgarlofte/nytt/")
    with page.expect_navigation():
        page.get_by_role("link", name="Sök bland publicerade löften efter kommun, år och tema").click()
    page.fill("input[name=kommun]", "Berg")
    page.fill("input[name=ar]", "2017")
    page.select_option("select[name=tema]", "traffic_hazard")
    _submit(page)
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1, page.content()
    assert "Medborgarlöften i Berg 2017" in rows.first.inner_text()
    with page.expect_navigation():
        rows.first.get_by_role("link", name=re.compile("Utgå från detta")).click()
    assert "Du utgår från ”Medborgarlöften i Berg 2017”" in page.locator("main").inner_text()
    page.locator("label:has(input[name=municipalities])").filter(has_text="Östersund").locator("input").check()
    page.fill("input[name=valid_from]", "2020-01-01")
    page.fill("input[name=valid_to]", "2020-12-31")
    _submit(page)
    match = re.search(r"/arbetsyta/medborgarlofte/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def test_a_draft_started_from_another_municipality_warns_about_its_places(open_session, copied):
    coordinator = open_session("samordnare.ostersund")
    page = coordinator.page
    coordinator.goto(f"/arbetsyta/medborgarlofte/{copied}/")
    assert page.locator("h1").inner_text() == "Medborgarlöften i Östersund 2020"
    warnings = page.locator("section.warnings").inner_text()
    assert "”Svenstavik”, en plats i Berg" in warnings, warnings
    # Beside the road-safety commitment: what other municipalities promised on its theme, with their results.
    aid = page.locator("aside.theme-examples").first.inner_text()
    assert "Vad har andra lovat om" in aid, aid
    assert "Östersund 2017" not in aid, aid   # the draft's own municipality is no example for it
    with page.expect_navigation():
        page.get_by_role("link", name="Se över varningarna och skicka för underskrift").click()
    assert "Skicka för underskrift ändå" in page.locator("main").inner_text()
    assert "Svenstavik" in page.locator("section.warnings").inner_text()


def test_a_resident_searches_the_activity_library_by_theme(open_session):
    resident = open_session()
    page = resident.page
    resident.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="Aktivitetsbibliotek").click()
    page.select_option("select[name=tema]", "traffic_hazard")
    _submit(page, "main form.search-form")
    assert "tema=traffic_hazard" in page.url
    rows = page.locator("main table.library tbody tr")
    assert rows.count() >= 5, rows.count()
    text = page.locator("main table.library").inner_text()
    assert "Hastighetskontroller på riksväg 87." in text
    assert "Trafikfarlig miljö" in text
    assert "Aktiviteter som matchar sökningen" in page.locator("main").inner_text()


def test_the_drafting_and_library_pages_are_accessible(open_session, copied):
    resident = open_session(javascript=True)
    resident.goto("/aktiviteter/")
    assert_accessible(resident.page, "activity library", swedish="Aktivitetsbibliotek")
    resident.goto("/aktiviteter/?tema=traffic_hazard&q=kontroller&ar=2017")
    assert_accessible(resident.page, "activity library, searched", swedish="Aktiviteter som matchar sökningen")
    coordinator = open_session("samordnare.ostersund", javascript=True)
    for path, label, swedish in (
        ("/arbetsyta/medborgarlofte/nytt/utga-fran/?kommun=Berg", "promise to start from", "Utgå från ett befintligt löfte"),
        (f"/arbetsyta/medborgarlofte/{copied}/", "draft with warnings and examples", "att se över före underskrift"),
        (f"/arbetsyta/medborgarlofte/{copied}/skicka-for-underskrift/", "send for signing", "Skicka för underskrift ändå"),
    ):
        coordinator.goto(path)
        assert_accessible(coordinator.page, label, swedish=swedish)
    coordinator.goto(f"/arbetsyta/medborgarlofte/{copied}/")
    edit_commitment = coordinator.page.locator("a[href*='/atagande/'][href$='/andra/']").first.get_attribute("href")
    coordinator.goto(edit_commitment)
    assert_accessible(coordinator.page, "commitment form with examples", swedish="Vad har andra lovat om")
