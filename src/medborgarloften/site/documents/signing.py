"""The platform's seal on its documents: a PAdES signature made with pyHanko.

The key and certificate come from ``DOCUMENT_SIGNING_KEY`` and
``DOCUMENT_SIGNING_CERT`` (PEM files; the certificate file may go on with its
chain) and ``DOCUMENT_SIGNING_PASSPHRASE``. When neither is set, a
self-signed **demo** certificate is generated into the data folder on first use
(``DATA_DIR/signing-demo/``) and says so in its name: a PDF reader shows the
seal intact but not trusted, which is what a demo certificate should get.

Signatures are PAdES baseline B-B; with ``DOCUMENT_TIMESTAMP_URL`` (an RFC 3161
time-stamping authority) they are B-T.
"""

import datetime
import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps

from . import pdfa

DEMO_FOLDER = "signing-demo"
DEMO_KEY, DEMO_CERT = "demo-signing-key.pem", "demo-signing-certificate.pem"
DEMO_COMMON_NAME = "Medborgarlöften DEMO – inte för produktion"
DEMO_ORGANISATION = "Medborgarlöften (demo certificate)"
FIELD_NAME = "Medborgarloften"


@dataclass(frozen=True)
class Credentials:
    signer: signers.SimpleSigner
    certificate: object          # asn1crypto's x509.Certificate, as pyHanko uses it
    fingerprint: str            # SHA-256 of the certificate (DER), hex
    is_demo: bool

    @property
    def subject(self):
        return self.certificate.subject.human_friendly


def fingerprint(certificate):
    """Return the SHA-256 (hex) of an asn1crypto certificate's DER encoding."""
    return hashlib.sha256(certificate.dump()).hexdigest()


_cache = {}


def credentials():
    """Return the platform's signing credentials (generating the demo certificate when none is configured)."""
    key_path, cert_path = settings.DOCUMENT_SIGNING_KEY, settings.DOCUMENT_SIGNING_CERT
    is_demo = not key_path and not cert_path
    if is_demo:
        key_path, cert_path = ensure_demo_certificate(Path(settings.DATA_DIR) / DEMO_FOLDER)
    elif not (key_path and cert_path):
        raise ImproperlyConfigured("Set both DOCUMENT_SIGNING_KEY and DOCUMENT_SIGNING_CERT, or neither (demo certificate).")
    key_path, cert_path = Path(key_path), Path(cert_path)
    for path in (key_path, cert_path):
        if not path.is_file():
            raise ImproperlyConfigured(f"The document signing file {path} does not exist.")
    cache_key = (str(key_path), key_path.stat().st_mtime_ns, str(cert_path), cert_path.stat().st_mtime_ns)
    if cache_key not in _cache:
        _cache.clear()
        _cache[cache_key] = _load(key_path, cert_path, is_demo)
    return _cache[cache_key]


def _load(key_path, cert_path, is_demo):
    passphrase = settings.DOCUMENT_SIGNING_PASSPHRASE.encode() or None
    certificates = list(load_certs_from_pemder([str(cert_path)]))
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path), key_passphrase=passphrase)
    if signer is None:
        raise ImproperlyConfigured(f"Could not load the document signing key {key_path} with certificate {cert_path}.")
    signer.cert_registry.register_multiple(certificates[1:])
    return Credentials(signer=signer, certificate=signer.signing_cert, fingerprint=fingerprint(signer.signing_cert),
                       is_demo=is_demo)


def ensure_demo_certificate(folder):
    """Return (key path, certificate path) of the demo certificate in ``folder``, generating it once.

    Several processes may start at once: each generates into a folder of its
    own and renames it into place; the first rename wins, the others use it.
    """
    folder = Path(folder)
    key_path, cert_path = folder / DEMO_KEY, folder / DEMO_CERT
    if key_path.is_file() and cert_path.is_file():
        return key_path, cert_path
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".signing-demo-", dir=folder.parent))
    try:
        key_pem, cert_pem = demo_certificate()
        fd = os.open(scratch / DEMO_KEY, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key_pem)
        (scratch / DEMO_CERT).write_bytes(cert_pem)
        try:
            os.rename(scratch, folder)
        except OSError:
            if not (key_path.is_file() and cert_path.is_file()):
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return key_path, cert_path


def demo_certificate(*, valid_days=3650):
    """Return (key PEM, certificate PEM) of a new self-signed demo signing certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
        x509.NameAttribute(NameOID.COMMON_NAME, DEMO_COMMON_NAME),
    ])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def sign_pdf(data, *, title, author, subject, identifier, reason, location=""):
    """Return ``data`` (a PDF) made PDF/A-2b and sealed with the platform's PAdES signature, and the credentials used."""
    creds = credentials()
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    pdfa.prepare(writer, title=title, author=author, subject=subject,
                 created=pdfa.now(), identifier=identifier)
    timestamper = timestamps.HTTPTimeStamper(settings.DOCUMENT_TIMESTAMP_URL) if settings.DOCUMENT_TIMESTAMP_URL else None
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason, location=location or None, name="Medborgarlöften",
        use_pades_lta=False,
    )
    signer = signers.PdfSigner(metadata, signer=creds.signer, timestamper=timestamper)
    output = signer.sign_pdf(writer)
    return output.getvalue(), creds
