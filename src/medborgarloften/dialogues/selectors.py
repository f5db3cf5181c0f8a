"""Reads of dialogues, comments and observations; they own their prefetching, so query counts stay fixed.

Everything the public sees goes through ``public_comments``,
``public_dialogues``, ``public_observations`` and ``public_attachments``,
which rest on the ``public()`` query sets in models.py. Staff reads go
through ``staff_*`` selectors, limited to the municipalities the person acts
for.

``theme_counts(municipality, since=, until=, include_staff=)`` is what the
problem picture reads: comments and observations per theme, place and
dialogue.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import Municipality, Organisation, Place
from medborgarloften.areas.selectors import swedish_sort_key
from medborgarloften.scope.predicates import municipality_ids_for
from medborgarloften.scope.themes import Theme

from .models import Attachment, ClusterRun, Comment, CommentTheme, Dialogue, Observation

COMMENT_RELATED = ("place", "dialogue__municipality", "municipality")
THEME_PREFETCH = Prefetch("themes", queryset=CommentTheme.objects.order_by("theme"))


# --- what the public may see ------------------------------------------------------


def public_comments(municipality):
    """Return the municipality's comments anyone may read, newest first, with place, dialogue and themes."""
    return (
        Comment.objects.public().filter(municipality=municipality)
        .select_related(*COMMENT_RELATED).prefetch_related(THEME_PREFETCH).order_by("-made_on", "-pk")
    )


def public_comment(municipality, pk):
    """Return the public comment ``pk`` of ``municipality``, or raise Http404."""
    try:
        return public_comments(municipality).get(pk=pk)
    except Comment.DoesNotExist:
        raise Http404 from None


def public_dialogues(municipality):
    """Return the municipality's citizen dialogues (never staff dialogues), newest first."""
    return (
        Dialogue.objects.public().filter(municipality=municipality).select_related("place", "municipality")
        .annotate(public_comment_count=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)))
        .order_by("-starts_at", "title")
    )


def public_attachments():
    return Attachment.objects.public()


def public_observations(municipality):
    """Return the observations of the municipality's public safety walks, with place, walk and responsible."""
    return (
        Observation.objects.public().filter(dialogue__municipality=municipality)
        .select_related("place", "dialogue", "responsible").order_by("dialogue__starts_at", "pk")
    )


def public_dialogue(municipality, pk):
    """Return the public dialogue ``pk`` with what the public may see of it, or raise Http404."""
    try:
        return (
            public_dialogues(municipality)
            .prefetch_related(
                "organisers", "partners", "checklist", "participant_counts",
                Prefetch("attachments", queryset=Attachment.objects.public(), to_attr="public_attachments"),
                Prefetch("observations", queryset=Observation.objects.public().select_related("place", "responsible"),
                         to_attr="public_observations"),
            ).get(pk=pk)
        )
    except Dialogue.DoesNotExist:
        raise Http404 from None


def _count_per_municipality(queryset):
    """Return a subquery counting ``queryset``'s rows for the outer query's municipality (0 when none)."""
    counted = queryset.filter(municipality=OuterRef("pk")).order_by().values("municipality").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def panel_summary(municipality):
    """Return {"count", "latest", "dialogues"} of public comments and dialogues for the municipality page (two queries)."""
    latest = list(public_comments(municipality).prefetch_related(None).select_related("place")[:3])
    counts = Municipality.objects.filter(pk=municipality.pk).values(
        public_comment_count=_count_per_municipality(Comment.objects.public()),
        public_dialogue_count=_count_per_municipality(Dialogue.objects.public()),
    ).get()
    return {"count": counts["public_comment_count"], "latest": latest, "dialogues": counts["public_dialogue_count"]}


# --- lists grouped by place (and the map's data) -----------------------------------


@dataclass
class PlaceGroup:
    place: object  # a Place, or None for items with their own coordinates or no place
    comment_count: int = 0
    comments: list = field(default_factory=list)
    observations: list = field(default_factory=list)

    @property
    def point(self):
        if self.place is not None and self.place.latitude is not None:
            return float(self.place.latitude), float(self.place.longitude)
        return None

    @property
    def anchor(self):
        return f"plats-{self.place.pk}" if self.place is not None else "utan-plats"


def place_groups(comments, observations, *, per_place=5):
    """Group ``comments`` and ``observations`` (query sets) by place: the list the map enhances.

    Each group carries its comment count, its ``per_place`` newest comments
    and all its observations; the groups are in Swedish alphabetical order,
    with items that name no place last. Costs four queries.
    """
    counts = dict(comments.order_by().values("place_id").annotate(n=Count("pk")).values_list("place_id", "n"))
    newest = list(
        comments.select_related("place").prefetch_related(None)
        .annotate(rank=Window(RowNumber(), partition_by=[F("place_id")], order_by=[F("made_on").desc(), F("pk").desc()]))
        .filter(rank__lte=per_place)
    )
    observations = list(observations)
    place_ids = set(counts) | {o.place_id for o in observations}
    places = Place.objects.in_bulk([pk for pk in place_ids if pk is not None])
    groups = {pk: PlaceGroup(place=places.get(pk), comment_count=n) for pk, n in counts.items()}
    for comment in sorted(newest, key=lambda c: (-c.made_on.toordinal(), -c.pk)):
        groups[comment.place_id].comments.append(comment)
    for observation in observations:
        groups.setdefault(observation.place_id, PlaceGroup(place=places.get(observation.place_id))).observations.append(observation)
    return sorted(groups.values(), key=lambda g: (g.place is None, swedish_sort_key(g.place.name) if g.place else ""))


def map_points(groups, *, comments_url=None):
    """Return the map's data for ``groups``: one point per placed group and per item with its own coordinates."""
    points = []
    for group in groups:
        if group.point:
            points.append({
                "name": group.place.name, "lat": group.point[0], "lon": group.point[1],
                "comments": group.comment_count, "observations": len(group.observations), "anchor": group.anchor,
            })
        if group.place is None:
            for item in [*group.comments, *group.observations]:
                if item.point:
                    points.append({
                        "name": str(item)[:60], "lat": item.point[0], "lon": item.point[1],
                        "comments": int(isinstance(item, Comment)), "observations": int(isinstance(item, Observation)),
                        "anchor": group.anchor,
                    })
    return points


# --- staff --------------------------------------------------------------------------


def staff_municipality_ids(person):
    """Return the ids of the municipalities whose staff data ``person`` may read (any role at police or municipality)."""
    return municipality_ids_for(person)


def editor_municipality_ids(person):
    return municipality_ids_for(person, Membership.Role.EDITOR)


def staff_municipalities(person):
    return sorted(Municipality.objects.filter(pk__in=staff_municipality_ids(person)).select_related("county"),
                  key=lambda m: swedish_sort_key(m.name))


def staff_dialogues(person, *, municipality=None, kind=None, year=None):
    """Return the dialogues of the municipalities ``person`` is staff for, staff dialogues included, newest first."""
    dialogues = (
        Dialogue.objects.filter(municipality_id__in=staff_municipality_ids(person))
        .select_related("municipality", "place")
        .annotate(comment_count=Count("comments", distinct=True), observation_count=Count("observations", distinct=True))
        .order_by("-starts_at", "title")
    )
    if municipality is not None:
        dialogues = dialogues.filter(municipality=municipality)
    if kind:
        dialogues = dialogues.filter(kind=kind)
    if year:
        dialogues = dialogues.filter(starts_at__year=year)
    return dialogues


def dialogue_for_staff(pk):
    """Return dialogue ``pk`` with everything its workspace page shows (raises Dialogue.DoesNotExist)."""
    return (
        Dialogue.objects.select_related("municipality", "place", "created_by")
        .prefetch_related(
            "organisers", "partners", "checklist", "participant_counts", "attachments",
            Prefetch("observations", queryset=Observation.objects.select_related("place", "responsible")),
            Prefetch("comments", queryset=Comment.objects.select_related("place").prefetch_related(THEME_PREFETCH)
                     .order_by("-made_on", "-pk")),
        )
        .get(pk=pk)
    )


def moderation_queue(person, *, municipality=None):
    """Return the comments waiting for moderation that ``person`` may moderate, oldest first."""
    comments = (
        Comment.objects.filter(status=Comment.Status.PENDING, municipality_id__in=editor_municipality_ids(person))
        .select_related(*COMMENT_RELATED).order_by("created_at", "pk")
    )
    if municipality is not None:
        comments = comments.filter(municipality=municipality)
    return comments


def staff_comments(person, *, municipality=None, status=None, theme=None, place=None, dialogue=None):
    """Return every comment of the municipalities ``person`` is staff for (all statuses), newest first."""
    comments = (
        Comment.objects.filter(municipality_id__in=staff_municipality_ids(person))
        .select_related(*COMMENT_RELATED).prefetch_related(THEME_PREFETCH).order_by("-made_on", "-pk")
    )
    if municipality is not None:
        comments = comments.filter(municipality=municipality)
    if status:
        comments = comments.filter(status=status)
    if theme:
        comments = comments.filter(themes__theme=theme)
    if place:
        comments = comments.filter(place=place)
    if dialogue:
        comments = comments.filter(dialogue=dialogue)
    return comments


def staff_observations(person, *, municipality=None, unfixed=False):
    """Return the observations of the municipalities ``person`` is staff for, oldest walk first."""
    observations = (
        Observation.objects.filter(dialogue__municipality_id__in=staff_municipality_ids(person))
        .select_related("place", "dialogue__municipality", "responsible").order_by("dialogue__starts_at", "pk")
    )
    if municipality is not None:
        observations = observations.filter(dialogue__municipality=municipality)
    if unfixed:
        observations = observations.unfixed()
    return observations


def responsible_organisations(municipality):
    """Return who may be responsible for fixing an observation in ``municipality``: its municipality and the partners working there."""
    return (
        Organisation.objects.filter(Q(municipality=municipality) | Q(kind=Organisation.Kind.PARTNER, operates_in=municipality))
        .distinct().order_by("name")
    )


def dialogue_organisations(municipality):
    """Return who may organise or take part in a dialogue in ``municipality``: its municipality, police and partners."""
    from medborgarloften.areas.models import LocalPoliceAreaCoverage

    police = LocalPoliceAreaCoverage.objects.filter(municipality=municipality).values("local_police_area_id")
    return (
        Organisation.objects.filter(
            Q(municipality=municipality) | Q(kind=Organisation.Kind.POLICE, local_police_area_id__in=police)
            | Q(kind=Organisation.Kind.PARTNER, operates_in=municipality))
        .distinct().order_by("name")
    )


def municipality_places(municipality):
    return Place.objects.filter(municipality=municipality).select_related("sub_area").order_by("name")


def latest_clusters(municipality):
    """Return the latest ClusterRun of ``municipality`` with its comments loaded per group, or None."""
    run = ClusterRun.objects.filter(municipality=municipality).first()
    if run is None:
        return None
    ids = [pk for group in run.clusters for pk in group["comment_ids"]]
    comments = Comment.objects.in_bulk(ids)
    run.groups = [
        {"words": group["words"], "comments": [comments[pk] for pk in group["comment_ids"] if pk in comments]}
        for group in run.clusters
    ]
    return run


# --- counts for the problem picture ------------------------------------------------


def counted_comments(municipality, *, since=None, until=None, include_staff=False):
    """Return the comments ``theme_counts`` counts: public ones, or (``include_staff``) all but rejected ones."""
    comments = Comment.objects.for_staff() if include_staff else Comment.objects.public()
    comments = comments.filter(municipality=municipality)
    if since:
        comments = comments.filter(made_on__gte=since)
    if until:
        comments = comments.filter(made_on__lte=until)
    return comments


def theme_counts(municipality, *, since=None, until=None, include_staff=False):
    """Count a municipality's comments and observations per theme, place and dialogue.

    ``since`` and ``until`` (dates, inclusive, either may be None) bound the
    day a comment was made and the day of an observation's safety walk. By
    default only what the public may see is counted; ``include_staff``
    counts staff dialogues and comments awaiting moderation too (never
    rejected ones), for a problem picture read by staff only.

    Returns a dict:

    * ``comments``: the number of comments counted; ``confirmed``: how many
      of them have themes confirmed by staff;
    * ``themes``: [{"theme", "label", "comments", "suggested", "observations"}]
      for every theme with anything, most comments first, where
      ``comments`` counts confirmed themes, ``suggested`` the suggestions
      on comments not yet confirmed, ``observations`` safety-walk findings;
    * ``places``: [{"place" (a Place or None), "comments", "observations"}];
    * ``dialogues``: [{"dialogue" (a Dialogue or None for online comments
      outside any dialogue), "comments"}].

    Costs ten queries whatever the amount of data.
    """
    comments = counted_comments(municipality, since=since, until=until, include_staff=include_staff)
    observations = Observation.objects.filter(dialogue__municipality=municipality)
    if not include_staff:
        observations = observations.public()
    if since:
        observations = observations.filter(dialogue__starts_at__date__gte=since)
    if until:
        observations = observations.filter(dialogue__starts_at__date__lte=until)

    total = comments.count()
    confirmed = comments.filter(themes_confirmed_at__isnull=False)
    by_theme = Counter(dict(
        CommentTheme.objects.filter(comment__in=confirmed).values("theme").annotate(n=Count("comment", distinct=True))
        .values_list("theme", "n")))
    suggested = Counter(
        s["theme"] for suggestions in comments.filter(themes_confirmed_at__isnull=True).values_list("suggestions", flat=True)
        for s in suggestions or ())
    observed = Counter(dict(observations.order_by().values("theme").annotate(n=Count("pk")).values_list("theme", "n")))
    labels = dict(Theme.choices)
    themes = [
        {"theme": t, "label": labels[t], "comments": by_theme[t], "suggested": suggested[t], "observations": observed[t]}
        for t in Theme.values if by_theme[t] or suggested[t] or observed[t]
    ]
    themes.sort(key=lambda row: (-row["comments"], -row["suggested"], -row["observations"], Theme.values.index(row["theme"])))

    comment_places = Counter(dict(comments.order_by().values("place_id").annotate(n=Count("pk")).values_list("place_id", "n")))
    observation_places = Counter(dict(observations.order_by().values("place_id").annotate(n=Count("pk")).values_list("place_id", "n")))
    places = Place.objects.in_bulk([pk for pk in set(comment_places) | set(observation_places) if pk is not None])
    place_rows = [
        {"place": places.get(pk), "comments": comment_places[pk], "observations": observation_places[pk]}
        for pk in set(comment_places) | set(observation_places)
    ]
    place_rows.sort(key=lambda row: (row["place"] is None, -row["comments"] - row["observations"],
                                     swedish_sort_key(row["place"].name) if row["place"] else ""))

    by_dialogue = Counter(dict(comments.order_by().values("dialogue_id").annotate(n=Count("pk")).values_list("dialogue_id", "n")))
    dialogues = Dialogue.objects.in_bulk([pk for pk in by_dialogue if pk is not None])
    dialogue_rows = sorted(
        ({"dialogue": dialogues.get(pk), "comments": n} for pk, n in by_dialogue.items()),
        key=lambda row: (row["dialogue"] is None, -row["comments"], row["dialogue"].title if row["dialogue"] else ""),
    )
    return {
        "comments": total, "confirmed": confirmed.count(),
        "themes": themes, "places": place_rows, "dialogues": dialogue_rows,
    }
