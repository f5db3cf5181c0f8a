"""The municipality's statutory situation picture (lägesbild) and action plan (åtgärdsplan), from the problem picture.

Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete, in force
1 July 2023: 4 § asks for a situation picture of crime in the municipality
holding (1) a mapping of crime, its extent and consequences, (2) other
information of importance, and (3) an analysis; from it the municipality
takes a position on the need for measures and decides an action plan (5 §).
Brå's guidance describes the situation picture as the compilation of the
mapping: where the problems are greatest, how the situation compares with
reference data, and how it has developed over time; and asks the action plan
to tie each measure to an identified problem and to say how it is followed
up. Both documents are written here from the same agreed problem picture
and the promises whose commitments answer its problems, so the work is done
once (README, "Problem picture").
"""

from collections import defaultdict

from django.db.models import Prefetch

from medborgarloften.problems import selectors as problem_selectors
from medborgarloften.problems.services import picture_content
from medborgarloften.promises.models import Activity, Commitment, Promise

MAPPING_KINDS = ("statistics", "survey")
OTHER_KINDS = ("dialogues", "comment", "staff")


def _content(picture, *, public):
    """Return (content, approved): the approved version's content, or the draft's when none is approved yet."""
    if picture.approved_version is not None:
        content, approved = picture.approved_version.content, True
    else:
        content, approved = picture_content(picture), False
    return (problem_selectors.public_content(content) if public else content), approved


def situation_report(picture, *, public=False):
    """Return the lägesbild's sections of ``picture``: mapping (4 § 1), other information (4 § 2), analysis (4 § 3).

    With ``public``, only what residents may see (no staff knowledge, no
    problem kept internal).
    """
    content, approved = _content(picture, public=public)
    problems = content["problems"]
    for problem in problems:
        for entry in problem.get("evidence", []):
            entry["figure"] = problem_selectors.evidence_figure(entry)
        problem["mapping"] = [e for e in problem.get("evidence", []) if e["kind"] in MAPPING_KINDS]
        problem["other"] = [e for e in problem.get("evidence", []) if e["kind"] in OTHER_KINDS]
    sources = []
    for problem in problems:
        for entry in problem.get("evidence", []):
            key = (entry.get("source"), entry.get("date"), entry.get("restricted"))
            if key not in sources:
                sources.append(key)
    return {"picture": picture, "content": content, "approved": approved, "public": public,
            "problems": problems, "prioritised": [p for p in problems if p.get("priority")],
            "sources": [{"source": s, "date": d, "restricted": r} for s, d, r in sources]}


def action_plan(picture):
    """Return the åtgärdsplan of ``picture``: per problem the measures (commitments, activities) that answer it.

    Measures come from the promises of the picture's municipalities in force
    in the picture's year (drafts included, marked with their state; never
    withdrawn ones). Problems without a measure and commitments that answer
    no problem are listed apart, so that the position on every problem is
    visible. Four queries plus the picture's.
    """
    content, approved = _content(picture, public=False)
    municipality_ids = [m.pk for m in picture.municipalities.all()]
    commitments = list(
        Commitment.objects.filter(promise__municipalities__in=municipality_ids, promise__valid_from__year__lte=picture.year)
        .exclude(promise__state__in=[Promise.State.WITHDRAWN, Promise.State.SUPERSEDED])
        .exclude(promise__valid_to__year__lt=picture.year)
        .select_related("promise").distinct()
        .prefetch_related(Prefetch("activities", queryset=Activity.objects.prefetch_related("partners")), "problems")
        .order_by("promise__valid_from", "promise__title", "order", "pk"))
    by_problem = defaultdict(list)
    unlinked = []
    for commitment in commitments:
        ids = [p.pk for p in commitment.problems.all()]
        for pk in ids:
            by_problem[pk].append(commitment)
        if not ids:
            unlinked.append(commitment)
    rows = [{"problem": p, "commitments": by_problem.get(p["id"], [])} for p in content["problems"]]
    return {"picture": picture, "content": content, "approved": approved,
            "rows": [r for r in rows if r["commitments"]], "without": [r["problem"] for r in rows if not r["commitments"]],
            "unlinked": unlinked}
