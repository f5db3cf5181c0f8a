"""Rate limits for the anonymous API, counted per client address in the shared cache.

The limit is ``API_RATE`` (e.g. ``120/m``), read at each request; the client's
address is the one the outermost trusted proxy saw (``TRUSTED_PROXIES``, as
for every other rate limit). ``RATELIMIT_ENABLE`` switches every rate limit
of the project off at once (the tests do).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from medborgarloften.web.middleware import client_ip


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "api"
    cache_format = "api-throttle:%(ident)s"

    def __init__(self):
        # SimpleRateThrottle reads a rate per scope from REST_FRAMEWORK at start-up; ours is read per request
        # (allow_request), so API_RATE can be changed like any other setting.
        pass

    def allow_request(self, request, view):
        if not settings.RATELIMIT_ENABLE:
            return True
        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"ident": client_ip(request)}
