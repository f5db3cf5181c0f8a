from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from medborgarloften.areas.models import Organisation
from medborgarloften.core.forms import add_service_errors, posted

from . import services
from .forms import MemberForm
from .models import Membership


def _login_rate(group, request):
    return settings.LOGIN_RATE


def login_rate_limited(view):
    """Limit sign-in POSTs by address and by the username tried.

    Neither one client nor a spread-out attack on one account gets unlimited
    guesses. Used by the site's sign-in and the admin's.
    """
    view = ratelimit(group="login-username", key="post:username", rate=_login_rate, method="POST", block=True)(view)
    return ratelimit(group="login-ip", key="ip", rate=_login_rate, method="POST", block=True)(view)


@method_decorator(login_rate_limited, name="post")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("web:workspace")

    def form_valid(self, form):
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return super().form_valid(form)


def _organisation_for(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm("accounts.manage_memberships", organisation):
        raise PermissionDenied
    return organisation


@login_required
def members(request, pk):
    organisation = _organisation_for(request, pk)
    form = MemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.add_member(organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(person)s was added.") % {"person": membership.person})
            if password:
                messages.warning(request, _("One-time password for %(username)s: %(password)s — hand it over safely; it is shown only once.")
                                 % {"username": membership.person.username, "password": password})
            return redirect(reverse("accounts:members", kwargs={"pk": organisation.pk}))
    return render(request, "accounts/members.html", {
        "organisation": organisation,
        "memberships": Membership.objects.on().filter(organisation=organisation).select_related("person").order_by("person__last_name", "role"),
        "form": form,
    })


@login_required
def end_membership(request, pk):
    membership = get_object_or_404(Membership.objects.on().select_related("organisation", "person"), pk=pk)
    organisation = _organisation_for(request, membership.organisation_id)
    if request.method == "POST":
        services.end_membership(membership, by=request.user)
        messages.success(request, _("The role was ended."))
        return redirect(reverse("accounts:members", kwargs={"pk": organisation.pk}))
    return render(request, "accounts/end_membership.html", {"membership": membership, "organisation": organisation})
