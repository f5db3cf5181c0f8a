"""Reading one piece of evidence from its source, as a snapshot with a fingerprint.

Each reader returns an :class:`Evidence` (what is shown, the source's name and
date, and the SHA-256 of the source's values that matter) or raises
:class:`Unavailable` with the reason the source can no longer be cited. The
problem picture stores the snapshot when a link is made; ``check_evidence``
reads the source again and compares fingerprints, so a changed or withdrawn
source is flagged, never silently kept or silently replaced.

Only what residents may see is ever read here (published survey results,
approved public comments, public dialogues' observations, imported series):
the one restricted kind, staff knowledge, has no source to read.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from medborgarloften.dialogues.models import Comment
from medborgarloften.dialogues.selectors import theme_counts
from medborgarloften.scope.themes import Theme
from medborgarloften.statistics.selectors import comparison, series
from medborgarloften.surveys.levels import level_for, scales
from medborgarloften.surveys.models import ProblemLevelScale, ResultArea, Survey
from medborgarloften.surveys.presentation import INDICATORS
from medborgarloften.surveys.services.results import PROBLEM_SHARE_PREFIX

from .models import content_hash


class Unavailable(Exception):
    """The source can no longer be cited (its message says why)."""


@dataclass
class Evidence:
    snapshot: dict
    source_name: str
    source_date: object
    fingerprint: str


def _number(value):
    return None if value is None else float(value)


# --- survey ---------------------------------------------------------------


def survey_item_label(survey, item):
    """Return the Swedish label of survey ``item`` (a question code or a safety indicator), or the code."""
    question = next((q for q in survey.questions.all() if q.code == item), None)
    if question is not None:
        return question.text
    with translation.override("sv"):
        return next((str(label) for name, label, _family in INDICATORS if name == item), item)


def survey_share_row(area, item):
    """Return the result row of ``item``'s problem share (a local problem) or its indicator row, or None."""
    rows = area.result_rows()
    for wanted in (PROBLEM_SHARE_PREFIX + item, item):
        row = next((r for r in rows if r.item == wanted and r.kind == "indicator" and r.domain == ""), None)
        if row is not None:
            return row
    return None


def survey_evidence(survey, item, municipality):
    """Return the published share of residents of ``municipality`` answering ``item`` as a problem (or the indicator)."""
    survey = Survey.objects.filter(pk=survey.pk).select_related("result_set").first() if survey else None
    if survey is None:
        raise Unavailable(_("The survey no longer exists."))
    if survey.state != Survey.State.PUBLISHED or getattr(survey, "result_set", None) is None:
        raise Unavailable(_("The survey's results are no longer published."))
    area = ResultArea.objects.filter(result_set=survey.result_set, level="municipality", area=municipality.code,
                                     domain="").first()
    row = survey_share_row(area, item) if area is not None else None
    if row is None or row.estimate is None:
        raise Unavailable(_("The survey publishes no figure for this item in the municipality."))
    family = ProblemLevelScale.Family.VICTIMISATION if item == "utsatt_brott" else ProblemLevelScale.Family.DISORDER
    level = level_for(row, scales().get(family)) if item not in ("trygg_ute_sent", "anmalningsgrad") else None
    snapshot = {
        "label": survey_item_label(survey, item), "item": item, "survey": survey.title, "year": survey.year,
        "estimate": _number(row.estimate), "ci_low": _number(row.ci_low), "ci_high": _number(row.ci_high),
        "n": row.n, "change": _number(row.change), "change_significant": row.change_significant,
        "level": level.level if level else None, "level_low": level.low if level else None,
        "level_high": level.high if level else None,
        "self_selected": survey.result_set.method == "open",
    }
    fingerprint = content_hash({k: snapshot[k] for k in ("estimate", "ci_low", "ci_high", "n", "change")}
                               | {"published": str(survey.published_at)})
    return Evidence(snapshot, survey.title,
                    survey.published_at.date() if survey.published_at else None, fingerprint)


# --- dialogues --------------------------------------------------------------


def dialogue_evidence(municipality, theme, *, since, until, counts=None):
    """Return the number of public comments and safety-walk observations on ``theme`` in the period.

    ``counts`` may pass ``dialogues.selectors.theme_counts`` already read for
    the municipality and period (suggestions read it once for every theme).
    """
    counts = counts if counts is not None else theme_counts(municipality, since=since, until=until)
    row = next((r for r in counts["themes"] if r["theme"] == theme),
               {"comments": 0, "suggested": 0, "observations": 0})
    everything = sum(r["comments"] + r["observations"] for r in counts["themes"])
    snapshot = {
        "label": str(Theme(theme).label) if theme in Theme.values else theme,
        "theme": theme, "comments": row["comments"], "observations": row["observations"],
        "suggested": row["suggested"], "all_comments": counts["comments"], "all_items": everything,
        "since": str(since) if since else None, "until": str(until) if until else None,
    }
    if not snapshot["comments"] and not snapshot["observations"]:
        raise Unavailable(_("No public comment or observation on this theme in the period."))
    fingerprint = content_hash({k: snapshot[k] for k in ("comments", "observations", "all_items")})
    return Evidence(snapshot, _("Residents' comments and safety walks"), until, fingerprint)


def comment_evidence(comment):
    """Return one public comment as it is published."""
    comment = (Comment.objects.filter(pk=comment.pk).select_related("dialogue", "place", "municipality")
               .prefetch_related("themes").first()) if comment else None
    if comment is None:
        raise Unavailable(_("The comment no longer exists."))
    if not comment.is_public:
        raise Unavailable(_("The comment has been withdrawn or is not public."))
    text = comment.published_text or comment.text
    snapshot = {"label": text[:200], "text": text, "place": comment.place.name if comment.place else "",
                "made_on": str(comment.made_on), "themes": sorted(t.theme for t in comment.themes.all()),
                "url": comment.get_absolute_url()}
    fingerprint = content_hash({"text": text, "public": True})
    return Evidence(snapshot, _("A resident's comment"), comment.made_on, fingerprint)


# --- statistics -------------------------------------------------------------


def statistics_evidence(municipality, category, year):
    """Return ``category``'s count and rate in ``municipality`` in ``year``, the change and the county's and Sweden's rates."""
    if category is None:
        raise Unavailable(_("The statistics category no longer exists."))
    points = {p.year: p for p in series(municipality, category, years=[year - 1, year])}
    point = points.get(year)
    if point is None or point.count is None:
        raise Unavailable(_("The series has no figure for this year any more."))
    regions = comparison(municipality, category, year=year)
    county, country = regions["county"], regions["country"]
    snapshot = {
        "label": category.name, "year": year, "count": _number(point.count),
        "rate": _number(point.rate_per_100000), "previous": _number(point.previous.count) if point.previous else None,
        "change_percent": _number(point.change_percent), "preliminary": point.preliminary,
        "county_rate": _number(county.rate_per_100000) if county else None,
        "country_rate": _number(country.rate_per_100000) if country else None,
    }
    fingerprint = content_hash({k: snapshot[k] for k in ("count", "rate", "previous", "county_rate", "country_rate")})
    return Evidence(snapshot, point.source, None, fingerprint)


def read_source(link):
    """Return the current :class:`Evidence` of ``link``'s source (raises Unavailable), or None for staff knowledge."""
    kind = link.Kind
    if link.kind == kind.SURVEY:
        return survey_evidence(link.survey, link.item, link.municipality)
    if link.kind == kind.DIALOGUES:
        return dialogue_evidence(link.municipality, link.theme, since=link.since, until=link.until)
    if link.kind == kind.COMMENT:
        return comment_evidence(link.comment)
    if link.kind == kind.STATISTICS:
        return statistics_evidence(link.municipality, link.category, link.year)
    return None
