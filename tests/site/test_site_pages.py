"""The marks of a public-sector site: the publisher in every footer, the accessibility statement, the personal-data page, the icon."""

import re
from html.parser import HTMLParser

from django.contrib.staticfiles import finders
from django.test import TestCase, override_settings
from django.urls import reverse

from tests.cast import CastTestCase


class FooterTests(CastTestCase):
    def test_every_page_names_the_publisher_with_address_e_mail_and_phone(self):
        pages = [(None, "/"), (None, "/vad-ar-medborgarloften/"), (None, "/konto/logga-in/"), (None, "/no-such-page/"),
                 (self.ostersund_coordinator, "/arbetsyta/")]
        for person, url in pages:
            with self.subTest(url=url):
                if person:
                    self.client.force_login(person)
                response = self.client.get(url)
                footer = response.content.decode().split('<footer class="site-footer">', 1)[1]
                self.assertIn("Medborgarlöften (demo)", footer)
                self.assertIn("Box 000, 831 00 Östersund", footer)
                self.assertIn('href="mailto:kontakt@medborgarloften.example"', footer)
                self.assertIn('href="tel:0100000000"', footer)
                self.assertIn(f'href="{reverse("site:accessibility")}"', footer)
                self.assertIn(f'href="{reverse("site:personal_data")}"', footer)

    @override_settings(PUBLISHER_NAME="Region Testlän", PUBLISHER_ADDRESS="Storgatan 1, 111 11 Stad",
                       PUBLISHER_EMAIL="info@region.example", PUBLISHER_PHONE="08-123 45 67")
    def test_the_publisher_comes_from_the_settings(self):
        response = self.client.get("/")
        self.assertContains(response, "Region Testlän")
        self.assertContains(response, "Storgatan 1, 111 11 Stad")
        self.assertContains(response, 'href="mailto:info@region.example"')
        self.assertContains(response, 'href="tel:081234567"')
        self.assertNotContains(response, "Medborgarlöften (demo)")

    def test_pages_carry_the_icon_and_the_logo(self):
        response = self.client.get("/")
        self.assertContains(response, '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">', html=True)
        self.assertContains(response, 'src="/static/web/logo.svg"')
        self.assertTrue(finders.find("web/favicon.svg"))
        self.assertTrue(finders.find("web/logo.svg"))

    def test_favicon_ico_leads_to_the_svg_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertRedirects(response, "/static/web/favicon.svg", fetch_redirect_response=False)

    def test_the_language_switch_names_the_other_language_in_that_language(self):
        response = self.client.get("/")
        self.assertContains(response, 'lang="en">In English</button>')
        response = self.client.get("/", HTTP_COOKIE="django_language=en")
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, 'lang="sv">På svenska</button>')


class AccessibilityStatementTests(TestCase):
    def test_it_follows_diggs_template(self):
        response = self.client.get(reverse("site:accessibility"))
        self.assertContains(response, "<h1>Tillgänglighetsredogörelse</h1>", html=True)
        # Compliance status, in the words the law uses.
        self.assertContains(response, "<strong>delvis förenlig</strong>", html=True)
        self.assertContains(response, "lagen (2018:1937) om tillgänglighet till digital offentlig service")
        # Known shortcomings, how to report one (a contact), and Digg's supervision with its report link.
        self.assertContains(response, "Innehåll som inte är tillgängligt")
        self.assertContains(response, "PDF")
        self.assertContains(response, 'href="mailto:kontakt@medborgarloften.example"')
        self.assertContains(response, "Myndigheten för digital förvaltning (Digg)")
        self.assertContains(response, 'href="https://www.digg.se/tdosanmalan"')
        # How and when it was assessed, dated the Swedish way.
        self.assertContains(response, "självskattning")
        self.assertContains(response, "29 november 2026")

    @override_settings(ACCESSIBILITY_ASSESSED_ON="2027-01-05")
    def test_the_assessment_date_comes_from_the_settings(self):
        self.assertContains(self.client.get(reverse("site:accessibility")), "5 januari 2027")

    def test_it_is_in_english_for_english_readers(self):
        response = self.client.get(reverse("site:accessibility"), HTTP_COOKIE="django_language=en")
        self.assertContains(response, "<h1>Accessibility statement</h1>", html=True)
        self.assertContains(response, "partially compliant")


class PersonalDataPageTests(TestCase):
    def test_it_says_what_is_stored_why_for_how_long_and_the_rights(self):
        response = self.client.get(reverse("site:personal_data"))
        self.assertContains(response, "<h1>Så behandlar vi personuppgifter</h1>", html=True)
        for text in [
            "Konton för personal", "Underskrifter", "Ändringslogg", "Invånarnas synpunkter", "Trygghetsundersökningar",
            "allmänt intresse", "samtycke", "anonymt", "60 dagar",
            "rätt till tillgång", "rättade", "raderade", "invända", "dataportabilitet",
            "Dataskyddsombud", 'href="mailto:dataskyddsombud@medborgarloften.example"',
            "Integritetsskyddsmyndigheten (IMY)", 'href="https://www.imy.se/"',
        ]:
            with self.subTest(text=text):
                self.assertContains(response, text)

    @override_settings(PUBLISHER_DPO_EMAIL="dso@region.example")
    def test_the_data_protection_officer_comes_from_the_settings(self):
        self.assertContains(self.client.get(reverse("site:personal_data")), 'href="mailto:dso@region.example"')


class _VisibleText(HTMLParser):
    """The text a reader sees, leaving out scripts, styles and anything marked lang="en"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        hidden = tag in ("script", "style", "title") or (attrs.get("lang") or "").startswith("en")
        self.stack.append(hidden or (self.stack[-1] if self.stack else False))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


class LanguageMarkupTests(CastTestCase):
    ENGLISH = re.compile(r"\b(the|and|with|from|this|your|which|shown|means)\b", re.IGNORECASE)

    def test_swedish_pages_show_no_english_text_unless_marked_as_english(self):
        urls = ["/", "/vad-ar-medborgarloften/", "/tillganglighet/", "/personuppgifter/", "/verifiera/",
                self.ostersund.county.get_absolute_url(), self.ostersund.get_absolute_url(),
                f"/statistik/kommun/{self.ostersund.code}-{self.ostersund.slug}/"]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                parser = _VisibleText()
                parser.feed(response.content.decode())
                text = " ".join(" ".join(parser.text).split())
                found = [m.group(0) for m in self.ENGLISH.finditer(text)]
                self.assertEqual(found, [], [text[max(0, m.start() - 60):m.end() + 60] for m in self.ENGLISH.finditer(text)][:3])

    def test_swedish_content_on_english_pages_is_marked_as_swedish(self):
        promise = self.ostersund_published
        response = self.client.get(promise.get_absolute_url(), HTTP_COOKIE="django_language=en")
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, f'<h1 lang="sv">{promise.title}</h1>', html=True)
