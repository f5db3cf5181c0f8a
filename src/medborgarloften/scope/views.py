"""The register of partner organisations and the police structure, kept in the workspace.

Each view checks the named rule first, binds the form, calls one service and
redirects; a rejected form is shown again with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from medborgarloften.areas.models import Municipality, Organisation
from medborgarloften.core.forms import add_service_errors, posted

from . import selectors, services
from .forms import MoveMunicipalityForm, PartnerForm


def _next_url(request):
    """Return the page to go back to (e.g. the activity form that lacked a partner), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@login_required
def partner_list(request):
    if not request.user.has_perm("scope.add_partner"):
        raise PermissionDenied
    municipalities = selectors.registrable_municipalities(request.user)
    return render(request, "scope/partner_list.html", {"partners": selectors.partners_in(municipalities)})


@login_required
def partner_create(request):
    if not request.user.has_perm("scope.add_partner"):
        raise PermissionDenied
    form = PartnerForm(posted(request), municipalities=selectors.registrable_municipalities(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.register_partner(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was registered.") % {"name": partner.name})
            return redirect(_next_url(request) or "scope:partners")
    return render(request, "scope/partner_form.html", {"form": form, "next": _next_url(request), "title": _("Register a partner organisation")})


@login_required
def partner_edit(request, pk):
    partner = get_object_or_404(Organisation.objects.filter(kind=Organisation.Kind.PARTNER), pk=pk)
    if not request.user.has_perm("scope.change_partner", partner):
        raise PermissionDenied
    initial = {"name": partner.name, "partner_kind": partner.partner_kind, "website": partner.website,
               "operates_in": list(partner.operates_in.all())}
    form = PartnerForm(posted(request), initial=initial, municipalities=selectors.registrable_municipalities(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner(partner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("scope:partners")
    return render(request, "scope/partner_form.html", {"form": form, "partner": partner, "title": partner.name})


@login_required
def police_structure(request):
    if not request.user.has_perm("scope.change_police_structure"):
        raise PermissionDenied
    return render(request, "scope/police_structure.html", {"regions": selectors.police_structure(on=timezone.localdate())})


@login_required
def move_municipality(request, code):
    if not request.user.has_perm("scope.change_police_structure"):
        raise PermissionDenied
    municipality = get_object_or_404(Municipality, code=code)
    form = MoveMunicipalityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.move_municipality(municipality, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The coverage of %(name)s was changed.") % {"name": municipality.name})
            return redirect("scope:police_structure")
    return render(request, "scope/move_municipality.html", {"form": form, "municipality": municipality})
