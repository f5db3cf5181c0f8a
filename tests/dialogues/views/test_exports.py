"""CSV exports open in Excel (UTF-8 with a byte-order mark); the public export holds public data only."""

import csv
import io

from django.urls import reverse

from ..base import SECRET_COMMENT, DialoguesTestCase


def rows(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


class PublicExportTests(DialoguesTestCase):
    def test_the_public_comment_export(self):
        response = self.client.get(self.public_url("public_comments_csv"))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('attachment; filename="synpunkter-2380.csv"', response["Content-Disposition"])
        table = rows(response)
        self.assertEqual(table[0][:4], ["id", "datum", "synpunkt", "teman"])
        self.assertEqual([r[2] for r in table[1:]], ["Det är mörkt och otäckt på Stortorget på kvällarna."])
        self.assertEqual(table[1][3:6], ["Dålig belysning", "Stortorget", "63.17583"])

    def test_a_cell_that_a_spreadsheet_would_run_is_quoted(self):
        from medborgarloften.dialogues import services

        services.record_comment(self.meeting, by=self.ostersund_coordinator, text="=HYPERLINK(\"http://x\")")
        texts = [r[2] for r in rows(self.client.get(self.public_url("public_comments_csv")))]
        self.assertIn("'=HYPERLINK(\"http://x\")", texts)

    def test_the_public_observation_export(self):
        table = rows(self.client.get(self.public_url("public_observations_csv")))
        self.assertEqual(table[1][3:5], ["Dålig belysning", "Trasig gatlampa vid gångvägen."])
        self.assertEqual(len(table[0]), 11)  # no staff columns


class StaffExportTests(DialoguesTestCase):
    def test_staff_export_everything_of_their_municipalities_with_contact_details(self):
        self.client.force_login(self.ostersund_viewer)
        table = rows(self.client.get(reverse("dialogues:staff_comments_csv")))
        received = table[0].index("synpunkten som den kom in")
        texts = [r[received] for r in table[1:]]
        self.assertIn(SECRET_COMMENT, texts)
        self.assertIn("Klotter på busskuren vid Stortorget.", texts)
        self.assertNotIn("Skotrar kör för fort genom byn.", texts)  # Berg's
        self.assertIn("status", table[0])

    def test_a_municipality_they_are_not_staff_for_is_refused(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(reverse("dialogues:staff_comments_csv") + "?kommun=2326").status_code, 403)
        self.client.force_login(self.partner)
        self.assertEqual(self.client.get(reverse("dialogues:staff_observations_csv")).status_code, 403)

    def test_the_staff_observation_export(self):
        self.client.force_login(self.community_police)
        table = rows(self.client.get(reverse("dialogues:staff_observations_csv") + "?kommun=2380"))
        self.assertEqual(table[1][11], "Östersund")
