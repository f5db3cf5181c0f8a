"""A municipality's sub-areas (delområden), kept by its editors (nothing else offers these pages yet)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.areas.models import Municipality, SubArea
from medborgarloften.core.forms import posted
from medborgarloften.scope.selectors import editable_municipalities

from .. import services
from ..forms import SubAreaForm
from .workspace import form_page, run


@login_required
def municipality_list(request):
    municipalities = list(editable_municipalities(request.user).prefetch_related("sub_areas"))
    if not municipalities:
        raise PermissionDenied
    return render(request, "surveys/sub_areas.html", {"municipalities": municipalities})


def _municipality(request, code):
    municipality = get_object_or_404(Municipality, code=code)
    if not request.user.has_perm("surveys.manage_sub_areas", municipality):
        raise Http404
    return municipality


def _back(municipality):
    return reverse("surveys:sub_areas") + f"#kommun-{municipality.code}"


@login_required
def create(request, code):
    municipality = _municipality(request, code)
    form = SubAreaForm(posted(request))

    def action(data):
        services.add_sub_area(municipality, by=request.user, name=data["name"], code=data["code"])

    if run(request, form, action, success_message=_("The sub-area was added.")):
        return redirect(_back(municipality))
    return form_page(request, None, form, _("New sub-area in %(municipality)s") % {"municipality": municipality.name},
                     _("Add"), extra={"back": _back(municipality)})


@login_required
def edit(request, pk):
    sub_area = get_object_or_404(SubArea.objects.select_related("municipality"), pk=pk)
    municipality = _municipality(request, sub_area.municipality.code)
    form = SubAreaForm(posted(request), initial={"name": sub_area.name, "code": sub_area.code})

    def action(data):
        services.update_sub_area(sub_area, by=request.user, name=data["name"], code=data["code"])

    if run(request, form, action, success_message=_("The sub-area was saved.")):
        return redirect(_back(municipality))
    return form_page(request, None, form, _("Rename sub-area"), _("Save"), extra={"back": _back(municipality)})


@login_required
def delete(request, pk):
    sub_area = get_object_or_404(SubArea.objects.select_related("municipality"), pk=pk)
    municipality = _municipality(request, sub_area.municipality.code)
    if request.method == "POST":
        try:
            services.delete_sub_area(sub_area, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The sub-area was deleted."))
        return redirect(_back(municipality))
    return render(request, "surveys/confirm.html", {"title": _("Delete the sub-area %(name)s?") % {"name": sub_area.name},
                                                    "submit_label": _("Delete"), "danger": True, "back": _back(municipality)})
