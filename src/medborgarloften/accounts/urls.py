from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("tvastegsverifiering/", views.two_factor, name="two_factor"),
    path("tvastegsverifiering/kod/", views.two_factor_verify, name="two_factor_verify"),
    path("bekrafta-identitet/", views.reauthenticate, name="reauthenticate"),
    path("sessioner/", views.my_sessions, name="sessions"),
    path("byt-losenord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("organisation/<id:pk>/medlemmar/", views.members, name="members"),
    path("roll/<id:pk>/bekrafta/", views.decide_grant, name="decide_grant"),
    path("medlemskap/<id:pk>/avsluta/", views.end_membership, name="end_membership"),
]
