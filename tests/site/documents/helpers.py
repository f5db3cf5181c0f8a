"""The documents tests' cast: the Jämtland cast with a data folder of their own and one rendered promise document."""

import datetime
import io
import shutil
import tempfile

from django.test import override_settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from medborgarloften.promises import services as promise_services
from medborgarloften.promises.selectors import latest_version, promise_with_content
from medborgarloften.site.documents import services, signing, sources
from medborgarloften.site.documents.models import Document
from tests.cast import CastTestCase

BASE_URL = "https://medborgarloften.example.se"


class DocumentsTestCase(CastTestCase):
    """CastTestCase with DATA_DIR and MEDIA_ROOT in a temporary folder (the demo certificate and stored files land
    there), ``PUBLIC_BASE_URL`` set, and Östersund's published 2017 promise issued once as ``promise_document``."""

    @classmethod
    def setUpClass(cls):
        cls._folder = tempfile.mkdtemp(prefix="medborgarloften-documents-")
        cls._settings = override_settings(DATA_DIR=cls._folder, MEDIA_ROOT=f"{cls._folder}/media", PUBLIC_BASE_URL=BASE_URL,
                                          DOCUMENT_SIGNING_KEY="", DOCUMENT_SIGNING_CERT="", DOCUMENT_SIGNING_PASSPHRASE="")
        cls._settings.enable()
        try:
            super().setUpClass()
        except Exception:
            cls._settings.disable()
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._settings.disable()
        shutil.rmtree(cls._folder, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.promise_document = cls.issue_promise(cls, cls.ostersund_published)
        with cls.promise_document.file.open("rb") as f:
            cls.pdf = f.read()

    def issue_promise(self, promise):
        """Issue the document of ``promise``'s latest version (rendering it now) and return it."""
        promise = promise_with_content(promise.pk)
        version = latest_version(promise)
        source = sources.promise_source(promise, version, base_url=BASE_URL)
        with self.captureOnCommitCallbacks(execute=True):
            document = services.issue_document(source, kind=Document.Kind.PROMISE, version=version)
        return Document.objects.get(pk=document.pk)

    def make_current(self, promise):
        """Let ``promise`` run until a new one is signed, so that it is in force today (its signed text is untouched)."""
        type(promise).objects.filter(pk=promise.pk).update(valid_to=None)

    def register_paper_promise(self):
        """Return Berg's promise for 2019, signed on paper and registered afterwards."""
        promise = self.draft_promise(self.berg, self.berg_coordinator, valid_from=datetime.date(2019, 1, 1),
                                     valid_to=datetime.date(2019, 12, 31))
        parties = {p.organisation_id: p for p in promise.parties.all()}
        signatures = {
            parties[self.berg_municipality.pk]: ("Gunnel Ström", "Kommunstyrelsens ordförande", datetime.date(2019, 1, 20)),
            parties[self.jh_police.pk]: ("Eva Sjöberg", "Lokalpolisområdeschef", datetime.date(2019, 1, 21)),
        }
        return promise_services.register_paper_signatures(
            promise, by=self.berg_coordinator, signatures=signatures, published_on=datetime.date(2019, 2, 1))


def validate(data):
    """Return pyHanko's status of the platform's signature on PDF ``data``, trusting the current certificate."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    embedded = reader.embedded_signatures[0]
    context = ValidationContext(trust_roots=[signing.credentials().certificate], allow_fetching=False)
    return validate_pdf_signature(embedded, context)


def flip_byte(data, position):
    """Return ``data`` with the lowest bit of the byte at ``position`` flipped."""
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


def story_text(story, source):
    """Return the text of every paragraph ``story(source)`` draws (a file's own text is compressed and subset-encoded)."""
    from medborgarloften.site.documents import layout

    texts = []

    def walk(flowable):
        if hasattr(flowable, "text"):
            texts.append(flowable.text)
        for attr in ("_content", "_cellvalues"):
            for item in getattr(flowable, attr, None) or []:
                for sub in (item if isinstance(item, (list, tuple)) else [item]):
                    for leaf in (sub if isinstance(sub, (list, tuple)) else [sub]):
                        walk(leaf)

    layout.register_fonts()
    with layout.in_swedish():
        for flowable in story(source):
            walk(flowable)
    return "\n".join(texts)
