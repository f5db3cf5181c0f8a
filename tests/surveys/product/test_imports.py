"""Imports: every bad input named with its line, all or nothing (population, addresses, paper answers)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from medborgarloften.surveys import services
from medborgarloften.surveys.estimation.data import AGE_GROUPS, SEXES
from medborgarloften.surveys.models import Invitation, PopulationCell, Response

from .cast import SurveyCastTestCase, upload

POP_HEADER = "municipality,year,age_group,sex,population\n"


def full_population(code="2380", year=2024, value=100):
    return "".join(f"{code},{year},{a},{s},{value}\n" for a in AGE_GROUPS for s in SEXES)


class ImportTestCase(SurveyCastTestCase):
    def assertImportErrors(self, call, *expected):
        with translation.override("en"):
            with self.assertRaises(ValidationError) as caught:
                call()
            messages = caught.exception.messages
        for text in expected:
            self.assertTrue(any(text in m for m in messages), f"{text!r} not in {messages}")
        return messages


class PopulationImportTest(ImportTestCase):
    def _import(self, text, **kwargs):
        return services.import_population(self.draft_survey, by=self.ostersund_coordinator, upload=upload(text, **kwargs))

    def test_it_imports_all_cells(self):
        self.assertEqual(self._import(POP_HEADER + full_population()), 14)
        self.assertEqual(PopulationCell.objects.filter(survey=self.draft_survey).count(), 14)

    def test_it_imports_margins(self):
        text = POP_HEADER + "".join(f"2380,2024,{a},,100\n" for a in AGE_GROUPS) + "2380,2024,,kvinna,350\n2380,2024,,man,350\n"
        self.assertEqual(self._import(text), 9)

    def test_it_names_each_bad_line_and_imports_nothing(self):
        text = POP_HEADER + full_population().replace("2380,2024,16-24,kvinna,100", "2326,2024,16-24,kvinna,100") \
            + "2380,2023,25-34,man,5\n2380,2024,15-20,man,5\n2380,2024,25-34,annat,5\n2380,2024,,,5\n2380,2024,25-34,man,-3\n" \
            + "2380,2024,25-34,man,5\n2380,2024\n"
        messages = self.assertImportErrors(
            lambda: self._import(text),
            "Line 2: municipality 2326 is not in this survey",
            "Line 16: the year must be the survey's year, 2024",
            "Line 17: unknown age group 15-20",
            "Line 18: unknown sex annat",
            "Line 19: a row needs an age group, a sex or both",
            "Line 20: the population -3 is not a whole number",
            "Line 21: the same cell is also on line 5",
            "Line 22: expected 5 fields, found 2",
            "Nothing was imported",
        )
        self.assertEqual(PopulationCell.objects.filter(survey=self.draft_survey).count(), 0, messages)

    def test_it_says_which_cells_are_missing(self):
        self.assertImportErrors(lambda: self._import(POP_HEADER + "2380,2024,16-24,kvinna,5\n"),
                                "2380: 13 of the 14 age group × sex cells are missing")

    def test_it_rejects_a_bad_header_an_empty_file_and_a_file_that_is_not_utf8(self):
        self.assertImportErrors(lambda: self._import("kommun,år\n1,2\n"), "The first line must be the header")
        self.assertImportErrors(lambda: self._import(POP_HEADER), "has a header but no rows")
        self.assertImportErrors(lambda: self._import(""), "The file is empty")
        self.assertImportErrors(lambda: self._import(POP_HEADER + "2380,2024,16-24,kvinna,5 # Östersund\n", encoding="cp1252"),
                                "not UTF-8")

    def test_it_reads_a_swedish_excel_semicolon_file(self):
        text = POP_HEADER.replace(",", ";") + full_population().replace(",", ";")
        self.assertEqual(self._import(text), 14)

    def test_it_names_the_line_of_an_unterminated_quote(self):
        self.assertImportErrors(lambda: self._import(POP_HEADER + '2380,2024,"16-24,kvinna,5\n2380,2024,25-34,man,5\n'),
                                "Line 2: a quoted field starts here and never ends")

    def test_a_viewer_may_not_import(self):
        with self.assertRaises(PermissionDenied):
            services.import_population(self.draft_survey, by=self.ostersund_viewer, upload=upload(POP_HEADER + full_population()))


class AddressImportTest(ImportTestCase):
    def _import(self, text):
        return services.import_addresses(self.draft_survey, by=self.ostersund_coordinator, upload=upload(text))

    def test_it_makes_one_code_per_address(self):
        count = self._import("namn,adress,postnummer,ort\nAnna A,Storgatan 1,83130,Östersund\n,Rådhusgatan 2,831 31,Östersund\n")
        self.assertEqual(count, 2)
        self.assertEqual(sorted(Invitation.objects.filter(survey=self.draft_survey).values_list("postcode", flat=True)),
                         ["831 30", "831 31"])

    def test_it_names_each_bad_line_and_adds_nothing(self):
        self.assertImportErrors(
            lambda: self._import("namn,adress,postnummer,ort\nA,,83130,Östersund\nB,Gatan 1,8313,Östersund\nC,Gatan 2\n"),
            "Line 2: the address and the city must be given", "Line 3: the postcode 8313 is not five digits",
            "Line 4: expected 4 fields, found 2")
        self.assertFalse(Invitation.objects.filter(survey=self.draft_survey).exists())

    def test_it_rejects_unknown_columns(self):
        self.assertImportErrors(lambda: self._import("namn,gata,postnummer,ort\nA,B,83130,C\n"), "The first line must name")


class PaperImportTest(ImportTestCase):
    HEADER = "municipality,year,subarea,age_group,sex,problem:klotter,single:trygg_kvall,yesno:undviker\n"

    def _import(self, text, used_codes=""):
        return services.import_paper_answers(self.field_survey, by=self.ostersund_coordinator, upload=upload(text),
                                             used_codes=used_codes)

    def test_it_stores_paper_answers_and_marks_codes_used(self):
        with self.captureOnCommitCallbacks(execute=True):
            count = self._import(self.HEADER + "2380,2023,Centrum,25-34,kvinna,3,ganska_trygg,nej\n"
                                 "2380,2023,,75-85,man,vet_ej,,ja\n", used_codes=f"{self.codes[0]}, {self.codes[1].lower()}")
        self.assertEqual(count, 2)
        rows = sorted(Response.objects.filter(survey=self.field_survey).values_list("age_group", "source", "answers"))
        self.assertEqual(rows[0], ("25-34", "paper", {"klotter": "3", "trygg_kvall": "ganska_trygg", "undviker": "nej"}))
        self.assertEqual(Invitation.objects.filter(survey=self.field_survey, used=True).count(), 2)

    def test_it_reads_the_layout_the_export_writes(self):
        self.add_answers(self.field_survey, 5)
        self.client.force_login(self.ostersund_coordinator)
        exported = self.client.get(f"/arbetsyta/enkater/{self.field_survey.pk}/svar.csv").content.decode()
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self._import(exported), 5)
        self.assertEqual(Response.objects.filter(survey=self.field_survey).count(), 10)

    def test_it_names_each_bad_line_and_stores_nothing(self):
        text = (self.HEADER + "2326,2023,,25-34,kvinna,3,ganska_trygg,nej\n2380,2022,,25-34,kvinna,3,ganska_trygg,nej\n"
                "2380,2023,Söder,25-34,kvinna,3,ganska_trygg,nej\n2380,2023,,25,kvinna,9,trygg,kanske\n"
                "2380,2023,,25-34,x,3\n")
        self.assertImportErrors(
            lambda: self._import(text, used_codes="ZZZZZZZZZZ"),
            "Line 2: municipality 2326 is not in this survey", "Line 3: the year must be the survey's year, 2023",
            "Line 4: Östersund has no sub-area Söder", "Line 5: unknown age group 25",
            "Line 5: problem:klotter: 9 is not one of the options", "Line 5: single:trygg_kvall: trygg is not one of the options",
            "Line 5: yesno:undviker: kanske is not one of the options", "Line 6: expected 8 fields, found 6",
            "The code ZZZZZZZZZZ is not one of this survey's")
        self.assertFalse(Response.objects.exists())

    def test_it_rejects_columns_that_are_not_questions_of_the_survey(self):
        self.assertImportErrors(lambda: self._import("municipality,year,age_group,sex,problem:buller\n2380,2023,25-34,man,1\n"),
                                "Line 1: the column problem:buller is not a question of this survey")

    def test_it_rejects_a_file_that_is_not_utf8(self):
        with translation.override("en"):
            with self.assertRaises(ValidationError) as caught:
                services.import_paper_answers(self.field_survey, by=self.ostersund_coordinator,
                                              upload=upload(self.HEADER + "2380,2023,Östersund,25-34,man,1,,\n", encoding="cp1252"))
        self.assertIn("not UTF-8", caught.exception.messages[0])

    def test_a_draft_survey_takes_no_paper_answers(self):
        with self.assertRaises(PermissionDenied):
            services.import_paper_answers(self.draft_survey, by=self.ostersund_coordinator, upload=upload(self.HEADER))
