from django.urls import re_path

from . import public_views

app_name = "followup_public"

urlpatterns = [
    re_path(r"^kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/uppfoljning/(?P<year>[0-9]{4})/$",
            public_views.municipality_year, name="municipality_year"),
    re_path(r"^lan/(?P<code>[0-9]{2})-(?P<slug>[-a-z0-9]+)/uppfoljning/(?P<year>[0-9]{4})/$",
            public_views.county_year, name="county_year"),
]
