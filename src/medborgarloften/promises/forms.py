"""Forms validate what people type; services decide what may happen."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.selectors import partners_for
from medborgarloften.areas.models import County
from medborgarloften.core.forms import DateInput
from medborgarloften.scope.themes import Theme

from medborgarloften.problems.selectors import linkable_problems

from .selectors import agreements_for, replaceable_promises

from .models import Activity, Commitment, Promise


class PeriodMixin:
    """A promise runs from a start date either to an end date or until replaced."""

    def clean(self):
        cleaned = super().clean()
        until_replaced = cleaned.get("until_replaced")
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if until_replaced and valid_to:
            self.add_error("valid_to", ValidationError(
                _("Leave the end date empty when the promise runs until it is replaced."), code="end_with_until_replaced"))
        elif not until_replaced and not valid_to and "valid_to" not in self.errors:
            self.add_error("valid_to", ValidationError(
                _("Give an end date, or choose that the promise runs until it is replaced."), code="end_required"))
        elif valid_from and valid_to and valid_to <= valid_from:
            self.add_error("valid_to", ValidationError(_("The end date must be after the start date."), code="end_before_start"))
        return cleaned


class PromiseCreateForm(PeriodMixin, forms.Form):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Usually one; choose several for a joint promise."),
        error_messages={"required": _("Choose at least one municipality."), "invalid_choice": _("Choose a municipality you work for.")},
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), widget=DateInput(), required=False)
    until_replaced = forms.BooleanField(label=_("Runs until a new promise is signed"), required=False)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False,
        help_text=_("Leave empty for the customary title, e.g. Citizen promises in Östersund 2018."),
    )
    based_on = forms.ModelChoiceField(
        label=_("Start from a copy of"), queryset=None, required=False, empty_label=_("Start from an empty promise"),
        help_text=_("Last year's promise or another municipality's: commitments and activities are copied."),
    )
    collaboration_agreement = forms.ModelChoiceField(
        label=_("Collaboration agreement"), queryset=None, required=False, empty_label=_("None"),
        help_text=_("The agreement between police and municipality that this promise is part of."),
    )

    replaces = forms.ModelMultipleChoiceField(
        label=_("Replaces"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("A published promise whose period the new one overlaps: it is superseded when the new one is published."),
    )

    def __init__(self, *args, municipalities, copyable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities
        self.fields["based_on"].queryset = copyable
        self.fields["collaboration_agreement"].queryset = agreements_for(municipalities)
        self.fields["replaces"].queryset = replaceable_promises(municipalities)


class PromiseForm(PeriodMixin, forms.ModelForm):
    until_replaced = forms.BooleanField(label=_("Runs until a new promise is signed"), required=False)
    focus_themes = forms.MultipleChoiceField(
        label=_("Focus areas"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The themes chosen from the local problem picture; each should have a commitment on its theme."),
    )

    class Meta:
        model = Promise
        fields = ["title", "valid_from", "valid_to", "until_replaced", "situation", "focus_themes", "follow_up",
                  "collaboration_agreement", "replaces"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(), "replaces": forms.CheckboxSelectMultiple}
        help_texts = {"replaces": _("A published promise whose period this one overlaps: it is superseded when this one is published.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["until_replaced"] = self.instance.valid_to is None
        municipalities = self.instance.municipalities.all()
        self.fields["collaboration_agreement"].queryset = agreements_for(municipalities)
        self.fields["replaces"].queryset = replaceable_promises(municipalities).exclude(pk=self.instance.pk)

    def _post_clean(self):
        # Model validation runs in the service, which reports it on this form.
        pass


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["focus_area", "theme", "pledge", "goal", "indicator", "baseline_year", "problems"]
        widgets = {"pledge": forms.Textarea(attrs={"rows": 3}), "goal": forms.Textarea(attrs={"rows": 2}),
                   "problems": forms.CheckboxSelectMultiple}
        help_texts = {"problems": _("The problems of the approved local problem picture this commitment answers.")}

    def __init__(self, *args, promise=None, **kwargs):
        super().__init__(*args, **kwargs)
        problems = linkable_problems(promise.municipalities.all()) if promise is not None else None
        if problems is None or not problems.exists():
            del self.fields["problems"]
        else:
            self.fields["problems"].queryset = problems
            self.fields["problems"].label_from_instance = lambda p: f"{p.title} ({p.picture.title})"

    def _post_clean(self):
        pass


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "description", "responsible", "partners", "target_quantity", "unit",
            "recurrence", "period_start", "period_end", "places",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.CheckboxSelectMultiple,
            "responsible": forms.RadioSelect,
            "period_start": DateInput(),
            "period_end": DateInput(),
        }

    def __init__(self, *args, promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners_for(promise.municipalities.all())
        self.fields["partners"].error_messages["invalid_choice"] = _(
            "Choose among the partner organisations working in the promise's municipalities."
        )
        self.fields["partners"].help_text = _("Partner organisations that carry out or take part in the activity.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", ValidationError(_("The end date must be after the start date."), code="end_before_start"))
        # A field that already has an error (a unit too long, an unknown partner) was filled: no second error on it.
        if cleaned.get("target_quantity") is not None and not cleaned.get("unit") and "unit" not in self.errors:
            self.add_error("unit", ValidationError(_("Say what is counted, e.g. traffic checks."), code="unit_required"))
        if (cleaned.get("responsible") == Activity.Responsible.PARTNERS and not cleaned.get("partners")
                and "partners" not in self.errors):
            self.add_error("partners", ValidationError(_("Choose the partners responsible."), code="partners_required"))
        return cleaned

    def _post_clean(self):
        pass


class CopySourceSearchForm(forms.Form):
    """The search for a promise to start from: by municipality, county, year, theme and words."""

    q = forms.CharField(label=_("Words"), required=False, max_length=100,
                        help_text=_("In the title, a focus area or a commitment, e.g. trafik."))
    kommun = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    lan = forms.ModelChoiceField(label=_("County"), queryset=County.objects.order_by("name"), required=False,
                                 empty_label=_("All counties"))
    ar = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    tema = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices])


class ApproveForm(forms.Form):
    body = forms.CharField(label=_("Approved by"), max_length=200, help_text=_("E.g. the municipal executive board."))
    approved_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read this version of the promise and sign it for my organisation."),
        error_messages={"required": _("Confirm that you have read the promise before signing.")},
    )
    party = forms.ChoiceField(label=_("Sign for"), required=False)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {str(p.pk): p for p in parties}
        self.fields["party"].choices = [(str(p.pk), p.organisation.name) for p in parties]
        if len(parties) < 2:
            del self.fields["party"]

    def clean_party(self):
        return self.parties.get(self.cleaned_data.get("party"))


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("New end date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False,
                             help_text=_("Why the promise is extended without redrafting, for the other party and the public."))


class PaperSignaturesForm(forms.Form):
    """The signatures of a promise signed on paper, one set of fields per signing party."""

    published_on = forms.DateField(label=_("Published on"), widget=DateInput(),
                                   help_text=_("When the promise was made public (press release, the municipality's website)."))

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        for party in self.parties:
            name = party.organisation.name
            self.fields[f"name_{party.pk}"] = forms.CharField(
                label=_("Signed for %(organisation)s by") % {"organisation": name}, max_length=200)
            self.fields[f"title_{party.pk}"] = forms.CharField(
                label=_("Title, as on the paper"), max_length=200, help_text=_("E.g. Chair of the municipal executive board."))
            self.fields[f"signed_on_{party.pk}"] = forms.DateField(label=_("Date of the signature"), widget=DateInput())
        self.order_fields([f for party in self.parties for f in (f"name_{party.pk}", f"title_{party.pk}", f"signed_on_{party.pk}")]
                          + ["published_on"])

    def signatures(self):
        """Return {party: (name, title, signed_on)} from the cleaned data."""
        data = self.cleaned_data
        return {party: (data[f"name_{party.pk}"], data[f"title_{party.pk}"], data[f"signed_on_{party.pk}"])
                for party in self.parties}


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
