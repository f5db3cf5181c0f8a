import datetime
from decimal import Decimal

from medborgarloften.followup import services
from tests.followup.helpers import T1, T2, FollowUpTestCase


class PublicFollowUpTest(FollowUpTestCase):
    def publish(self, period, quantity, **kwargs):
        report = self.start(period)
        self.report_checks(report, quantity, **kwargs)
        return services.publish_report(report, by=self.ostersund_coordinator)

    def test_the_promise_page_shows_the_summed_progress_and_goal_achieved(self):
        self.publish(T1, 30)
        self.publish(T2, 30, status="done")
        page = self.client.get(self.ostersund_published.get_absolute_url())
        self.assertContains(page, "60 av 50 (120\u00a0%)")
        self.assertContains(page, "mål uppnått")

    def test_an_ended_promise_without_a_final_report_says_follow_up_missing_on_the_county_and_municipality_pages(self):
        for url in (self.ostersund.county.get_absolute_url() + "?ar=2017", self.ostersund.get_absolute_url()):
            self.assertContains(self.client.get(url), "uppföljning saknas")
        page = self.client.get(self.ostersund_published.get_absolute_url())
        self.assertContains(page, "Uppföljning saknas")

    def test_the_county_page_shows_the_last_report_and_the_share_done(self):
        self.publish(T1, 30, status="done")
        page = self.client.get(self.ostersund.county.get_absolute_url() + "?ar=2017")
        # The promise ended without a final report: missing, with how far it was reported.
        self.assertContains(page, "uppföljning saknas</strong> (rapporterat till och med 30 april 2017, 50\u00a0% genomfört)")

    def test_an_indicator_series_is_drawn_with_a_table_and_a_rise_is_a_deterioration(self):
        indicator = services.define_indicator(
            self.commitment, by=self.ostersund_coordinator, name="Problemindex för LPO Östersund", unit="index 0–6",
            better="lower", source="external", source_description="Polisens trygghetsmätning", baseline_year=2014,
            baseline_value=Decimal("1.6"))
        for year, value in ((2014, "1.6"), (2015, "1.7"), (2016, "1.5"), (2017, "1.9")):
            services.record_indicator_value(indicator, by=self.ostersund_coordinator, year=year, value=Decimal(value))
        page = self.client.get(self.ostersund_published.get_absolute_url())
        self.assertContains(page, '<svg class="chart"')
        self.assertContains(page, "Sämre än utgångsvärdet (+0,3).")
        self.assertContains(page, '<td data-label="Värde">1,9</td>', html=True)
        self.assertContains(page, "<span class=\"state state-not_done\">sämre</span>", count=2)

    def test_the_yearly_page_lists_every_promise_of_the_year_with_targets_actuals_and_reasons(self):
        self.publish(T1, 12, status="partly_done", reason="Snöoväder i februari")
        page = self.client.get(f"/kommun/{self.ostersund.code}-{self.ostersund.slug}/uppfoljning/2017/")
        self.assertContains(page, "Uppföljning 2017: Östersund")
        self.assertContains(page, "Snöoväder i februari")
        self.assertContains(page, "12 av 50 (24\u00a0%)")
        county = self.client.get(f"/lan/{self.ostersund.county.code}-{self.ostersund.county.slug}/uppfoljning/2017/")
        self.assertContains(county, "Medborgarlöften i Berg 2017")
        self.assertNotContains(county, "Medborgarlöften i Östersund 2018")

    def test_the_municipality_page_links_to_the_years_followed_up(self):
        self.publish(T1, 12)
        self.assertContains(self.client.get(self.ostersund.get_absolute_url()),
                            f"/kommun/{self.ostersund.code}-{self.ostersund.slug}/uppfoljning/2017/")

    def test_the_promise_page_costs_the_same_with_more_reports_and_values(self):
        url = self.ostersund_published.get_absolute_url()
        self.client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        self.publish(T1, 10)
        self.publish(T2, 10)
        self.publish((datetime.date(2017, 9, 1), datetime.date(2017, 10, 31)), 10)
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)
