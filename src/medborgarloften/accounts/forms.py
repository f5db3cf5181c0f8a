from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False,
                                 help_text=_("Needed only for a person who has no account yet."))
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("As printed beside a signature, e.g. Chair of the municipal executive board."))
