from django.urls import path

from . import views

app_name = "scope"

urlpatterns = [
    path("", views.partner_list, name="partners"),
    path("ny/", views.partner_create, name="partner_create"),
    path("<id:pk>/andra/", views.partner_edit, name="partner_edit"),
    path("polisens-organisation/", views.police_structure, name="police_structure"),
    path("polisens-organisation/kommun/<str:code>/", views.move_municipality, name="move_municipality"),
]
