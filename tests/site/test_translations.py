"""The Swedish catalogue (locale/sv): complete, compiled, and what Django serves.

The .mo file is committed so that a machine without gettext still speaks
Swedish; these tests catch a .po that was edited but not compiled. Run
scripts/update-translations after changing user-facing text.
"""

import gettext as gettext_module
import re
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.translation import gettext, ngettext

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "sv" / "LC_MESSAGES"
# The project catalogue, and one per app that keeps its own (as Django's contrib apps do).
CATALOGUES = [CATALOGUE] + sorted(
    path.parent for path in Path(settings.LOCALE_PATHS[0]).parent.glob("**/locale/sv/LC_MESSAGES/django.po")
    if path.parent != CATALOGUE
)
UPDATE_HINT = "run scripts/update-translations"

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
TAG = re.compile(r"<[^>]+>")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def unquote(po_string):
    """Return the text of one quoted PO string, escapes resolved."""
    po_string = po_string.strip()
    assert po_string.startswith('"') and po_string.endswith('"'), po_string
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), po_string[1:-1])


def parse_po(text):
    """Return the entries of a PO file as dicts: msgid, msgstr (or msgstr[n]), maybe msgctxt/msgid_plural, flags.

    Comments, references and obsolete (#~) entries are skipped; the header is the entry whose msgid is "".
    """
    entries, flags, entry, key = [], set(), None, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif not line or line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += unquote(line)
        else:
            key, _, value = line.partition(" ")
            # A new entry begins with msgctxt or msgid once the previous one has its msgstr.
            if key in ("msgctxt", "msgid") and (entry is None or any(k.startswith("msgstr") for k in entry)):
                entry = {"flags": flags}
                flags = set()
                entries.append(entry)
            entry[key] = unquote(value)
    return entries


def translations_of(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def catalog_from_po(entries):
    """Return what msgfmt would compile from ``entries``, keyed as gettext.GNUTranslations keys its catalog."""
    catalog = {}
    for entry in entries:
        if entry["msgid"] == "" or "fuzzy" in entry["flags"] or not all(translations_of(entry)):
            continue
        msgid = entry["msgctxt"] + "\x04" + entry["msgid"] if "msgctxt" in entry else entry["msgid"]
        if "msgid_plural" in entry:
            for key, value in entry.items():
                if key.startswith("msgstr["):
                    catalog[(msgid, int(key[7:-1]))] = value
        else:
            catalog[msgid] = entry["msgstr"]
    return catalog


class CatalogueTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.catalogues = {
            folder: parse_po((folder / "django.po").read_text(encoding="utf-8")) for folder in CATALOGUES
        }

    def each_catalogue(self):
        """Yield (folder, entries, messages) per catalogue, each as a subtest."""
        for folder, entries in self.catalogues.items():
            with self.subTest(catalogue=str(folder)):
                yield folder, entries, [entry for entry in entries if entry["msgid"] != ""]

    def test_the_parser_reads_the_whole_catalogue(self):
        entries = self.catalogues[CATALOGUE]
        self.assertEqual(entries[0]["msgid"], "")
        self.assertIn("Language: sv", entries[0]["msgstr"])
        self.assertGreater(len(entries), 300)
        for folder, entries, _messages in self.each_catalogue():
            self.assertIn("Language: sv", entries[0]["msgstr"])

    def test_every_entry_is_translated(self):
        for folder, _entries, messages in self.each_catalogue():
            untranslated = [entry["msgid"] for entry in messages if not all(translations_of(entry))]
            self.assertEqual(untranslated, [], f"untranslated entries in {folder / 'django.po'}")

    def test_no_entry_is_fuzzy(self):
        for folder, entries, _messages in self.each_catalogue():
            fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
            self.assertEqual(fuzzy, [], f"{folder}: check these guesses by hand and remove their '#, fuzzy' flag")

    def test_translations_keep_placeholders_and_html_tags(self):
        broken = []
        for entry in (e for _folder, _entries, messages in self.each_catalogue() for e in messages):
            for key, value in entry.items():
                if not key.startswith("msgstr"):
                    continue
                source = entry["msgid_plural"] if key not in ("msgstr", "msgstr[0]") else entry["msgid"]
                if sorted(TAG.findall(value)) != sorted(TAG.findall(source)):
                    broken.append((entry["msgid"], key))
                if "python-format" in entry["flags"] and set(PLACEHOLDER.findall(value)) != set(PLACEHOLDER.findall(source)):
                    broken.append((entry["msgid"], key))
        self.assertEqual(broken, [])

    def test_the_compiled_catalogue_matches_the_po_file(self):
        for folder, entries, _messages in self.each_catalogue():
            with open(folder / "django.mo", "rb") as mo_file:
                compiled = gettext_module.GNUTranslations(mo_file)._catalog
            compiled = {key: value for key, value in compiled.items() if key != ""}  # "" is the header
            expected = catalog_from_po(entries)
            self.assertEqual(sorted(map(str, expected.keys() - compiled.keys())), [], f"missing from {folder}/django.mo: {UPDATE_HINT}")
            self.assertEqual(sorted(map(str, compiled.keys() - expected.keys())), [], f"stale in {folder}/django.mo: {UPDATE_HINT}")
            changed = sorted(str(key) for key in expected if compiled[key] != expected[key])
            self.assertEqual(changed, [], f"{folder}/django.mo has older translations: {UPDATE_HINT}")


class SwedishTextTests(SimpleTestCase):
    def test_key_strings_come_out_in_swedish(self):
        with translation.override("sv"):
            self.assertEqual(gettext("What are citizen promises?"), "Vad är medborgarlöften?")
            self.assertEqual(gettext("Add commitment"), "Lägg till löfte")
            self.assertEqual(gettext("Awaiting signatures"), "Väntar på underskrifter")
            self.assertEqual(gettext("The end date must be after the start date."), "Slutdatum måste vara efter startdatum.")
            self.assertEqual(
                gettext("Citizen promises in %(places)s %(years)s") % {"places": "Östersund", "years": "2017"},
                "Medborgarlöften i Östersund 2017",
            )

    def test_the_county_summary_has_swedish_plural_forms(self):
        singular = "%(signed)s of %(total)s municipality has signed its citizen promises for %(year)s."
        plural = "%(signed)s of %(total)s municipalities have signed their citizen promises for %(year)s."
        with translation.override("sv"):
            self.assertEqual(ngettext(singular, plural, 1) % {"signed": 1, "total": 1, "year": 2017},
                             "1 av 1 kommun har undertecknat sina medborgarlöften för 2017.")
            self.assertEqual(ngettext(singular, plural, 8) % {"signed": 8, "total": 8, "year": 2017},
                             "8 av 8 kommuner har undertecknat sina medborgarlöften för 2017.")

    def test_english_stays_english(self):
        with translation.override("en"):
            self.assertEqual(gettext("What are citizen promises?"), "What are citizen promises?")
