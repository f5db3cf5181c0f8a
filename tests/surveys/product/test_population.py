"""Where a survey's weighting population comes from: SCB's figures in the statistics app, unless the survey has its own."""

from medborgarloften.statistics.models import Population
from medborgarloften.surveys import services
from medborgarloften.surveys.population import population_cells_for
from tests.surveys.product.cast import POPULATION, SurveyCastTestCase


class PopulationSourceTests(SurveyCastTestCase):
    def add_scb(self, code, year, per_age=10):
        Population.objects.bulk_create(
            Population(region_code=code, year=year, age=age, sex=sex, count=per_age + (sex == Population.Sex.MEN))
            for age in range(0, 101) for sex in (Population.Sex.MEN, Population.Sex.WOMEN)
        )

    def test_scb_population_weights_a_survey_without_its_own_table(self):
        self.add_scb(self.ostersund.code, 2024)
        table = population_cells_for(self.draft_survey)
        entry = table[(self.ostersund.code, 2024)]
        # 16–24 is nine single years: 9 × 10 women, 9 × 11 men.
        self.assertEqual(entry.cells[0].tolist(), [90.0, 99.0])
        # 75–85 is eleven single years.
        self.assertEqual(entry.cells[-1].tolist(), [110.0, 121.0])

    def test_a_table_entered_for_the_survey_overrides_scb(self):
        self.add_scb(self.ostersund.code, 2024)
        services.set_population(self.draft_survey, by=self.ostersund_coordinator, municipality=self.ostersund,
                                year=2024, cells=POPULATION)
        entry = population_cells_for(self.draft_survey)[(self.ostersund.code, 2024)]
        self.assertEqual(entry.cells[0].tolist(), [float(POPULATION[("16-24", "kvinna")]), float(POPULATION[("16-24", "man")])])

    def test_without_either_the_municipality_year_is_not_weighted(self):
        self.assertEqual(population_cells_for(self.draft_survey), {})
