from django.urls import path, re_path

from . import views

app_name = "site_documents"

COUNTY = r"lan/(?P<code>[0-9]{2})-(?P<slug>[-a-z0-9]+)"
MUNICIPALITY = r"kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)"

urlpatterns = [
    path("verifiera/", views.verify, name="verify"),
    path("medborgarlofte/<id:pk>/dokument.pdf", views.promise_document, name="promise"),
    re_path(rf"^{MUNICIPALITY}/uppfoljning/(?P<year>[0-9]{{4}})/dokument\.pdf$", views.municipality_followup_document,
            name="municipality_followup"),
    re_path(rf"^{COUNTY}/uppfoljning/(?P<year>[0-9]{{4}})/dokument\.pdf$", views.county_followup_document,
            name="county_followup"),
    path("arbetsyta/problembild/<id:pk>/lagesbild.pdf", views.situation_report_document, name="situation_report"),
    path("arbetsyta/problembild/<id:pk>/atgardsplan.pdf", views.action_plan_document, name="action_plan"),
    re_path(rf"^{COUNTY}/press/$", views.press, name="press_latest"),
    re_path(rf"^{COUNTY}/press/(?P<year>[0-9]{{4}})/$", views.press, name="press"),
]
