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


def available_evidence(picture):
    """Return the evidence a problem of ``picture`` may link, as grouped choices: [(group, [(value, label)])].

    Published survey results of the picture's municipalities (the latest
    survey of each up to the end of the evidence period), the dialogues'
    themes and public comments of the period, and every statistics series
    the municipalities have figures in, for each year of the period.
    """
    from medborgarloften.dialogues.models import Comment
    from medborgarloften.dialogues.selectors import theme_counts
    from medborgarloften.statistics.selectors import categories_for
    from medborgarloften.surveys.models import Question, ResultArea, Survey
    from medborgarloften.surveys.presentation import INDICATORS

    from .evidence import survey_share_row

    surveys, dialogues, comments, statistics = [], [], [], []
    years = range(picture.evidence_from.year, picture.evidence_to.year + 1)
    for m in picture.municipalities.all():
        for survey in (Survey.objects.filter(state=Survey.State.PUBLISHED, municipalities=m, result_set__isnull=False,
                                             year__lte=picture.evidence_to.year)
                       .select_related("result_set").prefetch_related("questions").order_by("-year")[:2]):
            area = ResultArea.objects.filter(result_set=survey.result_set, level="municipality", area=m.code,
                                             domain="").first()
            if area is None:
                continue
            items = [(q.code, q.text) for q in survey.questions.all() if q.kind == Question.Kind.PROBLEM]
            items += [(name, str(label)) for name, label, _family in INDICATORS]
            for code, label in items:
                row = survey_share_row(area, code)
                if row is not None and row.estimate is not None:
                    surveys.append((f"survey:{survey.pk}:{m.pk}:{code}",
                                    f"{m.name}, {survey.title}: {label} ({round(100 * row.estimate)} %)"))
        counts = theme_counts(m, since=picture.evidence_from, until=picture.evidence_to)
        for row in counts["themes"]:
            if row["comments"] or row["observations"]:
                dialogues.append((f"dialogues:{m.pk}:{row['theme']}",
                                  f"{m.name}: {row['label']} ({row['comments']} + {row['observations']})"))
        for comment in (Comment.objects.public().filter(municipality=m, made_on__gte=picture.evidence_from,
                                                        made_on__lte=picture.evidence_to)
                        .order_by("-made_on", "-pk")[:100]):
            comments.append((f"comment:{comment.pk}",
                             f"{m.name}, {comment.made_on}: {(comment.published_text or comment.text)[:90]}"))
        for category in categories_for(m):
            for year in years:
                statistics.append((f"statistics:{m.pk}:{category.pk}:{year}", f"{m.name}: {category.name} {year}"))
    from django.utils.translation import gettext as _
    groups = [(_("Survey results"), surveys), (_("Comments and observations by theme"), dialogues),
              (_("Residents' comments"), comments), (_("Statistics"), statistics)]
    return [(label, choices) for label, choices in groups if choices]


def parse_source(picture, value):
    """Return the link_evidence arguments of an ``available_evidence`` choice, or None when it does not parse."""
    from medborgarloften.dialogues.models import Comment
    from medborgarloften.statistics.models import Category
    from medborgarloften.surveys.models import Survey

    municipalities = {m.pk: m for m in picture.municipalities.all()}
    parts = value.split(":")
    try:
        if parts[0] == "survey" and len(parts) == 4:
            return {"kind": "survey", "survey": Survey.objects.get(pk=int(parts[1])),
                    "municipality": municipalities[int(parts[2])], "item": parts[3]}
        if parts[0] == "dialogues" and len(parts) == 3:
            return {"kind": "dialogues", "municipality": municipalities[int(parts[1])], "theme": parts[2]}
        if parts[0] == "comment" and len(parts) == 2:
            comment = Comment.objects.get(pk=int(parts[1]))
            return {"kind": "comment", "comment": comment, "municipality": municipalities[comment.municipality_id]}
        if parts[0] == "statistics" and len(parts) == 4:
            return {"kind": "statistics", "municipality": municipalities[int(parts[1])],
                    "category": Category.objects.get(pk=int(parts[2])), "year": int(parts[3])}
    except (KeyError, ValueError, Survey.DoesNotExist, Comment.DoesNotExist, Category.DoesNotExist):
        return None
    return None


def evidence_figure(entry):
    """Return a short text of the figure of a version's evidence entry (for the public panel and documents)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    s = entry.get("snapshot") or {}
    kind = entry.get("kind")
    if kind == "survey" and s.get("estimate") is not None:
        return _("%(share)s %% see it as a problem (95 %% interval %(low)s–%(high)s %%), %(year)s") % {
            "share": round(100 * s["estimate"]), "low": round(100 * (s.get("ci_low") or 0)),
            "high": round(100 * (s.get("ci_high") or 0)), "year": s.get("year")}
    if kind == "dialogues":
        return ngettext("%(n)s comment or observation", "%(n)s comments and observations",
                        s.get("comments", 0) + s.get("observations", 0)) % {"n": s.get("comments", 0) + s.get("observations", 0)}
    if kind == "statistics" and s.get("count") is not None:
        text = _("%(count)s reported in %(year)s") % {"count": round(s["count"]), "year": s.get("year")}
        if s.get("rate") is not None:
            text += _(", %(rate)s per 100 000 inhabitants") % {"rate": round(s["rate"])}
        if s.get("county_rate") is not None:
            text += _(" (county %(rate)s)") % {"rate": round(s["county_rate"])}
        return text
    return ""


def public_picture(municipality):
    """Return the public parts of ``municipality``'s newest approved picture with a figure per evidence entry, or None.

    One query.
    """
    picture = approved_picture_for(municipality)
    if picture is None:
        return None
    content = public_content(picture.approved_version.content)
    for problem in content["problems"]:
        for entry in problem["evidence"]:
            entry["figure"] = evidence_figure(entry)
    return {"picture": picture, "content": content, "problems": content["problems"]}


def linkable_problems(municipalities):
    """Return the problems a commitment for ``municipalities`` may answer: those agreed in an approved picture.

    A problem counts when it stands in the approved version of a picture
    covering one of ``municipalities`` (a problem added after approval waits
    for the next approval). Newest pictures first, then priority. Two queries.
    """
    pictures = list(ProblemPicture.objects.filter(municipalities__in=list(municipalities), approved_version__isnull=False)
                    .distinct().select_related("approved_version"))
    agreed = {p["id"] for picture in pictures for p in picture.approved_version.content.get("problems", [])}
    return (Problem.objects.filter(pk__in=agreed).select_related("picture")
            .order_by("-picture__year", "picture__title", models_nulls_last("priority"), "pk"))


def models_nulls_last(field):
    from django.db.models import F

    return F(field).asc(nulls_last=True)


def agreed_problem(problem):
    """Return ``problem``'s public entry in its picture's approved version, or None (not approved, or not public)."""
    version = problem.picture.approved_version
    if version is None:
        return None
    public = public_content(version.content)
    entry = next((p for p in public["problems"] if p["id"] == problem.pk), None)
    if entry is not None:
        for evidence in entry["evidence"]:
            evidence["figure"] = evidence_figure(evidence)
    return entry


def approved_pictures_for(municipality_ids, *, year=None):
    """Return the problem pictures in force for ``municipality_ids``: each one's newest approved picture (one query).

    A picture is in force for a municipality when it has an approved version
    and, with ``year`` given, is for that year or an earlier one (a picture
    for a later cycle is not yet the one a promise answers). Two
    municipalities that share a picture (a local police area's) give it once;
    the approved version is selected. Newest first.
    """
    through = ProblemPicture.municipalities.through
    rows = through.objects.filter(municipality_id__in=list(municipality_ids),
                                  problempicture__approved_version__isnull=False)
    if year is not None:
        rows = rows.filter(problempicture__year__lte=year)
    rows = rows.select_related("problempicture__approved_version").order_by(
        "-problempicture__year", "-problempicture__approved_at", "-problempicture_id")
    found, seen = {}, set()
    for row in rows:
        if row.municipality_id in seen:
            continue
        seen.add(row.municipality_id)
        found.setdefault(row.problempicture_id, row.problempicture)
    return list(found.values())


def prioritised_problems(picture):
    """Return the prioritised problems of ``picture``'s approved version as [(id, title, rank)], by rank."""
    version = picture.approved_version
    entries = version.content.get("problems", []) if version else []
    return sorted(((p["id"], p["title"], p["priority"]) for p in entries if p.get("priority")), key=lambda e: e[2])
