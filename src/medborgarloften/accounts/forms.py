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


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"), max_length=16, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReauthenticateForm(forms.Form):
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}))

    def __init__(self, *args, with_code=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"] = CodeForm.base_fields["code"]
