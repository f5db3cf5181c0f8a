import datetime

from django.utils import timezone

from medborgarloften.areas.models import LocalPoliceAreaCoverage
from medborgarloften.scope.selectors import editable_municipalities
from tests.cast import CastTestCase


def codes(municipalities):
    return sorted(m.code for m in municipalities)


class EditableMunicipalitiesTest(CastTestCase):
    def test_a_municipal_editor_drafts_for_the_municipality(self):
        self.assertEqual(codes(editable_municipalities(self.ostersund_coordinator)), ["2380"])
        self.assertEqual(codes(editable_municipalities(self.berg_coordinator)), ["2326"])

    def test_a_police_editor_drafts_for_every_municipality_the_local_police_area_covers_today(self):
        self.assertEqual(codes(editable_municipalities(self.community_police)), ["2303", "2305", "2380"])

    def test_the_coverage_of_today_counts(self):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        LocalPoliceAreaCoverage.objects.filter(municipality=self.berg).update(valid_to=yesterday)
        LocalPoliceAreaCoverage.objects.create(
            local_police_area=self.lpo_ostersund, municipality=self.berg, valid_from=yesterday + datetime.timedelta(days=1))

        self.assertEqual(codes(editable_municipalities(self.community_police)), ["2303", "2305", "2326", "2380"])

    def test_signatories_viewers_partners_and_former_editors_draft_for_none(self):
        for name in ("ostersund_signatory", "lpo_ostersund_chief", "ostersund_viewer", "ostersund_admin",
                     "former_coordinator", "partner", "outsider", "resident"):
            with self.subTest(name):
                self.assertEqual(codes(editable_municipalities(getattr(self, name))), [])
