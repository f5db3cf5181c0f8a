"""The follow-up permissions, role by role, on the Östersund and Berg promises in each state."""

import rules

from medborgarloften.followup import services
from tests.cast import everyone_but
from tests.followup.helpers import T1, FollowUpTestCase

OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")


class AddProgressReportRuleTest(FollowUpTestCase):
    PERM = "followup.add_progressreport"

    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(self.PERM))

    def test_published_promises_are_reported_on_by_their_party_editors(self):
        self.assertPermission(self.PERM, self.ostersund_published, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))
        self.assertPermission(self.PERM, self.berg_published, allowed=["berg_coordinator"], denied=everyone_but("berg_coordinator"))

    def test_nothing_unpublished_is_reported_on(self):
        for promise in (self.ostersund_draft, self.ostersund_approved, self.ostersund_awaiting, self.ostersund_signed,
                        self.ostersund_withdrawn, self.berg_draft):
            self.assertPermission(self.PERM, promise, allowed=[], denied=everyone_but())


class ReportActivitiesRuleTest(FollowUpTestCase):
    PERM = "followup.report_activities"

    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(self.PERM))

    def test_a_draft_report_is_filled_in_by_the_responsible_organisations(self):
        report = self.start(T1)
        # The police's activity and the partner's; the coordinator may report for the partner on its behalf.
        allowed = ("ostersund_coordinator", "community_police", "partner")
        self.assertPermission(self.PERM, report, allowed=allowed, denied=everyone_but(*allowed))

    def test_a_police_activity_is_reported_by_the_police_only(self):
        # Berg's only activity is the police's; LPO Jämtland/Härjedalen has no editor in the cast.
        report = self.start(T1, promise=self.berg_published, by=self.berg_coordinator)
        self.assertPermission(self.PERM, report, allowed=[], denied=everyone_but())

    def test_a_published_report_is_filled_in_by_nobody(self):
        report = self.start(T1)
        self.report_checks(report, 10)
        report = services.publish_report(report, by=self.ostersund_coordinator)
        self.assertPermission(self.PERM, report, allowed=[], denied=everyone_but())


class PublishProgressReportRuleTest(FollowUpTestCase):
    PERM = "followup.publish_progressreport"

    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(self.PERM))

    def test_the_coordinators_of_the_promise_publish(self):
        report = self.start(T1)
        self.assertPermission(self.PERM, report, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))


class ChangeIndicatorRuleTest(FollowUpTestCase):
    PERM = "followup.change_indicator"

    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(self.PERM))

    def test_party_editors_keep_indicators_while_drafting_and_following_up(self):
        for promise in (self.ostersund_draft, self.ostersund_signed, self.ostersund_published):
            self.assertPermission(self.PERM, promise, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))

    def test_a_withdrawn_promise_has_no_indicators_to_keep(self):
        self.assertPermission(self.PERM, self.ostersund_withdrawn, allowed=[], denied=everyone_but())


class ViewProgressReportRuleTest(FollowUpTestCase):
    PERM = "followup.view_progressreport"

    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(self.PERM))

    def test_reports_being_written_are_read_by_the_parties_and_named_partners(self):
        report = self.start(T1)
        allowed = ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief",
                   "ostersund_viewer", "ostersund_admin", "partner")
        self.assertPermission(self.PERM, report, allowed=allowed, denied=everyone_but(*allowed))
