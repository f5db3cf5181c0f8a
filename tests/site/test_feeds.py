"""Atom feeds and the sitemap: valid Atom (RFC 4287's required elements), public events only, a fixed query count."""

import datetime
import xml.etree.ElementTree as ET

from medborgarloften.followup import services as followup
from medborgarloften.promises import services
from tests.cast import CastTestCase

ATOM = "{http://www.w3.org/2005/Atom}"


class FeedTests(CastTestCase):
    def atom(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = ET.fromstring(response.content)
        self.assertEqual(feed.tag, f"{ATOM}feed")
        for required in ("id", "title", "updated"):
            self.assertEqual(len(feed.findall(f"{ATOM}{required}")), 1, required)
        self.assertTrue(feed.findall(f"{ATOM}author") or all(e.findall(f"{ATOM}author") for e in feed.findall(f"{ATOM}entry")))
        for entry in feed.findall(f"{ATOM}entry"):
            for required in ("id", "title", "updated"):
                self.assertEqual(len(entry.findall(f"{ATOM}{required}")), 1, required)
            self.assertTrue(entry.findall(f"{ATOM}link[@rel='alternate']") or entry.findall(f"{ATOM}link"))
        return feed

    def titles(self, feed):
        return [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]

    def test_the_municipality_feed_has_publications_and_signatures_but_no_draft(self):
        feed = self.atom(f"/kommun/{self.ostersund.code}-{self.ostersund.slug}/flode.atom")
        titles = self.titles(feed)
        self.assertIn("Publicerat: Medborgarlöften i Östersund 2017", titles)
        self.assertEqual(titles.count("Undertecknat: Medborgarlöften i Östersund 2017"), 2)
        self.assertNotIn("Medborgarlöften i Östersund 2018", " ".join(titles))
        self.assertNotIn("Berg", " ".join(titles))

    def test_the_county_and_national_feeds_cover_every_municipality(self):
        for url in (f"/lan/{self.ostersund.county.code}-{self.ostersund.county.slug}/flode.atom", "/flode.atom"):
            titles = " ".join(self.titles(self.atom(url)))
            self.assertIn("Östersund 2017", titles)
            self.assertIn("Berg 2017", titles)

    def test_a_follow_up_report_and_a_withdrawal_appear_in_the_promises_feed(self):
        report = followup.start_report(self.ostersund_published, by=self.ostersund_coordinator,
                                       period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 4, 30))
        followup.report_activity(report, self.fresh(self.ostersund_published).commitments.all()[0].activities.all()[0],
                                 by=self.community_police, status="ongoing", actual_quantity=5)
        followup.publish_report(report, by=self.ostersund_coordinator)
        services.withdraw_promise(self.ostersund_published, by=self.ostersund_signatory, reason="Ersatt av länsplanen.")
        feed = self.atom(f"/medborgarlofte/{self.ostersund_published.pk}/flode.atom")
        titles = self.titles(feed)
        self.assertEqual(titles[0], "Återkallat: Medborgarlöften i Östersund 2017")
        self.assertIn("Uppföljning 2017-01-01 – 2017-04-30: Medborgarlöften i Östersund 2017", titles)
        self.assertIn("Ersatt av länsplanen.", ET.tostring(feed, encoding="unicode"))

    def test_a_drafts_feed_does_not_exist(self):
        self.assertEqual(self.client.get(f"/medborgarlofte/{self.ostersund_draft.pk}/flode.atom").status_code, 404)

    def test_each_public_page_advertises_its_feed(self):
        pages = {
            "/": "/flode.atom",
            self.ostersund.county.get_absolute_url(): f"/lan/{self.ostersund.county.code}-{self.ostersund.county.slug}/flode.atom",
            self.ostersund.get_absolute_url(): f"/kommun/{self.ostersund.code}-{self.ostersund.slug}/flode.atom",
            self.ostersund_published.get_absolute_url(): f"/medborgarlofte/{self.ostersund_published.pk}/flode.atom",
        }
        for page, feed in pages.items():
            self.assertContains(self.client.get(page), f'type="application/atom+xml"')
            self.assertContains(self.client.get(page), f'href="{feed}"')

    def test_a_feed_costs_the_same_with_more_events(self):
        url = "/flode.atom"
        self.client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        promise = self.draft_promise(self.berg, self.berg_coordinator, valid_from=datetime.date(2019, 1, 1),
                                     valid_to=datetime.date(2019, 12, 31))
        self.sign_all(promise, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief])
        services.publish_promise(promise, by=self.berg_coordinator)
        services.withdraw_promise(promise, by=self.berg_signatory, reason="Ny plan.")
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)


class SitemapTests(CastTestCase):
    def test_it_lists_public_promises_and_places_but_no_draft(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn(f"/medborgarlofte/{self.ostersund_published.pk}/</loc>", body)
        self.assertNotIn(f"/medborgarlofte/{self.ostersund_draft.pk}/</loc>", body)
        self.assertIn("/kommun/2380-ostersund/</loc>", body)
        self.assertIn("/lan/23-jamtlands-lan/</loc>", body)
        self.assertEqual(body.count("<url>"), 2 + 21 + 290 + 2)
