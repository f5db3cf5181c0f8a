"""The press page per county and year: who signed and published, with the dates, ready to link."""

import datetime

from django.utils import timezone

from medborgarloften.promises.models import Promise

from ..helpers import DocumentsTestCase

URL = "/lan/23-jamtlands-lan/press/2017/"


class PressPageTests(DocumentsTestCase):
    def test_it_lists_every_municipality_with_its_dates(self):
        Promise.objects.filter(pk=self.ostersund_published.pk).update(
            published_at=timezone.make_aware(datetime.datetime(2017, 3, 1, 12)))
        response = self.client.get(URL)
        self.assertContains(response, "<h1>Medborgarlöften 2017 i Jämtlands län</h1>", html=True)
        self.assertContains(response, "2 av 8 kommuner i Jämtlands län har undertecknat och publicerat sina medborgarlöften för 2017.")
        self.assertContains(response, self.ostersund_published.title)
        self.assertContains(response, self.berg_published.title)
        self.assertContains(response, '<time datetime="2017-03-01">1 mars 2017</time>', html=True)
        self.assertContains(response, "Inget publicerat medborgarlöfte", count=6)
        self.assertContains(response, f'href="/medborgarlofte/{self.ostersund_published.pk}/dokument.pdf"')
        self.assertContains(response, "https://medborgarloften.example.se/lan/23-jamtlands-lan/press/2017/")

    def test_signing_dates_are_the_last_partys(self):
        signatures = list(self.latest_version(self.ostersund_published).signatures.all())
        response = self.client.get(URL)
        last = timezone.localtime(max(s.signed_at for s in signatures)).date()
        self.assertContains(response, f'<time datetime="{last.isoformat()}">')

    def test_its_query_count_does_not_grow_with_the_promises(self):
        # 1 the county, 2 its municipalities, 3 promise links, 4 promises, 5 the last signing dates.
        with self.assertNumQueries(5):
            self.client.get(URL)
        for place, coordinator, signatories in ((self.bracke, self.community_police, None),):
            promise = self.draft_promise(place, coordinator, valid_from=datetime.date(2017, 1, 1),
                                         valid_to=datetime.date(2017, 12, 31))
            parties = list(promise.parties.all())
            from medborgarloften.promises import services as promise_services
            promise_services.register_paper_signatures(
                promise, by=coordinator, published_on=datetime.date(2017, 3, 1),
                signatures={p: ("Namn Efternamn", "Ordförande", datetime.date(2017, 2, 20)) for p in parties if p.signs})
        with self.assertNumQueries(5):
            response = self.client.get(URL)
        self.assertContains(response, "3 av 8 kommuner")

    def test_without_a_year_it_goes_to_the_latest_and_a_wrong_slug_is_corrected(self):
        self.assertRedirects(self.client.get("/lan/23-jamtlands-lan/press/"), URL, fetch_redirect_response=False)
        self.assertRedirects(self.client.get("/lan/23-fel/press/2017/"), URL, status_code=301, fetch_redirect_response=False)
        self.assertEqual(self.client.get("/lan/99-ingen/press/2017/").status_code, 404)
        self.assertEqual(self.client.get("/lan/23-jamtlands-lan/press/1200/").status_code, 404)

    def test_a_year_without_promises_says_none_signed(self):
        response = self.client.get("/lan/23-jamtlands-lan/press/2030/")
        self.assertContains(response, "0 av 8 kommuner")
        self.assertContains(response, "Inget publicerat medborgarlöfte", count=8)

    def test_the_county_page_links_to_it(self):
        response = self.client.get("/lan/23-jamtlands-lan/")
        self.assertContains(response, f'href="{URL}"')
