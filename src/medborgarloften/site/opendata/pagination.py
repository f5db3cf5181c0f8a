"""Pages of records: ``limit`` and ``offset``, at most ``API_MAX_PAGE_SIZE`` a page, with the total and links in headers too."""

from django.conf import settings
from rest_framework.pagination import LimitOffsetPagination


class RecordPagination(LimitOffsetPagination):
    @property
    def default_limit(self):
        return settings.API_PAGE_SIZE

    @property
    def max_limit(self):
        # A view whose records are large (a survey area holds hundreds of result rows) may allow fewer a page.
        return min(settings.API_MAX_PAGE_SIZE, getattr(getattr(self, "view", None), "max_page_size", settings.API_MAX_PAGE_SIZE))

    def paginate_queryset(self, queryset, request, view=None):
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        # A CSV page has no room for the envelope: the total and the neighbouring pages travel as headers.
        response["X-Total-Count"] = str(self.count)
        links = [f'<{url}>; rel="{rel}"' for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link())) if url]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["required"] = ["count", "next", "previous", "results"]
        return schema
