"""The statutory lägesbild and åtgärdsplan as sealed documents: what they print, who may download them, and that the
public verification page says nothing about them."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.status import SignatureCoverageLevel

from medborgarloften.problems import services as problem_services
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.promises import services as promise_services
from medborgarloften.site import statutory
from medborgarloften.site.documents import layout, sources, statutory_pdf
from medborgarloften.site.documents.models import Document
from tests.problems.base import STAFF_SECRET, ProblemsTestCase

from .helpers import BASE_URL, DocumentsTestCase, story_text as draw_text, validate


def story_text(source):
    return draw_text(statutory_pdf.story, source)


class StatutoryCase(DocumentsTestCase, ProblemsTestCase):
    """The documents' cast with the problems tests' approved 2017 picture for Östersund and a promise answering it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        littering = problem_services.add_problem(cls.picture, by=by, title="Nedskräpning i centrum", theme="littering",
                                                 causes="Få papperskorgar.")
        problem_services.link_evidence(littering, by=by, municipality=cls.ostersund, kind="survey", survey=cls.survey,
                                       item="nedskrapning")
        problem_services.link_evidence(littering, by=by, municipality=cls.ostersund, kind="staff", text=STAFF_SECRET)
        burglary = problem_services.add_problem(cls.picture, by=by, title="Bostadsinbrott", theme="burglary")
        problem_services.set_priorities(cls.picture, by=by, order=[littering.pk, burglary.pk],
                                        justification="Invånarna först.")
        problem_services.approve_problem_picture(cls.picture, by=by)
        problem_services.approve_problem_picture(cls.picture, by=cls.community_police)
        cls.picture = ProblemPicture.objects.get(pk=cls.picture.pk)
        promise = promise_services.create_promise(by=by, municipalities=[cls.ostersund], valid_from=datetime.date(2017, 1, 1),
                                                  valid_to=datetime.date(2017, 12, 31), replaces=[cls.ostersund_published])
        commitment = promise_services.add_commitment(promise, by=by, focus_area="Ett renare centrum",
                                                     pledge="Vi lovar att städa torget.", problems=[littering])
        promise_services.add_activity(commitment, by=by, description="Städdagar vid torget", target_quantity=4,
                                      unit="städdagar")
        cls.forget_memberships()

    def download(self, name, *, public=False):
        url = reverse(f"site_documents:{name}", args=[self.picture.pk]) + ("?offentlig=1" if public else "")
        # In a test the rendering runs after the first response (it answers 202, being prepared); the second gets the file.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.get(url)
        if response.status_code == 202:
            response = self.client.get(url)
        return response


class StatutoryDocumentTests(StatutoryCase):
    def test_the_situation_report_opens_sealed_with_the_laws_headings_and_the_approved_version(self):
        self.client.force_login(self.ostersund_viewer)
        response = self.download("situation_report")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("private", response["Cache-Control"])
        data = b"".join(response.streaming_content)
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        self.assertGreaterEqual(len(reader.root["/Pages"]["/Kids"]), 1)
        status = validate(data)
        self.assertTrue(status.intact and status.valid)
        self.assertEqual(status.coverage, SignatureCoverageLevel.ENTIRE_FILE)
        document = Document.objects.get(kind=Document.Kind.SITUATION_REPORT)
        self.assertFalse(document.source["public"])
        text = story_text(document.source)
        for heading in ("Lägesbild över brottsligheten", "Kartläggning av brottsligheten", "Annan information av betydelse",
                        "Analys", "4 § 1", "4 § 2", "4 § 3", "Nedskräpning i centrum", "Östersund", "2017"):
            self.assertIn(heading, text)
        version = self.picture.approved_version
        self.assertIn(layout.grouped_hash(version.content_hash), text)
        self.assertIn(f"version {version.number}", text)
        self.assertIn(STAFF_SECRET, text)
        self.assertIn("medarbetarkunskap som inte får publiceras", text)

    def test_the_publication_version_is_another_document_without_staff_knowledge(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.download("situation_report").status_code, 200)
        self.assertEqual(self.download("situation_report", public=True).status_code, 200)
        staff = Document.objects.get(kind=Document.Kind.SITUATION_REPORT, source__public=False)
        public = Document.objects.get(kind=Document.Kind.SITUATION_REPORT, source__public=True)
        self.assertNotEqual(staff.source_hash, public.source_hash)
        self.assertNotIn(STAFF_SECRET, str(public.source))
        text = story_text(public.source)
        self.assertNotIn(STAFF_SECRET, text)
        self.assertIn("Nedskräpning i centrum", text)

    def test_the_action_plan_ties_measures_to_problems(self):
        self.client.force_login(self.community_police)
        response = self.download("action_plan")
        self.assertEqual(response.status_code, 200)
        data = b"".join(response.streaming_content)
        self.assertTrue(validate(data).intact)
        text = story_text(Document.objects.get(kind=Document.Kind.ACTION_PLAN).source)
        for expected in ("Åtgärdsplan mot brott", "Åtgärder per problem", "Nedskräpning i centrum", "Städdagar vid torget",
                         "Problem utan beslutad åtgärd", "Bostadsinbrott"):
            self.assertIn(expected, text)

    def test_a_second_download_of_the_same_content_reuses_the_document(self):
        self.client.force_login(self.ostersund_viewer)
        self.download("action_plan")
        self.download("action_plan")
        self.assertEqual(Document.objects.filter(kind=Document.Kind.ACTION_PLAN).count(), 1)

    def test_the_pages_link_to_the_documents(self):
        self.client.force_login(self.ostersund_viewer)
        page = self.client.get(reverse("site:situation_report", args=[self.picture.pk]))
        self.assertContains(page, reverse("site_documents:situation_report", args=[self.picture.pk]))
        self.assertContains(page, "Ladda ned som PDF")
        public = self.client.get(reverse("site:situation_report", args=[self.picture.pk]) + "?offentlig=1")
        self.assertContains(public, reverse("site_documents:situation_report", args=[self.picture.pk]) + "?offentlig=1")
        plan = self.client.get(reverse("site:action_plan", args=[self.picture.pk]))
        self.assertContains(plan, reverse("site_documents:action_plan", args=[self.picture.pk]))


class StatutoryPermissionTests(StatutoryCase):
    def test_staff_of_another_municipality_and_outsiders_get_404(self):
        for person in (self.berg_coordinator, self.partner, self.outsider):
            self.client.force_login(person)
            for name in ("situation_report", "action_plan"):
                with self.subTest(person=person.username, document=name):
                    self.assertEqual(self.download(name).status_code, 404)
                    self.assertEqual(self.download(name, public=True).status_code, 404)
        self.assertFalse(Document.objects.filter(kind__in=[Document.Kind.SITUATION_REPORT, Document.Kind.ACTION_PLAN]).exists())

    def test_anonymous_visitors_are_sent_to_log_in(self):
        for name in ("situation_report", "action_plan"):
            response = self.download(name)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("accounts:login"), response["Location"])

    def test_an_unknown_picture_is_404(self):
        self.client.force_login(self.ostersund_viewer)
        response = self.client.get(reverse("site_documents:situation_report", args=[self.picture.pk + 999]))
        self.assertEqual(response.status_code, 404)


class StatutoryVerificationTests(StatutoryCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from medborgarloften.site.documents import services

        with layout.in_swedish():
            source = sources.situation_report_source(statutory.situation_report(cls.picture), base_url=BASE_URL)
        with cls.captureOnCommitCallbacks(execute=True):
            document = services.issue_document(source, kind=Document.Kind.SITUATION_REPORT, year=cls.picture.year)
        cls.staff_document = Document.objects.get(pk=document.pk)

    def test_the_verification_page_knows_nothing_of_a_staff_document(self):
        document = self.staff_document
        self.assertTrue(document.is_ready)
        for sha256 in (document.content_hash, document.file_sha256):
            response = self.client.get("/verifiera/", {"sha256": sha256})
            self.assertContains(response, "Inget dokument")
            self.assertNotContains(response, "Nedskräpning")
            self.assertNotContains(response, "Lägesbild")
            self.assertNotContains(response, "en fil med den summan är exakt det dokumentet")

    def test_an_uploaded_staff_document_is_not_named_as_issued(self):
        with document_file(self.staff_document) as data:
            response = self.client.post("/verifiera/", {"document": SimpleUploadedFile("l.pdf", data,
                                                                                      content_type="application/pdf")})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Nedskräpning")
        self.assertNotContains(response, "Lägesbild")
        self.assertNotContains(response, STAFF_SECRET)
        self.assertNotContains(response, "en fil med den summan är exakt det dokumentet")


class document_file:
    def __init__(self, document):
        self.document = document

    def __enter__(self):
        with self.document.file.open("rb") as f:
            return f.read()

    def __exit__(self, *exc):
        return False


class StatutorySourceTests(StatutoryCase):
    def test_the_sources_are_built_from_the_pages_data_without_queries(self):
        report = statutory.situation_report(self.picture_for_workspace())
        plan = statutory.action_plan(self.picture_for_workspace())
        with self.assertNumQueries(0), layout.in_swedish():
            report_source = sources.situation_report_source(report, base_url=BASE_URL)
            plan_source = sources.action_plan_source(plan, base_url=BASE_URL)
        self.assertEqual(report_source["picture"]["version"]["sha256"], self.picture.approved_version.content_hash)
        self.assertEqual(plan_source["rows"][0]["measures"][0]["activities"][0]["description"], "Städdagar vid torget")

    def test_every_page_of_a_staff_document_says_it_is_not_for_publication(self):
        picture = self.picture_for_workspace()
        with layout.in_swedish():
            staff = sources.situation_report_source(statutory.situation_report(picture), base_url=BASE_URL)
            public = sources.situation_report_source(statutory.situation_report(picture, public=True), base_url=BASE_URL)
            plan = sources.action_plan_source(statutory.action_plan(picture), base_url=BASE_URL)
            self.assertIn("Lägesbild över brottsligheten 2017: Östersund · EJ FÖR PUBLICERING", statutory_pdf.footer(staff))
            self.assertIn("EJ FÖR PUBLICERING", statutory_pdf.footer(plan))
            self.assertNotIn("EJ FÖR PUBLICERING", statutory_pdf.footer(public))
            self.assertIn(sources.source_hash(public)[:16], statutory_pdf.footer(public))

    def picture_for_workspace(self):
        from medborgarloften.problems.selectors import picture_for_workspace

        return picture_for_workspace(self.picture.pk)
