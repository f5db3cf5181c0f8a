"""Public pages served from memory, correct within a second of any change.

Anonymous GET and HEAD requests for public pages are answered from a small
per-process store of rendered responses before any other middleware runs:
no session, no database, no template. A stored page is valid for one
*generation* of public content: every change the services make writes an
audit entry, and each audit entry (and each bulk import, which calls
``bump_generation`` itself) moves the generation on in the shared cache
(Redis in production, the database cache in the demo). Each process reads
the shared generation at most once a second, so a publication, a signature,
a follow-up report or a renamed organisation shows on every page within a
second, in every process.

Responses carry a strong ETag and ``Last-Modified``, so conditional GETs get
304; ``Cache-Control: public, max-age=1`` lets browsers and a shared cache (a
CDN in front of several app hosts) store them for that second. Only pages
without cookies are stored, and they hold no secret (no CSRF token, no
session), so compressing them is safe from BREACH: they are stored gzipped
too and sent so to clients that accept it.
"""

import gzip
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag

GENERATION_KEY = "public-pages:generation"
# How long a process trusts the generation it read (seconds): the staleness bound.
GENERATION_TTL = 1.0
MAX_PAGES = 1000
MIN_GZIP = 200

_lock = threading.Lock()
_pages = OrderedDict()
_generation = {"value": None, "read_at": 0.0}


def bump_generation():
    """Say that public content changed: every stored page is stale from now on (in every process within a second)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)
    # This process sees its own change at once.
    _generation["read_at"] = 0.0


def current_generation():
    """Return the generation of public content, read from the shared cache at most once per GENERATION_TTL."""
    now = time.monotonic()
    if _generation["value"] is None or now - _generation["read_at"] >= GENERATION_TTL:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            value = cache.get(GENERATION_KEY, 1)
        _generation["value"], _generation["read_at"] = value, now
    return _generation["value"]


def clear():
    """Forget every stored page in this process (tests)."""
    with _lock:
        _pages.clear()
    _generation["value"], _generation["read_at"] = None, 0.0


class StoredPage:
    __slots__ = ("status", "headers", "body", "gzipped", "etag", "last_modified")

    def __init__(self, response):
        self.status = response.status_code
        self.body = response.content
        self.etag = quote_etag(hashlib.sha256(self.body).hexdigest()[:32])
        self.last_modified = http_date()
        self.headers = [(k, v) for k, v in response.headers.items()
                        if k.lower() not in ("content-length", "etag", "last-modified", "cache-control", "vary")]
        compressed = gzip.compress(self.body, compresslevel=6, mtime=0) if len(self.body) >= MIN_GZIP else None
        self.gzipped = compressed if compressed and len(compressed) < len(self.body) else None


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in (or was): the page may show a name, messages, a sign-out form
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in settings.PUBLIC_PAGE_CACHE_EXCLUDE)


def _not_modified(request, page):
    """True if the client's copy is this page: its ETag matches, or (without one) it is not older than the page."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return any(tag.strip() in (page.etag, f"W/{page.etag}", "*") for tag in if_none_match.split(","))
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and since >= parse_http_date_safe(page.last_modified)


def _key(request, generation):
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return (generation, request.path_info, request.META.get("QUERY_STRING", ""), language)


class PublicPageCacheMiddleware:
    """Serve anonymous public pages from memory (see the module docstring); place it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PUBLIC_PAGE_CACHE or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        with _lock:
            page = _pages.get(key)
            if page is not None:
                _pages.move_to_end(key)
        if page is None:
            response = self.get_response(request)
            if not self._storable(request, response):
                return response
            page = StoredPage(response)
            with _lock:
                _pages[key] = page
                while len(_pages) > MAX_PAGES:
                    _pages.popitem(last=False)
        return self._respond(request, page)

    @staticmethod
    def _storable(request, response):
        return (
            response.status_code == 200
            # A page that asked for a CSRF token holds one: it is the visitor's own, never shared.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
            and not getattr(response, "public_page_cache_exempt", False)
        )

    @staticmethod
    def _respond(request, page):
        from django.http import HttpResponse, HttpResponseNotModified

        if _not_modified(request, page):
            response = HttpResponseNotModified()
        else:
            accepts_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
            body = page.gzipped if accepts_gzip and page.gzipped else page.body
            response = HttpResponse(b"" if request.method == "HEAD" else body, status=page.status)
            for header, value in page.headers:
                response[header] = value
            response["Content-Length"] = str(len(body))
            if body is page.gzipped:
                response["Content-Encoding"] = "gzip"
        response["ETag"] = page.etag
        response["Last-Modified"] = page.last_modified
        response["Cache-Control"] = settings.PUBLIC_PAGE_CACHE_CONTROL
        patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
        return response
