import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import SimpleTestCase
from django.utils import translation

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Promise, PromiseVersion, canonical_json
from tests.cast import CastTestCase


def period(valid_from, valid_to):
    return Promise(title="Medborgarlöften i Östersund", valid_from=valid_from, valid_to=valid_to)


class PromiseCleanTest(SimpleTestCase):
    def assertCleanError(self, promise, code, message):
        with translation.override("en"), self.assertRaises(ValidationError) as caught:
            promise.clean()
        error = caught.exception.error_dict["valid_to"][0]
        with translation.override("en"):
            self.assertEqual((error.code, next(iter(error))), (code, message))

    def test_it_rejects_an_end_before_the_start(self):
        self.assertCleanError(period(datetime.date(2018, 1, 1), datetime.date(2017, 12, 31)),
                              "end_before_start", "The end date must be after the start date.")

    def test_it_rejects_an_end_on_the_start(self):
        self.assertCleanError(period(datetime.date(2018, 1, 1), datetime.date(2018, 1, 1)),
                              "end_before_start", "The end date must be after the start date.")

    def test_it_rejects_more_than_three_years(self):
        self.assertCleanError(period(datetime.date(2018, 1, 1), datetime.date(2021, 1, 2)),
                              "too_long", "A promise runs for at most three years.")

    def test_it_accepts_one_to_three_calendar_years(self):
        for valid_to in (datetime.date(2018, 12, 31), datetime.date(2019, 12, 31), datetime.date(2020, 12, 31)):
            with self.subTest(valid_to):
                period(datetime.date(2018, 1, 1), valid_to).clean()

    def test_it_accepts_three_years_from_a_leap_day(self):
        period(datetime.date(2016, 2, 29), datetime.date(2019, 2, 28)).clean()
        self.assertCleanError(period(datetime.date(2016, 2, 29), datetime.date(2019, 3, 1)),
                              "too_long", "A promise runs for at most three years.")

    def test_it_accepts_a_promise_that_runs_until_replaced(self):
        promise = period(datetime.date(2018, 1, 1), None)
        promise.clean()
        self.assertIsNone(promise.ends_on)
        self.assertTrue(promise.covers_year(2030))
        self.assertFalse(promise.covers_year(2017))

    def test_an_extension_moves_the_end(self):
        promise = period(datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
        self.assertFalse(promise.covers_year(2019))
        promise.extended_to = datetime.date(2019, 12, 31)
        self.assertEqual(promise.ends_on, datetime.date(2019, 12, 31))
        self.assertTrue(promise.covers_year(2019))


class ActivityCleanTest(SimpleTestCase):
    def test_it_rejects_a_period_ending_before_it_starts(self):
        activity = Activity(description="Kontroller", period_start=datetime.date(2018, 5, 1), period_end=datetime.date(2018, 4, 1))
        with translation.override("en"), self.assertRaisesMessage(ValidationError, "The end date must be after the start date."):
            activity.clean()

    def test_it_requires_a_unit_for_a_quantity(self):
        activity = Activity(description="Kontroller", target_quantity=50)
        with translation.override("en"), self.assertRaisesMessage(ValidationError, "Say what is counted, e.g. traffic checks."):
            activity.clean()


class CanonicalJsonTest(SimpleTestCase):
    def test_it_sorts_keys_drops_whitespace_and_keeps_swedish_letters(self):
        self.assertEqual(canonical_json({"ö": 1, "a": [1, {"c": "å", "b": None}]}),
                         '{"a":[1,{"b":null,"c":"å"}],"ö":1}'.encode())

    def test_the_hash_does_not_depend_on_key_order(self):
        first = PromiseVersion(content={"title": "Medborgarlöften i Berg 2018", "municipalities": ["2326"]})
        second = PromiseVersion(content={"municipalities": ["2326"], "title": "Medborgarlöften i Berg 2018"})
        self.assertEqual(first.compute_hash(), second.compute_hash())
        self.assertEqual(first.compute_hash(), hashlib.sha256(canonical_json(first.content)).hexdigest())

    def test_the_hash_changes_with_any_character(self):
        first = PromiseVersion(content={"title": "Medborgarlöften i Berg 2018"})
        second = PromiseVersion(content={"title": "Medborgarlöften i Berg 2018 "})
        self.assertNotEqual(first.compute_hash(), second.compute_hash())


class PromiseVersionTest(CastTestCase):
    def test_a_version_can_never_be_changed(self):
        version = self.latest_version(self.ostersund_signed)
        stored = (version.content, version.content_hash)
        version.content = {**version.content, "title": "Något annat"}

        with translation.override("en"), self.assertRaisesMessage(ValidationError, "A signed version can never be changed."):
            version.save()
        version = PromiseVersion.objects.get(pk=version.pk)
        self.assertEqual((version.content, version.content_hash), stored)

    def test_the_stored_hash_is_the_hash_of_the_stored_content(self):
        version = PromiseVersion.objects.get(pk=self.latest_version(self.berg_signed).pk)
        self.assertEqual(version.content_hash, version.compute_hash())

    def test_the_hash_is_stable_for_the_same_text(self):
        # Two promises with the same text (ids, states and dates of editing
        # are not part of it) have the same hash, on any database.
        first = self.latest_version(self.ostersund_awaiting)
        second = self.latest_version(self.ostersund_signed)
        self.assertEqual(first.content_hash, second.content_hash)
        self.assertEqual(selectors.promise_content(self.fresh(self.ostersund_awaiting)), first.content)

    def test_the_hash_is_sensitive_to_a_text_change(self):
        first = self.latest_version(self.ostersund_awaiting)
        activity = self.fresh(self.ostersund_awaiting).commitments.all()[0].activities.all()[0]
        services.update_activity(activity, by=self.ostersund_coordinator, unit="hastighetskontroller")
        second = self.latest_version(self.ostersund_awaiting)

        self.assertNotEqual(first.content_hash, second.content_hash)
        self.assertEqual(second.content["commitments"][0]["activities"][0]["unit"], "hastighetskontroller")

    def test_version_numbers_are_unique_per_promise(self):
        version = self.latest_version(self.berg_awaiting)
        with transaction.atomic(), self.assertRaises(IntegrityError):
            PromiseVersion(promise=version.promise, number=version.number, content={}).save()


class PromiseConstraintTest(CastTestCase):
    def test_the_database_refuses_an_end_before_the_start(self):
        with transaction.atomic(), self.assertRaises(IntegrityError):
            Promise.objects.filter(pk=self.ostersund_draft.pk).update(valid_to=datetime.date(2017, 1, 1))
