from django.urls import path

from . import views

app_name = "problems"

urlpatterns = [
    path("", views.picture_list, name="list"),
    path("ny/", views.picture_create, name="create"),
    path("<int:pk>/", views.picture_detail, name="detail"),
    path("<int:pk>/problem/ny/", views.problem_create, name="add_problem"),
    path("<int:pk>/foresla/", views.suggest, name="suggest"),
    path("<int:pk>/prioritering/", views.priorities, name="priorities"),
    path("<int:pk>/godkann/", views.approve, name="approve"),
    path("problem/<int:pk>/", views.problem_update, name="problem"),
    path("problem/<int:pk>/underlag/", views.link_evidence, name="link_evidence"),
    path("underlag/<int:pk>/ta-bort/", views.unlink_evidence, name="unlink_evidence"),
    path("underlag/<int:pk>/uppdatera/", views.refresh_evidence, name="refresh_evidence"),
    path("forslag/<int:pk>/<str:action>/", views.decide_suggestion, name="decide"),
]
