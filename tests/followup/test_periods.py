import datetime

from django.test import SimpleTestCase

from medborgarloften.followup.models import Cadence
from medborgarloften.followup.periods import label_for, periods

YEAR = (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))


class PeriodTests(SimpleTestCase):
    def test_tertials_of_a_calendar_year(self):
        self.assertEqual(periods(Cadence.TERTIAL, *YEAR), [
            (datetime.date(2017, 1, 1), datetime.date(2017, 4, 30), "Tertial 1 2017"),
            (datetime.date(2017, 5, 1), datetime.date(2017, 8, 31), "Tertial 2 2017"),
            (datetime.date(2017, 9, 1), datetime.date(2017, 12, 31), "Tertial 3 2017"),
        ])

    def test_quarters_are_cut_to_a_promise_starting_mid_quarter(self):
        result = periods(Cadence.QUARTER, datetime.date(2017, 2, 15), datetime.date(2017, 6, 30))
        self.assertEqual([(s, e) for s, e, _label in result], [
            (datetime.date(2017, 2, 15), datetime.date(2017, 3, 31)), (datetime.date(2017, 4, 1), datetime.date(2017, 6, 30))])

    def test_a_two_year_promise_has_two_yearly_periods(self):
        self.assertEqual([label for *_dates, label in periods(Cadence.YEAR, datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))],
                         ["2019", "2020"])

    def test_a_range_that_is_no_period_is_labelled_by_its_dates(self):
        self.assertEqual(label_for(Cadence.TERTIAL, datetime.date(2017, 2, 1), datetime.date(2017, 3, 15), within=YEAR),
                         "2017-02-01 – 2017-03-15")
        self.assertEqual(label_for(Cadence.HALF_YEAR, datetime.date(2017, 7, 1), datetime.date(2017, 12, 31), within=YEAR),
                         "Halvår 2 2017")
