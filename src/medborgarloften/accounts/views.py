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

from medborgarloften.areas.models import Organisation
from medborgarloften.core.forms import add_service_errors, posted

from . import services
from .forms import MemberForm
from .limits import login_rate_limited, remember_device
from .models import Membership, RoleGrant


@method_decorator(login_rate_limited, name="post")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(self.request, response, form.get_user().get_username())
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("web:workspace")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(self.request.user)
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return response


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
            result, password = services.add_member(organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if isinstance(result, RoleGrant):
                messages.success(request, _("The role for %(person)s is recorded and takes effect when another administrator confirms it.")
                                 % {"person": result.person})
            else:
                messages.success(request, _("%(person)s was added.") % {"person": result.person})
            if password:
                messages.warning(request, _("One-time password for %(username)s: %(password)s — hand it over safely; it is shown only once. "
                                            "It must be changed at first sign-in.")
                                 % {"username": result.person.username, "password": password})
            return redirect(reverse("accounts:members", kwargs={"pk": organisation.pk}))
    return render(request, "accounts/members.html", {
        "organisation": organisation,
        "memberships": Membership.objects.on().filter(organisation=organisation).select_related("person").order_by("person__last_name", "role"),
        "grants": RoleGrant.objects.filter(organisation=organisation, state=RoleGrant.State.PENDING)
        .select_related("person", "requested_by").order_by("requested_at"),
        "form": form,
    })


@login_required
def decide_grant(request, pk):
    """Confirm or refuse a pending role (POST with ``decision`` = confirm or refuse)."""
    grant = get_object_or_404(RoleGrant.objects.select_related("person", "organisation", "requested_by"), pk=pk,
                              state=RoleGrant.State.PENDING)
    if not request.user.has_perm("accounts.confirm_role_grant", grant.organisation):
        raise PermissionDenied
    decision = request.POST.get("decision") if request.method == "POST" else None
    if decision in ("confirm", "refuse"):
        try:
            if decision == "confirm":
                services.confirm_role_grant(grant, by=request.user)
                messages.success(request, _("The role was confirmed."))
            else:
                services.refuse_role_grant(grant, by=request.user)
                messages.success(request, _("The role was refused."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        target = "accounts:members" if request.user.has_perm("accounts.manage_memberships", grant.organisation) else "web:workspace"
        return redirect(reverse(target, kwargs={"pk": grant.organisation_id}) if target == "accounts:members" else reverse(target))
    return render(request, "accounts/decide_grant.html", {"grant": grant})


@login_required
def end_membership(request, pk):
    membership = get_object_or_404(Membership.objects.on().select_related("organisation", "person"), pk=pk)
    organisation = _organisation_for(request, membership.organisation_id)
    if request.method == "POST":
        services.end_membership(membership, by=request.user)
        messages.success(request, _("The role was ended."))
        return redirect(reverse("accounts:members", kwargs={"pk": organisation.pk}))
    return render(request, "accounts/end_membership.html", {"membership": membership, "organisation": organisation})
