from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("vad-ar-medborgarloften/", views.about, name="about"),
    path("lan/<str:code>-<slug:slug>/", views.county, name="county"),
    path("kommun/<str:code>-<slug:slug>/", views.municipality, name="municipality"),
    path("medborgarlofte/<int:pk>/", views.promise, name="promise"),
]
