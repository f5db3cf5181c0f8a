"""The public download URLs: the stored signed file, served once rendered; 404 for what is not public."""

from django.test import override_settings
from django.urls import reverse

from medborgarloften.site.documents.models import Document

from ..helpers import DocumentsTestCase, validate

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


class PromiseDownloadTests(DocumentsTestCase):
    def url(self, promise):
        return reverse("site_documents:promise", kwargs={"pk": promise.pk})

    def get(self, url, **headers):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.get(url, headers=headers)

    def test_it_serves_the_stored_signed_pdf(self):
        # 1 the promise, 2 its versions, 3 their signatures, 4 municipality names, 5 the document.
        with self.assertNumQueries(5):
            response = self.get(self.url(self.ostersund_published))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn(f'filename="medborgarlofte-{self.ostersund_published.pk}-version-1.pdf"', response["Content-Disposition"])
        body = b"".join(response.streaming_content)
        self.assertEqual(body, self.pdf)
        self.assertTrue(validate(body).intact)
        self.assertEqual(response["ETag"], f'"{self.promise_document.file_sha256}"')

    def test_a_conditional_get_answers_304(self):
        response = self.get(self.url(self.ostersund_published), if_none_match=f'"{self.promise_document.file_sha256}"')
        self.assertEqual(response.status_code, 304)

    def test_the_first_request_renders_it(self):
        # In a test the rendering runs when the test's transaction lets it (after the response); in the
        # demo it runs inside the first request, which then gets the file.
        self.get(self.url(self.berg_published))
        self.assertTrue(Document.objects.get(version__promise=self.berg_published).is_ready)
        response = self.get(self.url(self.berg_published))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(validate(b"".join(response.streaming_content)).intact)

    def test_what_residents_may_not_read_has_no_document(self):
        for promise in (self.ostersund_draft, self.ostersund_signed, self.ostersund_awaiting, self.berg_withdrawn):
            with self.subTest(promise=promise.state):
                self.assertEqual(self.get(self.url(promise)).status_code, 404)
        self.assertEqual(self.client.get("/medborgarlofte/999999/dokument.pdf").status_code, 404)
        self.assertFalse(Document.objects.exclude(pk=self.promise_document.pk).exists())

    @override_settings(TASKS=QUEUED)
    def test_while_queued_it_says_the_document_is_being_prepared(self):
        response = self.get(self.url(self.berg_published))
        self.assertEqual(response.status_code, 202)
        self.assertContains(response, '<meta http-equiv="refresh" content="3">', status_code=202, html=False)
        self.assertContains(response, "Dokumentet förbereds", status_code=202)
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_failed_rendering_says_so(self):
        document = self.promise_document
        Document.objects.filter(pk=document.pk).update(state=Document.State.FAILED, file="", file_sha256="")
        from django.utils import timezone
        Document.objects.filter(pk=document.pk).update(failed_at=timezone.now())
        response = self.get(self.url(self.ostersund_published))
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "Dokumentet kunde inte förberedas", status_code=503)
        self.assertEqual(response["Retry-After"], "60")

    def test_the_public_promise_page_links_to_the_document_and_its_verification(self):
        version = self.latest_version(self.ostersund_published)
        response = self.client.get(self.ostersund_published.get_absolute_url())
        self.assertContains(response, f'href="{self.url(self.ostersund_published)}"')
        self.assertContains(response, f'href="/verifiera/?sha256={version.content_hash}"')
        self.assertContains(response, "Ladda ner det undertecknade dokumentet (PDF)")


class FollowUpDownloadTests(DocumentsTestCase):
    def get(self, url):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.get(url)

    def test_the_yearly_follow_up_of_a_municipality_and_a_county(self):
        for url in ("/kommun/2380-ostersund/uppfoljning/2017/dokument.pdf", "/lan/23-jamtlands-lan/uppfoljning/2017/dokument.pdf"):
            with self.subTest(url=url):
                self.get(url)
                response = self.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/pdf")
                self.assertTrue(validate(b"".join(response.streaming_content)).intact)
        county = Document.objects.get(kind=Document.Kind.COUNTY_FOLLOWUP)
        self.assertEqual(county.year, 2017)
        self.assertEqual([p["title"] for p in county.source["promises"]],
                         sorted([self.berg_published.title, self.ostersund_published.title]))

    def test_a_wrong_slug_redirects_and_an_implausible_year_is_not_found(self):
        response = self.client.get("/kommun/2380-fel/uppfoljning/2017/dokument.pdf")
        self.assertRedirects(response, "/kommun/2380-ostersund/uppfoljning/2017/dokument.pdf", status_code=301,
                             fetch_redirect_response=False)
        self.assertEqual(self.client.get("/lan/23-jamtlands-lan/uppfoljning/1200/dokument.pdf").status_code, 404)
        self.assertEqual(self.client.get("/kommun/9999-ingen/uppfoljning/2017/dokument.pdf").status_code, 404)

    def test_the_yearly_follow_up_page_links_to_its_document(self):
        response = self.client.get("/kommun/2380-ostersund/uppfoljning/2017/")
        self.assertContains(response, '<a href="dokument.pdf">Ladda ner som undertecknad PDF</a>', html=True)
