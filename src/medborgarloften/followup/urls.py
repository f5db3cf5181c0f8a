from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("medborgarlofte/<id:pk>/", views.promise_followup, name="promise"),
    path("rapport/<id:pk>/", views.report_detail, name="report"),
    path("rapport/<id:pk>/aktivitet/<id:activity_pk>/", views.report_activity, name="report_activity"),
    path("atagande/<id:commitment_pk>/indikator/", views.indicator_edit, name="indicator"),
    path("indikator/<id:pk>/varde/", views.indicator_value, name="indicator_value"),
    path("indikator/<id:pk>/import/", views.indicator_import, name="indicator_import"),
    path("indikator/<id:pk>/statistik/", views.indicator_read_statistics, name="indicator_read_statistics"),
]
