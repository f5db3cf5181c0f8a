"""Printable invitation and reminder letters: one A4 page per address, with its code and a QR code to the answering page.

Rendered with ReportLab (README, "Dependencies"): its own QR code widget and
standard fonts, so no system libraries are needed. The address block sits
where a C5/DL window envelope shows it.
"""

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas


def _wrap(text, width, font, size, c):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if c.stringWidth(candidate, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _qr(c, url, x, y, size):
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def render_letters_pdf(survey, invitations, *, answer_url, reminder=False, on_page=None):
    """Return the PDF bytes: one page per invitation (always in Swedish, the letters' language)."""
    from .services.invitations import format_code

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(survey.title)
    width, height = A4
    with translation.override(settings.LANGUAGE_CODE):
        heading = _("Reminder: %(title)s") if reminder else "%(title)s"
        body = [
            _("You have been chosen at random to answer a survey about safety where you live. The police and the "
              "municipality use the answers to decide what to do together to make your area safer."),
            _("Answer on the web at the address below, or scan the QR code with your phone. Type the code exactly "
              "as it is printed. You can stop and go on later with the same code."),
            _("Your answers are anonymous. The code only shows that you have answered, not what you answered: "
              "the answers are stored apart from the code, and nobody can link them to you."),
        ]
        if reminder:
            body.insert(0, _("We have not yet received your answer. If you have answered in the last few days, "
                             "thank you, and please disregard this reminder."))
        code_label, url_label = _("Your code"), _("Answer at")
        for done, invitation in enumerate(invitations, start=1):
            c.setFont("Helvetica", 10)
            address = [invitation.name, invitation.street, f"{invitation.postcode} {invitation.city}".strip()]
            y = height - 55 * mm
            for line in [a for a in address if a]:
                c.drawString(110 * mm, y, line)
                y -= 5 * mm
            c.setFont("Helvetica-Bold", 16)
            y = height - 100 * mm
            for line in _wrap(heading % {"title": survey.title}, width - 50 * mm, "Helvetica-Bold", 16, c):
                c.drawString(25 * mm, y, line)
                y -= 8 * mm
            c.setFont("Helvetica", 11)
            y -= 4 * mm
            for paragraph in body:
                for line in _wrap(paragraph, width - 50 * mm, "Helvetica", 11, c):
                    c.drawString(25 * mm, y, line)
                    y -= 5.5 * mm
                y -= 3 * mm
            y -= 6 * mm
            c.setFont("Helvetica", 11)
            c.drawString(25 * mm, y, f"{url_label}: {answer_url}")
            y -= 10 * mm
            c.drawString(25 * mm, y, f"{code_label}:")
            c.setFont("Courier-Bold", 22)
            c.drawString(55 * mm, y - 1 * mm, format_code(invitation.code))
            _qr(c, f"{answer_url}?kod={invitation.code}", width - 70 * mm, y - 12 * mm, 40 * mm)
            c.setFont("Helvetica", 8)
            c.drawString(25 * mm, 15 * mm, f"{invitation.municipality.name} · {survey.year}")
            c.showPage()
            if on_page is not None and done % 50 == 0:
                on_page(done)
        if not invitations:
            c.setFont("Helvetica", 11)
            c.drawString(25 * mm, height - 40 * mm, _("No letters: every invitation has been answered."))
            c.showPage()
    c.save()
    return buffer.getvalue()
