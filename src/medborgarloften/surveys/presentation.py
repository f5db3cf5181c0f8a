"""Turning stored result rows into what a results page shows: tables, SVG charts, indicators, levels and weights.

Everything here reads rows already computed by the engine; nothing touches
the answers.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .estimation.index import TOTAL_INDEX_ITEM
from .estimation.open import NOT_STATED
from .levels import level_for
from .models import ProblemLevelScale, Question
from .services.results import PROBLEM_SHARE_PREFIX

INDICATORS = (
    ("trygg_ute_sent", gettext_lazy("Feel safe outdoors alone late in the evening"), None),
    ("otrygg_ute_sent", gettext_lazy("Feel unsafe outdoors alone late in the evening"), ProblemLevelScale.Family.DISORDER),
    ("undviker_platser", gettext_lazy("Avoid places or activities for fear of crime"), ProblemLevelScale.Family.DISORDER),
    ("utsatt_brott", gettext_lazy("Victim of violence, theft or vandalism in the last 12 months"),
     ProblemLevelScale.Family.VICTIMISATION),
    ("anmalningsgrad", gettext_lazy("Reported the crime to the police (among victims)"), None),
)
LEVEL_NAMES = {
    "municipality": gettext_lazy("Municipality"),
    "subarea": gettext_lazy("Sub-area"),
    "lpo": gettext_lazy("Local police area"),
    "county": gettext_lazy("County"),
}
SPLIT_NAMES = {"sex": gettext_lazy("Sex"), "age_group": gettext_lazy("Age group"), "subarea": gettext_lazy("Sub-area")}


def percent(value):
    return None if value is None else 100 * value


def bar_chart(title, bars):
    """Return an SVG bar chart (safe HTML) of ``bars``: (label, share 0–1 or None, low, high).

    Each bar shows the share; a line across its end shows the 95 % interval.
    Suppressed bars are drawn as an empty outline. The data table beside it
    carries the same figures for screen readers.
    """
    row_height, label_width, bar_width, top = 26, 260, 330, 6
    height = top + row_height * len(bars) + 22
    parts = [f'<svg class="survey-chart" viewBox="0 0 {label_width + bar_width + 70} {height}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">']
    for tick in (0, 25, 50, 75, 100):
        x = label_width + bar_width * tick / 100
        parts.append(f'<line class="chart-grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 18}"/>')
        parts.append(f'<text class="chart-tick" x="{x:.1f}" y="{height - 4}" text-anchor="middle">{tick} %</text>')
    for i, (label, share, low, high) in enumerate(bars):
        y = top + i * row_height
        text = str(label)
        if len(text) > 38:
            text = text[:37] + "…"
        parts.append(f'<text class="chart-label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(text)}</text>')
        if share is None:
            parts.append(f'<rect class="chart-bar-hidden" x="{label_width}" y="{y + 4}" width="{bar_width}" height="16"/>')
            continue
        width = bar_width * share
        parts.append(f'<rect class="chart-bar" x="{label_width}" y="{y + 4}" width="{width:.1f}" height="16"/>')
        if low is not None and high is not None:
            x1, x2 = label_width + bar_width * low, label_width + bar_width * high
            parts.append(f'<line class="chart-ci" x1="{x1:.1f}" y1="{y + 12}" x2="{x2:.1f}" y2="{y + 12}"/>')
            parts.append(f'<line class="chart-ci" x1="{x1:.1f}" y1="{y + 7}" x2="{x1:.1f}" y2="{y + 17}"/>')
            parts.append(f'<line class="chart-ci" x1="{x2:.1f}" y1="{y + 7}" x2="{x2:.1f}" y2="{y + 17}"/>')
        parts.append(f'<text class="chart-value" x="{label_width + bar_width + 6}" y="{y + 17}">{100 * share:.0f} %</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _option_label(question, option):
    if question is None:
        return option
    if question.kind == Question.Kind.PROBLEM and option == "vet_ej":
        return _("Don't know")
    labels = dict(question.option_labels())
    return labels.get(option, option)


def _split_label(domain):
    split, _sep, value = domain.partition("=")
    if value == NOT_STATED:
        value = _("not stated")
    elif split == "sex":
        value = {"kvinna": _("Woman"), "man": _("Man")}.get(value, value)
    return SPLIT_NAMES.get(split, split), value


def results_context(survey, result_set, rows, *, scales, area, level):
    """Return the template context of one area's results: questions, indicators, total score, levels, weights."""
    questions = [q for q in survey.questions.all()
                 if q.kind not in Question.BACKGROUND_KINDS and q.kind != Question.Kind.TEXT]
    by_item = {}
    for row in rows:
        by_item.setdefault(row.item, []).append(row)
    open_mode = result_set.method == "open"
    disorder = scales.get(ProblemLevelScale.Family.DISORDER)
    items, problems = [], []
    for question in questions:
        item_rows = by_item.get(question.code, [])
        shares = [r for r in item_rows if r.kind == "share" and r.domain == ""]
        if not shares:
            continue
        options = [{"label": _option_label(question, r.option), "row": r, "percent": percent(r.estimate),
                    "low": percent(r.ci_low), "high": percent(r.ci_high),
                    "change": percent(r.change), "change_low": percent(r.change_ci_low),
                    "change_high": percent(r.change_ci_high)} for r in shares]
        title = question.localized_text
        entry = {
            "question": question, "title": title, "options": options, "n": shares[0].n,
            "n_dont_know": shares[0].n_dont_know, "n_unanswered": shares[0].n_unanswered,
            "suppressed": all(r.suppressed for r in shares),
            "chart": bar_chart(title, [(o["label"], o["row"].estimate, o["row"].ci_low, o["row"].ci_high) for o in options]),
            "splits": _splits(question, item_rows) if open_mode else [],
        }
        if question.kind == Question.Kind.PROBLEM:
            mean = next((r for r in item_rows if r.kind == "mean_score"), None)
            share = next((r for r in by_item.get(PROBLEM_SHARE_PREFIX + question.code, []) if r.kind == "indicator"), None)
            entry["mean"] = mean
            problems.append({"question": question, "title": title, "mean": mean, "share": share,
                             "share_percent": percent(share.estimate) if share else None,
                             "low": percent(share.ci_low) if share else None,
                             "high": percent(share.ci_high) if share else None,
                             "level": level_for(share, disorder)})
        items.append(entry)
    indicators = []
    for name, label, family in INDICATORS:
        row = next((r for r in by_item.get(name, []) if r.kind == "indicator"), None)
        if row is None:
            continue
        indicators.append({"name": name, "label": label, "row": row, "percent": percent(row.estimate),
                           "low": percent(row.ci_low), "high": percent(row.ci_high), "change": percent(row.change),
                           "level": level_for(row, scales.get(family)) if family else None})
    total = next((r for r in by_item.get(TOTAL_INDEX_ITEM, []) if r.kind == "mean_score"), None)
    levels = [p["level"].level for p in problems if p["level"] is not None]
    indicator_chart = bar_chart(_("Safety indicators"), [(i["label"], i["row"].estimate, i["row"].ci_low, i["row"].ci_high)
                                                        for i in indicators]) if indicators else None
    return {
        "items": items, "problems": problems, "indicators": indicators, "indicator_chart": indicator_chart,
        "total": total, "mean_level": (sum(levels) / len(levels)) if levels else None, "n_levels": len(levels),
        "n_problem_items": len(problems), "open_mode": open_mode,
        "weights": _weights(result_set, level, area),
        "any_placeholder": any(s.origin == ProblemLevelScale.Origin.PLACEHOLDER for s in scales.values()),
        "scales": sorted(scales.values(), key=lambda s: s.family),
    }


def _splits(question, item_rows):
    """Return the open questionnaire's splits of one question: [(split name, [(category, [(option, count, share)])])]."""
    splits = {}
    for row in item_rows:
        if row.kind != "share" or not row.domain:
            continue
        name, category = _split_label(row.domain)
        splits.setdefault(name, {}).setdefault(category, []).append(row)
    out = []
    for name, categories in splits.items():
        out.append({"name": name, "categories": [
            {"label": category, "n": rows[0].n, "cells": [{"option": _option_label(question, r.option), "row": r,
                                                           "percent": percent(r.estimate)} for r in rows]}
            for category, rows in categories.items()]})
    return out


def _weights(result_set, level, area):
    """Return the design rows (n, population, weights, Kish design effect) of the municipalities in the area shown."""
    design = result_set.design or []
    if level in ("municipality", "subarea"):
        return [d for d in design if d["municipality"] == area]
    return design
