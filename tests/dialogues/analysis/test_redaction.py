"""Suggested redactions: names, phone numbers, e-mail, addresses, identity and registration numbers."""

import csv

from django.test import SimpleTestCase
from django.utils import translation

from medborgarloften.dialogues.analysis.redaction import find_personal_data, suggest_redaction

from .test_theme_quality import LABELLED


class RedactionTests(SimpleTestCase):
    def test_it_replaces_each_kind_with_a_swedish_marker(self):
        text = ("Ring Stina Holm på 070-987 65 43 eller mejla stina.holm@example.se. Hon bor på Storgatan 12B, "
                "personnummer 19800101-1234, bilen har nummer ABC 123.")
        with translation.override("en"):
            suggested, findings = suggest_redaction(text)
        self.assertEqual(suggested, "Ring [namn] på [telefonnummer] eller mejla [e-post]. Hon bor på [adress], "
                                    "personnummer [personnummer], bilen har nummer [registreringsnummer].")
        self.assertEqual([f.kind for f in findings],
                         ["name", "phone", "email", "address", "personal_number", "registration"])

    def test_names_introduced_as_names(self):
        self.assertEqual(suggest_redaction("Grannen Kalle kör moped. Mvh Sara")[0], "Grannen [namn] kör moped. Mvh [namn]")

    def test_places_and_shops_are_not_taken_for_names(self):
        for text in ("Vid Ica Maxi är det stökigt.", "Norra Station är mörk.", "Utanför Systembolaget dricker folk.",
                     "Det är mörkt på Stortorget kl 22."):
            with self.subTest(text=text):
                self.assertEqual(find_personal_data(text), [])

    def test_every_comment_marked_as_holding_personal_data_is_caught_and_no_other(self):
        with LABELLED.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        marked = {row["id"] for row in rows if row["personal_data"] == "1"}
        found = {row["id"] for row in rows if find_personal_data(row["text"])}
        self.assertGreaterEqual(len(marked), 10)
        self.assertEqual(found, marked)
