"""Reading a document back: is the platform's seal on a file intact, and which content does a hash name?

A file's seal is checked with pyHanko's validator against the certificates
the platform signs with (the one configured now and every one recorded on an
issued document), so a file sealed before a certificate change still checks.
"""

import datetime
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import pdfa, signing
from .models import PUBLIC_KINDS, Document

logger = logging.getLogger(__name__)

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Seal:
    """What a file's seal says, from best to worst."""

    INTACT = "intact"           # the platform's signature, intact, covering every byte of the file
    ADDED_TO = "added_to"       # intact, but something was appended after sealing
    ALTERED = "altered"         # the signed bytes were changed
    FOREIGN = "foreign"         # a signature, but not by the platform
    UNSIGNED = "unsigned"       # no signature at all
    UNREADABLE = "unreadable"   # not a PDF that can be read


@dataclass
class SealCheck:
    status: str
    signed_at: datetime.datetime | None = None
    signer: str = ""
    is_demo: bool = False
    certificate_sha256: str = ""

    @property
    def is_intact(self):
        return self.status == Seal.INTACT


@dataclass
class FileCheck:
    sha256: str                          # of the uploaded bytes
    size: int
    seal: SealCheck
    identifier: str | None = None        # the content SHA-256 the file names
    issued: Document | None = None       # the stored document with exactly these bytes
    warnings: list = field(default_factory=list)


def known_certificates():
    """Return {SHA-256 of a certificate: True if it is the demo certificate} for every certificate the platform signs with."""
    known = {fingerprint: False for fingerprint in Document.objects.exclude(certificate_sha256="")
             .values_list("certificate_sha256", flat=True).distinct()}
    current = signing.credentials()
    known[current.fingerprint] = current.is_demo
    return known


def check_seal(data):
    """Return the SealCheck of PDF ``data``: the platform's signature validated with pyHanko."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:
        return SealCheck(Seal.UNREADABLE), None
    if not signatures:
        return SealCheck(Seal.UNSIGNED), reader
    # The platform's seal is its own field; a file signed again by someone else keeps it.
    embedded = next((s for s in signatures if s.field_name == signing.FIELD_NAME), signatures[0])
    try:
        certificate = embedded.signer_cert
        fingerprint = signing.fingerprint(certificate)
    except Exception:
        return SealCheck(Seal.ALTERED), reader
    known = known_certificates()
    is_platform = fingerprint in known
    try:
        context = ValidationContext(trust_roots=[certificate] if is_platform else [], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except Exception:
        logger.info("a signature could not be validated", exc_info=True)
        return SealCheck(Seal.ALTERED, certificate_sha256=fingerprint), reader
    check = SealCheck(
        Seal.INTACT, signed_at=status.signer_reported_dt, signer=certificate.subject.human_friendly,
        is_demo=known.get(fingerprint, False), certificate_sha256=fingerprint,
    )
    if not (status.intact and status.valid):
        check.status = Seal.ALTERED
    elif not is_platform:
        check.status = Seal.FOREIGN
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        check.status = Seal.ADDED_TO
    # A platform certificate is recognised by its fingerprint, so the seal holds
    # even after the certificate has expired or been replaced.
    return check, reader


def check_file(data):
    """Return the FileCheck of uploaded PDF ``data``: its seal, the content hash it names and whether it was issued here."""
    seal, reader = check_seal(data)
    sha256 = hashlib.sha256(data).hexdigest()
    identifier = pdfa.read_identifier(reader) if reader is not None else None
    # A staff-only document is never named to the public, not even as "issued here".
    issued = Document.objects.filter(file_sha256=sha256, state=Document.State.READY, kind__in=PUBLIC_KINDS).first()
    return FileCheck(sha256=sha256, size=len(data), seal=seal, identifier=identifier, issued=issued)
