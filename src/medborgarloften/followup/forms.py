"""Forms parse what people type; the services decide what may happen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.core.forms import DateInput
from medborgarloften.promises.models import Activity

from .models import ActivityReport, Cadence, Indicator


class CadenceForm(forms.Form):
    cadence = forms.ChoiceField(label=_("Report"), choices=Cadence.choices, widget=forms.RadioSelect)


class StartReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False, widget=forms.RadioSelect,
                               help_text=_("A period of the promise's cadence, or give dates below."))
    period_start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    is_final = forms.BooleanField(label=_("This is the final report, when the promise's period has ended"), required=False)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(f"{start.isoformat()}/{end.isoformat()}", label) for start, end, label in periods]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period"):
            start, end = cleaned["period"].split("/")
            cleaned["period_start"], cleaned["period_end"] = forms.DateField().to_python(start), forms.DateField().to_python(end)
        elif not (cleaned.get("period_start") and cleaned.get("period_end")) and not self.errors:
            raise forms.ValidationError(_("Choose a period, or give its first and last day."), code="period_required")
        return cleaned


class ActivityReportForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("Link"), required=False, assume_scheme="https",
                                  help_text=_("E.g. a news item or a photo album."))

    class Meta:
        model = ActivityReport
        fields = ["status", "actual_quantity", "reason", "narrative", "evidence_url"]
        widgets = {
            "status": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "narrative": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, activity, final=False, **kwargs):
        super().__init__(*args, **kwargs)
        if final:
            self.fields["status"].choices = [c for c in Activity.Status.choices if c[0] in ActivityReport.FINAL_STATUSES]
        unit = activity.unit or _("times")
        self.fields["actual_quantity"].label = _("Done in the period (%(unit)s)") % {"unit": unit}
        if activity.target_quantity:
            self.fields["actual_quantity"].help_text = _("The promise says at least %(n)s %(unit)s in all.") % {
                "n": activity.target_quantity, "unit": unit}

    def _post_clean(self):
        # The service runs the model's validation and reports it on this form.
        pass


class PublishReportForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False,
                              help_text=_("Required in the final report: what the promise achieved."))


class IndicatorForm(forms.ModelForm):
    source_url = forms.URLField(label=_("Link to the source"), required=False, assume_scheme="https")

    class Meta:
        model = Indicator
        fields = ["name", "unit", "better", "source", "source_description", "source_url",
                  "statistics_category", "statistics_measure",
                  "baseline_year", "baseline_value", "target_value", "target_year"]
        widgets = {"better": forms.RadioSelect, "source": forms.RadioSelect, "statistics_measure": forms.RadioSelect}

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statistics_category"].queryset = categories
        self.fields["statistics_category"].empty_label = _("None")

    def _post_clean(self):
        pass


# Survey items where a larger share is better (feeling safe, reporting crimes); for every other item less is better.
HIGHER_IS_BETTER_ITEMS = frozenset({"trygg_ute_sent", "anmalningsgrad"})


def indicator_from_evidence(link, categories):
    """Return the indicator form's initial values for a problem's evidence ``link`` (a statistics series or a survey item).

    Name, unit, source and the baseline come from the evidence as it was
    shown (its snapshot): a series' rate per 100 000 inhabitants (or its
    count) in the evidence year, a survey item's share in per cent. The
    statistics series is chosen when ``categories`` (what the form offers)
    holds it.
    """
    s = link.snapshot or {}
    label = s.get("label") or str(link)
    if link.kind == link.Kind.STATISTICS:
        per_100000 = s.get("rate") is not None
        return {
            "name": f"{label} ({link.source_name})" if link.source_name else label,
            "unit": _("per 100 000 inhabitants") if per_100000 else _("reported crimes"),
            "better": Indicator.Better.LOWER, "source": Indicator.Source.STATISTICS,
            "source_description": _("%(source)s, reported crimes: %(series)s, %(municipality)s") % {
                "source": link.source_name, "series": label, "municipality": link.municipality.name},
            "statistics_category": link.category_id if link.category_id in {c.pk for c in categories} else None,
            "statistics_measure": Indicator.Measure.PER_100000 if per_100000 else Indicator.Measure.COUNT,
            "baseline_year": s.get("year") or link.year,
            "baseline_value": s.get("rate") if per_100000 else s.get("count"),
        }
    estimate = s.get("estimate")
    return {
        "name": _("%(item)s (share, safety survey)") % {"item": label},
        "unit": _("per cent of residents"),
        "better": Indicator.Better.HIGHER if s.get("item") in HIGHER_IS_BETTER_ITEMS else Indicator.Better.LOWER,
        "source": Indicator.Source.SURVEY,
        "source_description": _("%(survey)s: %(item)s, %(municipality)s") % {
            "survey": s.get("survey") or link.source_name, "item": label, "municipality": link.municipality.name},
        "baseline_year": s.get("year"),
        "baseline_value": round(100 * estimate, 1) if estimate is not None else None,
    }


class IndicatorValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=3, localize=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class IndicatorImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("Two columns with the headings “år” and “värde”, e.g. 2016;412,5."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError(_("The file is too large (at most 1 MB)."), code="too_large")
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("The file is neither UTF-8 nor Windows-1252 text."), code="encoding")
