from django.urls import path

from . import views

app_name = "problems"

urlpatterns = [
    path("", views.picture_list, name="list"),
    path("ny/", views.picture_create, name="create"),
    path("<id:pk>/", views.picture_detail, name="detail"),
    path("<id:pk>/problem/ny/", views.problem_create, name="add_problem"),
    path("<id:pk>/foresla/", views.suggest, name="suggest"),
    path("<id:pk>/prioritering/", views.priorities, name="priorities"),
    path("<id:pk>/godkann/", views.approve, name="approve"),
    path("problem/<id:pk>/", views.problem_update, name="problem"),
    path("problem/<id:pk>/underlag/", views.link_evidence, name="link_evidence"),
    path("underlag/<id:pk>/ta-bort/", views.unlink_evidence, name="unlink_evidence"),
    path("underlag/<id:pk>/uppdatera/", views.refresh_evidence, name="refresh_evidence"),
    path("forslag/<id:pk>/<str:action>/", views.decide_suggestion, name="decide"),
]
