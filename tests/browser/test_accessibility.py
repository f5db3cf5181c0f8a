"""axe-core on the public pages and the forms; any serious or critical WCAG 2.0/2.1 A/AA violation fails.

axe is JavaScript, so these checks run in contexts with JavaScript switched
on. The site sends no scripts of its own, so the HTML and CSS that axe sees
are exactly those of the JavaScript-free walk in test_walk.py. The axe source
is the axe.min.js bundled in the pinned ``axe-playwright-python`` wheel (the
`test` extra), so nothing is fetched at run time.
"""

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}


def _axe_path():
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert path.is_file(), f"axe.min.js not found in {path.parent}"
    return path


def run_axe(page):
    page.add_script_tag(path=str(_axe_path()))
    return page.evaluate(
        "async (options) => await axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )


def _report(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    target {json.dumps(node['target'], ensure_ascii=False)}: {summary[-1].strip() if summary else ''}")
    return "\n".join(lines)


def assert_accessible(page, label, *, swedish=None):
    """Run axe on ``page``; fail on serious or critical violations. ``swedish``: a text the page must show."""
    if swedish is not None:
        assert page.locator("html").get_attribute("lang") == "sv", f"{label} is not in Swedish"
        assert swedish in page.locator("body").inner_text(), f"{label} does not say {swedish!r}"
    _assert_error_links_lead_somewhere(page, label)
    results = run_axe(page)
    assert results["passes"], f"axe checked nothing on {label}: did the page load?"
    violations = results["violations"]
    # Lesser violations, and what axe could not decide ("incomplete": needs a
    # person's review), are printed (pytest -rP shows them) but do not fail.
    if violations:
        print(f"axe on {label} ({page.url}), violations:\n{_report(violations)}")
    if results["incomplete"]:
        print(f"axe on {label} ({page.url}), needs review:\n{_report(results['incomplete'])}")
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"axe: serious or critical violations on {label} ({page.url}):\n{_report(failing)}"


def _assert_error_links_lead_somewhere(page, label):
    """Each link in a form's error summary must lead to its field (axe does not check this)."""
    for href in page.locator(".error-summary a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href and href.startswith("#") and len(href) > 1, f"{label}: error summary link {href!r} leads nowhere"
        assert page.locator(f"[id='{href[1:]}']").count() == 1, f"{label}: no element {href} for the error summary link"


# --- State for the workspace pages: Berg's 2019 draft, awaiting signatures ----

def _submit(page):
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()


@pytest.fixture(scope="module")
def berg_promise(open_session):
    """Draft Berg's 2019 promise (a copy of 2017) without JavaScript and send it for signing; return its pk."""
    coordinator = open_session("samordnare.berg")
    page = coordinator.page
    coordinator.goto("/arbetsyta/medborgarlofte/nytt/")
    page.locator("label:has(input[name=municipalities])").filter(has_text="Berg").locator("input").check()
    page.fill("input[name=valid_from]", "2019-01-01")
    page.fill("input[name=valid_to]", "2019-12-31")
    options = page.locator("select[name=based_on] option")
    copy_of = [o.get_attribute("value") for o in options.all() if "Berg" in o.inner_text() and "2017" in o.inner_text()]
    assert len(copy_of) == 1, options.all_inner_texts()
    page.select_option("select[name=based_on]", copy_of[0])
    _submit(page)
    pk = int(re.search(r"/arbetsyta/medborgarlofte/(\d+)/$", page.url).group(1))
    with page.expect_navigation():
        page.locator(f"form[action$='/medborgarlofte/{pk}/skicka-for-underskrift/'] button").click()
    assert page.locator("span.state-awaiting_signatures").count() == 1
    return pk


@pytest.fixture(scope="module")
def axe_session(open_session):
    """JavaScript-enabled contexts for axe, one per person, signed in once."""
    sessions = {}

    def get(username=None):
        if username not in sessions:
            sessions[username] = open_session(username, javascript=True)
        return sessions[username]

    return get


def _first_commitment_path(session, pk, suffix):
    session.goto(f"/arbetsyta/medborgarlofte/{pk}/")
    href = session.page.locator("section.commitment a[href$='/andra/']").first.get_attribute("href")
    commitment_pk = re.search(r"/atagande/(\d+)/andra/$", href).group(1)
    return f"/arbetsyta/atagande/{commitment_pk}/{suffix}"


def _ostersund_2017(session):
    session.goto("/kommun/2380-ostersund/")
    return session.page.locator("main table a[href^='/medborgarlofte/']").filter(has_text="2017").get_attribute("href")


# name: (path, a Swedish text the page shows)
PUBLIC_PAGES = {
    "home": ("/", "Vad är medborgarlöften?"),
    "about": ("/vad-ar-medborgarloften/", "Vad är medborgarlöften?"),
    "county": ("/lan/23-jamtlands-lan/?ar=2017", "8 av 8 kommuner har undertecknat sina medborgarlöften för 2017."),
    "municipality": ("/kommun/2380-ostersund/", "Kommunkod"),
    "login": ("/konto/logga-in/", "Logga in"),
    "accessibility statement": ("/tillganglighet/", "delvis förenlig"),
    "personal data": ("/personuppgifter/", "Dataskyddsombud"),
    "open data": ("/oppna-data/", "Vad varje adress ger (version 1)"),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page(axe_session, name):
    path, swedish = PUBLIC_PAGES[name]
    session = axe_session()
    session.goto(path)
    assert_accessible(session.page, name, swedish=swedish)


def test_public_promise_page(axe_session):
    session = axe_session()
    session.goto(_ostersund_2017(session))
    assert session.page.locator("section[aria-labelledby=signatures-heading] li").count() >= 2
    assert_accessible(session.page, "public promise page", swedish="Underskrifter")


def test_login_with_errors(axe_session):
    session = axe_session()
    session.goto("/konto/logga-in/")
    session.page.fill("input[name=username]", "samordnare.ostersund")
    session.page.fill("input[name=password]", "not the password")
    _submit(session.page)
    assert session.page.locator(".error-summary").count() == 1
    assert session.page.input_value("input[name=username]") == "samordnare.ostersund"
    assert_accessible(session.page, "login form with errors", swedish="Formuläret innehåller fel")


def test_workspace(axe_session, berg_promise):
    session = axe_session("samordnare.berg")
    session.goto("/arbetsyta/")
    assert_accessible(session.page, "workspace", swedish="Arbetsyta")


def test_promise_workspace_page(axe_session, berg_promise):
    session = axe_session("samordnare.berg")
    session.goto(f"/arbetsyta/medborgarlofte/{berg_promise}/")
    assert_accessible(session.page, "promise workspace page", swedish="Nästa steg")


def test_new_promise_form_and_its_errors(axe_session, berg_promise):
    session = axe_session("samordnare.berg")
    session.goto("/arbetsyta/medborgarlofte/nytt/")
    assert_accessible(session.page, "new promise form", swedish="Nytt medborgarlöfte")
    # No municipality chosen (a checkbox group) and the end before the start.
    session.page.fill("input[name=title]", "Utkast utan kommun")
    session.page.fill("input[name=valid_from]", "2020-06-01")
    session.page.fill("input[name=valid_to]", "2020-01-01")
    _submit(session.page)
    assert session.page.locator(".error-summary").count() == 1
    assert session.page.input_value("input[name=title]") == "Utkast utan kommun"
    assert session.page.locator(".error-summary a").count() >= 2
    assert_accessible(session.page, "new promise form with errors", swedish="Slutdatum måste vara efter startdatum.")


def test_promise_edit_form(axe_session, berg_promise):
    session = axe_session("samordnare.berg")
    session.goto(f"/arbetsyta/medborgarlofte/{berg_promise}/andra/")
    assert_accessible(session.page, "promise edit form", swedish="Ändra medborgarlöfte")


def test_commitment_form(axe_session, berg_promise):
    session = axe_session("samordnare.berg")
    session.goto(f"/arbetsyta/medborgarlofte/{berg_promise}/atagande/nytt/")
    assert_accessible(session.page, "commitment form", swedish="Lägg till löfte")
    _submit(session.page)  # empty: the required fields are reported
    assert session.page.locator(".error-summary").count() == 1
    assert_accessible(session.page, "commitment form with errors", swedish="Formuläret innehåller fel")


def test_activity_form_and_its_errors(axe_session, berg_promise):
    session = axe_session("samordnare.berg")
    session.goto(_first_commitment_path(session, berg_promise, "aktivitet/ny/"))
    assert_accessible(session.page, "activity form", swedish="Lägg till aktivitet")
    page = session.page
    page.fill("textarea[name=description]", "Trygghetsvandring i centrum")
    page.fill("input[name=period_start]", "2019-09-01")
    page.fill("input[name=period_end]", "2019-03-01")
    _submit(page)
    assert page.locator(".error-summary").count() == 1
    assert page.input_value("textarea[name=description]") == "Trygghetsvandring i centrum"
    assert_accessible(page, "activity form with errors", swedish="Slutdatum måste vara efter startdatum.")


def test_sign_page(axe_session, berg_promise):
    session = axe_session("lpo.jamtland")
    session.goto(f"/arbetsyta/medborgarlofte/{berg_promise}/")
    link = session.page.locator(f"a[href$='/medborgarlofte/{berg_promise}/version/1/underteckna/']")
    assert link.count() == 1
    session.goto(link.get_attribute("href"))
    assert_accessible(session.page, "sign page", swedish="Underteckna version 1")
    _submit(session.page)  # without the confirmation
    assert session.page.locator(".error-summary").count() == 1
    assert_accessible(session.page, "sign page with errors", swedish="Formuläret innehåller fel")


def test_members_form_and_its_errors(axe_session):
    session = axe_session("admin.ostersund")
    session.goto("/arbetsyta/")
    link = session.page.locator("main a[href^='/konto/organisation/'][href$='/medlemmar/']").first
    session.goto(link.get_attribute("href"))
    assert_accessible(session.page, "members page", swedish="Personer i")
    _submit(session.page)  # empty: the username is required
    assert session.page.locator(".error-summary").count() == 1
    assert_accessible(session.page, "members form with errors", swedish="Formuläret innehåller fel")


def test_password_change_form(axe_session):
    session = axe_session("samordnare.berg")
    session.goto("/konto/byt-losenord/")
    assert_accessible(session.page, "password change form", swedish="Byt lösenord")
