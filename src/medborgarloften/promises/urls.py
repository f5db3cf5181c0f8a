from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("medborgarlofte/", views.promise_list, name="list"),
    path("medborgarlofte/nytt/", views.create, name="create"),
    path("medborgarlofte/nytt/utga-fran/", views.start_from, name="start_from"),
    path("medborgarlofte/<int:pk>/", views.detail, name="detail"),
    path("medborgarlofte/<int:pk>/andra/", views.edit, name="edit"),
    path("medborgarlofte/<int:pk>/atagande/nytt/", views.commitment_create, name="commitment_create"),
    path("medborgarlofte/<int:pk>/godkann/", views.approve, name="approve"),
    path("medborgarlofte/<int:pk>/skicka-for-underskrift/", views.send_for_signing, name="send_for_signing"),
    path("medborgarlofte/<int:pk>/version/<int:number>/underteckna/", views.sign, name="sign"),
    path("medborgarlofte/<int:pk>/publicera/", views.publish, name="publish"),
    path("medborgarlofte/<int:pk>/forlang/", views.extend, name="extend"),
    path("medborgarlofte/<int:pk>/forlang/godkann/", views.agree_to_extension, name="agree_to_extension"),
    path("medborgarlofte/<int:pk>/undertecknat-pa-papper/", views.register_on_paper, name="register_on_paper"),
    path("medborgarlofte/<int:pk>/aterkalla/", views.withdraw, name="withdraw"),
    path("atagande/<int:pk>/andra/", views.commitment_edit, name="commitment_edit"),
    path("atagande/<int:pk>/ta-bort/", views.commitment_delete, name="commitment_delete"),
    path("atagande/<int:pk>/aktivitet/ny/", views.activity_create, name="activity_create"),
    path("aktivitet/<int:pk>/andra/", views.activity_edit, name="activity_edit"),
    path("aktivitet/<int:pk>/ta-bort/", views.activity_delete, name="activity_delete"),
]
