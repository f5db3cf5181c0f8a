"""The open data API under /api/v1/ (a later, incompatible version goes under /api/v2/ beside it) and its docs page."""

from django.urls import include, path
from rest_framework.urlpatterns import format_suffix_patterns

from . import views

v1 = format_suffix_patterns([
    path("counties/", views.Counties.as_view(), name="counties"),
    path("municipalities/", views.Municipalities.as_view(), name="municipalities"),
    path("promises/", views.Promises.as_view(), name="promises"),
    path("promises/<id:pk>/", views.PromiseDetail.as_view(), name="promise"),
    path("signatures/", views.Signatures.as_view(), name="signatures"),
    path("progress-reports/", views.ProgressReports.as_view(), name="progress_reports"),
    path("indicators/", views.Indicators.as_view(), name="indicators"),
    path("surveys/", views.Surveys.as_view(), name="surveys"),
    path("survey-results/", views.SurveyResults.as_view(), name="survey_results"),
    path("statistics/", views.Statistics.as_view(), name="statistics"),
    path("police-events/", views.PoliceEvents.as_view(), name="police_events"),
    path("population/", views.Population.as_view(), name="population"),
    path("comment-themes/", views.CommentThemes.as_view(), name="comment_themes"),
    path("dialogues/", views.Dialogues.as_view(), name="dialogues"),
    path("problem-pictures/", views.ProblemPictures.as_view(), name="problem_pictures"),
], allowed=["json", "csv"]) + [
    path("", views.Index.as_view(), name="index"),
    path("schema/", views.Schema.as_view(), name="schema"),
]

app_name = "opendata"

urlpatterns = [
    path("api/v1/", include((v1, "v1"))),
    path("oppna-data/", views.docs, name="docs"),
]
