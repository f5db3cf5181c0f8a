import datetime

from django.core import mail

from medborgarloften.followup import selectors, services
from medborgarloften.followup.models import Cadence
from tests.followup.helpers import T1, FollowUpTestCase

SEPTEMBER = datetime.date(2017, 9, 5)


class RemindersTest(FollowUpTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for person in (cls.community_police, cls.partner, cls.ostersund_coordinator):
            person.email = f"{person.username}@example.se"
            person.save()

    def test_the_workspace_shows_the_ended_periods_without_a_report(self):
        services.set_cadence(self.ostersund_published, by=self.ostersund_coordinator, cadence=Cadence.TERTIAL)
        self.start(T1)
        due = selectors.due_for(self.community_police, today=SEPTEMBER)
        self.assertEqual([(d.promise, d.label, [a.description for a in d.activities]) for d in due],
                         [(self.ostersund_published, "Tertial 2 2017", ["Trafikkontroller vid skolor"])])

    def test_each_responsible_organisations_editors_get_an_email(self):
        services.set_cadence(self.ostersund_published, by=self.ostersund_coordinator, cadence=Cadence.TERTIAL)
        sent = services.remind_due_reports(today=SEPTEMBER)
        recipients = sorted(address for message in mail.outbox for address in message.to)
        self.assertIn("kommunpolis.ostersund@example.se", recipients)
        self.assertIn("brottsofferjouren@example.se", recipients)
        self.assertEqual(sent, len(mail.outbox))
        police = next(m for m in mail.outbox if m.to == ["kommunpolis.ostersund@example.se"])
        self.assertEqual(police.subject, "Medborgarlöften: aktiviteter att rapportera")
        self.assertIn("Trafikkontroller vid skolor (Tertial 2 2017)", police.body)

    def test_nothing_is_due_when_every_ended_period_has_a_report(self):
        self.start((datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)))
        self.assertEqual(selectors.due_for(self.community_police, today=datetime.date(2018, 2, 1)), [])

    def test_the_due_list_costs_the_same_with_more_promises(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.community_police.__dict__.pop("_current_memberships", None)
        with CaptureQueriesContext(connection) as before:
            selectors.due_for(self.community_police, today=SEPTEMBER)
        for year in (2019, 2020):
            promise = self.draft_promise(self.ostersund, self.ostersund_coordinator,
                                         valid_from=datetime.date(year, 1, 1), valid_to=datetime.date(year, 12, 31))
            self.sign_all(promise, self.ostersund_coordinator, [self.ostersund_signatory, self.lpo_ostersund_chief])
            from medborgarloften.promises import services as promise_services

            promise_services.publish_promise(promise, by=self.ostersund_coordinator)
        self.community_police.__dict__.pop("_current_memberships", None)
        with self.assertNumQueries(len(before.captured_queries)):
            selectors.due_for(self.community_police, today=datetime.date(2021, 1, 5))
