"""The platform's signing credentials: a configured key and certificate, or a generated demo certificate."""

import io
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from pyhanko.pdf_utils.reader import PdfFileReader

from medborgarloften.site.documents import promise_pdf, signing, verification

from .helpers import DocumentsTestCase


def write_certificate(folder, name, *, passphrase=None):
    """Write a new key and certificate to ``folder`` and return their paths."""
    key_pem, cert_pem = signing.demo_certificate()
    if passphrase:
        key = serialization.load_pem_private_key(key_pem, password=None)
        key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.BestAvailableEncryption(passphrase.encode()))
    key_path, cert_path = Path(folder) / f"{name}-key.pem", Path(folder) / f"{name}-cert.pem"
    key_path.write_bytes(key_pem)
    cert_path.write_bytes(cert_pem)
    return str(key_path), str(cert_path)


class SigningTests(DocumentsTestCase):
    def sign(self):
        unsigned = promise_pdf.render_promise(self.promise_document.source)
        return signing.sign_pdf(unsigned, title="t", author="a", subject="s", identifier="0" * 64, reason="test")

    def test_without_configuration_a_demo_certificate_is_generated_once_and_named_so(self):
        credentials = signing.credentials()
        self.assertTrue(credentials.is_demo)
        self.assertIn("DEMO", credentials.subject)
        folder = Path(self._folder) / signing.DEMO_FOLDER
        self.assertEqual(oct((folder / signing.DEMO_KEY).stat().st_mode & 0o777), "0o600")
        again = signing.ensure_demo_certificate(folder)
        self.assertEqual(signing.credentials().fingerprint, credentials.fingerprint)
        self.assertEqual(again, (folder / signing.DEMO_KEY, folder / signing.DEMO_CERT))

    def test_a_configured_certificate_signs_and_a_passphrase_opens_its_key(self):
        key, cert = write_certificate(self._folder, "production", passphrase="hemligt lösenord")
        with override_settings(DOCUMENT_SIGNING_KEY=key, DOCUMENT_SIGNING_CERT=cert, DOCUMENT_SIGNING_PASSPHRASE="hemligt lösenord"):
            signed, credentials = self.sign()
            self.assertFalse(credentials.is_demo)
            embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
            self.assertEqual(signing.fingerprint(embedded.signer_cert), credentials.fingerprint)
            self.assertEqual(verification.check_file(signed).seal.status, verification.Seal.INTACT)

    def test_half_a_configuration_or_a_missing_file_is_an_error(self):
        key, cert = write_certificate(self._folder, "half")
        for values in ({"DOCUMENT_SIGNING_KEY": key}, {"DOCUMENT_SIGNING_CERT": cert},
                       {"DOCUMENT_SIGNING_KEY": key + ".missing", "DOCUMENT_SIGNING_CERT": cert}):
            with self.subTest(values=values), override_settings(**values):
                with self.assertRaises(ImproperlyConfigured):
                    signing.credentials()

    def test_a_file_sealed_with_an_earlier_certificate_of_the_platform_still_checks(self):
        key, cert = write_certificate(self._folder, "earlier")
        with override_settings(DOCUMENT_SIGNING_KEY=key, DOCUMENT_SIGNING_CERT=cert):
            signed, credentials = self.sign()
        # Not yet known as the platform's: someone else's seal.
        self.assertEqual(verification.check_file(signed).seal.status, verification.Seal.FOREIGN)
        type(self.promise_document).objects.filter(pk=self.promise_document.pk).update(
            certificate_sha256=credentials.fingerprint)
        self.assertEqual(verification.check_file(signed).seal.status, verification.Seal.INTACT)

    def test_garbage_is_unreadable(self):
        self.assertEqual(verification.check_file(b"%PDF-1.7\nnonsense").seal.status, verification.Seal.UNREADABLE)
