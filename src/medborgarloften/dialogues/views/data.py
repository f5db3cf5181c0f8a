"""Open data and files: CSV exports (public and staff), the JSON endpoint, the Atom feed, permission-checked downloads.

The public outputs read the same ``public_*`` selectors as the public
pages; the staff exports read the ``staff_*`` selectors, limited to the
municipalities the person acts for.
"""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from medborgarloften.areas.models import Municipality
from medborgarloften.scope.themes import Theme

from .. import selectors
from ..models import Attachment, Observation
from .public import municipality_for

FEED_SIZE = 50


def _cell(value):
    """Return ``value`` for a CSV cell; text that a spreadsheet would run as a formula is quoted with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_response(filename, header, rows):
    """Return a CSV download: UTF-8 with a byte-order mark, so Excel opens it with å, ä and ö intact."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _themes(comment):
    return ", ".join(str(t.get_theme_display()) for t in comment.themes.all())


def _point(item):
    point = item.point
    return (point[0], point[1]) if point else ("", "")


# --- comments ---------------------------------------------------------------------


def _public_comment_rows(comments):
    for c in comments:
        yield [c.pk, c.made_on.isoformat(), c.published_text, _themes(c), c.place.name if c.place else "", *_point(c),
               c.get_time_of_day_display(), c.get_weekday_display(), c.get_season_display(), c.feels_unsafe,
               c.concerns_crime, c.dialogue.title if c.dialogue else "", c.get_source_display()]


def _public_comment_header():
    return [_("id"), _("date"), _("comment"), _("themes"), _("place"), _("latitude"), _("longitude"), _("time of day"),
            _("days"), _("season"), _("about feeling unsafe"), _("about a crime"), _("dialogue"), _("source")]


def public_comments_csv(request, code, slug):
    municipality, moved = municipality_for(code, slug)
    if moved:
        raise Http404
    return csv_response(f"synpunkter-{municipality.code}.csv", _public_comment_header(),
                        _public_comment_rows(selectors.public_comments(municipality).order_by("made_on", "pk")))


def _observation_header(staff=False):
    header = [_("id"), _("safety walk"), _("date"), pgettext("observation", "category"), _("description"), _("place"),
              _("latitude"), _("longitude"), _("responsible"), _("status"), _("fixed on")]
    return header + ([_("municipality"), _("note on the status"), _("photo")] if staff else [])


def _observation_rows(observations, staff=False):
    for o in observations:
        row = [o.pk, o.dialogue.title, o.dialogue.starts_at.date().isoformat(), o.get_theme_display(), o.description,
               o.place.name if o.place else "", *_point(o), o.responsible.name if o.responsible else "",
               o.get_status_display(), o.fixed_on.isoformat() if o.fixed_on else ""]
        if staff:
            row += [o.dialogue.municipality.name, o.status_note, bool(o.photo)]
        yield row


def public_observations_csv(request, code, slug):
    municipality, moved = municipality_for(code, slug)
    if moved:
        raise Http404
    return csv_response(f"observationer-{municipality.code}.csv", _observation_header(),
                        _observation_rows(selectors.public_observations(municipality)))


def public_json(request, code, slug):
    """The municipality's public comments and observations as JSON (open data; the map can read it too)."""
    municipality, moved = municipality_for(code, slug)
    if moved:
        raise Http404
    comments = [
        {"id": c.pk, "url": request.build_absolute_uri(c.get_absolute_url()), "date": c.made_on.isoformat(),
         "text": c.published_text, "themes": [t.theme for t in c.themes.all()],
         "place": c.place.name if c.place else None, "point": c.point,
         "time_of_day": c.time_of_day or None, "days": c.weekday or None, "season": c.season or None,
         "feels_unsafe": c.feels_unsafe, "concerns_crime": c.concerns_crime,
         "dialogue": c.dialogue_id if c.dialogue_id else None}
        for c in selectors.public_comments(municipality)
    ]
    observations = [
        {"id": o.pk, "dialogue": o.dialogue_id, "date": o.dialogue.starts_at.date().isoformat(), "theme": o.theme,
         "description": o.description, "place": o.place.name if o.place else None, "point": o.point,
         "responsible": o.responsible.name if o.responsible else None, "status": o.status,
         "fixed_on": o.fixed_on.isoformat() if o.fixed_on else None}
        for o in selectors.public_observations(municipality)
    ]
    dialogues = [
        {"id": d.pk, "url": request.build_absolute_uri(d.get_absolute_url()), "kind": d.kind, "title": d.title,
         "starts_at": d.starts_at.isoformat(), "participants": d.participants}
        for d in selectors.public_dialogues(municipality)
    ]
    return JsonResponse({
        "municipality": {"code": municipality.code, "name": municipality.name},
        "dialogues": dialogues, "comments": comments, "observations": observations,
    }, json_dumps_params={"ensure_ascii": False})


class CommentFeed(Feed):
    """The newest approved comments of a municipality, as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request, code, slug):
        municipality, _moved = municipality_for(code, slug)
        return municipality

    def title(self, municipality):
        return _("Comments in %(municipality)s") % {"municipality": municipality.name}

    def link(self, municipality):
        return reverse("dialogues:public_comments", kwargs={"code": municipality.code, "slug": municipality.slug})

    def subtitle(self, municipality):
        return _("What residents have told the police and the municipality.")

    def items(self, municipality):
        return selectors.public_comments(municipality)[:FEED_SIZE]

    def item_title(self, comment):
        return comment.published_text[:80]

    def item_description(self, comment):
        return comment.published_text

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.moderated_at or comment.created_at

    def item_updateddate(self, comment):
        return comment.moderated_at or comment.created_at

    def item_categories(self, comment):
        return [str(t.get_theme_display()) for t in comment.themes.all()]


# --- staff exports ----------------------------------------------------------------


def _staff_municipality(request):
    """Return the municipality named by ``?kommun=`` if the person is staff there (None: all theirs); 404/403 otherwise."""
    code = request.GET.get("kommun")
    if not code:
        return None
    municipality = get_object_or_404(Municipality, code=code)
    if not request.user.has_perm("dialogues.view_staff_data", municipality):
        raise PermissionDenied
    return municipality


@login_required
def staff_comments_csv(request):
    municipality = _staff_municipality(request)
    if not selectors.staff_municipality_ids(request.user):
        raise PermissionDenied
    comments = selectors.staff_comments(request.user, municipality=municipality).order_by("made_on", "pk")
    header = [_("municipality"), *_public_comment_header(), _("status"), _("comment as received"),
              _("suggested themes"), _("name"), _("e-mail"), _("phone"), _("reason for rejection")]
    suggested_label = dict(Theme.choices)

    def rows():
        for c in comments:
            public = next(_public_comment_rows([c]))
            yield [c.municipality.name, *public, c.get_status_display(), c.text,
                   ", ".join(str(suggested_label.get(s["theme"], s["theme"])) for s in c.suggestions),
                   c.contact_name, c.contact_email, c.contact_phone, c.rejection_reason]

    stamp = timezone.localdate().isoformat()
    return csv_response(f"synpunkter-{municipality.code if municipality else 'alla'}-{stamp}.csv", header, rows())


@login_required
def staff_observations_csv(request):
    municipality = _staff_municipality(request)
    if not selectors.staff_municipality_ids(request.user):
        raise PermissionDenied
    observations = selectors.staff_observations(request.user, municipality=municipality)
    stamp = timezone.localdate().isoformat()
    return csv_response(f"observationer-{municipality.code if municipality else 'alla'}-{stamp}.csv",
                        _observation_header(staff=True), _observation_rows(observations, staff=True))


# --- files ------------------------------------------------------------------------


def _file_response(field, content_type, *, filename, inline):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
    # Files are never cached by shared caches: who may see them depends on the person.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment(request, pk):
    """Download an attachment: public ones for anyone, the rest for the municipality's staff (404 to others)."""
    item = get_object_or_404(Attachment.objects.select_related("dialogue"), pk=pk)
    if not request.user.has_perm("dialogues.view_attachment", item):
        raise Http404
    inline = item.content_type in ("application/pdf", "image/jpeg", "image/png", "text/plain")
    return _file_response(item.file, item.content_type, filename=item.filename, inline=inline)


@login_required
def observation_photo(request, pk):
    """An observation's photo, for the municipality's staff only (photos may show people)."""
    observation = get_object_or_404(Observation.objects.select_related("dialogue"), pk=pk)
    if not observation.photo or not request.user.has_perm("dialogues.view_staff_data", observation.dialogue):
        raise Http404
    content_type = "image/png" if observation.photo.name.lower().endswith(".png") else "image/jpeg"
    return _file_response(observation.photo, content_type, filename=observation.photo.name.rsplit("/", 1)[-1], inline=True)
