"""Step 3 of the foundation issue, walked in Chromium with JavaScript switched off.

A coordinator drafts Östersund's 2018 promise from a copy of 2017, the two
signatories sign, an edit after a signature makes a new version that must be
signed again, the promise is published and the county page counts it.

Selectors use URLs, names and ids rather than visible text; the Swedish texts
are asserted separately, at the points a Swedish reader relies on them.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

OSTERSUND_CODE = "2380"
COUNTY = "/lan/23-jamtlands-lan/"
MUNICIPALITY = "/kommun/2380-ostersund/"

FOCUS_AREA = "Trygg resecentrum-miljö"
PLEDGE = "Polisen och kommunen lovar att göra resecentrum tryggare kvällstid."
ACTIVITY = "Gemensamma trygghetsvandringar vid resecentrum med Brottsofferjouren."
SITUATION = "Oro för ordningsstörningar vid resecentrum kvällstid (tillägg efter första underskriften)."

KSO = {"name": "Anna Berglund", "title": "Kommunstyrelsens ordförande", "organisation": "Östersunds kommun"}
LPO = {"name": "Johan Ek", "title": "Lokalpolisområdeschef", "organisation": "Lokalpolisområde Östersund"}

END_BEFORE_START = "Slutdatum måste vara efter startdatum."


def _workspace_pk(url):
    match = re.search(r"/arbetsyta/medborgarlofte/(\d+)/$", url)
    assert match, f"not on a promise's workspace page: {url}"
    return int(match.group(1))


def _submit(page, form_selector="main form.form"):
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def _ostersund_2017_path(session):
    session.goto(MUNICIPALITY)
    link = session.page.locator("main table a[href^='/medborgarlofte/']").filter(has_text="2017")
    assert link.count() == 1, "the municipality page should list exactly one 2017 promise"
    return link.get_attribute("href")


def _activity_rows(page):
    """(description, responsible, extent) of each activity: what a copy keeps (periods and status start afresh)."""
    rows = []
    for row in page.locator("table.activities tbody tr").all():
        cells = row.locator("td")
        rows.append(tuple(cells.nth(i).inner_text().split("\n")[0].strip() for i in range(3)))
    return rows


def _signatures_section(page):
    return page.locator("section[aria-labelledby=signatures-heading]")


def _sign(session, pk, number):
    """Open the detail page, follow 'Sign version N', confirm and submit."""
    session.goto(f"/arbetsyta/medborgarlofte/{pk}/")
    link = session.page.locator(f"a[href='/arbetsyta/medborgarlofte/{pk}/version/{number}/underteckna/']")
    assert link.count() == 1, f"no link to sign version {number} for this person"
    assert link.inner_text().strip() == f"Underteckna version {number}"
    with session.page.expect_navigation():
        link.click()
    session.confirm_identity_if_asked()
    # The sign page shows the exact text and hash being signed.
    assert session.page.locator("main code.hash").count() >= 1
    session.page.check("input[name=confirm]")
    _submit(session.page)
    assert _workspace_pk(session.page.url) == pk


def test_step3_draft_sign_edit_resign_publish(open_session):
    anonymous = open_session()
    previous_path = _ostersund_2017_path(anonymous)
    anonymous.goto(previous_path)
    focus_areas_2017 = [t.strip() for t in anonymous.page.locator("section.commitment h3").all_inner_texts()]
    assert focus_areas_2017, "the 2017 promise should have commitments to copy"
    activities_2017 = _activity_rows(anonymous.page)
    assert any(row[1] for row in activities_2017)
    anonymous.goto(f"{COUNTY}?ar=2018")
    lead_2018_before = anonymous.page.locator("main p.lead").inner_text()
    assert "0 av 8 kommuner har undertecknat sina medborgarlöften för 2018." in lead_2018_before, lead_2018_before

    # --- The coordinator drafts the 2018 promise as a copy of 2017 ------------
    coordinator = open_session("samordnare.ostersund")
    page = coordinator.page
    coordinator.goto("/arbetsyta/")
    with page.expect_navigation():
        page.locator("main a[href='/arbetsyta/medborgarlofte/nytt/']").click()
    ostersund = page.locator("label:has(input[name=municipalities])").filter(has_text="Östersund").locator("input")
    assert ostersund.count() == 1
    ostersund.check()
    page.fill("input[name=valid_from]", "2018-01-01")
    page.fill("input[name=valid_to]", "2018-12-31")
    assert not page.is_checked("input[name=until_replaced]")
    options = page.locator("select[name=based_on] option")
    copy_of = [o.get_attribute("value") for o in options.all() if "Östersund" in o.inner_text() and "2017" in o.inner_text()]
    assert len(copy_of) == 1, options.all_inner_texts()
    page.select_option("select[name=based_on]", copy_of[0])
    _submit(page)
    pk = _workspace_pk(page.url)
    detail = f"/arbetsyta/medborgarlofte/{pk}/"
    assert "2018" in page.locator("main h1").inner_text()
    copied = [t.strip() for t in page.locator("section.commitment h3").all_inner_texts()]
    assert copied == focus_areas_2017, "the copy should carry last year's commitments"
    assert _activity_rows(page) == activities_2017, "... and their activities, with responsible parties and partners"

    # --- ... adds a commitment ------------------------------------------------
    with page.expect_navigation():
        page.locator(f"a[href='{detail}atagande/nytt/']").click()
    page.fill("input[name=focus_area]", FOCUS_AREA)
    page.fill("textarea[name=pledge]", PLEDGE)
    _submit(page)
    assert page.url.endswith(detail)
    commitment = page.locator("section.commitment").filter(has=page.locator("h3", has_text=FOCUS_AREA))
    assert commitment.count() == 1
    assert PLEDGE in commitment.inner_text()

    # --- ... and an activity with a partner and a period; a rejected form keeps what was typed
    with page.expect_navigation():
        commitment.locator("a[href$='/aktivitet/ny/']").click()
    activity_form_url = page.url
    page.fill("textarea[name=description]", ACTIVITY)
    page.check("input[name=responsible][value=partners]")
    partner = page.locator("label:has(input[name=partners])").filter(has_text="Brottsofferjouren").locator("input")
    assert partner.count() == 1
    partner.check()
    page.fill("input[name=target_quantity]", "6")
    page.fill("input[name=unit]", "trygghetsvandringar")
    page.fill("input[name=places]", "Resecentrum")
    page.fill("input[name=period_start]", "2018-09-01")
    page.fill("input[name=period_end]", "2018-03-31")  # end before start
    _submit(page)
    assert page.url == activity_form_url, "a rejected form is shown again at the same address"
    summary = page.locator(".error-summary")
    assert summary.count() == 1 and END_BEFORE_START in summary.inner_text(), summary.all_inner_texts()
    field_error = page.locator(".field-error:has(input[name=period_end])")
    assert field_error.count() == 1 and END_BEFORE_START in field_error.inner_text()
    assert page.input_value("textarea[name=description]") == ACTIVITY
    assert page.is_checked("input[name=responsible][value=partners]")
    assert partner.is_checked()
    assert page.input_value("input[name=target_quantity]") == "6"
    assert page.input_value("input[name=unit]") == "trygghetsvandringar"
    assert page.input_value("input[name=period_start]") == "2018-09-01"
    assert page.input_value("input[name=period_end]") == "2018-03-31"
    page.fill("input[name=period_end]", "2018-10-31")
    _submit(page)
    assert page.url.endswith(detail)
    row = commitment.locator("table.activities tbody tr").filter(has_text=ACTIVITY)
    assert row.count() == 1
    assert "Brottsofferjouren" in row.inner_text()
    assert "2018" in row.inner_text()

    # --- Nobody outside the parties sees the draft ------------------------------
    berg = open_session("samordnare.berg")
    for path in (detail, f"{detail}andra/", f"{detail}atagande/nytt/"):
        response = berg.goto(path, expect_status=None)
        assert response.status in (403, 404), f"Berg's coordinator got {response.status} on {path}"
    assert anonymous.goto(f"/medborgarlofte/{pk}/", expect_status=None).status == 404

    # --- Send for signing: version 1 -------------------------------------------
    coordinator.goto(detail)
    send = page.locator(f"form[action='{detail}skicka-for-underskrift/'] button")
    assert send.inner_text().strip() == "Skicka för underskrift"
    _submit(page, f"form[action='{detail}skicka-for-underskrift/']")
    assert page.url.endswith(detail)
    assert page.locator("span.state-awaiting_signatures").count() == 1
    assert page.locator(f"a[href$='/version/1/underteckna/']").count() == 0, "an editor cannot sign"
    assert page.locator(f"form[action='{detail}publicera/']").count() == 0

    # --- The municipality's signatory signs version 1 ----------------------------
    kso = open_session("kso.ostersund")
    _sign(kso, pk, 1)
    assert KSO["name"] in _signatures_section(kso.page).inner_text()
    assert kso.page.locator(f"a[href$='/version/1/underteckna/']").count() == 0, "one signature per party"

    # --- An edit after that signature makes version 2; the signature no longer counts
    coordinator.goto(detail)
    with page.expect_navigation():
        page.locator(f"a[href='{detail}andra/']").click()
    assert page.locator("main p.notice").count() == 1, "the edit form warns that signatures will no longer count"
    page.fill("textarea[name=situation]", SITUATION)
    _submit(page)
    assert page.url.endswith(detail)
    assert page.locator("span.state-awaiting_signatures").count() == 1
    assert re.search(r"version 2\b", page.locator("main p.status-line").inner_text(), re.I)
    assert KSO["name"] not in _signatures_section(page).inner_text()
    waiting_for = page.locator("section[aria-labelledby=actions-heading] strong").all_inner_texts()
    assert KSO["organisation"] in waiting_for and LPO["organisation"] in waiting_for
    versions = page.locator("section[aria-labelledby=versions-heading] tbody tr")
    assert versions.count() == 2
    assert KSO["name"] in versions.filter(has=page.locator("th", has_text=re.compile(r"^1$"))).inner_text()
    assert KSO["name"] not in versions.filter(has=page.locator("th", has_text=re.compile(r"^2$"))).inner_text()

    kso.goto(detail)
    assert kso.page.locator(f"a[href$='/version/1/underteckna/']").count() == 0, "version 1 can no longer be signed"
    _sign(kso, pk, 2)

    # --- The local police area chief signs version 2 ----------------------------
    lpo = open_session("lpo.ostersund")
    _sign(lpo, pk, 2)
    assert lpo.page.locator("span.state-signed").count() == 1
    signatures = _signatures_section(lpo.page).inner_text()
    assert KSO["name"] in signatures and LPO["name"] in signatures

    # --- Publish ---------------------------------------------------------------
    coordinator.goto(detail)
    assert page.locator(f"form[action='{detail}publicera/'] button").inner_text().strip() == "Publicera"
    _submit(page, f"form[action='{detail}publicera/']")
    assert page.url.endswith(f"/medborgarlofte/{pk}/") and "/arbetsyta/" not in page.url

    # --- The public promise page shows both signatures ----------------------------
    anonymous.goto(f"/medborgarlofte/{pk}/")
    apage = anonymous.page
    assert "2018" in apage.locator("main h1").inner_text()
    assert FOCUS_AREA in apage.locator("main").inner_text()
    assert ACTIVITY in apage.locator("main").inner_text()
    assert SITUATION in apage.locator("main").inner_text()
    items = _signatures_section(apage).locator("li")
    assert items.count() == 2
    assert apage.locator("#signatures-heading").inner_text().strip() == "Underskrifter"
    today = {datetime.datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat(),
             datetime.datetime.now(datetime.timezone.utc).date().isoformat()}
    for person in (KSO, LPO):
        item = items.filter(has_text=person["name"])
        assert item.count() == 1
        text = item.inner_text()
        assert person["title"] in text and person["organisation"] in text, text
        assert item.locator("time").get_attribute("datetime")[:10] in today
        assert item.locator("time").inner_text().strip()

    # --- The county page counts Östersund for 2018, and 2017 is unchanged ---------
    anonymous.goto(f"{COUNTY}?ar=2018")
    lead = apage.locator("main p.lead").inner_text()
    assert "1 av 8 kommuner har undertecknat sina medborgarlöften för 2018." in lead, lead
    ostersund_row = apage.locator("main table tbody tr").filter(has=apage.locator("th", has_text="Östersund"))
    assert ostersund_row.locator(f"a[href='/medborgarlofte/{pk}/']").count() == 1
    anonymous.goto(f"{COUNTY}?ar=2017")
    lead = apage.locator("main p.lead").inner_text()
    assert "8 av 8 kommuner har undertecknat sina medborgarlöften för 2017." in lead, lead
    anonymous.goto(MUNICIPALITY)
    assert apage.locator(f"main a[href='/medborgarlofte/{pk}/']").count() == 1
