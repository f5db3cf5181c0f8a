"""Public pages: residents leave comments without an account and read what was approved.

Everything here reads through the ``public_*`` selectors, so staff
dialogues, comments awaiting moderation and staff-only attachments never
reach these pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from medborgarloften.areas.models import Municipality
from medborgarloften.core.forms import add_service_errors, posted

from .. import selectors, services
from ..forms import FilterForm, ResidentCommentForm

PAGE_SIZE = 25
# The ids of the comments this browser sent, kept in its session for the thank-you page.
SESSION_KEY = "dialogues_sent_comments"


def municipality_for(code, slug):
    """Return (municipality, None), or (municipality, redirect) when the slug is outdated; 404 if unknown."""
    municipality = get_object_or_404(Municipality.objects.select_related("county", "organisation"), code=code)
    return municipality, (None if slug == municipality.slug else municipality)


def _redirect_slug(request, municipality, name, **kwargs):
    url = reverse(f"dialogues:{name}", kwargs={"code": municipality.code, "slug": municipality.slug, **kwargs})
    query = request.META.get("QUERY_STRING")
    return redirect(f"{url}?{query}" if query else url, permanent=True)


def _crumbs(municipality, *rest):
    return [(municipality.county.get_absolute_url(), municipality.county.name),
            (municipality.get_absolute_url(), municipality.name), *rest]


def map_context(points):
    """Return what the templates need to offer the map: nothing when no tile server is configured."""
    return {"map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION,
            "map_points": points if settings.MAP_TILE_URL else None}


def comment_list(request, code, slug):
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "public_comments")
    filters = FilterForm(request.GET or None, municipality=municipality)
    comments = selectors.public_comments(municipality)
    if filters.is_valid():
        if filters.cleaned_data["theme"]:
            comments = comments.filter(themes__theme=filters.cleaned_data["theme"])
        if filters.cleaned_data["plats"]:
            comments = comments.filter(place=filters.cleaned_data["plats"])
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "dialogues/public/comments.html", {
        "municipality": municipality, "page": page, "comments": page.object_list, "filters": filters,
        "query": query.urlencode(), "breadcrumbs": _crumbs(municipality, (None, _("Comments"))),
    })


def comment_detail(request, code, slug, pk):
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "public_comment", pk=pk)
    comment = selectors.public_comment(municipality, pk)
    return render(request, "dialogues/public/comment.html", {
        "municipality": municipality, "comment": comment,
        "breadcrumbs": _crumbs(municipality, (reverse("dialogues:public_comments", kwargs={"code": code, "slug": slug}),
                                              _("Comments")), (None, _("Comment %(number)s") % {"number": comment.pk})),
    })


def _limited(request):
    """True if this address has sent too many comments lately (counted only when it sends one)."""
    return is_ratelimited(request, group="dialogues-comment", key="ip", rate=settings.COMMENT_RATE,
                          method="POST", increment=True)


def comment_form(request, code, slug):
    """The comment form; on success the comment is stored, then the browser goes to the thank-you page."""
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "comment_form")
    form = ResidentCommentForm(posted(request), municipality=municipality)
    if request.method == "POST":
        if form.is_spam:
            # Robots are shown the thank-you page and store nothing.
            return redirect("dialogues:thanks", code=code, slug=slug)
        if form.is_valid() and _limited(request):
            form.add_error(None, ValidationError(
                _("Many comments have been sent from your address in a short while. Your text is still here: "
                  "wait a while and send it again."), code="rate_limited"))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                comment = services.submit_comment(
                    municipality, text=data["text"], place=data["place"], latitude=data["latitude"],
                    longitude=data["longitude"], time_of_day=data["time_of_day"], weekday=data["weekday"],
                    season=data["season"], feels_unsafe=data["feels_unsafe"], concerns_crime=data["concerns_crime"],
                    contact_name=data["contact_name"], contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"], consent=data["consent"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session[SESSION_KEY] = (request.session.get(SESSION_KEY) or [])[-9:] + [comment.pk]
                return redirect("dialogues:thanks", code=code, slug=slug)
    status = 200
    if request.method == "POST":
        status = 429 if any(e.code == "rate_limited" for e in form.non_field_errors().as_data()) else 400
    return render(request, "dialogues/public/comment_form.html", {
        "municipality": municipality, "form": form,
        "breadcrumbs": _crumbs(municipality, (reverse("dialogues:public_comments", kwargs={"code": code, "slug": slug}),
                                              _("Comments")), (None, _("Leave a comment"))),
    }, status=status)


def thanks(request, code, slug):
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "thanks")
    sent = request.session.get(SESSION_KEY) or []
    last = municipality.dialogue_comments.filter(pk__in=sent[-1:]).only("text", "created_at").first() if sent else None
    return render(request, "dialogues/public/thanks.html", {
        "municipality": municipality, "comment": last,
        "breadcrumbs": _crumbs(municipality, (None, _("Thank you"))),
    })


def places(request, code, slug):
    """The public comments and observations grouped by place: the list the map enhances."""
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "public_places")
    groups = selectors.place_groups(selectors.public_comments(municipality), selectors.public_observations(municipality))
    return render(request, "dialogues/public/places.html", {
        "municipality": municipality, "groups": groups,
        "comments_url": reverse("dialogues:public_comments", kwargs={"code": code, "slug": slug}),
        **map_context(selectors.map_points(groups)),
        "breadcrumbs": _crumbs(municipality, (None, _("Places"))),
    })


def dialogue_list(request, code, slug):
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "public_dialogues")
    page = Paginator(selectors.public_dialogues(municipality), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "dialogues/public/dialogues.html", {
        "municipality": municipality, "page": page, "dialogues": page.object_list,
        "breadcrumbs": _crumbs(municipality, (None, _("Dialogues"))),
    })


def dialogue_detail(request, code, slug, pk):
    municipality, moved = municipality_for(code, slug)
    if moved:
        return _redirect_slug(request, municipality, "public_dialogue", pk=pk)
    dialogue = selectors.public_dialogue(municipality, pk)
    comments = selectors.public_comments(municipality).filter(dialogue=dialogue)
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "dialogues/public/dialogue.html", {
        "municipality": municipality, "dialogue": dialogue, "page": page, "comments": page.object_list,
        "breadcrumbs": _crumbs(municipality, (reverse("dialogues:public_dialogues", kwargs={"code": code, "slug": slug}),
                                              _("Dialogues")), (None, dialogue.title)),
    })
