"""The verification page's two forms: a hash to look up, or a PDF to check."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from medborgarloften.web.templatetags.swedish import swedish_number

from .verification import SHA256

# How far into a file its "%PDF-" header may come (PDF readers allow some leading bytes).
HEADER_WINDOW = 1024


def max_megabytes():
    return swedish_number(settings.DOCUMENT_UPLOAD_MAX_BYTES / (1024 * 1024), 1).replace(",0", "")


class HashForm(forms.Form):
    sha256 = forms.CharField(
        label=_("SHA-256"), max_length=200,
        help_text=_("64 characters, the digits 0–9 and the letters a–f, as printed in the document (spaces are ignored)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )

    def clean_sha256(self):
        value = re.sub(r"[\s:]", "", self.cleaned_data["sha256"]).lower()
        if value.startswith("sha256"):
            value = value[len("sha256"):]
        elif value.startswith("sha-256"):
            value = value[len("sha-256"):]
        if not SHA256.match(value):
            raise ValidationError(
                _("Enter a SHA-256: 64 characters, the digits 0–9 and the letters a–f."), code="invalid_sha256")
        return value


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("PDF file"), allow_empty_file=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _("A document downloaded from Medborgarlöften, at most %(size)s MB.") % {
            "size": max_megabytes()}
        self.fields["document"].error_messages.update({
            "required": _("Choose a PDF file to check."),
            "empty": _("The file is empty."),
            "invalid": _("Choose a PDF file to check."),
        })

    def refuse_too_large(self):
        """Bind the form to nothing and say the file was too large (the body was never read)."""
        self.is_bound, self.data, self.files = True, {}, {}
        self._errors, self.cleaned_data = ErrorDict(), {}
        self.add_error("document", ValidationError(
            _("The file is larger than %(size)s MB."), code="too_large", params={"size": max_megabytes()}))

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > settings.DOCUMENT_UPLOAD_MAX_BYTES:
            raise ValidationError(_("The file is larger than %(size)s MB."), code="too_large", params={"size": max_megabytes()})
        upload.seek(0)
        head = upload.read(HEADER_WINDOW)
        upload.seek(0)
        if b"%PDF-" not in head:
            raise ValidationError(_("The file is not a PDF."), code="not_pdf")
        return upload
