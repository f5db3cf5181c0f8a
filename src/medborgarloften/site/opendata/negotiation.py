"""Choose JSON or CSV from the address alone (``?format=csv`` or a ``.csv`` suffix), never from ``Accept``.

An address then always means one representation, so browsers and shared
caches can store answers without ``Vary: Accept``, and a client that sends
``Accept: text/html`` (a browser) still gets JSON.
"""

from django.http import Http404
from rest_framework.negotiation import BaseContentNegotiation


class FormatOnlyNegotiation(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        fmt = format_suffix or request.query_params.get("format")
        if fmt:
            for renderer in renderers:
                if renderer.format == fmt:
                    return renderer, renderer.media_type
            raise Http404
        renderer = renderers[0]
        return renderer, renderer.media_type
