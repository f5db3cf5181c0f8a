"""The problem picture in Chromium with JavaScript off: build a problem, link its evidence, approve, and see it
behind the published promise; axe-core on every new page.

Krokom and the year 2021 are used so that no other browser test's counts change.
"""

import re

import pytest

from .conftest import DEMO_PASSWORD  # noqa: F401 (the demo's logins)
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

PROBLEM = "Skadegörelse vid Krokoms skola"
STAFF = "Fritidsgården ser samma grupp återkomma fredagskvällar."


def _submit(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def _picture_path(session, name):
    session.goto("/arbetsyta/problembild/")
    return session.page.locator("main table a").filter(has_text=name).get_attribute("href")


@pytest.fixture(scope="module")
def built(open_session):
    """Krokom's coordinator adds a problem and links a survey result and staff knowledge; both parties approve."""
    coordinator = open_session("samordnare.krokom")
    page = coordinator.page
    picture = _picture_path(coordinator, "Krokom 2017")
    coordinator.goto(picture)
    _submit(page, f"main a[href='{picture}problem/ny/']")
    _submit(page, "main form button[type=submit]")  # nothing typed: the form comes back with its errors
    assert page.locator(".error-summary").count() == 1
    page.fill("input[name=title]", PROBLEM)
    page.select_option("select[name=theme]", "vandalism")
    _submit(page, "main form button[type=submit]")
    assert re.search(r"/arbetsyta/problembild/problem/\d+/underlag/$", page.url), page.url
    evidence_url = page.url
    options = page.locator("select[name=source] option")
    survey = [o.get_attribute("value") for o in options.all() if (o.get_attribute("value") or "").startswith("survey:")]
    assert survey, "the evidence form offers the published survey's results"
    page.select_option("select[name=source]", survey[0])
    _submit(page, "main form button[type=submit]")
    page.fill("textarea[name=staff_text]", STAFF)
    _submit(page, "main form button[type=submit]")
    assert page.url == evidence_url
    linked = page.locator("main ul.evidence-list").inner_text()
    assert "Källa" in linked and STAFF in linked
    for person in ("samordnare.krokom", "kommunpolis.jamtland"):
        session = coordinator if person == "samordnare.krokom" else open_session(person)
        session.goto(picture)
        _submit(session.page, f"form[action='{picture}godkann/'] button")
    assert "Godkänd av polis och kommun" in session.page.locator("main").inner_text()
    return picture


def test_a_problem_is_built_linked_and_seen_behind_the_published_promise(open_session, built):
    coordinator = open_session("samordnare.krokom")
    page = coordinator.page
    coordinator.goto("/arbetsyta/medborgarlofte/nytt/")
    page.locator("label:has(input[name=municipalities])").filter(has_text="Krokom").locator("input").check()
    page.fill("input[name=valid_from]", "2021-01-01")
    page.fill("input[name=valid_to]", "2021-12-31")
    options = page.locator("select[name=based_on] option")
    copy_of = [o.get_attribute("value") for o in options.all() if "Krokom" in o.inner_text() and "2017" in o.inner_text()]
    page.select_option("select[name=based_on]", copy_of[0])
    _submit(page, "main form.form button[type=submit]")
    pk = int(re.search(r"/arbetsyta/medborgarlofte/(\d+)/$", page.url).group(1))
    detail = f"/arbetsyta/medborgarlofte/{pk}/"
    _submit(page, "section.commitment a[href$='/andra/']")
    page.locator("label:has(input[name=problems])").filter(has_text=PROBLEM).locator("input").check()
    _submit(page, "main form.form button[type=submit]")
    _submit(page, f"form[action$='/medborgarlofte/{pk}/skicka-for-underskrift/'] button")
    for signatory in ("kso.krokom", "lpo.jamtland"):
        session = open_session(signatory)
        session.goto(f"/arbetsyta/medborgarlofte/{pk}/")
        _submit(session.page, f"a[href='/arbetsyta/medborgarlofte/{pk}/version/1/underteckna/']")
        session.page.check("input[name=confirm]")
        _submit(session.page, "main form.form button[type=submit]")
    coordinator.goto(detail)
    _submit(page, f"form[action='{detail}publicera/'] button")

    resident = open_session()
    resident.goto(f"/medborgarlofte/{pk}/")
    reasons = resident.page.locator("details.reasons").filter(has_text=PROBLEM)
    assert reasons.count() == 1
    reasons.locator("summary").click()  # one click, no JavaScript: the details element opens
    shown = reasons.inner_text()
    assert "Därför lovar vi detta" in shown and PROBLEM in shown and "ser det som ett problem" in shown
    assert STAFF not in resident.page.locator("body").inner_text()


PAGES = {
    "problem pictures": ("/arbetsyta/problembild/", "Problembilder"),
    "new problem picture": ("/arbetsyta/problembild/ny/", "Ny problembild"),
}


def test_the_new_pages_are_accessible(open_session, built):
    session = open_session("samordnare.krokom", javascript=True)
    page = session.page
    for label, (path, swedish) in PAGES.items():
        session.goto(path)
        assert_accessible(page, label, swedish=swedish)
    session.goto(built)
    assert_accessible(page, "problem picture", swedish="Problem i prioritetsordning")
    problem_links = page.locator("main a[href$='/underlag/']")
    evidence_path = problem_links.first.get_attribute("href")
    for label, path, swedish in (
        ("add a problem", f"{built}problem/ny/", "Nytt problem"),
        ("link evidence", evidence_path, "Koppla underlag"),
        ("priorities", f"{built}prioritering/", "Besluta om prioriteringen"),
        ("situation picture", f"{built.replace('/arbetsyta/problembild/', '/arbetsyta/problembild/')}lagesbild/",
         "Kartläggning av brottsligheten"),
        ("action plan", f"{built}atgardsplan/", "Åtgärder per problem"),
    ):
        session.goto(path)
        assert_accessible(page, label, swedish=swedish)
    dismiss = page.locator("main a[href$='/dismiss/']")
    session.goto(built)
    dismiss = page.locator("main a[href$='/dismiss/']")
    if dismiss.count():
        session.goto(dismiss.first.get_attribute("href"))
        assert_accessible(page, "dismiss a suggestion", swedish="Avfärda förslaget")
    resident = open_session(javascript=True)
    resident.goto("/kommun/2309-krokom/")
    assert_accessible(resident.page, "municipality page with the problem picture panel", swedish="Lokal problembild")
