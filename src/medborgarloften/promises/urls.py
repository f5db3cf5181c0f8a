from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("medborgarlofte/", views.promise_list, name="list"),
    path("medborgarlofte/nytt/", views.create, name="create"),
    path("medborgarlofte/nytt/utga-fran/", views.start_from, name="start_from"),
    path("medborgarlofte/<id:pk>/", views.detail, name="detail"),
    path("medborgarlofte/<id:pk>/andra/", views.edit, name="edit"),
    path("medborgarlofte/<id:pk>/atagande/nytt/", views.commitment_create, name="commitment_create"),
    path("medborgarlofte/<id:pk>/godkann/", views.approve, name="approve"),
    path("medborgarlofte/<id:pk>/skicka-for-underskrift/", views.send_for_signing, name="send_for_signing"),
    path("medborgarlofte/<id:pk>/version/<id:number>/underteckna/", views.sign, name="sign"),
    path("medborgarlofte/<id:pk>/version/<id:number>/avboj/", views.decline, name="decline"),
    path("medborgarlofte/<id:pk>/publicera/", views.publish, name="publish"),
    path("medborgarlofte/<id:pk>/forlang/", views.extend, name="extend"),
    path("medborgarlofte/<id:pk>/forlang/godkann/", views.agree_to_extension, name="agree_to_extension"),
    path("medborgarlofte/<id:pk>/undertecknat-pa-papper/", views.register_on_paper, name="register_on_paper"),
    path("medborgarlofte/<id:pk>/aterkalla/", views.withdraw, name="withdraw"),
    path("atagande/<id:pk>/andra/", views.commitment_edit, name="commitment_edit"),
    path("atagande/<id:pk>/ta-bort/", views.commitment_delete, name="commitment_delete"),
    path("atagande/<id:pk>/aktivitet/ny/", views.activity_create, name="activity_create"),
    path("aktivitet/<id:pk>/andra/", views.activity_edit, name="activity_edit"),
    path("aktivitet/<id:pk>/ta-bort/", views.activity_delete, name="activity_delete"),
]
