from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from medborgarloften.areas.models import Organisation
from medborgarloften.core.forms import add_service_errors, posted

from . import services, twofactor
from .forms import CodeForm, MemberForm, ReauthenticateForm, SetupCodeForm
from .limits import login_rate_limited, remember_device
from .models import Membership, RoleGrant


@method_decorator(login_rate_limited, name="post")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(self.request, response, form.get_user().get_username())
        # The password is proven; with a device, the code is asked next (TwoFactorMiddleware) and counts then.
        twofactor.mark_authenticated(self.request)
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
        raise Http404  # nobody learns of another organisation's pending roles
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
        if request.user.has_perm("accounts.manage_memberships", grant.organisation):
            return redirect("accounts:members", pk=grant.organisation_id)
        return redirect("web:workspace")
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


def _next_url(request, default="web:workspace"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def _code_rate_limited(request):
    """Codes per person (and per address): the device's own throttling slows guesses further."""
    return is_ratelimited(request, group="two-factor", key=lambda _g, r: str(r.user.pk), rate=settings.TWO_FACTOR_RATE,
                          method="POST", increment=True)


@login_required
def two_factor(request):
    """Set up two-factor sign-in: the secret as text and as a QR code (inline SVG), confirmed with a code from the app."""
    person = request.user
    device = twofactor.totp_device(person)
    if device is not None:
        codes = None
        if request.method == "POST" and request.user.is_verified():
            if request.POST.get("action") == "recovery":
                codes = services.renew_recovery_codes(person)
            elif request.POST.get("action") == "remove":
                try:
                    services.disable_two_factor(person)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("Two-factor sign-in is turned off."))
                return redirect("accounts:two_factor")
        elif request.method == "POST":
            return redirect(reverse("accounts:two_factor_verify") + "?next=" + reverse("accounts:two_factor"))
        return render(request, "accounts/two_factor.html", {
            "device": device, "codes": codes, "required": twofactor.requires_two_factor(person)})
    pending = twofactor.pending_totp_device(person)
    form = SetupCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if _code_rate_limited(request):
            raise Ratelimited()
        try:
            codes = services.enable_two_factor(person, pending, form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            otp_login(request, pending)
            request.session.pop(twofactor.NO_DEVICE, None)
            twofactor.mark_authenticated(request)
            messages.success(request, _("Two-factor sign-in is on."))
            return render(request, "accounts/two_factor.html", {
                "device": pending, "codes": codes, "just_enabled": True, "next": _next_url(request),
                "required": twofactor.requires_two_factor(person)})
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "secret": twofactor.secret_of(pending), "qr": twofactor.qr_svg(pending),
        "required": twofactor.requires_two_factor(person), "next": request.GET.get("next", ""),
    })


@login_required
def two_factor_verify(request):
    """The second step of signing in: the code from the app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if _code_rate_limited(request):
            raise Ratelimited()
        if twofactor.verify_code(request, request.user, form.cleaned_data["code"]):
            twofactor.mark_authenticated(request)
            return redirect(_next_url(request))
        form.add_error("code", _("The code is not right, or it was used already. Try the newest code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
def reauthenticate(request):
    """Confirm who you are (password, and code if you have a device) before an official act such as signing."""
    with_code = twofactor.has_device(request.user)
    form = ReauthenticateForm(posted(request), with_code=with_code)
    if request.method == "POST" and form.is_valid():
        if _code_rate_limited(request):
            raise Ratelimited()
        ok = request.user.check_password(form.cleaned_data["password"])
        if not ok:
            form.add_error("password", _("The password is not right."))
        elif with_code and not twofactor.verify_code(request, request.user, form.cleaned_data["code"]):
            form.add_error("code", _("The code is not right, or it was used already. Try the newest code."))
        else:
            twofactor.mark_authenticated(request)
            return redirect(_next_url(request))
    return render(request, "accounts/reauthenticate.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
def my_sessions(request):
    """The person's signed-in sessions (when, from where, which browser); any of them can be ended at once."""
    from . import sessions

    if request.method == "POST":
        try:
            pk = int(request.POST.get("session", ""))
        except ValueError:
            pk = None
        if pk is not None and 0 < pk < 2**63 and sessions.end_session(request.user, pk):
            messages.success(request, _("The session was ended."))
        return redirect("accounts:sessions")
    return render(request, "accounts/sessions.html", {
        "records": sessions.active_sessions(request.user), "current_key": request.session.session_key,
        "idle_minutes": settings.SESSION_IDLE_SECONDS // 60, "absolute_hours": settings.SESSION_ABSOLUTE_SECONDS // 3600,
    })
