from django.urls import path, re_path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("vad-ar-medborgarloften/", views.about, name="about"),
    re_path(r"^lan/(?P<code>[0-9]{2})-(?P<slug>[-a-z0-9]+)/$", views.county, name="county"),
    re_path(r"^kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/$", views.municipality, name="municipality"),
    path("medborgarlofte/<int:pk>/", views.promise, name="promise"),
]
