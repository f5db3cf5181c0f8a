"""Who may import statistics and give another population, role by role (the whole cast and a national administrator)."""

import rules

from medborgarloften.statistics.models import ImportRun, Source
from tests.cast import everyone_but
from tests.statistics.base import StatisticsTestCase

IMPORTERS = ("ostersund_coordinator", "berg_coordinator", "community_police", "ostersund_admin")
PERMS = ("statistics.add_importrun", "statistics.import_source", "statistics.import_for_municipality",
         "statistics.view_importrun", "statistics.commit_importrun", "statistics.change_denominator")


def test_perms_exist():
    for perm in PERMS:
        assert rules.perm_exists(perm), perm


class StatisticsRulesTest(StatisticsTestCase):
    def assertNational(self, perm, obj=None):
        self.assertTrue(self.national_admin.has_perm(perm, obj), f"{perm}: national administrator")

    def test_opening_the_import_page(self):
        # Editors and administrators of a police unit or municipality; not viewers, signatories,
        # partners (even editors there), former staff or outsiders.
        self.assertPermission("statistics.add_importrun", None, allowed=IMPORTERS, denied=everyone_but(*IMPORTERS))
        self.assertNational("statistics.add_importrun")

    def test_local_sources(self):
        for source in (Source.POLICE_EVENTS, Source.BRA, Source.OWN):
            self.assertPermission("statistics.import_source", source, allowed=IMPORTERS, denied=everyone_but(*IMPORTERS))
            self.assertNational("statistics.import_source", source)

    def test_population_is_national(self):
        self.assertPermission("statistics.import_source", Source.SCB, allowed=[], denied=everyone_but())
        self.assertNational("statistics.import_source", Source.SCB)

    def test_figures_for_a_municipality(self):
        ostersund = ("ostersund_coordinator", "community_police", "ostersund_admin")
        self.assertPermission("statistics.import_for_municipality", self.ostersund, allowed=ostersund,
                              denied=everyone_but(*ostersund))
        self.assertPermission("statistics.import_for_municipality", self.berg, allowed=["berg_coordinator"],
                              denied=everyone_but("berg_coordinator"))
        # Bräcke has no municipal organisation here: the police of LPO Östersund only.
        self.assertPermission("statistics.import_for_municipality", self.bracke, allowed=["community_police"],
                              denied=everyone_but("community_police"))
        self.assertNational("statistics.import_for_municipality", self.berg)

    def test_an_import_is_seen_and_committed_by_who_uploaded_it(self):
        run = ImportRun.objects.create(source=Source.BRA, original_name="x.csv", created_by=self.community_police,
                                       municipality_codes=["2380"])
        for perm in ("statistics.view_importrun", "statistics.commit_importrun"):
            self.assertPermission(perm, run, allowed=["community_police"], denied=everyone_but("community_police"))
            self.assertNational(perm, run)

    def test_a_command_line_import_is_seen_by_national_administrators_only(self):
        run = ImportRun.objects.create(source=Source.SCB, original_name="x.json", via_command_line=True)
        self.assertPermission("statistics.view_importrun", run, allowed=[], denied=everyone_but())
        self.assertNational("statistics.view_importrun", run)

    def test_another_population_is_the_municipalitys_own(self):
        ostersund = ("ostersund_coordinator", "ostersund_admin")
        self.assertPermission("statistics.change_denominator", self.ostersund, allowed=ostersund,
                              denied=everyone_but(*ostersund))
        self.assertPermission("statistics.change_denominator", self.berg, allowed=["berg_coordinator"],
                              denied=everyone_but("berg_coordinator"))
        self.assertPermission("statistics.change_denominator", self.bracke, allowed=[], denied=everyone_but())
        self.assertNational("statistics.change_denominator", self.bracke)
