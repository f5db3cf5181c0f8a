from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("medborgarlofte/<int:pk>/", views.promise_followup, name="promise"),
    path("rapport/<int:pk>/", views.report_detail, name="report"),
    path("rapport/<int:pk>/aktivitet/<int:activity_pk>/", views.report_activity, name="report_activity"),
    path("atagande/<int:commitment_pk>/indikator/", views.indicator_edit, name="indicator"),
    path("indikator/<int:pk>/varde/", views.indicator_value, name="indicator_value"),
    path("indikator/<int:pk>/import/", views.indicator_import, name="indicator_import"),
    path("indikator/<int:pk>/statistik/", views.indicator_read_statistics, name="indicator_read_statistics"),
]
