"""The look shared by every document: A4, embedded fonts, styles, running footer with page numbers, QR code.

Every font is a TrueType font embedded in the file (PDF/A forbids relying on
the reader's fonts): Bitstream Vera, shipped inside ReportLab's wheel under a
licence that allows embedding and redistribution; it covers Swedish (å ä ö é)
and the typographic dashes. ReportLab's built-in Helvetica is never used, not
even as the canvas's initial font.
"""

import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from medborgarloften.web.templatetags.swedish import swedish_number

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "Vera", "Vera-Bold", "Vera-Italic", "Vera-BoldItalic"
MARGIN = 20 * mm
PAGE_WIDTH, PAGE_HEIGHT = A4
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#4a4a4a")
ACCENT = colors.HexColor("#0b4f6c")
RULE = colors.HexColor("#b8c4cc")
SHADE = colors.HexColor("#eef3f6")

_registered = False


def register_fonts():
    """Register the embedded TrueType fonts once per process."""
    global _registered
    if _registered:
        return
    for name, file in ((REGULAR, "Vera.ttf"), (BOLD, "VeraBd.ttf"), (ITALIC, "VeraIt.ttf"), (BOLD_ITALIC, "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    _registered = True


def styles():
    """Return the paragraph styles by name."""
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, alignment=TA_LEFT, spaceAfter=5)
    return {
        "body": base,
        "label": ParagraphStyle("label", parent=base, fontName=BOLD, fontSize=8.5, leading=11, textColor=ACCENT, spaceAfter=2),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=21, leading=26, spaceAfter=6, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11.5, leading=16, textColor=MUTED, spaceAfter=12),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=14, leading=18, spaceBefore=12, spaceAfter=6,
                             textColor=ACCENT, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=4,
                             keepWithNext=1),
        "pledge": ParagraphStyle("pledge", parent=base, fontName=ITALIC, fontSize=10.5, leading=15),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=2),
        "hash": ParagraphStyle("hash", parent=base, fontSize=8.5, leading=11.5, spaceAfter=2),
        "notice": ParagraphStyle("notice", parent=base, fontSize=9.5, leading=13, backColor=SHADE, borderPadding=6,
                                 spaceBefore=6, spaceAfter=10),
    }


def text(value):
    """Return ``value`` escaped for a ReportLab paragraph (which reads a small XML markup)."""
    return escape(str(value or ""))


def paragraphs(value, style):
    """Return one Paragraph per paragraph of ``value`` (blank lines separate paragraphs, newlines break lines)."""
    blocks = [b.strip() for b in str(value or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [Paragraph(text(block).replace("\n", "<br/>"), style) for block in blocks]


def swedish_date(value):
    """Return an ISO date (or date) as "20 februari 2017" in the active language's format."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return formats.date_format(value, "j F Y")


def number(value):
    return swedish_number(value)


def grouped_hash(sha256):
    """Return a hash as four groups of sixteen characters, readable aloud and easy to compare."""
    return " ".join(sha256[i:i + 16] for i in range(0, len(sha256), 16))


def table(rows, widths, *, header=True):
    """Return a data table with a shaded, repeated header row and thin rules."""
    result = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    result.setStyle(TableStyle(style))
    return result


class QrCode(Flowable):
    """A QR code drawn as vector squares (segno computes the matrix; nothing is rasterised)."""

    def __init__(self, data, size):
        super().__init__()
        self.data = data
        self.qr = segno.make(data, error="m", micro=False)
        self.size = size
        self.width = self.height = size

    def draw(self):
        matrix = list(self.qr.matrix_iter(border=2))
        cell = self.size / len(matrix)
        c = self.canv
        c.setFillColor(colors.black)
        for row_index, row in enumerate(matrix):
            y = self.size - (row_index + 1) * cell
            col = 0
            while col < len(row):
                if row[col]:
                    start = col
                    while col < len(row) and row[col]:
                        col += 1
                    c.rect(start * cell, y, (col - start) * cell, cell, stroke=0, fill=1)
                else:
                    col += 1


def verification_box(*, heading, lines, url, sha256):
    """Return a framed block: QR code to the verification page beside the hash and how to check the file."""
    st = styles()
    qr_size = 32 * mm
    body = [Paragraph(text(heading), st["h3"])]
    body += [Paragraph(line, st["small"]) for line in lines]
    body.append(Paragraph(f"<b>SHA-256</b><br/>{text(grouped_hash(sha256))}", st["hash"]))
    body.append(Paragraph(text(url), st["small"]))
    box = Table([[QrCode(url, qr_size), body]], colWidths=[qr_size + 6 * mm, TEXT_WIDTH - qr_size - 6 * mm], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [Spacer(1, 10), box]


def numbered_canvas(footer_left):
    """Return a canvas class that writes ``footer_left`` and "Sida n av N" on every page (two passes over the pages)."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("initialFontName", REGULAR)
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total):
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 14 * mm, PAGE_WIDTH - MARGIN, 14 * mm)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 10 * mm, footer_left)
            self.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm,
                                 _("Page %(page)s of %(total)s") % {"page": self._pageNumber, "total": total})
            self.restoreState()

    return NumberedCanvas


def in_swedish():
    """Documents are always in Swedish, the language of the promises, whoever asks for them."""
    return translation.override("sv")


def today():
    from django.utils import timezone

    return timezone.localdate()
