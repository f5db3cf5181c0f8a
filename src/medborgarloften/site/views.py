"""Public pages: everyone may read them, signed in or not; and the statutory documents a problem picture's staff print."""

import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils import timezone

from medborgarloften.areas.models import County, Municipality
from medborgarloften.core.params import year_param
from medborgarloften.areas.selectors import local_police_area_for
from medborgarloften.followup.library import library_page
from medborgarloften.followup.selectors import followup_states, promise_followup
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.promises.selectors import latest_version, valid_signatures
from medborgarloften.surveys.models import DRAFT_DAYS
from medborgarloften.web.registry import panels_for

from . import selectors, statutory
from .forms import ActivityLibraryForm


def _feed(url, title):
    """The Atom feed a page advertises with <link rel="alternate">."""
    return {"feed_url": url, "feed_title": title}


def home(request):
    return render(request, "site/home.html", {
        "counties": selectors.counties_overview(),
        "latest": selectors.latest_published(),
        **_feed(reverse("site:feed"), _("Citizen promises in Sweden")),
    })


def about(request):
    return render(request, "site/about.html")


def accessibility(request):
    """The accessibility statement (tillgänglighetsredogörelse), as DIGG's template for public bodies asks."""
    return render(request, "site/accessibility.html", {
        "assessed_on": datetime.date.fromisoformat(settings.ACCESSIBILITY_ASSESSED_ON),
        "breadcrumbs": [(None, _("Accessibility statement"))],
    })


def personal_data(request):
    """How the platform processes personal data: what, why, on which legal basis, for how long, and your rights."""
    return render(request, "site/personal_data.html", {
        "dpo_email": settings.PUBLISHER_DPO_EMAIL,
        "draft_days": DRAFT_DAYS,
        "breadcrumbs": [(None, _("Personal data"))],
    })


def county(request, code, slug):
    county = get_object_or_404(County, code=code)
    if slug != county.slug:
        return redirect(county, permanent=True)
    year = year_param(request)
    status = selectors.county_status(county, year=year)
    return render(request, "site/county.html", {
        "county": county,
        "status": status,
        "followup_states": followup_states([row["promise"] for row in status["rows"] if row["promise"]]),
        **_feed(reverse("site:county_feed", kwargs={"code": county.code, "slug": county.slug}),
                _("Citizen promises in %(place)s") % {"place": county.name}),
        "breadcrumbs": [(None, county.name)],
    })


def municipality(request, code, slug):
    municipality = get_object_or_404(Municipality.objects.select_related("county", "organisation"), code=code)
    if slug != municipality.slug:
        return redirect(municipality, permanent=True)
    promises = selectors.municipality_promises(municipality)
    return render(request, "site/municipality.html", {
        "municipality": municipality,
        "local_police_area": local_police_area_for(municipality, on=timezone.localdate()),
        "promises": promises,
        "followup_states": followup_states(promises),
        **_feed(reverse("site:municipality_feed", kwargs={"code": municipality.code, "slug": municipality.slug}),
                _("Citizen promises in %(place)s") % {"place": municipality.name}),
        "panels": panels_for(request, municipality),
        "breadcrumbs": [(municipality.county.get_absolute_url(), municipality.county.name), (None, municipality.name)],
    })


def promise(request, pk):
    promise = selectors.commitment_reasons(selectors.public_promise(pk))
    municipality = promise.municipalities.all()[0]
    return render(request, "site/promise.html", {
        "promise": promise,
        "followup": promise_followup(promise),
        **_feed(reverse("site:promise_feed", kwargs={"pk": promise.pk}), promise.title),
        "version": latest_version(promise),
        "signatures": valid_signatures(latest_version(promise)),
        "breadcrumbs": [
            (municipality.county.get_absolute_url(), municipality.county.name),
            (municipality.get_absolute_url(), municipality.name),
            (None, promise.title),
        ],
    })


def activity_library(request):
    """What municipalities across the country promised, by theme, and what their follow-up reported."""
    form = ActivityLibraryForm(request.GET or None)
    page = library_page(request.GET.get("sida"), **form.filters())
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "site/activity_library.html", {
        "form": form, "page": page, "entries": page.object_list, "query": query.urlencode(),
        "searched": bool(form.is_bound and form.filters() and any(form.filters().values())),
        "breadcrumbs": [(None, _("Activity library"))],
    })


def _picture_for_staff(request, pk):
    from medborgarloften.problems.selectors import picture_for_workspace

    if not request.user.is_authenticated:
        return None
    try:
        picture = picture_for_workspace(pk)
    except ProblemPicture.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("problems.view_problempicture", picture):
        raise Http404
    return picture


def situation_report(request, pk):
    """The statutory lägesbild (lag 2023:196, 4 §) of a problem picture, for its staff; prints as a document."""
    picture = _picture_for_staff(request, pk)
    if picture is None:
        return redirect_to_login(request.get_full_path())
    public = request.GET.get("offentlig") == "1"
    return render(request, "site/statutory/situation_report.html", {
        **statutory.situation_report(picture, public=public),
        "breadcrumbs": [(reverse("web:workspace"), _("Workspace")), (picture.get_workspace_url(), picture.title),
                        (None, _("Situation picture of crime"))]})


def action_plan(request, pk):
    """The statutory åtgärdsplan (lag 2023:196, 5 §) from the picture and the promises answering its problems."""
    picture = _picture_for_staff(request, pk)
    if picture is None:
        return redirect_to_login(request.get_full_path())
    return render(request, "site/statutory/action_plan.html", {
        **statutory.action_plan(picture),
        "breadcrumbs": [(reverse("web:workspace"), _("Workspace")), (picture.get_workspace_url(), picture.title),
                        (None, _("Action plan"))]})
