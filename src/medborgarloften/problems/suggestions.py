"""Candidate problems computed from the evidence of a picture's municipalities and period.

Three sources, each read through its own app's selectors, and only what
residents may see:

* the **survey**: the latest published survey of each municipality within the
  evidence period (or the latest before it): local-problem items at an
  elevated police-style level (3 or more; with no scale, a share of 15 % or
  more), the three highest; and items with a significant rise since the
  survey compared with;
* the **dialogues**: the three themes with most public comments and
  observations in the period (at least ``MIN_ITEMS``), and the two places
  named most often;
* the **statistics**: crime categories with a theme whose count rose by 20 %
  or more in the latest year of the period, or whose rate is at least 1.5
  times the county's (at least ``MIN_CRIMES`` crimes either way).

Each candidate carries the evidence that made it (the same readers as a
link made by hand), a key so that a second run adds nothing twice, and a
strength to order the list.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from medborgarloften.dialogues.models import Comment
from medborgarloften.dialogues.selectors import theme_counts
from medborgarloften.scope.themes import Theme
from medborgarloften.statistics.selectors import categories_for
from medborgarloften.surveys.levels import level_for, scales
from medborgarloften.surveys.models import ProblemLevelScale, Question, ResultArea, Survey
from medborgarloften.surveys.services.results import PROBLEM_SHARE_PREFIX

from . import evidence as readers
from .models import EvidenceLink, Suggestion

MIN_ITEMS = 3
MIN_CRIMES = 10
RISE_PERCENT = 20
ABOVE_COUNTY = 1.5
ELEVATED_LEVEL = 3
ELEVATED_SHARE = 0.15


@dataclass
class Candidate:
    key: str
    basis: str
    title: str
    theme: str
    summary: str
    strength: float
    places: list = field(default_factory=list)
    evidence: list = field(default_factory=list)  # [(EvidenceLink fields, readers.Evidence)]


def _percent(value):
    return round(100 * value)


def latest_survey(municipality, picture):
    """Return the latest published survey of ``municipality`` with results, from the picture's period or before."""
    return (Survey.objects.filter(state=Survey.State.PUBLISHED, municipalities=municipality, result_set__isnull=False,
                                  year__lte=picture.evidence_to.year)
            .select_related("result_set").order_by("-year", "-published_at").first())


def survey_candidates(picture, municipality):
    survey = latest_survey(municipality, picture)
    if survey is None:
        return []
    area = ResultArea.objects.filter(result_set=survey.result_set, level="municipality", area=municipality.code,
                                     domain="").first()
    if area is None:
        return []
    scale = scales().get(ProblemLevelScale.Family.DISORDER)
    questions = {q.code: q for q in survey.questions.filter(kind=Question.Kind.PROBLEM).exclude(theme="")}
    rows = {r.item[len(PROBLEM_SHARE_PREFIX):]: r for r in area.result_rows()
            if r.kind == "indicator" and r.domain == "" and r.item.startswith(PROBLEM_SHARE_PREFIX)}
    elevated, rising = [], []
    for code, row in rows.items():
        if code not in questions or row.estimate is None:
            continue
        level = level_for(row, scale)
        if (level.level >= ELEVATED_LEVEL) if level else row.estimate >= ELEVATED_SHARE:
            elevated.append((row.estimate, code, row, level))
        if row.change_significant and (row.change or 0) > 0:
            rising.append((row.change, code, row, level))
    candidates = {}
    for basis, chosen in ((Suggestion.Basis.SURVEY_LEVEL, sorted(elevated, reverse=True, key=lambda c: c[0])[:3]),
                          (Suggestion.Basis.SURVEY_RISE, sorted(rising, reverse=True, key=lambda c: c[0])[:2])):
        for _value, code, row, level in chosen:
            key = f"survey:{survey.pk}:{municipality.code}:{code}"
            if key in candidates:
                continue
            question = questions[code]
            if basis == Suggestion.Basis.SURVEY_LEVEL:
                summary = _("%(share)s %% of residents in %(place)s see it as a problem (%(survey)s)") % {
                    "share": _percent(row.estimate), "place": municipality.name, "survey": survey.title}
            else:
                summary = _("Up %(change)s percentage points since the previous survey in %(place)s (%(survey)s)") % {
                    "change": _percent(row.change), "place": municipality.name, "survey": survey.title}
            found = readers.survey_evidence(survey, code, municipality)
            candidates[key] = Candidate(
                key=key, basis=basis, title=question.text[:200], theme=question.theme, summary=summary,
                strength=row.estimate + (row.change or 0 if basis == Suggestion.Basis.SURVEY_RISE else 0),
                evidence=[({"kind": EvidenceLink.Kind.SURVEY, "municipality": municipality, "survey": survey,
                            "item": code}, found)])
    return list(candidates.values())


def dialogue_candidates(picture, municipality):
    since, until = picture.evidence_from, picture.evidence_to
    counts = theme_counts(municipality, since=since, until=until)
    everything = sum(r["comments"] + r["observations"] for r in counts["themes"]) or 1
    candidates = []
    themes = [r for r in counts["themes"] if r["comments"] + r["observations"] >= MIN_ITEMS and r["theme"] != Theme.OTHER]
    themes.sort(key=lambda r: -(r["comments"] + r["observations"]))
    for row in themes[:3]:
        n = row["comments"] + row["observations"]
        found = readers.dialogue_evidence(municipality, row["theme"], since=since, until=until, counts=counts)
        candidates.append(Candidate(
            key=f"dialogues:{municipality.code}:{row['theme']}", basis=Suggestion.Basis.COMMENT_THEME,
            title=str(Theme(row["theme"]).label), theme=row["theme"],
            summary=_("%(n)s comments and observations in %(place)s are about this") % {"n": n, "place": municipality.name},
            strength=n / everything,
            evidence=[({"kind": EvidenceLink.Kind.DIALOGUES, "municipality": municipality, "theme": row["theme"],
                        "since": since, "until": until}, found)]))
    places = [r for r in counts["places"] if r["place"] is not None and r["comments"] + r["observations"] >= MIN_ITEMS]
    for row in places[:2]:
        place = row["place"]
        comments = list(Comment.objects.public().filter(place=place, made_on__gte=since, made_on__lte=until)
                        .order_by("-made_on", "-pk")[:5])
        evidence = []
        for comment in comments:
            evidence.append(({"kind": EvidenceLink.Kind.COMMENT, "municipality": municipality, "comment": comment},
                             readers.comment_evidence(comment)))
        n = row["comments"] + row["observations"]
        candidates.append(Candidate(
            key=f"place:{place.pk}", basis=Suggestion.Basis.COMMENT_PLACE,
            title=_("Safety at %(place)s") % {"place": place.name}, theme=Theme.OTHER,
            summary=_("%(n)s comments and observations name %(place)s") % {"n": n, "place": place.name},
            strength=n / everything, places=[place], evidence=evidence))
    return candidates


def statistics_candidates(picture, municipality):
    year = picture.evidence_to.year
    candidates = []
    for category in categories_for(municipality):
        if not category.theme:
            continue  # totals and chapters: no theme, no single problem
        try:
            found = readers.statistics_evidence(municipality, category, year)
        except readers.Unavailable:
            continue
        s = found.snapshot
        if (s["count"] or 0) < MIN_CRIMES:
            continue
        fields = {"kind": EvidenceLink.Kind.STATISTICS, "municipality": municipality, "category": category, "year": year}
        ratio = s["rate"] / s["county_rate"] if s["rate"] and s["county_rate"] else None
        if s["change_percent"] is not None and s["change_percent"] >= RISE_PERCENT:
            basis, strength = Suggestion.Basis.CRIME_RISE, s["change_percent"] / 100
            summary = _("%(category)s rose by %(change)s %% in %(year)s in %(place)s") % {
                "category": category.name, "change": round(s["change_percent"]), "year": year, "place": municipality.name}
        elif ratio is not None and ratio >= ABOVE_COUNTY:
            basis, strength = Suggestion.Basis.CRIME_ABOVE_COUNTY, ratio - 1
            summary = _("%(category)s: %(ratio)s times the county's rate in %(year)s in %(place)s") % {
                "category": category.name, "ratio": f"{ratio:.1f}".replace(".", ","), "year": year,
                "place": municipality.name}
        else:
            continue
        candidates.append(Candidate(key=f"statistics:{municipality.code}:{category.slug}", basis=basis,
                                    title=category.name[:200], theme=category.theme, summary=summary[:500],
                                    strength=strength, evidence=[(fields, found)]))
    candidates.sort(key=lambda c: -c.strength)
    return candidates[:3]


def candidates_for(picture):
    """Return the candidates of every municipality of ``picture``, strongest first within each source."""
    found = []
    for municipality in picture.municipalities.order_by("name"):
        found += survey_candidates(picture, municipality)
        found += dialogue_candidates(picture, municipality)
        found += statistics_candidates(picture, municipality)
    return found
