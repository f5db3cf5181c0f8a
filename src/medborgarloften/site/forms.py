"""The public pages' search forms (GET, no state)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import County
from medborgarloften.scope.themes import Theme


class ActivityLibraryForm(forms.Form):
    """The activity library's search: theme, words, county, year."""

    tema = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices])
    q = forms.CharField(label=_("Words"), required=False, max_length=100,
                        help_text=_("In the activity, its places or its commitment, e.g. skola."))
    lan = forms.ModelChoiceField(label=_("County"), queryset=County.objects.order_by("name"), required=False,
                                 empty_label=_("All counties"))
    ar = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def filters(self):
        """Return the library's filters from a valid form (none from an invalid one)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"theme": data["tema"], "text": data["q"].strip(), "county": data["lan"], "year": data["ar"]}
