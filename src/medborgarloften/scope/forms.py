from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import LocalPoliceArea, Organisation
from medborgarloften.core.forms import DateInput


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    partner_kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.PartnerKind.choices, widget=forms.RadioSelect)
    operates_in = forms.ModelMultipleChoiceField(
        label=_("Works in"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one municipality the organisation works in.")},
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operates_in"].queryset = municipalities


class MoveMunicipalityForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Local police area from the date"), queryset=LocalPoliceArea.objects.order_by("name"))
    valid_from = forms.DateField(label=_("From"), widget=DateInput())
