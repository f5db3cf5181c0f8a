"""The verification page: a hash or an uploaded PDF, answered with the version, its signatures and whether it is in force."""


from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from medborgarloften.promises import services as promise_services
from medborgarloften.site.documents import promise_pdf

from ..helpers import DocumentsTestCase, flip_byte

URL = "/verifiera/"


class VerifyByHashTests(DocumentsTestCase):
    def test_the_page_offers_both_ways_without_javascript(self):
        response = self.client.get(URL)
        self.assertContains(response, "<h1>Kontrollera ett dokument</h1>", html=True)
        self.assertContains(response, 'name="sha256"')
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, "democertifikat")
        self.assertNotContains(response, "Resultat")

    def test_a_signed_version_in_force_shows_who_signed_and_when(self):
        self.make_current(self.ostersund_published)
        version = self.latest_version(self.ostersund_published)
        response = self.client.get(URL, {"sha256": version.content_hash})
        self.assertContains(response, self.ostersund_published.title)
        self.assertContains(response, "Detta är den gällande versionen.")
        self.assertContains(response, "Karin Holm")
        self.assertContains(response, "Kommunstyrelsens ordförande, Östersunds kommun")
        self.assertContains(response, "Maria Sjöberg")
        self.assertContains(response, version.content_hash)
        self.assertIn("no-store", response["Cache-Control"])

    def test_the_hash_may_be_typed_in_groups_and_capitals(self):
        self.make_current(self.ostersund_published)
        version = self.latest_version(self.ostersund_published)
        typed = " ".join(version.content_hash[i:i + 16] for i in range(0, 64, 16)).upper()
        response = self.client.get(URL, {"sha256": typed})
        self.assertContains(response, "Detta är den gällande versionen.")

    def test_the_hash_of_the_file_itself_is_known_too(self):
        response = self.client.get(URL, {"sha256": self.promise_document.file_sha256})
        self.assertContains(response, "en fil med den summan är exakt det dokumentet")
        self.assertContains(response, self.ostersund_published.title)

    def test_a_withdrawn_promise_is_not_in_force(self):
        promise_services.withdraw_promise(self.berg_published, by=self.berg_signatory, reason="Ersatt av en länsgemensam plan.")
        version = self.latest_version(self.berg_published)
        response = self.client.get(URL, {"sha256": version.content_hash})
        self.assertContains(response, "Gäller inte: löftet har återkallats.")
        self.assertContains(response, "Ersatt av en länsgemensam plan.")

    def test_a_promise_whose_period_ended_is_not_called_in_force(self):
        version = self.latest_version(self.berg_published)
        # The cast's 2017 promises ended long ago.
        response = self.client.get(URL, {"sha256": version.content_hash})
        self.assertContains(response, "Detta är den undertecknade versionen, men löftets period har gått ut.")
        self.assertNotContains(response, "Detta är den gällande versionen.")

    def test_versions_residents_may_not_read_are_not_found(self):
        for promise in (self.ostersund_signed, self.ostersund_awaiting, self.ostersund_draft):
            version = self.latest_version(promise)
            if version is None:
                continue
            with self.subTest(state=promise.state):
                response = self.client.get(URL, {"sha256": version.content_hash})
                self.assertContains(response, "Inget dokument och ingen löftesversion med den här SHA-256-summan finns här.")
                self.assertNotContains(response, promise.title + "</a>")

    def test_a_malformed_hash_is_refused_with_what_was_typed_kept(self):
        for typed in ("abc", "g" * 64, "a" * 63, "a" * 65):
            with self.subTest(typed=typed):
                response = self.client.get(URL, {"sha256": typed})
                self.assertContains(response, "Ange en SHA-256-summa: 64 tecken, siffrorna 0–9 och bokstäverna a–f.")
                self.assertContains(response, f'value="{typed}"')
                self.assertContains(response, 'href="#id_sha256"')

    @override_settings(RATELIMIT_ENABLE=True, VERIFY_RATE="2/m")
    def test_checks_are_rate_limited(self):
        for _ in range(2):
            self.assertEqual(self.client.get(URL, {"sha256": "a" * 64}).status_code, 200)
        self.assertEqual(self.client.get(URL, {"sha256": "a" * 64}).status_code, 429)
        # Reading the page itself costs nothing.
        self.assertEqual(self.client.get(URL).status_code, 200)


class VerifyUploadTests(DocumentsTestCase):
    def upload(self, data, name="medborgarlofte.pdf", content_type="application/pdf"):
        return self.client.post(URL, {"document": SimpleUploadedFile(name, data, content_type=content_type)})

    def test_an_issued_file_is_intact_and_named(self):
        self.make_current(self.ostersund_published)
        response = self.upload(self.pdf)
        self.assertContains(response, "Förseglingen är obruten: filen har inte ändrats sedan Medborgarlöften förseglade den.")
        self.assertContains(response, "Detta är den gällande versionen.")
        self.assertContains(response, self.promise_document.file_sha256)
        self.assertContains(response, "Karin Holm")

    def test_a_one_byte_change_is_reported(self):
        response = self.upload(flip_byte(self.pdf, len(self.pdf) // 2))
        self.assertContains(response, "Filen har ändrats efter att den förseglades.")
        self.assertContains(response, "Vad filen utger sig för att vara")

    def test_an_unsealed_pdf_is_reported(self):
        response = self.upload(promise_pdf.render_promise(self.promise_document.source))
        self.assertContains(response, "Filen har ingen elektronisk försegling.")

    def test_what_is_not_a_pdf_is_refused(self):
        response = self.upload(b"GIF89a not a pdf", name="bild.pdf")
        self.assertContains(response, "Filen är inte en PDF.")
        response = self.upload(b"%PDF-1.7 but nothing else")
        self.assertContains(response, "Filen gick inte att läsa som PDF.")

    def test_an_empty_or_missing_file_is_refused(self):
        self.assertContains(self.upload(b""), "Filen är tom.")
        self.assertContains(self.client.post(URL, {}), "Välj en PDF-fil att kontrollera.")

    @override_settings(DOCUMENT_UPLOAD_MAX_BYTES=1024)
    def test_a_file_over_the_limit_is_refused(self):
        self.assertContains(self.upload(b"%PDF-1.7\n" + b"x" * 2000), "Filen är större än 0 MB.")

    @override_settings(DOCUMENT_UPLOAD_MAX_BYTES=1024)
    def test_a_body_far_over_the_limit_is_not_read(self):
        response = self.upload(b"%PDF-1.7\n" + b"x" * 200_000)
        self.assertContains(response, "Filen är större än")

    def test_the_upload_needs_no_cookie(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(URL, {"document": SimpleUploadedFile("a.pdf", self.pdf, content_type="application/pdf")})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Förseglingen är obruten")
