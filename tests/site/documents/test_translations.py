"""The documents' own Swedish catalogue: complete, without guesses, and compiled."""

import gettext as gettext_module
from pathlib import Path

from django.test import SimpleTestCase

import medborgarloften.site.documents as documents
from tests.site.test_translations import parse_po

CATALOGUE = Path(documents.__file__).parent / "locale" / "sv" / "LC_MESSAGES"


class CatalogueTests(SimpleTestCase):
    def test_every_entry_is_translated_and_none_is_fuzzy(self):
        entries = parse_po((CATALOGUE / "django.po").read_text(encoding="utf-8"))
        for entry in entries:
            if not entry["msgid"]:
                self.assertNotIn("fuzzy", entry["flags"], "the header is marked fuzzy")
                continue
            with self.subTest(msgid=entry["msgid"]):
                self.assertNotIn("fuzzy", entry["flags"])
                translations = [v for k, v in entry.items() if k.startswith("msgstr")]
                self.assertTrue(translations and all(translations))

    def test_the_compiled_catalogue_matches_the_po_file(self):
        compiled = gettext_module.GNUTranslations(open(CATALOGUE / "django.mo", "rb"))
        for entry in parse_po((CATALOGUE / "django.po").read_text(encoding="utf-8")):
            if entry["msgid"] and "msgstr" in entry:
                with self.subTest(msgid=entry["msgid"]):
                    self.assertEqual(compiled.gettext(entry["msgid"]), entry["msgstr"])
