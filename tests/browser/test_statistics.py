"""The statistics pages in Chromium: JavaScript off for the walk, axe-core for WCAG 2.1 AA.

The demo server carries generated Jämtland statistics 2012–2017 (population,
Brå series, Östersund's months and own counts, Åre's population with
visitors, 320 police events).
"""

import pytest

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

ARE = "/statistik/kommun/2321-are/"
OSTERSUND = "/statistik/kommun/2380-ostersund/"
DATA = "tests/statistics/data/"


def test_the_statistics_page_without_javascript(open_session):
    session = open_session()
    page = session.page
    session.goto("/kommun/2321-are/")
    # The municipality page's panel leads to the statistics.
    with page.expect_navigation():
        page.locator(f"main a[href='{ARE}']").click()
    assert page.locator("h1").inner_text() == "Lokal statistik för Åre"
    # A server-drawn chart with its table beside it, no script on the page.
    assert page.locator("svg.stat-chart[role=img]").count() >= 1
    assert page.locator("script").count() == 0
    assert page.locator("#detalj .stat-stack table tbody tr").count() == 6  # 2012–2017
    # The Åre case: the rate on the municipality's own population, with its explanation.
    assert "Mått på en annan befolkningssiffra" in page.locator("main").inner_text()
    assert "Genomsnittlig befolkning inklusive besökare" in page.locator("main").inner_text()
    # Choosing another category is a link.
    with page.expect_navigation():
        page.locator("main a[href='?kategori=klotter#detalj']").click()
    assert page.locator("#detail-title").inner_text() == "Klotter"
    assert page.locator("main .stat-events li").count() == 20


def test_the_csv_export(open_session):
    session = open_session()
    response = session.context.request.get(OSTERSUND + "statistik.csv")
    assert response.status == 200
    text = response.body().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("municipality_code,municipality,category")
    assert "Kostnad för klottersanering" in text


def test_an_import_from_the_workspace_without_javascript(open_session):
    session = open_session("forvaltning.nationell")
    page = session.page
    session.goto("/arbetsyta/")
    with page.expect_navigation():
        page.locator("main a[href='/arbetsyta/statistik/import/']").click()
    page.locator("input[name=source][value=police-events]").check()
    page.set_input_files("input[name=file]", DATA + "police_events_sample.json")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    # The job page (it refreshes itself without script) leads on to the preview.
    if "/jobb/" in page.url:
        with page.expect_navigation():
            page.locator("main a").filter(has_text="Fortsätt").click()
    assert "Vad en import skulle göra" in page.locator("main").inner_text()
    assert "Norge" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator("main form[action$='/importera/'] button").click()
    if "/jobb/" in page.url:
        with page.expect_navigation():
            page.locator("main a").filter(has_text="Fortsätt").click()
    assert "Importerad" in page.locator("main dd.state").inner_text()


@pytest.mark.parametrize("path,swedish", [
    (ARE, "Lokal statistik för Åre"),
    (OSTERSUND + "?kategori=totalt-antal-brott", "Per månad"),
    ("/kommun/2321-are/", "Lokal statistik"),
])
def test_statistics_pages_are_accessible(open_session, path, swedish):
    session = open_session(javascript=True)
    session.goto(path)
    assert_accessible(session.page, path, swedish=swedish)


def test_the_import_pages_are_accessible(open_session):
    session = open_session("forvaltning.nationell", javascript=True)
    session.goto("/arbetsyta/statistik/import/")
    assert_accessible(session.page, "statistics import page", swedish="Importera statistik")
    session.goto("/arbetsyta/statistik/kommun/2321/befolkning/")
    assert_accessible(session.page, "another population", swedish="En annan befolkningssiffra för måtten i Åre")
