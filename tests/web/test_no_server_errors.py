"""Finding 5 of issue 11: inputs that gave 500s, and 403s that filled the log with tracebacks."""

import datetime
import logging

from django.test import override_settings

from medborgarloften.promises.models import Promise, three_year_limit
from tests.cast import CastTestCase

HUGE = "99999999999999999999999"


class NoServerErrorTests(CastTestCase):
    def test_a_promise_starting_in_year_9998_with_an_end_date_is_refused_not_a_crash(self):
        self.assertEqual(three_year_limit(datetime.date(9998, 1, 1)), datetime.date.max)
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post("/arbetsyta/medborgarlofte/nytt/", {
            "municipalities": [self.ostersund.pk], "valid_from": "9998-01-01", "valid_to": "9999-12-31"})
        self.assertLess(response.status_code, 500)
        self.assertFalse(Promise.objects.filter(valid_from__year=9998).exists())

    def test_ids_too_large_for_the_database_in_urls_are_not_found(self):
        self.client.force_login(self.ostersund_coordinator)
        for url in (f"/medborgarlofte/{HUGE}/", f"/arbetsyta/medborgarlofte/{HUGE}/", f"/medborgarlofte/{HUGE}/flode.atom",
                    f"/konto/organisation/{HUGE}/medlemmar/", f"/arbetsyta/medborgarlofte/1/version/{HUGE}/underteckna/",
                    f"/kommun/2380-ostersund/synpunkter/{HUGE}/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_ids_too_large_for_the_database_in_form_fields_are_invalid_choices(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post("/arbetsyta/medborgarlofte/nytt/", {
            "municipalities": [HUGE], "valid_from": "2019-01-01", "valid_to": "2019-12-31", "based_on": HUGE,
            "collaboration_agreement": HUGE, "replaces": [HUGE, "-" + HUGE]})
        self.assertEqual(response.status_code, 200)
        self.client.force_login(self.ostersund_admin)
        response = self.client.post("/arbetsyta/organisationer/partner/ny/", {"name": "X", "partner_kind": "other", "operates_in": [HUGE]})
        self.assertLess(response.status_code, 500)

    def test_a_superscript_digit_as_an_id_is_an_invalid_choice(self):
        # "²".isdigit() is true, yet int("²") fails: found by the form fuzz test.
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get("/arbetsyta/medborgarlofte/nytt/utga-fran/", {"kommun": "²"})
        self.assertEqual(response.status_code, 200)
        response = self.client.post("/arbetsyta/medborgarlofte/nytt/", {
            "municipalities": ["²"], "valid_from": "2019-01-01", "valid_to": "2019-12-31"})
        self.assertEqual(response.status_code, 200)

    def test_a_post_declaring_utf16_is_a_bad_request(self):
        self.client.force_login(self.ostersund_coordinator)
        body = "municipalities=1&valid_from=2019-01-01"  # the test client encodes it in UTF-16
        for url, status in (("/arbetsyta/medborgarlofte/nytt/", 400), ("/konto/logga-in/", 400), ("/", 200)):
            with self.subTest(url=url):
                response = self.client.post(url, body, content_type="application/x-www-form-urlencoded; charset=utf-16")
                self.assertEqual(response.status_code, status, url)

    def test_a_403_logs_one_line_without_a_traceback(self):
        self.client.force_login(self.ostersund_signatory)
        with self.assertLogs("django.request", level="WARNING") as logs:
            response = self.client.get(f"/konto/organisation/{self.ostersund_municipality.pk}/medlemmar/")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(len(logs.records), 1)
        record = logs.records[0]
        self.assertIsNone(record.exc_info)
        self.assertIn("Forbidden", logging.Formatter().format(record))
        self.assertNotIn("Traceback", logging.Formatter().format(record))
