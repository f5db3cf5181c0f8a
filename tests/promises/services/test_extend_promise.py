import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import services
from tests.cast import CastTestCase


class ExtendPromiseTest(CastTestCase):
    def test_it_extends_a_published_promise(self):
        services.extend_promise(self.ostersund_published, by=self.community_police, until=datetime.date(2018, 12, 31))

        promise = self.fresh(self.ostersund_published)
        self.assertEqual((promise.valid_to, promise.extended_to), (datetime.date(2017, 12, 31), datetime.date(2018, 12, 31)))
        self.assertEqual(promise.ends_on, datetime.date(2018, 12, 31))
        self.assertTrue(promise.covers_year(2018))
        self.assertEqual(self.last_audit(promise), (
            self.community_police, "promise.extended", {"ends_on": ["2017-12-31", "2018-12-31"]}))

    def test_a_second_extension_must_go_beyond_the_first(self):
        services.extend_promise(self.berg_published, by=self.berg_coordinator, until=datetime.date(2018, 12, 31))

        with self.assertWritesNothing(), self.assertInvalid(
                "not_later", "The new end date must be after the current one.", field="until"):
            services.extend_promise(self.berg_published, by=self.berg_coordinator, until=datetime.date(2018, 6, 30))
        services.extend_promise(self.berg_published, by=self.berg_coordinator, until=datetime.date(2019, 12, 31))
        self.assertEqual(self.last_audit(self.berg_published)[2], {"ends_on": ["2018-12-31", "2019-12-31"]})

    def test_it_rejects_an_end_date_not_after_the_current_one(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "not_later", "The new end date must be after the current one.", field="until"):
            services.extend_promise(self.ostersund_published, by=self.ostersund_coordinator, until=datetime.date(2017, 12, 31))

    def test_it_rejects_extending_a_promise_that_runs_until_replaced(self):
        promise = self.draft_promise(self.berg, self.berg_coordinator, valid_from=datetime.date(2019, 1, 1))
        self.sign_all(promise, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief])
        services.publish_promise(promise, by=self.berg_coordinator)

        with self.assertWritesNothing(), self.assertInvalid(
                "open_ended", "The promise already runs until it is replaced."):
            services.extend_promise(promise, by=self.berg_coordinator, until=datetime.date(2021, 12, 31))

    def test_it_refuses_signatories_and_people_outside_the_parties(self):
        for name in ("ostersund_signatory", "lpo_ostersund_chief", "berg_coordinator", "ostersund_viewer", "partner", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.extend_promise(self.ostersund_published, by=getattr(self, name), until=datetime.date(2018, 12, 31))

    def test_it_refuses_a_promise_not_yet_published(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.extend_promise(self.ostersund_signed, by=self.ostersund_coordinator, until=datetime.date(2019, 12, 31))

    def test_it_refuses_an_extension_past_three_years(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "too_long", "A promise runs for at most three years, extensions included.", field="until"):
            services.extend_promise(self.ostersund_published, by=self.ostersund_coordinator, until=datetime.date(2020, 6, 30))
