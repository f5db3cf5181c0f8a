"""Progress arithmetic against hand-computed cases."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.test import SimpleTestCase

from medborgarloften.followup.progress import IndicatorSeries, activity_progress, done_share


def activity(target):
    return SimpleNamespace(target_quantity=target)


def entry(period_end, quantity, status="ongoing", reason=""):
    report = SimpleNamespace(period_end=period_end, pk=period_end.toordinal(), label=str(period_end))
    return SimpleNamespace(report=report, actual_quantity=quantity, status=status, reason=reason, narrative="",
                           get_status_display=lambda: status)


class ProgressTests(SimpleTestCase):
    def test_320_of_800_is_40_percent_and_not_achieved(self):
        progress = activity_progress(activity(800), [entry(datetime.date(2017, 4, 30), 320)])
        self.assertEqual((progress.actual, progress.share, progress.achieved), (320, Decimal("40.0"), False))

    def test_12_of_5_is_240_percent_and_achieved(self):
        progress = activity_progress(activity(5), [entry(datetime.date(2017, 12, 31), 12, "done")])
        self.assertEqual((progress.share, progress.achieved), (Decimal("240.0"), True))

    def test_several_reports_sum_and_the_latest_status_counts(self):
        entries = [entry(datetime.date(2017, 8, 31), 20, "ongoing"), entry(datetime.date(2017, 4, 30), 15, "ongoing"),
                   entry(datetime.date(2017, 12, 31), 15, "partly_done", "Personalbrist i december.")]
        progress = activity_progress(activity(60), entries)
        self.assertEqual((progress.actual, progress.share, progress.achieved), (50, Decimal("83.3"), False))
        self.assertEqual((progress.status, progress.reason), ("partly_done", "Personalbrist i december."))
        self.assertEqual([e.actual_quantity for _r, e in progress.history], [15, 20, 15])

    def test_a_target_without_a_quantity_has_no_share(self):
        progress = activity_progress(activity(None), [entry(datetime.date(2017, 4, 30), 3, "done")])
        self.assertEqual((progress.actual, progress.share, progress.achieved), (3, None, False))

    def test_an_activity_never_reported_has_nothing(self):
        progress = activity_progress(activity(10), [])
        self.assertEqual((progress.actual, progress.share, progress.status), (None, None, ""))

    def test_the_share_of_activities_done(self):
        progresses = [activity_progress(activity(1), [entry(datetime.date(2017, 4, 30), 1, status)])
                      for status in ("done", "done", "not_done")] + [activity_progress(activity(1), [])]
        self.assertEqual(done_share(progresses), Decimal("50.0"))
        self.assertIsNone(done_share([activity_progress(activity(1), [])]))


def series(better, baseline, values, target=None):
    indicator = SimpleNamespace(better=better, baseline_value=Decimal(baseline), baseline_year=2014,
                                target_value=None if target is None else Decimal(target))
    return IndicatorSeries(indicator=indicator, values=[SimpleNamespace(year=2014 + i, value=Decimal(v)) for i, v in enumerate(values)])


class IndicatorSeriesTests(SimpleTestCase):
    def test_a_rising_problem_index_where_lower_is_better_is_a_deterioration(self):
        index = series("lower", "1.6", ["1.6", "1.7", "1.5", "1.9", "1.8", "2.1"], target="1.4")
        self.assertEqual([worse for _v, worse in index.steps()], [None, True, False, True, False, True])
        self.assertEqual((index.change, index.improved, index.target_met), (Decimal("0.5"), False, False))

    def test_fewer_assaults_than_the_baseline_is_better_and_meets_the_target(self):
        assaults = series("lower", "120", ["120", "110", "95"], target="100")
        self.assertEqual((assaults.change, assaults.improved, assaults.target_met), (Decimal("-25"), True, True))

    def test_higher_is_better(self):
        safe = series("higher", "62", ["62", "65"], target="70")
        self.assertEqual((safe.improved, safe.target_met), (True, False))
