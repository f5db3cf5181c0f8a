"""What PDF/A-2b asks of a file beyond embedded fonts: XMP metadata declaring it, and an sRGB output intent.

Applied to the ReportLab output in the same incremental update that carries
the signature (pyHanko's writer), so the signature covers it. pyHanko keeps
the XMP packet and the document information dictionary in step when it
writes (title, author, subject, keywords, creator, dates, producer); the
entries that it would write twice with two clocks (``/ModDate``) or with two
spellings (``/Producer``, ``/Trapped``) are taken out of the dictionary first
so the two never disagree.

The output intent's ICC profile is LittleCMS's built-in sRGB profile, made by
Pillow's ImageCms (Pillow is already installed for ReportLab); the profile says
"No copyright, use freely". LittleCMS writes it as ICC version 4.4 using only
tags of version 4.2, the version PDF/A-2 refers to (ICC.1:2004-10), so its
header is set to 4.2.
"""

import datetime
import functools
import re

from PIL import ImageCms
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.metadata import model
from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream

PDFAID_PART = model.ExpandedName(ns=model.NS["pdfaid"], local_name="part")
PDFAID_CONFORMANCE = model.ExpandedName(ns=model.NS["pdfaid"], local_name="conformance")
DC_IDENTIFIER = model.ExpandedName(ns=model.NS["dc"], local_name="identifier")
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
IDENTIFIER_PREFIX = "sha256:"


@functools.cache
def srgb_profile():
    """Return the bytes of the sRGB ICC profile embedded as the output intent."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    # Header bytes 8–11: the profile version; the profile id (bytes 84–99) is left zero (not computed).
    return profile[:8] + bytes([4, 0x20, 0, 0]) + profile[12:]


def prepare(writer, *, title, author, subject, created, identifier):
    """Add the PDF/A-2b identification, the XMP metadata and the sRGB output intent to ``writer``.

    ``identifier`` (a SHA-256) is written as ``dc:identifier`` "sha256:…", so
    the platform can read back which content a file is; ``subject`` should
    name it too (the information dictionary has no identifier entry). No
    keywords: pyHanko would write them to XMP as ``pdf:keywords``, not the
    ``pdf:Keywords`` that PDF/A compares with the dictionary's ``/Keywords``.
    """
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()
    for key in ("/ModDate", "/Producer", "/Trapped", "/Keywords"):
        if key in info:
            del info[key]
    writer.mark_update(info_ref)

    icc = generic.StreamObject({generic.pdf_name("/N"): generic.NumberObject(3)}, stream_data=srgb_profile())
    icc.compress()
    intent = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/OutputIntent"),
        generic.pdf_name("/S"): generic.pdf_name("/GTS_PDFA1"),
        generic.pdf_name("/OutputConditionIdentifier"): generic.TextStringObject(OUTPUT_CONDITION),
        generic.pdf_name("/Info"): generic.TextStringObject(OUTPUT_CONDITION),
        generic.pdf_name("/RegistryName"): generic.TextStringObject("http://www.color.org"),
        generic.pdf_name("/DestOutputProfile"): writer.add_object(icc),
    })
    writer.root["/OutputIntents"] = generic.ArrayObject([writer.add_object(intent)])
    xmp = MetadataStream.from_xmp([model.XmpStructure.of(
        (PDFAID_PART, model.XmpValue("2")),
        (PDFAID_CONFORMANCE, model.XmpValue("B")),
        (DC_IDENTIFIER, model.XmpValue(IDENTIFIER_PREFIX + identifier)),
    )])
    writer.root["/Metadata"] = writer.add_object(xmp)
    writer.update_root()

    meta = writer.document_meta
    meta.title, meta.author, meta.subject, meta.creator = title, author, subject, "Medborgarlöften"
    meta.created = created.replace(microsecond=0)


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def read_identifier(reader):
    """Return the SHA-256 a file names as its ``dc:identifier`` (or in its subject), or None.

    ``reader`` is a pyHanko PdfFileReader. Reads what the file says, whether
    or not its signature holds: the caller weighs the two.
    """
    pattern = re.compile(rb"(?:sha256:|SHA-256 )([0-9a-f]{64})")
    try:
        metadata = reader.root.get("/Metadata")
        if metadata is not None:
            found = pattern.search(metadata.get_object().data)
            if found:
                return found.group(1).decode()
    except Exception:  # a broken metadata stream is no identifier, and the signature check says the rest
        pass
    try:
        info = reader.trailer_view.get("/Info")
        subject = str(info.get_object().get("/Subject", "")) if info is not None else ""
    except Exception:
        return None
    found = pattern.search(subject.encode())
    return found.group(1).decode() if found else None
