from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Denominator, Source

MAX_UPLOAD = 2 * 1024 ** 3  # a year of national police events is far below this


class ImportForm(forms.Form):
    source = forms.ChoiceField(label=_("What the file holds"), widget=forms.RadioSelect)
    file = forms.FileField(label=_("File"), help_text=_(
        "As downloaded from the source, unchanged: the events feed's JSON, Brå's CSV or database file, SCB's "
        "JSON-stat or CSV, or the own-count CSV."))
    year = forms.IntegerField(label=_("Year (bra.se's open-data file only)"), required=False, min_value=1968,
                              max_value=2100, help_text=_("That file does not say its year; it is read from the "
                                                          "file name when left empty."))

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(value, label) for value, label in Source.choices if value in sources]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 2 GB."), code="too_large")
        return uploaded


class DenominatorForm(forms.ModelForm):
    class Meta:
        model = Denominator
        fields = ["year", "population", "label", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}
