"""Forms for residents' comments and the dialogue workspace.

Forms check the shape of what was typed; the rules (consent with contact
details, groups that add up, a fixed date only when fixed …) are the
services', whose errors land on the bound form so nothing typed is lost.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from medborgarloften.areas.models import Place, SubArea
from medborgarloften.scope.themes import Theme

from .files import ATTACHMENT_TYPES, PHOTO_TYPES
from .models import Comment, Dialogue, Observation, ParticipantCount
from .services.comments import MAX_LENGTH, consent_text

BLANK = [("", "–")]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _place_field(municipality, *, label=_("Place")):
    return forms.ModelChoiceField(
        queryset=Place.objects.filter(municipality=municipality).order_by("name"), required=False, label=label,
        empty_label=_("No named place"),
    )


def _coordinate_fields(form):
    form.fields["latitude"] = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=8, decimal_places=5,
        help_text=_("Or give coordinates, e.g. 63.17925 and 14.63569."))
    form.fields["longitude"] = forms.DecimalField(label=_("Longitude"), required=False, max_digits=8, decimal_places=5)


def _when_fields(form):
    form.fields["time_of_day"] = forms.ChoiceField(label=_("Time of day"), choices=BLANK + Comment.TimeOfDay.choices, required=False)
    form.fields["weekday"] = forms.ChoiceField(label=_("Days"), choices=BLANK + Comment.Weekday.choices, required=False)
    form.fields["season"] = forms.ChoiceField(label=_("Season"), choices=BLANK + Comment.Season.choices, required=False)
    form.fields["feels_unsafe"] = forms.BooleanField(label=_("It makes me (or others) feel unsafe"), required=False)
    form.fields["concerns_crime"] = forms.BooleanField(label=_("It concerns a crime"), required=False)


class ThemeChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Themes"))
        super().__init__(choices=Theme.choices, **kwargs)


class ResidentCommentForm(forms.Form):
    """A resident's comment on the public site: anonymous unless they choose to leave contact details."""

    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_LENGTH,
                           help_text=_("What is the problem, and where? Do not write other people's names."))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(municipality, label=_("Where (if it is about a place)"))
        _coordinate_fields(self)
        _when_fields(self)
        self.fields["contact_name"] = forms.CharField(label=_("Name"), required=False, max_length=200)
        self.fields["contact_email"] = forms.EmailField(label=_("E-mail"), required=False)
        self.fields["contact_phone"] = forms.CharField(label=_("Phone"), required=False, max_length=40)
        self.fields["consent"] = forms.BooleanField(label=_("Yes, you may keep my contact details"), required=False,
                                                    help_text=consent_text())
        # A field people never see or fill in; robots filling every field give themselves away.
        self.fields["website"] = forms.CharField(
            label=_("Leave this field empty"), required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def contact_fields(self):
        return [self[name] for name in ("contact_name", "contact_email", "contact_phone", "consent")]

    def main_fields(self):
        return [self[name] for name in ("text", "place", "latitude", "longitude", "time_of_day", "weekday", "season",
                                        "feels_unsafe", "concerns_crime")]

    @property
    def is_spam(self):
        return bool(self.data.get("website", "").strip())


class DialogueForm(forms.ModelForm):
    organisers = forms.ModelMultipleChoiceField(queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
                                                label=_("Organised by"))
    partners = forms.ModelMultipleChoiceField(queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
                                              label=_("Participating partners"))

    class Meta:
        model = Dialogue
        fields = ["kind", "title", "starts_at", "ends_at", "place", "location", "organisers", "partners",
                  "participants", "minutes", "route"]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput(),
                   "minutes": forms.Textarea(attrs={"rows": 8}), "route": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality, organisations, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["municipality"] = forms.ModelChoiceField(queryset=municipalities, label=_("Municipality"))
            self.order_fields(["municipality", *self.Meta.fields])
            self.fields["place"].help_text = _("Places of the chosen municipality only.")
        self.fields["place"].queryset = Place.objects.filter(
            municipality=municipality).order_by("name") if municipality else Place.objects.filter(
            municipality__in=municipalities or []).select_related("municipality").order_by("municipality__name", "name")
        self.fields["place"].empty_label = _("No named place")
        self.fields["organisers"].queryset = organisations
        self.fields["partners"].queryset = organisations
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _post_clean(self):
        # Model validation belongs to the service (the form holds no rule alone).
        pass


class ParticipantCountsForm(forms.Form):
    """Participants by age group and sex: one number field per cell of the table."""

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {(c.age_group, c.sex): c.count for c in dialogue.participant_counts.all()}
        for age_group, age_label in ParticipantCount.AgeGroup.choices:
            for sex, sex_label in ParticipantCount.Sex.choices:
                self.fields[self.name_for(age_group, sex)] = forms.IntegerField(
                    label=f"{age_label}, {sex_label}", min_value=0, required=False,
                    initial=existing.get((age_group, sex)))

    @staticmethod
    def name_for(age_group, sex):
        return f"n_{age_group}_{sex}".replace("-", "_")

    def rows(self):
        """Return [(age label, [bound fields by sex])] for the table."""
        return [
            (label, [self[self.name_for(age, sex)] for sex in ParticipantCount.Sex.values])
            for age, label in ParticipantCount.AgeGroup.choices
        ]

    def counts(self):
        return {
            (age, sex): self.cleaned_data.get(self.name_for(age, sex)) or 0
            for age in ParticipantCount.AgeGroup.values for sex in ParticipantCount.Sex.values
        }


class ChecklistItemForm(forms.Form):
    text = forms.CharField(label=_("Point to check"), max_length=300, required=False)
    checked = forms.BooleanField(label=_("Checked"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


ChecklistFormSet = forms.formset_factory(ChecklistItemForm, extra=3, max_num=60)


def checklist_initial(dialogue):
    return [{"text": i.text, "checked": i.checked, "note": i.note} for i in dialogue.checklist.all()]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, OpenDocument, text, CSV, JPEG or PNG."))
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("E.g. Minutes. The file name is used if left empty."))
    public = forms.BooleanField(label=_("Show on the public page of the dialogue"), required=False)

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(
            sorted({ext for t in ATTACHMENT_TYPES for ext in t.extensions}))
        if not dialogue.is_public:
            del self.fields["public"]


class RecordCommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_LENGTH)
    themes = ThemeChoiceField(required=False, help_text=_("Leave empty to let the analysis suggest themes."))
    made_on = forms.DateField(label=_("Date"), required=False, widget=DateInput(),
                              help_text=_("Empty: the day of the dialogue."))

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(dialogue.municipality)
        _coordinate_fields(self)
        _when_fields(self)
        if dialogue.is_public:
            self.fields["publish"] = forms.BooleanField(
                label=_("Publish on the public page now"), required=False, initial=True,
                help_text=_("Otherwise the comment waits in the moderation queue."))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment as received"), widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_LENGTH)
    published_text = forms.CharField(label=_("Published text"), widget=forms.Textarea(attrs={"rows": 4}),
                                     required=False, max_length=MAX_LENGTH)
    made_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(comment.municipality)
        _coordinate_fields(self)
        _when_fields(self)
        if comment.status != Comment.Status.APPROVED:
            del self.fields["published_text"]


class ApproveForm(forms.Form):
    published_text = forms.CharField(
        label=_("Text to publish"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_LENGTH,
        help_text=_("Remove names, phone numbers, e-mail and street addresses. Suggested removals are already marked."))
    themes = ThemeChoiceField(required=False, help_text=_("Ticked: the suggested themes. Change them if they are wrong."))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             help_text=_("E.g. offensive, advertising, not about the municipality. Kept for staff only."))


class ThemesForm(forms.Form):
    themes = ThemeChoiceField(help_text=_("Your choice overrides the suggestions; the suggestions learn from it."))


class ObservationForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"), required=False,
        help_text=_("JPEG or PNG. The camera's metadata and position are removed before it is stored."))

    class Meta:
        model = Observation
        fields = ["theme", "description", "place", "latitude", "longitude", "responsible"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"theme": pgettext_lazy("observation", "Category")}

    def __init__(self, *args, dialogue, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(municipality=dialogue.municipality).order_by("name")
        self.fields["place"].empty_label = _("No named place")
        self.fields["responsible"].queryset = organisations
        self.fields["photo_upload"].widget.attrs["accept"] = ",".join(
            sorted({ext for t in PHOTO_TYPES for ext in t.extensions}))

    def _post_clean(self):
        pass


class ObservationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Observation.Status.choices)
    fixed_on = forms.DateField(label=_("Fixed on"), required=False, widget=DateInput(),
                               help_text=_("Only when fixed."))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("fixed_on"):
            self.fields["fixed_on"].initial = timezone.localdate()


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "sub_area", "latitude", "longitude"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_area"].queryset = SubArea.objects.filter(municipality=municipality).order_by("name")
        self.fields["latitude"].help_text = _("Decimal degrees, e.g. 63.17925 (optional: places without coordinates are not on the map).")

    def _post_clean(self):
        pass


class FilterForm(forms.Form):
    """Filters of the comment lists (GET)."""

    theme = forms.ChoiceField(label=_("Theme"), choices=[("", _("All themes"))] + Theme.choices, required=False)
    plats = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none(), required=False, empty_label=_("All places"))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plats"].queryset = Place.objects.filter(municipality=municipality).order_by("name")

