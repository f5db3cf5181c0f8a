import datetime

from medborgarloften.followup import services
from tests.cast import CastTestCase

T1 = (datetime.date(2017, 1, 1), datetime.date(2017, 4, 30))
T2 = (datetime.date(2017, 5, 1), datetime.date(2017, 8, 31))
T3 = (datetime.date(2017, 9, 1), datetime.date(2017, 12, 31))


class FollowUpTestCase(CastTestCase):
    """The cast's published 2017 promises: Östersund's has a police activity (at least 50 traffic checks) and
    a partner activity (victim support, no quantity); Berg's has the police activity only."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        promise = cls.fresh(cls, cls.ostersund_published)
        cls.checks, cls.support = [a for c in promise.commitments.all() for a in c.activities.all()]
        cls.commitment = promise.commitments.all()[0]

    def start(self, period=T1, promise=None, by=None, **kwargs):
        return services.start_report(promise or self.ostersund_published, by=by or self.ostersund_coordinator,
                                     period_start=period[0], period_end=period[1], **kwargs)

    def report_checks(self, report, quantity, status="ongoing", **kwargs):
        return services.report_activity(report, self.checks, by=self.community_police, status=status,
                                        actual_quantity=quantity, **kwargs)
