"""The citizen-perspective score and the method's prioritisation prompts (README, "Problem picture").

For each problem, two scores 0–100 are computed from the snapshots of its
evidence links (what was shown when linked):

* **citizen score**: how strongly residents' own sources point at it —
  60 % from the survey (the highest share of residents calling the item a
  problem, divided by 50 %, capped at 1; +0.15 for a significant rise; an
  open, self-selected questionnaire counts half) and 40 % from the dialogues
  (the theme's share of every public comment and observation of the period
  divided by 25 %, capped at 1; or 0.1 per linked comment);
* **authority score**: what police and municipal data show — the highest of
  the statistics (the rate over the county's: twice the county's rate is 1;
  or a rise of 50 % in a year is 1) and staff knowledge (0.5 when linked).

A problem with a citizen score of at least ``PROBLEMS_STRONG_CITIZEN_SCORE``
(50) may not be ranked below ``PROBLEMS_PROTECTED_RANK`` (3), nor left out of
the order, without a written reason (``services.set_priorities``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from medborgarloften.scope.themes import Theme

SURVEY_CEILING = 0.5
# Survey indicators where a high share is good news: they never point at a problem.
POSITIVE_ITEMS = {"trygg_ute_sent", "anmalningsgrad"}
DIALOGUE_CEILING = 0.25
SIGNAL_THEMES = {Theme.LITTERING, Theme.GRAFFITI, Theme.VANDALISM, Theme.POOR_LIGHTING, Theme.OVERGROWN_VEGETATION,
                 Theme.INTOXICATED_PEOPLE}

PROMPTS = {
    "common": _("Among the most common crimes, or rising"),
    "places": _("Tied to exposed places"),
    "many": _("Affects many residents"),
    "signal": _("A signal problem (littering, graffiti, vandalism …)"),
}
RESOURCES_PROMPT = _("Weigh each against the resources and the ability to act that police and municipality have.")


def strong_score():
    return getattr(settings, "PROBLEMS_STRONG_CITIZEN_SCORE", 50)


def protected_rank():
    return getattr(settings, "PROBLEMS_PROTECTED_RANK", 3)


@dataclass
class Score:
    citizen: int
    authority: int
    survey: float = 0
    dialogues: float = 0
    prompts: list = field(default_factory=list)

    @property
    def strong(self):
        """Residents point at the problem strongly: it may not be dropped without a written reason."""
        return self.citizen >= strong_score()

    @property
    def leaning(self):
        """"citizens", "data" or "both": which side points harder (a gap of 20 points or more)."""
        if self.citizen - self.authority >= 20:
            return "citizens"
        if self.authority - self.citizen >= 20:
            return "data"
        return "both"


def _cap(value):
    return max(0.0, min(1.0, value))


def score(problem_theme, links, *, has_places=False):
    """Return the :class:`Score` of a problem from its evidence ``links`` (any objects with ``kind`` and ``snapshot``)."""
    survey = dialogues = comments = statistics = staff = 0.0
    common = many = False
    for link in links:
        s = link.snapshot or {}
        if link.kind == "survey" and s.get("estimate") is not None and s.get("item") not in POSITIVE_ITEMS:
            part = _cap(s["estimate"] / SURVEY_CEILING)
            if s.get("change_significant") and (s.get("change") or 0) > 0:
                part = _cap(part + 0.15)
            if s.get("self_selected"):
                part /= 2
            survey = max(survey, part)
            many = many or s["estimate"] >= 0.25
        elif link.kind == "dialogues" and s.get("all_items"):
            dialogues = max(dialogues, _cap((s["comments"] + s["observations"]) / s["all_items"] / DIALOGUE_CEILING))
            has_places = has_places or bool(s.get("observations"))
        elif link.kind == "comment":
            comments += 0.1
        elif link.kind == "statistics":
            part = 0.0
            if s.get("rate") and s.get("county_rate"):
                part = _cap(s["rate"] / s["county_rate"] - 1)
                common = common or s["rate"] >= 1.5 * s["county_rate"]
            if s.get("change_percent") is not None:
                part = max(part, _cap(s["change_percent"] / 50))
                common = common or s["change_percent"] >= 10
            if s.get("rate") and s.get("country_rate") and s["rate"] > s["country_rate"]:
                common = True
            statistics = max(statistics, part)
        elif link.kind == "staff":
            staff = 0.5
    dialogues = max(dialogues, _cap(comments))
    prompts = [key for key, present in (
        ("common", common), ("places", has_places), ("many", many), ("signal", problem_theme in SIGNAL_THEMES),
    ) if present]
    return Score(
        citizen=round(100 * (0.6 * survey + 0.4 * dialogues)), authority=round(100 * max(statistics, staff)),
        survey=survey, dialogues=dialogues, prompts=prompts,
    )
