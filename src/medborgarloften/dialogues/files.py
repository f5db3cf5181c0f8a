"""Checking uploaded files before they are stored: size, type, content, and photos without their metadata.

A file's declared type (the browser's Content-Type and the file name's
extension) must agree with what its first bytes say it is; a photo is
decoded with Pillow, turned upright, and encoded again without its EXIF
block (camera, time, GPS position), so what is stored carries none of it.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple
    label: str

    def matches_content(self, head):
        return _SIGNATURES[self.content_type](head)


def _zip(head):
    return head.startswith(b"PK\x03\x04")


def _text(head):
    # Plain text and CSV: no NUL bytes, and valid UTF-8 (a cut-off multi-byte
    # character at the end of the sample is allowed).
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3
    return True


_SIGNATURES = {
    "application/pdf": lambda head: head.startswith(b"%PDF-"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _zip,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _zip,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _zip,
    "application/vnd.oasis.opendocument.text": _zip,
    "application/vnd.oasis.opendocument.spreadsheet": _zip,
    "text/plain": _text,
    "text/csv": _text,
    "image/jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "image/png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
}

ATTACHMENT_TYPES = (
    FileType("application/pdf", (".pdf",), "PDF"),
    FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "Word"),
    FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "Excel"),
    FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",), "PowerPoint"),
    FileType("application/vnd.oasis.opendocument.text", (".odt",), "OpenDocument"),
    FileType("application/vnd.oasis.opendocument.spreadsheet", (".ods",), "OpenDocument"),
    FileType("text/plain", (".txt",), "text"),
    FileType("text/csv", (".csv",), "CSV"),
    FileType("image/jpeg", (".jpg", ".jpeg"), "JPEG"),
    FileType("image/png", (".png",), "PNG"),
)
PHOTO_TYPES = tuple(t for t in ATTACHMENT_TYPES if t.content_type in ("image/jpeg", "image/png"))
# What Pillow calls the formats of PHOTO_TYPES.
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# Browsers send these for the same files.
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "application/csv": "text/csv",
            "application/vnd.ms-excel": "text/csv", "application/x-pdf": "application/pdf"}
# Content types a browser sends when it does not know (the extension and the content then decide).
_UNKNOWN = {"", "application/octet-stream", "binary/octet-stream"}


def max_attachment_size():
    return settings.DIALOGUES_MAX_ATTACHMENT_SIZE


def max_photo_size():
    return settings.DIALOGUES_MAX_PHOTO_SIZE


def _extension(name):
    name = name.lower()
    return name[name.rfind("."):] if "." in name else ""


def _accepted(types):
    return ", ".join(sorted({ext for t in types for ext in t.extensions}))


def check_upload(upload, *, types, max_size):
    """Return the FileType of ``upload`` if its size, name, declared type and content agree; else raise ValidationError.

    ``upload`` is a Django UploadedFile (or any File with ``name``, ``size``
    and, optionally, ``content_type``).
    """
    if upload.size > max_size:
        raise ValidationError(
            _("The file is too large (%(size)s); the largest allowed is %(max)s."), code="file_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_size)},
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    extension = _extension(upload.name)
    by_extension = next((t for t in types if extension in t.extensions), None)
    if by_extension is None:
        raise ValidationError(
            _("Files of this type cannot be uploaded here. Allowed: %(types)s."), code="file_type",
            params={"types": _accepted(types)},
        )
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    declared = _ALIASES.get(declared, declared)
    if declared not in _UNKNOWN and declared != by_extension.content_type:
        raise ValidationError(
            _("The file's name says %(extension)s but its declared type is %(declared)s."), code="file_type_mismatch",
            params={"extension": extension, "declared": declared},
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if not by_extension.matches_content(head):
        raise ValidationError(
            _("The file's content is not what its type says (%(type)s)."), code="file_content_mismatch",
            params={"type": by_extension.label},
        )
    return by_extension


def safe_filename(name, *, extension=None):
    """Return a storable version of ``name`` (letters, digits, dots, dashes), keeping or replacing its extension."""
    base = get_valid_filename(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]) or "fil"
    if extension:
        stem = base[: -len(_extension(base))] if _extension(base) else base
        base = f"{stem or 'fil'}{extension}"
    return base[:120]


def stripped_photo(upload):
    """Return (ContentFile, content type) for ``upload`` decoded, turned upright, and re-encoded without metadata.

    Raises ValidationError if the file is not a JPEG or PNG whose content
    matches its declared type, is too large, or cannot be decoded.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    file_type = check_upload(upload, types=PHOTO_TYPES, max_size=max_photo_size())
    try:
        with Image.open(upload) as probe:
            detected = probe.format
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > settings.DIALOGUES_MAX_PHOTO_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="photo_too_many_pixels")
            upright = ImageOps.exif_transpose(image)
            if detected != _PILLOW_FORMATS[file_type.content_type]:
                raise ValidationError(
                    _("The file's content is not what its type says (%(type)s)."), code="file_content_mismatch",
                    params={"type": file_type.label},
                )
            buffer = io.BytesIO()
            if file_type.content_type == "image/jpeg":
                # A fresh image from the pixels alone: no EXIF, no XMP, no ICC comments.
                clean = Image.new(upright.mode if upright.mode in ("RGB", "L") else "RGB", upright.size)
                clean.paste(upright.convert(clean.mode))
                clean.save(buffer, format="JPEG", quality=88, optimize=True)
            else:
                mode = upright.mode if upright.mode in ("RGB", "RGBA", "L", "LA", "P") else "RGBA"
                clean = Image.new(mode, upright.size)
                clean.paste(upright.convert(mode))
                if mode == "P":
                    clean.putpalette(upright.getpalette())
                clean.save(buffer, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("The photo could not be read."), code="photo_unreadable") from None
    upload.seek(0)
    name = safe_filename(upload.name, extension=file_type.extensions[0])
    return ContentFile(buffer.getvalue(), name=name), file_type.content_type
