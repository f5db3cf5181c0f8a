"""Public pages: everyone may read them, signed in or not."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils import timezone

from medborgarloften.areas.models import County, Municipality
from medborgarloften.areas.selectors import local_police_area_for
from medborgarloften.followup.selectors import followup_states, promise_followup
from medborgarloften.promises.selectors import latest_version, signed_promise, valid_signatures
from medborgarloften.web.registry import panels_for

from . import selectors


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


def county(request, code, slug):
    county = get_object_or_404(County, code=code)
    if slug != county.slug:
        return redirect(county, permanent=True)
    year = request.GET.get("ar")
    try:
        year = int(year) if year else None
    except ValueError:
        raise Http404 from None
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
    # The text as signed (the version's frozen content); follow-up stays live.
    live = selectors.public_promise(pk)
    promise = signed_promise(live)
    municipality = live.municipalities.all()[0]
    return render(request, "site/promise.html", {
        "promise": promise,
        "live": live,
        "followup": promise_followup(live),
        **_feed(reverse("site:promise_feed", kwargs={"pk": promise.pk}), promise.title),
        "version": latest_version(live),
        "signatures": valid_signatures(latest_version(live)),
        "breadcrumbs": [
            (municipality.county.get_absolute_url(), municipality.county.name),
            (municipality.get_absolute_url(), municipality.name),
            (None, promise.title),
        ],
    })
