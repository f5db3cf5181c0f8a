"""Follow-up walked in Chromium with JavaScript switched off, and its pages checked with axe.

Berg's coordinator brings in the 2016 promise signed on paper, starts the
year's report; the police report their activity (a missing reason is refused
and what was typed kept); the coordinator publishes; the public promise page
and the yearly follow-up page show what was done. The workspace pages are
checked with axe while the report is still being written (tests run in the
order they are written).
"""

import re

import pytest

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

BERG = "/kommun/2326-berg/"
REASON = "Snöbrist i februari gav färre kontrolldagar."


def _submit(page, form_selector="main form.form"):
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


@pytest.fixture(scope="module")
def followed_up(open_session):
    """Register Berg's 2016 promise as signed on paper and start its 2016 report; return (promise pk, report pk)."""
    coordinator = open_session("samordnare.berg")
    page = coordinator.page
    coordinator.goto("/arbetsyta/medborgarlofte/nytt/")
    page.locator("label:has(input[name=municipalities])").filter(has_text="Berg").locator("input").check()
    page.fill("input[name=valid_from]", "2016-01-01")
    page.fill("input[name=valid_to]", "2016-12-31")
    options = page.locator("select[name=based_on] option")
    copy_of = [o.get_attribute("value") for o in options.all() if "Berg" in o.inner_text() and "2017" in o.inner_text()]
    page.select_option("select[name=based_on]", copy_of[0])
    _submit(page)
    pk = int(re.search(r"/arbetsyta/medborgarlofte/(\d+)/$", page.url).group(1))

    coordinator.goto(f"/arbetsyta/medborgarlofte/{pk}/undertecknat-pa-papper/")
    names = page.locator("input[name^=name_]")
    titles = page.locator("input[name^=title_]")
    dates = page.locator("input[name^=signed_on_]")
    for i, (name, title) in enumerate([("Gunnel Ström", "Kommunstyrelsens ordförande"), ("Eva Sjöberg", "Lokalpolisområdeschef")]):
        names.nth(i).fill(name)
        titles.nth(i).fill(title)
        dates.nth(i).fill("2016-02-15")
    page.fill("input[name=published_on]", "2016-03-01")
    _submit(page)
    assert page.locator("span.state-published").count() == 1, page.url

    coordinator.goto(f"/arbetsyta/uppfoljning/medborgarlofte/{pk}/")
    page.locator("input[name=period][value='2016-01-01/2016-12-31']").check()
    _submit(page, "main form.form:has(input[name=start])")
    report = int(re.search(r"/arbetsyta/uppfoljning/rapport/(\d+)/$", page.url).group(1))
    return pk, report


@pytest.fixture(scope="module")
def axe(open_session):
    sessions = {}

    def get(username=None):
        if username not in sessions:
            sessions[username] = open_session(username, javascript=True)
        return sessions[username]

    return get


def test_the_follow_up_pages_are_accessible(axe, followed_up):
    pk, report = followed_up
    coordinator = axe("samordnare.berg")
    coordinator.goto(f"/arbetsyta/uppfoljning/medborgarlofte/{pk}/")
    assert_accessible(coordinator.page, "follow-up workspace page", swedish="Uppföljningsrapporter")
    coordinator.goto(f"/arbetsyta/uppfoljning/rapport/{report}/")
    assert_accessible(coordinator.page, "report page", swedish="Aktiviteter i den här rapporten")


def test_the_report_form_with_its_errors_is_accessible(axe, followed_up):
    _pk, report = followed_up
    police = axe("kommunpolis.jamtland")
    police.goto(f"/arbetsyta/uppfoljning/rapport/{report}/")
    links = police.page.locator("main table a[href*='/aktivitet/']")
    police.goto(links.last.get_attribute("href"))
    assert_accessible(police.page, "report form", swedish="Genomfört under perioden")
    police.page.locator("input[name=status][value=not_done]").check()
    _submit(police.page)
    assert police.page.locator(".error-summary").count() == 1
    assert_accessible(police.page, "report form with errors", swedish="Ange varför aktiviteten delvis eller inte genomfördes.")


def test_the_police_report_the_coordinator_publishes_the_public_reads(open_session, followed_up):
    pk, report = followed_up
    police = open_session("kommunpolis.jamtland")
    page = police.page
    police.goto(f"/arbetsyta/uppfoljning/rapport/{report}/")
    link = page.locator("main table a[href*='/aktivitet/']").first
    police.goto(link.get_attribute("href"))
    page.locator("input[name=status][value=partly_done]").check()
    page.fill("input[name=actual_quantity]", "9")
    page.fill("textarea[name=narrative]", "Kontroller i Vemdalen och Ljungdalen.")
    _submit(page)
    assert page.locator(".error-summary").count() == 1
    assert "Ange varför aktiviteten delvis eller inte genomfördes." in page.locator(".error-summary").inner_text()
    assert page.input_value("textarea[name=narrative]") == "Kontroller i Vemdalen och Ljungdalen."
    assert page.input_value("input[name=actual_quantity]") == "9"
    page.fill("textarea[name=reason]", REASON)
    _submit(page)
    assert f"/arbetsyta/uppfoljning/rapport/{report}/" in page.url

    coordinator = open_session("samordnare.berg")
    coordinator.goto(f"/arbetsyta/uppfoljning/rapport/{report}/")
    _submit(coordinator.page)

    public = open_session()
    public.goto(f"/medborgarlofte/{pk}/")
    text = public.page.locator("main").inner_text()
    assert "Registrerat i efterhand" in text
    assert "Undertecknat på papper" in text
    assert "Uppföljning: det här har gjorts" in text
    assert "9 av 12 (75 %)" in text.replace("\u00a0", " ")
    assert REASON in text
    public.goto(f"{BERG}uppfoljning/2016/")
    assert REASON in public.page.locator("main").inner_text()


def test_the_public_follow_up_pages_are_accessible(axe):
    session = axe()
    session.goto("/kommun/2380-ostersund/")
    href = session.page.locator("main table a[href^='/medborgarlofte/']").filter(has_text="2017").get_attribute("href")
    session.goto(href)
    assert session.page.locator("svg.chart").count() == 1
    assert_accessible(session.page, "public promise page with follow-up", swedish="Uppföljning: det här har gjorts")
    session.goto("/kommun/2380-ostersund/uppfoljning/2017/")
    assert_accessible(session.page, "yearly follow-up page", swedish="Uppföljning 2017: Östersund")
    session.goto("/lan/23-jamtlands-lan/uppfoljning/2017/")
    assert_accessible(session.page, "county follow-up page", swedish="Uppföljning 2017: Jämtlands län")
