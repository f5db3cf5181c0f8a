from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("vad-ar-medborgarloften/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personuppgifter/", views.personal_data, name="personal_data"),
    re_path(r"^lan/(?P<code>[0-9]{2})-(?P<slug>[-a-z0-9]+)/$", views.county, name="county"),
    re_path(r"^kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/$", views.municipality, name="municipality"),
    path("medborgarlofte/<int:pk>/", views.promise, name="promise"),
    path("aktiviteter/", views.activity_library, name="activity_library"),
    path("flode.atom", feeds.NationalFeed(), name="feed"),
    re_path(r"^lan/(?P<code>[0-9]{2})-(?P<slug>[-a-z0-9]+)/flode\.atom$", feeds.CountyFeed(), name="county_feed"),
    re_path(r"^kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/flode\.atom$", feeds.MunicipalityFeed(), name="municipality_feed"),
    path("medborgarlofte/<int:pk>/flode.atom", feeds.PromiseFeed(), name="promise_feed"),
    path("arbetsyta/problembild/<int:pk>/lagesbild/", views.situation_report, name="situation_report"),
    path("arbetsyta/problembild/<int:pk>/atgardsplan/", views.action_plan, name="action_plan"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
