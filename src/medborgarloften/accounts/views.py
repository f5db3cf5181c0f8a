from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit


def _login_rate(group, request):
    from django.conf import settings

    return settings.LOGIN_RATE


# Limit by address and by the username tried, so neither one client nor a
# spread-out attack on one account gets unlimited guesses.
@method_decorator(ratelimit(key="ip", rate=_login_rate, method="POST", block=True), name="post")
@method_decorator(ratelimit(key="post:username", rate=_login_rate, method="POST", block=True), name="post")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("promises:workspace")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)
