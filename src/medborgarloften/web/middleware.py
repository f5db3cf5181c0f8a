"""Response headers Django's SecurityMiddleware does not set."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin ships inline scripts and styles that this policy would
        # block, so it is sent everywhere but there.
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if getattr(getattr(request, "user", None), "is_authenticated", False):
            # A signed-in person's page is theirs: no shared cache may keep it.
            response.headers.setdefault("Cache-Control", "private, no-cache")
        return response


class LanguageMiddleware:
    """Speak Swedish unless the visitor chose another language with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would
    show English to most people on an English-language computer; Swedish is the
    site's language, so only the explicit choice (the language cookie set by
    ``set_language``) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response


def client_ip(request):
    """Return the client's address for rate limits.

    With ``TRUSTED_PROXIES`` = n, the n-th address from the right of
    X-Forwarded-For is the one the outermost trusted proxy saw (addresses
    further left are whatever the client claimed).
    """
    if settings.TRUSTED_PROXIES:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= settings.TRUSTED_PROXIES:
            return forwarded[-settings.TRUSTED_PROXIES]
    return request.META["REMOTE_ADDR"]
