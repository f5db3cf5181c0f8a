"""The promise PDF: it opens, carries the hash, is PDF/A-2b as far as can be checked here, and its PAdES seal holds
until one byte changes."""

import io
import re

from django.utils import translation
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.status import SignatureCoverageLevel

from medborgarloften.promises.selectors import latest_version, promise_with_content
from medborgarloften.site.documents import layout, pdfa, promise_pdf, signing, sources, verification

from .helpers import BASE_URL, DocumentsTestCase, flip_byte, story_text, validate


def _story_text(source):
    return story_text(promise_pdf.story, source)


class PromisePdfTests(DocumentsTestCase):
    def reader(self):
        return PdfFileReader(io.BytesIO(self.pdf), strict=True)

    def test_it_opens_as_a_pdf_with_pages(self):
        reader = self.reader()
        self.assertTrue(self.pdf.startswith(b"%PDF-"))
        self.assertGreaterEqual(len(reader.root["/Pages"]["/Kids"]), 1)
        self.assertEqual(str(reader.root["/Lang"]), "sv-SE")

    def test_it_names_the_signed_versions_hash_in_its_metadata(self):
        version = self.latest_version(self.ostersund_published)
        self.assertEqual(self.promise_document.content_hash, version.content_hash)
        self.assertEqual(pdfa.read_identifier(self.reader()), version.content_hash)
        info = self.reader().trailer_view["/Info"]
        self.assertIn(version.content_hash, str(info["/Subject"]))

    def test_it_prints_the_hash_the_signatures_and_the_verification_link(self):
        version = self.latest_version(self.ostersund_published)
        text = _story_text(self.promise_document.source)
        self.assertIn(layout.grouped_hash(version.content_hash), text)
        self.assertIn("Karin Holm", text)
        self.assertIn("Maria Sjöberg", text)
        self.assertIn("Undertecknat digitalt", text)
        self.assertIn(f"{BASE_URL}/verifiera/?sha256={version.content_hash}", text)
        self.assertIn("Trafikkontroller vid skolor", text)
        self.assertIn("minst 50 trafikkontroller", text)

    def test_the_qr_code_leads_to_the_verification_page(self):
        version = self.latest_version(self.ostersund_published)
        with layout.in_swedish():
            codes = [f for f in _flowables(promise_pdf.story(self.promise_document.source)) if isinstance(f, layout.QrCode)]
        self.assertEqual(len(codes), 1)
        self.assertEqual(codes[0].data, f"{BASE_URL}/verifiera/?sha256={version.content_hash}")

    def test_it_carries_a_valid_pades_signature_over_the_whole_file(self):
        status = validate(self.pdf)
        self.assertTrue(status.intact)
        self.assertTrue(status.valid)
        self.assertTrue(status.trusted)
        self.assertEqual(status.coverage, SignatureCoverageLevel.ENTIRE_FILE)
        embedded = PdfFileReader(io.BytesIO(self.pdf)).embedded_signatures[0]
        self.assertEqual(embedded.sig_object["/SubFilter"], "/ETSI.CAdES.detached")
        signed_attributes = {attr["type"].native for attr in embedded.signer_info["signed_attrs"]}
        self.assertIn("signing_certificate_v2", signed_attributes)   # PAdES baseline B-B
        self.assertEqual(embedded.field_name, signing.FIELD_NAME)

    def test_a_one_byte_change_breaks_the_signature(self):
        self.assertEqual(verification.check_file(self.pdf).seal.status, verification.Seal.INTACT)
        for position in (len(self.pdf) // 4, len(self.pdf) // 2, 200):
            changed = flip_byte(self.pdf, position)
            with self.subTest(position=position):
                try:
                    status = validate(changed)
                except Exception:
                    continue   # a change the reader cannot even parse is broken too
                self.assertFalse(status.intact and status.valid)
                self.assertEqual(verification.check_file(changed).seal.status, verification.Seal.ALTERED)

    def test_bytes_appended_after_sealing_are_caught(self):
        check = verification.check_file(self.pdf + b"\n% added later\n")
        self.assertEqual(check.seal.status, verification.Seal.ADDED_TO)

    def test_every_font_is_embedded(self):
        reader = self.reader()
        fonts = {}
        for page in reader.root["/Pages"]["/Kids"]:
            for font in page.get_object()["/Resources"]["/Font"].values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
        self.assertTrue(fonts)
        for base_font, font in fonts.items():
            with self.subTest(font=base_font):
                self.assertNotIn("Helvetica", base_font)
                self.assertIn("/FontFile2", font["/FontDescriptor"])

    def test_its_xmp_declares_pdfa_2b_and_agrees_with_the_info_dictionary(self):
        reader = self.reader()
        metadata = reader.root["/Metadata"]
        self.assertNotIn("/Filter", metadata)   # PDF/A: the XMP stream stays readable
        xmp = metadata.data.decode("utf-8")
        self.assertIn('pdfaid:part="2"', xmp)
        self.assertIn('pdfaid:conformance="B"', xmp)
        info = reader.trailer_view["/Info"]
        self.assertIn(f"<rdf:li xml:lang=\"x-default\">{info['/Title']}</rdf:li>", xmp)
        self.assertIn(f'pdf:Producer="{info["/Producer"]}"', xmp)
        self.assertIn(f'xmp:CreatorTool="{info["/Creator"]}"', xmp)
        self.assertIn(f"<rdf:li>{info['/Author']}</rdf:li>", xmp)
        # Entries with no twin in the XMP would make the two disagree.
        for key in ("/ModDate", "/Keywords", "/Trapped"):
            self.assertNotIn(key, info)
        created = re.search(r'xmp:CreateDate="([^"]+)"', xmp).group(1)
        self.assertEqual(created[:19].replace("-", "").replace("T", "").replace(":", ""), str(info["/CreationDate"])[2:16])

    def test_it_has_an_srgb_output_intent(self):
        intents = self.reader().root["/OutputIntents"]
        self.assertEqual(len(intents), 1)
        intent = intents[0]
        self.assertEqual(intent["/S"], "/GTS_PDFA1")
        self.assertEqual(str(intent["/OutputConditionIdentifier"]), "sRGB IEC61966-2.1")
        profile = intent["/DestOutputProfile"]
        self.assertEqual(profile["/N"], 3)
        icc = profile.data
        self.assertEqual(icc[36:40], b"acsp")
        self.assertEqual(icc[16:20], b"RGB ")
        self.assertEqual(icc[8:10], bytes([4, 0x20]))   # ICC 4.2, as PDF/A-2 refers to
        self.assertEqual(int.from_bytes(icc[0:4], "big"), len(icc))


def _flowables(story):
    for flowable in story:
        yield flowable
        for attr in ("_content", "_cellvalues"):
            for item in getattr(flowable, attr, None) or []:
                yield from _flowables(item if isinstance(item, (list, tuple)) else [item])


class SignedContentTests(DocumentsTestCase):
    def test_it_draws_the_signed_versions_content_not_the_live_rows(self):
        promise = promise_with_content(self.ostersund_published.pk)
        activity = promise.commitments.all()[0].activities.all()[0]
        # A change behind the services' back (as a rename or a repair in the database would be).
        type(activity).objects.filter(pk=activity.pk).update(description="Ändrad text efter undertecknandet")
        promise = promise_with_content(promise.pk)
        version = latest_version(promise)
        source = sources.promise_source(promise, version, base_url=BASE_URL)
        self.assertEqual(source["content"], version.content)
        text = _story_text(source)
        self.assertIn("Trafikkontroller vid skolor", text)
        self.assertNotIn("Ändrad text", text)

    def test_a_promise_signed_on_paper_says_it_was_registered_afterwards(self):
        promise = self.register_paper_promise()
        promise = promise_with_content(promise.pk)
        source = sources.promise_source(promise, latest_version(promise), base_url=BASE_URL)
        text = _story_text(source)
        self.assertIn("Registrerat i efterhand", text)
        self.assertIn("Undertecknat på papper 20 januari 2019", text)
        self.assertIn("Gunnel Ström", text)
        self.assertIn("Kommunstyrelsens ordförande", text)


class PageNumberTests(DocumentsTestCase):
    def test_each_page_says_its_number_and_the_total(self):
        drawn = []

        class Spy(layout.numbered_canvas("Footer")):
            def drawRightString(self, x, y, text, *args, **kwargs):
                drawn.append(text)
                return super().drawRightString(x, y, text, *args, **kwargs)

        layout.register_fonts()
        canvas = Spy(io.BytesIO())
        for _ in range(3):
            canvas.drawString(100, 100, "x")
            canvas.showPage()
        with translation.override("sv"):
            canvas.save()
        self.assertEqual(drawn, ["Sida 1 av 3", "Sida 2 av 3", "Sida 3 av 3"])
