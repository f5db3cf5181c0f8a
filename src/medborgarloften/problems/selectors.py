"""Reads of problem pictures, each owning its joins so query counts stay fixed as data grows."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from medborgarloften.areas.models import Municipality, Organisation, Place, SubArea
from medborgarloften.areas.selectors import police_organisations_for
from medborgarloften.scope.predicates import municipality_ids_for

from . import ranking
from .models import Approval, Decision, EvidenceLink, Problem, ProblemPicture, ProblemPictureVersion, Suggestion

MUNICIPALITIES = Prefetch("municipalities", queryset=Municipality.objects.select_related("county").order_by("name"))


def workspace_pictures(person):
    """Return the pictures of the municipalities ``person`` acts for today, newest first (two queries)."""
    ids = municipality_ids_for(person)
    return list(
        ProblemPicture.objects.filter(municipalities__in=ids).distinct()
        .annotate(n_problems=Count("problems", distinct=True),
                  n_open=Count("suggestions", filter=Q(suggestions__state=Suggestion.State.OPEN), distinct=True))
        .prefetch_related(MUNICIPALITIES).order_by("-year", "title")
    )


def picture_for_workspace(pk):
    """Return picture ``pk`` with its municipalities (raises ProblemPicture.DoesNotExist)."""
    return ProblemPicture.objects.select_related("local_police_area").prefetch_related(MUNICIPALITIES).get(pk=pk)


EVIDENCE = Prefetch("evidence", queryset=EvidenceLink.objects.select_related("municipality", "survey", "category", "comment")
                    .order_by("kind", "pk"))


def problems_of(picture):
    """Return the picture's problems in priority order (unranked last) with places, sub-areas and evidence (five queries)."""
    return list(
        Problem.objects.filter(picture=picture)
        .prefetch_related(Prefetch("places", queryset=Place.objects.order_by("name")),
                          Prefetch("sub_areas", queryset=SubArea.objects.order_by("name")), EVIDENCE)
    )


def open_suggestions(picture):
    """Return the open suggestions of ``picture``, strongest first, with their evidence and places (three queries)."""
    return list(Suggestion.objects.filter(picture=picture, state=Suggestion.State.OPEN)
                .prefetch_related(EVIDENCE, Prefetch("places", queryset=Place.objects.order_by("name"))))


def decided_suggestions(picture):
    return list(Suggestion.objects.filter(picture=picture).exclude(state=Suggestion.State.OPEN)
                .select_related("problem", "decided_by").order_by("-decided_at", "-pk"))


def latest_decision(picture):
    return Decision.objects.filter(picture=picture).select_related("decided_by").first()


def scored(problems):
    """Return [(problem, ranking.Score)] for ``problems`` (their evidence prefetched)."""
    return [(p, ranking.score(p.theme, p.evidence.all(), has_places=bool(p.places.all() or p.sub_areas.all()
                                                                          or p.place_notes)))
            for p in problems]


def parties(picture, *, on=None):
    """Return the organisations that approve ``picture``: each municipality's and each police unit covering one."""
    on = on or timezone.localdate()
    municipalities = list(picture.municipalities.all())
    found = {o.pk: o for o in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY,
                                                         municipality__in=municipalities)}
    for municipality in municipalities:
        for organisation in police_organisations_for(municipality, on=on):
            found[organisation.pk] = organisation
    return sorted(found.values(), key=lambda o: (o.kind != Organisation.Kind.MUNICIPALITY, o.name))


def latest_version(picture):
    return ProblemPictureVersion.objects.filter(picture=picture).order_by("-number").first()


def approvals_of(version):
    return list(Approval.objects.filter(version=version).select_related("organisation")) if version else []


def pictures_with_evidence_kinds(kinds):
    """Return the links of ``kinds`` worth checking again: those of problems and open suggestions."""
    return EvidenceLink.objects.filter(kind__in=kinds).filter(
        Q(problem__isnull=False) | Q(suggestion__state=Suggestion.State.OPEN))


def approved_picture_for(municipality):
    """Return the newest picture of ``municipality`` with an approved version (its version selected), or None (one query)."""
    return (ProblemPicture.objects.filter(municipalities=municipality, approved_version__isnull=False)
            .select_related("approved_version").order_by("-year", "-approved_at").first())


def public_content(content):
    """Return the public parts of a version's content: public problems with their public evidence, never staff knowledge.

    The one place that decides what of a problem picture residents may see.
    """
    problems = []
    for problem in content.get("problems", []):
        if not problem.get("public"):
            continue
        problems.append({
            **{k: v for k, v in problem.items() if k not in ("evidence", "priority_reason")},
            "evidence": [e for e in problem.get("evidence", []) if not e.get("restricted") and e.get("kind") != "staff"],
        })
    return {**{k: v for k, v in content.items() if k not in ("problems", "justification")}, "problems": problems}
