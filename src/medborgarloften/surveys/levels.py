"""Police-style problem levels 0–6 (configurable placeholders, not the police's thresholds).

By the public descriptions of the police's *problemindex* (ESC 2025 abstract;
Polisen's press releases on LPO Trelleborg 2018 and 2019; Gerell 2014; see
README, "Two different indices"), an item's value is a **level** 0–6 set from
the share of respondents who see it as a problem, level 2 being the normal
value for Sweden; 0 is "närmast obefintligt problem" and 6 "alarmerande
påtagligt problem" (the police's wording). The exact share thresholds are
not public. The thresholds used here are data (:class:`ProblemLevelScale`,
editable in the admin), seeded with placeholders and labelled as such
wherever a level is shown. Which answers count as "a problem" is the setting
``SURVEYS_PROBLEM_ANSWERS`` (default: *ganska stort* and *mycket stort*).
"""

from django.utils.translation import gettext_lazy as _

from .models import ProblemLevelScale

# Only the end points are the police's words; the rest are our proposals.
LEVEL_LABELS = {
    0: _("Almost non-existent problem"),
    1: _("Small problem"),
    2: _("Normal level for Sweden"),
    3: _("Elevated problem"),
    4: _("Large problem"),
    5: _("Very large problem"),
    6: _("Alarming, tangible problem"),
}
OFFICIAL_LABELS = (0, 6)

# Placeholder thresholds (per cent, lower bounds of levels 1–6) from the
# research notes: scale A for problems, worry and feeling unsafe, scale B for
# the lower shares of crimes against respondents.
PLACEHOLDER_SCALES = {
    ProblemLevelScale.Family.DISORDER: [2, 5, 15, 25, 35, 50],
    ProblemLevelScale.Family.VICTIMISATION: [0.5, 1.5, 4, 6, 9, 13],
}


class Level:
    """A level with the range its 95 % interval spans (``uncertain`` when that range is wider than one level)."""

    def __init__(self, level, low, high, scale):
        self.level, self.low, self.high, self.scale = level, low, high, scale

    @property
    def uncertain(self):
        return self.low is not None and self.high is not None and self.low != self.high

    @property
    def label(self):
        return LEVEL_LABELS[self.level]

    @property
    def is_placeholder(self):
        return self.scale.origin == ProblemLevelScale.Origin.PLACEHOLDER


def scales():
    """Return {family: scale} (one query)."""
    return {s.family: s for s in ProblemLevelScale.objects.all()}


def level_for(row, scale):
    """Return the Level of a share row (estimate and interval 0–1), or None when suppressed or without a scale."""
    if scale is None or row is None or row.estimate is None:
        return None
    return Level(scale.level_of(row.estimate), scale.level_of(row.ci_low), scale.level_of(row.ci_high), scale)
