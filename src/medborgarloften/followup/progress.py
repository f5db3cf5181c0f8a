"""Progress arithmetic: what was done against what was promised, from published reports. Plain functions, no queries."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from medborgarloften.promises.models import Activity
from medborgarloften.web.templatetags.swedish import swedish_number

_STATUS_LABELS = dict(Activity.Status.choices)


def status_label(status):
    """Return the translated label of an activity status (a dictionary lookup: this runs for every row of long pages)."""
    return str(_STATUS_LABELS.get(status, status))


@dataclass(eq=False)
class ActivityProgress:
    activity: object
    actual: int | None = None      # summed over the reports that gave a quantity
    status: str = ""                # as of the latest report that mentions the activity
    status_label: str = ""
    reason: str = ""
    narrative: str = ""
    history: list = field(default_factory=list)   # [(report, entry)] oldest first

    @property
    def target(self):
        return self.activity.target_quantity

    @cached_property
    def history_text(self):
        """Return "Tertial 1 2017: ongoing (3); …" for the reports so far, or "" when there is at most one."""
        if len(self.history) < 2:
            return ""
        return "; ".join(
            f"{report.label}: {status_label(entry.status).lower()}"
            + (f" ({swedish_number(entry.actual_quantity)})" if entry.actual_quantity is not None else "")
            for report, entry in self.history
        )

    @property
    def share(self):
        """Return actual ÷ target as a Decimal percentage with one decimal, or None without a target or an actual."""
        if not self.target or self.actual is None:
            return None
        return (Decimal(self.actual) * 100 / Decimal(self.target)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def achieved(self):
        """True when the summed actual meets or exceeds the target ("mål uppnått")."""
        return bool(self.target) and self.actual is not None and self.actual >= self.target


def activity_progress(activity, entries):
    """Return the ActivityProgress of ``activity`` from its ``entries`` (ActivityReports of published reports, any order)."""
    entries = sorted(entries, key=lambda e: (e.report.period_end, e.report.pk))
    progress = ActivityProgress(activity=activity)
    for entry in entries:
        if entry.actual_quantity is not None:
            progress.actual = (progress.actual or 0) + entry.actual_quantity
        progress.status, progress.status_label = entry.status, status_label(entry.status)
        progress.reason, progress.narrative = entry.reason, entry.narrative
        progress.history.append((entry.report, entry))
    return progress


def done_share(progresses):
    """Return the share (0–100, one decimal) of activities whose latest status is done, or None when none was reported."""
    reported = [p for p in progresses if p.status]
    if not reported:
        return None
    done = sum(1 for p in progresses if p.status == "done")
    return (Decimal(done) * 100 / Decimal(len(progresses))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class IndicatorSeries:
    indicator: object
    values: list          # IndicatorValue, by year

    @property
    def latest(self):
        return self.values[-1] if self.values else None

    @property
    def change(self):
        """Return latest − baseline, or None."""
        return None if self.latest is None else self.latest.value - self.indicator.baseline_value

    @property
    def improved(self):
        """True if the latest value moved the better way from the baseline, False if the worse way, None if unchanged or unknown."""
        change = self.change
        if not change:
            return None
        return (change < 0) == (self.indicator.better == "lower")

    @property
    def target_met(self):
        """True if the latest value reaches the target in the better direction; None without a target or a value."""
        if self.indicator.target_value is None or self.latest is None:
            return None
        if self.indicator.better == "lower":
            return self.latest.value <= self.indicator.target_value
        return self.latest.value >= self.indicator.target_value

    def steps(self):
        """Return [(value, worse)] per year: worse is True where the value moved the wrong way from the year before."""
        result, previous = [], None
        for value in self.values:
            worse = None
            if previous is not None and value.value != previous.value:
                worse = (value.value > previous.value) == (self.indicator.better == "lower")
            result.append((value, worse))
            previous = value
        return result
