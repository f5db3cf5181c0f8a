from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from medborgarloften.followup import services
from medborgarloften.followup.models import IndicatorValue
from tests.followup.helpers import FollowUpTestCase

ASSAULTS = {"name": "Anmälda misshandelsbrott (Brå)", "unit": "per 100 000 invånare", "better": "lower",
            "source": "statistics", "source_description": "Brå, anmälda brott, misshandel inkl. grov",
            "baseline_year": 2014, "baseline_value": Decimal("412.5"), "target_value": Decimal("380")}


class IndicatorTest(FollowUpTestCase):
    def test_a_goal_gets_an_indicator_with_values_per_year(self):
        indicator = services.define_indicator(self.commitment, by=self.ostersund_coordinator, **ASSAULTS)
        services.record_indicator_value(indicator, by=self.ostersund_coordinator, year=2016, value=Decimal("401"))
        services.record_indicator_value(indicator, by=self.community_police, year=2016, value=Decimal("399.5"), note="Slutlig")
        self.assertEqual(list(indicator.values.values_list("year", "value", "note")), [(2016, Decimal("399.500"), "Slutlig")])

    def test_values_are_imported_from_a_swedish_csv_all_or_nothing(self):
        indicator = services.define_indicator(self.commitment, by=self.ostersund_coordinator, **ASSAULTS)
        count = services.import_indicator_values(indicator, by=self.ostersund_coordinator,
                                                 data="år;värde\n2014;412,5\n2015;1 020,25\n2016;401\n")
        self.assertEqual(count, 3)
        self.assertEqual(list(IndicatorValue.objects.filter(indicator=indicator).values_list("value", flat=True)),
                         [Decimal("412.500"), Decimal("1020.250"), Decimal("401.000")])
        self.assertEqual({v.origin for v in IndicatorValue.objects.filter(indicator=indicator)}, {"imported"})

    def test_every_bad_line_is_reported_and_nothing_stored(self):
        indicator = services.define_indicator(self.commitment, by=self.ostersund_coordinator, **ASSAULTS)
        with translation.override("sv"), self.assertRaises(ValidationError) as caught:
            services.import_indicator_values(indicator, by=self.ostersund_coordinator,
                                             data="år;värde\n2014;412,5\n218;3\n2015;många\n2014;1\n")
        self.assertEqual(caught.exception.messages, [
            "Rad 3: ”218” är inte ett år mellan 1990 och 2100.", "Rad 4: ”många” är inte ett tal.", "Rad 5: 2014 finns två gånger.",
        ])
        self.assertFalse(IndicatorValue.objects.filter(indicator=indicator).exists())

    def test_a_file_without_the_headings_is_refused(self):
        indicator = services.define_indicator(self.commitment, by=self.ostersund_coordinator, **ASSAULTS)
        with translation.override("sv"), self.assertRaises(ValidationError) as caught:
            services.import_indicator_values(indicator, by=self.ostersund_coordinator, data="2014;412,5\n")
        self.assertEqual(caught.exception.messages, ["Rad 1: första raden ska vara rubrikerna ”år” och ”värde”."])

    def test_a_target_year_before_the_baseline_is_refused(self):
        with self.assertInvalid("target_before_baseline", "The target year cannot be before the baseline year.", field="target_year"):
            services.define_indicator(self.commitment, by=self.ostersund_coordinator, **{**ASSAULTS, "target_year": 2010})

    def test_only_party_editors_define_indicators(self):
        for who in (self.partner, self.ostersund_viewer, self.berg_coordinator, self.ostersund_signatory):
            with self.assertRaises(PermissionDenied):
                services.define_indicator(self.commitment, by=who, **ASSAULTS)


class IndicatorFromStatisticsTest(FollowUpTestCase):
    def test_values_are_read_from_the_statistics_series_with_where_they_came_from(self):
        from medborgarloften.statistics.models import Category, Observation, PopulationTotal

        category = Category.objects.create(source="bra", name="Misshandel inkl. grov", slug="misshandel", theme="public_violence")
        for year, count, preliminary in ((2015, 260, False), (2016, 248, False), (2017, 231, True)):
            Observation.objects.create(region_code=self.ostersund.code, category=category, year=year, count=count,
                                       preliminary=preliminary)
            PopulationTotal.objects.create(region_code=self.ostersund.code, year=year, population=62000)
        indicator = services.define_indicator(self.commitment, by=self.ostersund_coordinator,
                                              **{**ASSAULTS, "statistics_category": category, "statistics_measure": "per_100000"})
        self.assertEqual(services.read_indicator_from_statistics(indicator, by=self.community_police), 3)
        values = list(IndicatorValue.objects.filter(indicator=indicator).values_list("year", "value", "origin", "note"))
        # Per 100 000 inhabitants: 260 ÷ 62 000 × 100 000 = 419,355; 248 → 400; 231 → 372,581.
        self.assertEqual([(y, v, o) for y, v, o, _n in values], [
            (2015, Decimal("419.355"), "statistics"), (2016, Decimal("400.000"), "statistics"), (2017, Decimal("372.581"), "statistics")])
        self.assertTrue(values[2][3].endswith("Östersund, preliminär"), values[2][3])

    def test_a_series_goes_with_the_statistics_source(self):
        from medborgarloften.statistics.models import Category

        category = Category.objects.create(source="bra", name="Klotter", slug="klotter")
        with self.assertInvalid("series_needs_statistics",
                                "A statistics series goes with the source “reported crimes or other statistics”.",
                                field="statistics_category"):
            services.define_indicator(self.commitment, by=self.ostersund_coordinator,
                                      **{**ASSAULTS, "source": "survey", "statistics_category": category})

    def test_reading_needs_a_series(self):
        indicator = services.define_indicator(self.commitment, by=self.ostersund_coordinator, **ASSAULTS)
        with self.assertInvalid("no_series", "Choose the statistics series to read first."):
            services.read_indicator_from_statistics(indicator, by=self.ostersund_coordinator)
