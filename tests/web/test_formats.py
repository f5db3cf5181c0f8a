"""Swedish formats everywhere: dates, numbers, the limits of number fields, and one answer to a bad ?ar=."""

import datetime
import re
from pathlib import Path

from django import forms
from django.template import Context, Template
from django.test import SimpleTestCase, TestCase
from django.utils import translation

from medborgarloften.dialogues.models import Dialogue
from tests.cast import CastTestCase

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "medborgarloften"


class DateFormatTests(SimpleTestCase):
    def render(self, source, **context):
        with translation.override("sv"):
            return Template(source).render(Context(context))

    def test_dates_are_written_out_in_swedish(self):
        self.assertEqual(self.render("{{ d|date }}", d=datetime.date(2017, 1, 1)), "1 januari 2017")
        self.assertEqual(self.render('{{ d|date:"DATE_FORMAT" }}', d=datetime.date(2017, 1, 1)), "1 januari 2017")
        when = datetime.datetime(2026, 11, 29, 17, 14)
        self.assertEqual(self.render('{{ d|date:"DATETIME_FORMAT" }}', d=when), "29 november 2026 17:14")

    def test_no_template_abbreviates_a_month(self):
        """"j M Y" gave "1 jan 2017"; every template now writes the month out (or uses the locale's formats)."""
        offenders = []
        for path in TEMPLATES.rglob("*.html"):
            for match in re.finditer(r'\|date:"([^"]*)"', path.read_text()):
                if match.group(1).endswith("_FORMAT"):
                    continue
                if re.search(r"[MNb]", match.group(1)):
                    offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
        self.assertEqual(offenders, [])


class NumberLimitTests(SimpleTestCase):
    class Counts(forms.Form):
        codes = forms.IntegerField(min_value=1, max_value=50_000)

    def test_a_number_too_large_is_answered_with_the_largest_allowed(self):
        with translation.override("sv"):
            form = self.Counts({"codes": "99999999999999999999999"})
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["codes"], ["Ange högst 50\u00a0000."])

    def test_a_number_too_small_is_answered_with_the_smallest_allowed(self):
        with translation.override("sv"):
            form = self.Counts({"codes": "0"})
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["codes"], ["Ange minst 1."])

    def test_a_model_field_reports_its_database_range_once(self):
        form_class = forms.modelform_factory(Dialogue, fields=["participants"])
        with translation.override("sv"):
            form = form_class({"participants": "99999999999999999999999"})
            self.assertFalse(form.is_valid())
            self.assertEqual(len(form.errors["participants"]), 1)
            self.assertRegex(form.errors["participants"][0], r"^Ange högst \d{1,3}(\u00a0\d{3})+\.$")


class YearParameterTests(CastTestCase):
    def test_a_good_year_is_used_and_an_empty_one_ignored(self):
        county = self.ostersund.county
        self.assertEqual(self.client.get(county.get_absolute_url(), {"ar": "2017"}).status_code, 200)
        self.assertEqual(self.client.get(county.get_absolute_url(), {"ar": ""}).status_code, 200)

    def test_a_bad_year_is_answered_alike_on_every_page_that_takes_one(self):
        county = self.ostersund.county
        self.client.force_login(self.ostersund_coordinator)
        for value in ["abc", "99999999999999999999999", "-1", "²⁰¹⁷", "٢٠١٧", "17", "9998", "2017.0"]:
            for url in [county.get_absolute_url(), "/arbetsyta/dialoger/"]:
                with self.subTest(url=url, value=value):
                    response = self.client.get(url, {"ar": value})
                    self.assertContains(response, "Året måste vara ett år från 2000 till 2100, till exempel 2017.",
                                        status_code=400)
