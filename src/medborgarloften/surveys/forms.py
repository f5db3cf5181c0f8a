"""Forms of the surveys workspace and of answering. They pre-check for clear messages; the services hold the rules."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import County, LocalPoliceArea, Municipality
from medborgarloften.scope.themes import Theme

from .answers import accepts_dont_know
from .estimation.data import AGE_GROUPS, SEXES
from .instrument import DONT_KNOW
from .models import LetterBatch, Question, Survey


class SurveyCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example: Trygghetsundersökning Östersund 2024"))
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    area = forms.ChoiceField(label=_("Area"), help_text=_("A municipality, or a whole local police area or county, "
                                                          "with results per municipality and sub-area."))
    mode = forms.ChoiceField(label=_("How residents answer"), choices=Survey.Mode.choices, initial=Survey.Mode.SAMPLE,
                             widget=forms.RadioSelect)
    template = forms.ChoiceField(label=_("Questions"), initial="standard")

    def __init__(self, *args, municipalities, local_police_areas=(), counties=(), copyable=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"m:{m.pk}", m.name) for m in municipalities]
        choices += [(f"lpo:{a.pk}", str(_("Local police area")) + f": {a.name}") for a in local_police_areas]
        choices += [(f"county:{c.pk}", str(_("County")) + f": {c.name}") for c in counties]
        self.fields["area"].choices = choices
        self.areas = {"m": {m.pk: m for m in municipalities}, "lpo": {a.pk: a for a in local_police_areas},
                      "county": {c.pk: c for c in counties}}
        self.fields["template"].choices = [
            ("standard", _("The standard instrument (modelled on the police safety survey)")),
            ("empty", _("No questions: I add my own")),
        ] + [(f"copy:{s.pk}", str(_("Copy the questions of")) + f" {s.title}") for s in copyable]
        self.copyable = {s.pk: s for s in copyable}

    def clean(self):
        data = super().clean()
        area = data.get("area", "")
        kind, _sep, pk = area.partition(":")
        target = self.areas.get(kind, {}).get(int(pk)) if pk.isdigit() else None
        data["municipalities"], data["local_police_area"], data["county"] = [], None, None
        if isinstance(target, Municipality):
            data["municipalities"] = [target]
        elif isinstance(target, LocalPoliceArea):
            data["local_police_area"] = target
            data["municipalities"] = list(target.area_municipalities)
        elif isinstance(target, County):
            data["county"] = target
            data["municipalities"] = list(target.municipalities.all())
        template = data.get("template", "")
        data["copy_from"] = None
        if template.startswith("copy:"):
            data["copy_from"] = self.copyable.get(int(template[5:]))
        return data


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "intro", "min_n", "min_cell_size", "previous"]

    def __init__(self, *args, comparable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = Survey.objects.filter(pk__in=[s.pk for s in comparable])
        self.fields["previous"].required = False


def parse_options(text):
    """Return options from lines ``label`` or ``label | English label`` (optionally ``code = label | …``)."""
    options = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        code = ""
        if "=" in line.split("|")[0]:
            code, line = (part.strip() for part in line.split("=", 1))
        label, _bar, label_en = (part.strip() for part in line.partition("|"))
        code = code or slugify(label).replace("-", "_")[:40]
        if code and not code[0].isalpha():
            code = "o_" + code
        options.append({"code": code[:40], "label": label, "label_en": label_en})
    return options


def options_text(options):
    return "\n".join(f"{o['code']} = {o['label']}" + (f" | {o['label_en']}" if o.get("label_en") else "") for o in options)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    topic = forms.ChoiceField(label=_("Page"), choices=Question.Topic.choices, initial=Question.Topic.OWN)
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("The column name in exports, e.g. trygghet_park."))
    text = forms.CharField(label=_("Question (Swedish)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_en = forms.CharField(label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", "—")] + list(Theme.choices), required=False,
                              help_text=_("Required for a local problem: links it with comments and statistics."))
    options = forms.CharField(
        label=_("Options"), widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text=_("One per line, in order: “Label” or “Label | English label”; put “code = ” first to choose the code. "
                    "For a scale, e.g. 1 = Inte alls … 5 = Helt och hållet."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in Question.Kind.choices]

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not re.match(r"^[a-z][a-z0-9_]{0,39}$", code):
            raise ValidationError(_("Use 1–40 lower-case letters a–z, digits and _, starting with a letter."), code="bad_code")
        return code

    def clean(self):
        data = super().clean()
        data["options"] = parse_options(data.get("options", "")) if data.get("kind") in Question.CHOICE_KINDS else []
        return data


class PopulationForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())

    def __init__(self, *args, municipalities, initial_cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        for age in AGE_GROUPS:
            for sex in SEXES:
                label = f"{age.replace('-', '–')}, " + (str(_("women")) if sex == "kvinna" else str(_("men")))
                self.fields[f"{age}_{sex}"] = forms.IntegerField(label=label, min_value=0, max_value=10_000_000)

    def cells(self):
        return {(age, sex): self.cleaned_data[f"{age}_{sex}"] for age in AGE_GROUPS for sex in SEXES}

    def cell_rows(self):
        return [(age.replace("-", "–"), self[f"{age}_kvinna"], self[f"{age}_man"]) for age in AGE_GROUPS]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class PaperImportForm(UploadForm):
    used_codes = forms.CharField(
        label=_("Codes of the paper questionnaires received (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by spaces or commas. They are marked as answered, so no reminder goes to them; "
                    "nothing ties a code to an answer."))


class InvitationsForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())
    count = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=50_000)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class LettersForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letters"), choices=LetterBatch.Kind.choices, widget=forms.RadioSelect,
                             initial=LetterBatch.Kind.LETTERS)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why are the results taken down?"), widget=forms.Textarea(attrs={"rows": 3}))


class SubAreaForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.CharField(label=_("Code"), max_length=20, required=False,
                           help_text=_("The municipality's own code, if any."))


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Your code"), max_length=40,
                           help_text=_("Ten letters and digits, printed in your letter (e.g. ABCDE-FGHJK)."),
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "spellcheck": "false"}))


class HoneypotMixin(forms.Form):
    # Hidden from people (CSS and aria-hidden), filled in by many spam robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Leave this field empty."), code="honeypot")
        return ""


class OpenStartForm(HoneypotMixin):
    pass


def answer_page_form(questions, *, data=None, initial=None, sub_areas=(), municipalities=(), honeypot=False):
    """Return a form for one page of the questionnaire: a field per question, every one optional."""
    base = HoneypotMixin if honeypot else forms.Form
    form = base(data=data, initial=initial or {})
    for question in questions:
        label = question.localized_text
        if question.kind == Question.Kind.TEXT:
            field = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
        elif question.kind == Question.Kind.MULTI:
            field = forms.MultipleChoiceField(label=label, required=False, widget=forms.CheckboxSelectMultiple,
                                              choices=question.option_labels())
        else:
            if question.kind == Question.Kind.SUB_AREA:
                several = len({s.municipality_id for s in sub_areas}) > 1
                choices = [(str(s.pk), f"{s.name} ({s.municipality.name})" if several else s.name) for s in sub_areas]
                if not choices:
                    continue
            elif question.kind == Question.Kind.MUNICIPALITY:
                choices = [(m.code, m.name) for m in municipalities]
            else:
                choices = list(question.option_labels())
            if accepts_dont_know(question):
                choices.append((DONT_KNOW, _("Don't know")))
            field = forms.ChoiceField(label=label, required=False, widget=forms.RadioSelect, choices=choices)
        form.fields[question.code] = field
    return form
