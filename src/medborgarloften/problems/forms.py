"""Forms of the problem picture: they parse input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import Place, SubArea
from medborgarloften.scope.themes import Theme

from .models import Problem


class PictureForm(forms.Form):
    municipalities = forms.ModelMultipleChoiceField(queryset=None, label=_("Municipalities"),
                                                    widget=forms.CheckboxSelectMultiple)
    year = forms.IntegerField(label=_("Year of the cycle"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Title"), required=False, max_length=200,
                            help_text=_("Leave empty for “Local problem picture”, the municipalities and the year."))

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["title", "theme", "description", "places", "sub_areas", "place_notes", "times", "affected", "causes",
                  "cause_offender", "cause_victim", "cause_place", "public"]
        widgets = {"places": forms.CheckboxSelectMultiple, "sub_areas": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4}), "causes": forms.Textarea(attrs={"rows": 3}),
                   "cause_offender": forms.Textarea(attrs={"rows": 2}), "cause_victim": forms.Textarea(attrs={"rows": 2}),
                   "cause_place": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, picture, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in picture.municipalities.all()]
        self.fields["places"].queryset = Place.objects.filter(municipality__in=ids).order_by("name")
        self.fields["sub_areas"].queryset = SubArea.objects.filter(municipality__in=ids).order_by("name")
        self.fields["theme"].choices = Theme.choices


class EvidenceForm(forms.Form):
    source = forms.ChoiceField(label=_("Evidence"), required=False,
                               help_text=_("The survey results, comments, observations and series available for the picture."))
    staff_text = forms.CharField(label=_("Or staff knowledge (restricted, never public)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    staff_municipality = forms.ModelChoiceField(queryset=None, label=_("Staff knowledge about"), required=False)

    def __init__(self, *args, choices, picture, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "—")] + choices
        self.fields["staff_municipality"].queryset = picture.municipalities.all()
        if len(picture.municipalities.all()) == 1:
            self.fields["staff_municipality"].initial = picture.municipalities.all()[0].pk

    def clean(self):
        data = super().clean()
        if bool(data.get("source")) == bool((data.get("staff_text") or "").strip()):
            raise forms.ValidationError(_("Choose one piece of evidence, or write what staff know."), code="one_source")
        return data


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=4000)


class MergeForm(forms.Form):
    problem = forms.ModelChoiceField(queryset=None, label=_("Merge into"))

    def __init__(self, *args, picture, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = Problem.objects.filter(picture=picture)
