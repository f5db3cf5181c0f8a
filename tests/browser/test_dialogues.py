"""Residents' comments in Chromium: left with JavaScript off, moderated, published; pages checked with axe-core.

The demo server has no tile server configured (MAP_TILE_URL is empty), so
its pages are the list grouped by place; the map script is checked on its
own page with a tile server that Playwright answers itself, so nothing is
fetched from the network.
"""

import base64
import json
import re

import pytest

from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

MUNICIPALITY = "/kommun/2380-ostersund/"
FORM = "/kommun/2380-ostersund/synpunkter/lamna/"
TEXT = "Gatlyktorna i gångtunneln vid Resecentrum är trasiga och det känns otryggt. Ring Olle Bengtsson 070-555 12 34."
# A 1 × 1 transparent PNG: what the fake tile server answers.
TILE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def _submit(page, selector="main form.comment-form"):
    with page.expect_navigation():
        page.locator(f"{selector} button[type=submit]").first.click()


@pytest.fixture(scope="module")
def left_comment(open_session):
    """A resident leaves a comment without JavaScript: a first attempt with an error, then the accepted one."""
    resident = open_session()
    page = resident.page
    resident.goto(MUNICIPALITY)
    with page.expect_navigation():
        page.locator(f"a[href='{FORM}']").first.click()
    assert page.url.endswith(FORM)
    page.fill("textarea[name=text]", TEXT)
    page.select_option("select[name=time_of_day]", "evening")
    page.fill("input[name=contact_email]", "olle@example.se")  # contact details without the consent box
    _submit(page)
    assert page.locator(".error-summary").count() == 1
    assert page.input_value("textarea[name=text]") == TEXT
    assert page.input_value("input[name=contact_email]") == "olle@example.se"
    assert page.input_value("select[name=time_of_day]") == "evening"
    assert "Kryssa i rutan" in page.locator(".error-summary").inner_text()
    page.check("input[name=consent]")
    _submit(page)
    assert page.url.endswith("/kommun/2380-ostersund/synpunkter/tack/")
    assert "Tack för din synpunkt" in page.locator("h1").inner_text()
    assert "Ring Olle Bengtsson" in page.locator("main").inner_text()
    return TEXT


def test_a_resident_comments_without_javascript_and_a_moderator_publishes_it(open_session, left_comment):
    public = open_session()
    public.goto("/kommun/2380-ostersund/synpunkter/")
    assert "gångtunneln vid Resecentrum" not in public.page.locator("main").inner_text()

    moderator = open_session("samordnare.ostersund")
    page = moderator.page
    moderator.goto("/arbetsyta/dialoger/synpunkter/granska/")
    item = page.locator("article.moderation-item").filter(has_text="gångtunneln vid Resecentrum")
    assert item.count() == 1
    assert "Olle Bengtsson" in item.locator("mark").all_inner_texts()
    with page.expect_navigation():
        item.locator("a[href$='/publicera/']").click()
    suggested = page.input_value("textarea[name=published_text]")
    assert "Olle Bengtsson" not in suggested and "[namn]" in suggested and "[telefonnummer]" in suggested
    page.fill("textarea[name=published_text]", suggested.replace(" Ring [namn] [telefonnummer].", ""))
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").first.click()
    assert page.url.endswith("/arbetsyta/dialoger/synpunkter/granska/")

    public.goto("/kommun/2380-ostersund/synpunkter/")
    text = public.page.locator("main").inner_text()
    assert "Gatlyktorna i gångtunneln vid Resecentrum är trasiga och det känns otryggt." in text
    assert "Olle" not in text and "070-555" not in text


@pytest.fixture(scope="module")
def axe(open_session):
    sessions = {}

    def get(username=None):
        if username not in sessions:
            sessions[username] = open_session(username, javascript=True)
        return sessions[username]

    return get


def test_the_comment_form_and_its_errors_are_accessible(axe):
    session = axe()
    session.goto(FORM)
    assert_accessible(session.page, "comment form", swedish="Lämna en synpunkt till Östersund")
    session.page.fill("textarea[name=text]", "Mörkt vid Frösöbron")
    session.page.fill("input[name=latitude]", "63.1")
    session.page.fill("input[name=contact_phone]", "070-111 22 33")
    _submit(session.page)
    assert session.page.locator(".error-summary a").count() >= 2
    assert_accessible(session.page, "comment form with errors", swedish="Formuläret innehåller fel")


def test_the_thank_you_page_is_accessible(axe, left_comment):
    session = axe()
    session.goto(FORM)
    session.page.fill("textarea[name=text]", "Skräp vid Storsjöstrand efter helgerna.")
    _submit(session.page)
    assert_accessible(session.page, "thank-you page", swedish="Tack för din synpunkt")


PUBLIC_PAGES = {
    "comments": ("/kommun/2380-ostersund/synpunkter/", "Synpunkter i Östersund"),
    "places": ("/kommun/2380-ostersund/platser/", "Synpunkter och observationer per plats i Östersund"),
    "dialogues": ("/kommun/2380-ostersund/dialoger/", "Dialoger i Östersund"),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_are_accessible(axe, name):
    path, swedish = PUBLIC_PAGES[name]
    session = axe()
    session.goto(path)
    assert_accessible(session.page, name, swedish=swedish)


def test_the_safety_walk_page_is_accessible(axe):
    session = axe()
    session.goto("/kommun/2380-ostersund/dialoger/")
    with session.page.expect_navigation():
        session.page.locator("main table a").filter(has_text="Trygghetsvandring").first.click()
    assert_accessible(session.page, "safety walk", swedish="Det vandringen hittade")
    assert "Åtgärdad" in session.page.locator("main").inner_text()


WORKSPACE_PAGES = {
    "moderation queue": ("/arbetsyta/dialoger/synpunkter/granska/", "Synpunkter att granska"),
    "dialogues": ("/arbetsyta/dialoger/", "Dialoger"),
    "observations": ("/arbetsyta/dialoger/observationer/", "Observationer som inte är åtgärdade"),
    "themes": ("/arbetsyta/dialoger/kommun/2380/teman/", "Teman: Östersund"),
    "new dialogue": ("/arbetsyta/dialoger/ny/", "Ny dialog"),
}


@pytest.mark.parametrize("name", WORKSPACE_PAGES)
def test_workspace_pages_are_accessible(axe, name):
    path, swedish = WORKSPACE_PAGES[name]
    session = axe("samordnare.ostersund")
    session.goto(path)
    assert_accessible(session.page, name, swedish=swedish)


def test_the_map_script_draws_the_places_from_the_list(axe):
    """With a tile server set, map.js puts a Leaflet map above the list; here Playwright serves the tiles."""
    session = axe()
    page = session.page
    session.goto("/kommun/2380-ostersund/platser/")
    static = {
        name: page.evaluate("base => new URL(base, location.href).href", f"/static/dialogues/{name}")
        for name in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "map.js")
    }
    site_css = page.evaluate("() => document.querySelector('link[rel=stylesheet]').href")
    requested = []
    page.route("https://tiles.example.invalid/**", lambda route: (requested.append(route.request.url),
                                                                  route.fulfill(body=TILE, content_type="image/png")))
    points = [{"name": "Stortorget", "lat": 63.17583, "lon": 14.63694, "comments": 3, "observations": 1, "anchor": "plats-1"},
              {"name": "Frösöbron", "lat": 63.1818, "lon": 14.6215, "comments": 0, "observations": 2, "anchor": "plats-2"}]
    page.set_content(
        f'<html lang="sv"><head><link rel="stylesheet" href="{static["vendor/leaflet/leaflet.css"]}"><link rel="stylesheet" href="{site_css}"></head><body><main>'
        f'<div class="place-groups" data-map-points=\'{json.dumps(points)}\' '
        f'data-map-tiles="https://tiles.example.invalid/{{z}}/{{x}}/{{y}}.png" data-map-label="Karta">'
        f'<section id="plats-1"><h2>Stortorget</h2></section></div></main>'
        f'<script src="{static["vendor/leaflet/leaflet.js"]}"></script><script src="{static["map.js"]}"></script></body></html>')
    page.wait_for_selector(".dialogues-map .leaflet-interactive")
    assert page.locator(".dialogues-map").get_attribute("role") == "region"
    assert page.locator(".dialogues-map path.leaflet-interactive").count() == 2
    assert page.locator(".place-groups section#plats-1").count() == 1  # the list stays
    page.locator(".dialogues-map path.leaflet-interactive").first.click()
    assert re.search(r"3 synpunkter|3 comments", page.locator(".leaflet-popup-content").inner_text())
    assert requested and all(url.startswith("https://tiles.example.invalid/") for url in requested)
