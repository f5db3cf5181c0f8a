"""Precision and recall per theme, for the held-out test of the suggestions (and the README's table)."""

from .lexicon import THEMES


def evaluate(gold, predicted):
    """Return {"per_theme": {theme: {precision, recall, f1, support}}, "micro": {...}, "macro": {...}}.

    ``gold`` and ``predicted`` are lists of theme sets, one per comment.
    """
    per_theme, totals = {}, [0, 0, 0]
    for theme in THEMES:
        tp = sum(1 for g, p in zip(gold, predicted) if theme in g and theme in p)
        fp = sum(1 for g, p in zip(gold, predicted) if theme not in g and theme in p)
        fn = sum(1 for g, p in zip(gold, predicted) if theme in g and theme not in p)
        per_theme[theme] = {**_prf(tp, fp, fn), "support": tp + fn}
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    macro = {k: sum(v[k] for v in per_theme.values()) / len(THEMES) for k in ("precision", "recall", "f1")}
    return {"per_theme": per_theme, "micro": _prf(*totals), "macro": macro}


def _prf(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
