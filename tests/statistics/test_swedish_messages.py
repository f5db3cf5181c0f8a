"""The messages people see, in Swedish (the default language)."""

from django.utils import translation

from medborgarloften.statistics.models import Source
from medborgarloften.statistics.services import summary_lines
from tests.statistics.base import StatisticsTestCase


class SwedishMessagesTest(StatisticsTestCase):
    def test_errors_with_their_lines(self):
        with translation.override("sv"):
            run = self.import_file(Source.BRA, "bad_bra_text_in_number.csv")
            self.assertEqual(run.errors[0], {"line": 10, "message": "kolumn 2 (2023, Antal): 'ca 120' är inte ett tal"})
            run = self.import_file(Source.POLICE_EVENTS, "bad_police_events_truncated.json")
            self.assertEqual(run.errors[0]["message"], "Filen tar slut innan JSON-listan är avslutad: den är ofullständig "
                                                       "(en avbruten nedladdning?).")
            run = self.import_file(Source.SCB, "bad_scb_population_utf16.csv")
            self.assertEqual(run.errors[0]["message"], 'Filen är i UTF-16 (Excels "Unicode-text"). Spara den som '
                             '"CSV UTF-8" eller "CSV (semikolonavgränsad)" och ladda upp den igen.')

    def test_the_summary(self):
        with translation.override("sv"):
            run = self.import_file(Source.POLICE_EVENTS, "police_events_sample.json")
            self.assertEqual(summary_lines(run), [
                "Inlästa rader: 30", "Nya: 30", "Ändrade: 0", "Fanns redan (hoppades över): 0",
                'Matchade ingen kommun eller inget län: "Norge" (1 rader, först på rad 15)',
            ])
