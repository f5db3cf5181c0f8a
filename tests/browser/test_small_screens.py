"""Every page at 320 CSS pixels (WCAG 1.4.10 Reflow): nothing wider than the screen, stacked table cells keep their labels.

The pages are found by walking the links of the demo, from the public start
pages and, signed in as Östersund's coordinator, from the workspace: one page
of every kind (addresses that differ only in their numbers count as one kind),
so a new page is checked as soon as something links to it. JavaScript is off,
as in the walk; the overflow is measured by the browser's own layout.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

WIDTH = 320
# Files, feeds, the admin and what signs out or changes state on GET are not pages to lay out.
SKIP = re.compile(r"(\.(pdf|csv|atom|json|xml|xlsx|zip|png|jpe?g|svg|ico)$)|^/(admin|static|media|sprak|api)/|/flode/$|/logga-ut/")
PUBLIC_SEEDS = [
    "/", "/vad-ar-medborgarloften/", "/tillganglighet/", "/personuppgifter/", "/verifiera/", "/konto/logga-in/",
    "/lan/23-jamtlands-lan/", "/lan/23-jamtlands-lan/?ar=2017", "/lan/23-jamtlands-lan/press/",
    "/lan/23-jamtlands-lan/uppfoljning/2017/", "/kommun/2380-ostersund/", "/kommun/2380-ostersund/uppfoljning/2017/",
    "/statistik/kommun/2380-ostersund/", "/kommun/2380-ostersund/synpunkter/", "/kommun/2380-ostersund/synpunkter/lamna/",
    "/kommun/2380-ostersund/dialoger/", "/kommun/2380-ostersund/platser/", "/enkat/",
]
WORKSPACE_SEEDS = ["/arbetsyta/", "/arbetsyta/medborgarlofte/", "/arbetsyta/medborgarlofte/nytt/", "/arbetsyta/dialoger/",
                   "/arbetsyta/dialoger/synpunkter/", "/arbetsyta/dialoger/observationer/", "/arbetsyta/enkater/",
                   "/konto/byt-losenord/"]
MAX_PAGES = 140

MEASURE = """() => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > %(width)d) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > %(width)d + 1 && r.width > 0 && getComputedStyle(el).position !== 'absolute') {
        wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.right) + 'px');
      }
    }
  }
  const bare = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const before = getComputedStyle(cell, '::before').content;
    if (before && before !== 'none' && before !== 'normal' && /^"\\s*:\\s*"$/.test(before)) {
      bare.push((cell.closest('table').className || 'table') + ': ' + cell.textContent.trim().slice(0, 40));
    }
  }
  // A stacked cell (a table shown as cards) without a column name, in a table whose header names its columns.
  for (const cell of document.querySelectorAll('table td')) {
    const table = cell.closest('table');
    if (getComputedStyle(cell).display !== 'block' || !table.querySelector('thead th + th')) continue;
    if (cell.hasAttribute('colspan') || !cell.textContent.trim() || cell.getAttribute('data-label')) continue;
    bare.push((table.className || 'table') + ' (no label): ' + cell.textContent.trim().slice(0, 40));
  }
  return {scrollWidth: doc.scrollWidth, wide: wide.slice(0, 8), bare: bare.slice(0, 8)};
}""" % {"width": WIDTH}


def _kind(path):
    """Pages of one kind: the same address but for its numbers and query values."""
    parts = urlsplit(path)
    query = "&".join(sorted({p.split("=")[0] for p in parts.query.split("&") if p} - {"sida"}))
    return re.sub(r"\d+(-[-a-z0-9]+)?", "N", parts.path) + ("?" + query if query else "")


def crawl(session, seeds, *, inside=None):
    """Visit ``seeds`` and then the pages they link to, one of each kind; return {path: measurement}."""
    page = session.page
    origin = urlsplit(session.base_url)
    queue, seen_kinds, results = list(seeds), set(), {}
    while queue and len(results) < MAX_PAGES:
        path = queue.pop(0)
        kind = _kind(path)
        if kind in seen_kinds and path not in seeds:
            continue
        seen_kinds.add(kind)
        response = page.goto(path)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        results[path] = page.evaluate(MEASURE)
        for href in page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            url = urlsplit(urljoin(page.url, href))
            if (url.scheme, url.netloc) != (origin.scheme, origin.netloc):
                continue
            target = url.path + ("?" + url.query if url.query else "")
            if SKIP.search(url.path) or (inside and not url.path.startswith(inside)):
                continue
            if _kind(target) not in seen_kinds:
                queue.append(target)
    return results


def _failures(results):
    lines = []
    for path, m in results.items():
        if m["scrollWidth"] > WIDTH:
            lines.append(f"{path}: {m['scrollWidth']} px wide; too wide: {', '.join(m['wide'])}")
        if m["bare"]:
            lines.append(f"{path}: stacked cells without a label: {'; '.join(m['bare'])}")
    return lines


@pytest.fixture(scope="module")
def narrow(browser, base_url):
    contexts = []

    def open_context(username=None):
        from .conftest import Session

        session = Session(browser, base_url)
        session.page.set_viewport_size({"width": WIDTH, "height": 800})
        contexts.append(session)
        if username:
            session.login(username)
        return session

    yield open_context
    for session in contexts:
        session.close()


def test_no_public_page_is_wider_than_320_pixels(narrow):
    results = crawl(narrow(), PUBLIC_SEEDS, inside=None)
    assert len(results) >= 25, sorted(results)
    assert not any(p.startswith("/arbetsyta/") for p in results)
    failures = _failures(results)
    assert not failures, f"{len(failures)} of {len(results)} public pages fail at {WIDTH} px:\n" + "\n".join(failures)


def test_no_workspace_page_of_a_coordinator_is_wider_than_320_pixels(narrow):
    results = crawl(narrow("samordnare.ostersund"), WORKSPACE_SEEDS, inside="/arbetsyta/")
    assert len(results) >= 25, sorted(results)
    failures = _failures(results)
    assert not failures, f"{len(failures)} of {len(results)} workspace pages fail at {WIDTH} px:\n" + "\n".join(failures)
