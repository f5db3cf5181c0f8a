"""Template helpers of the dialogues app."""

import json

from django import template

register = template.Library()


@register.filter
def to_json(value):
    """Return ``value`` as JSON text, for a ``data-`` attribute (autoescaping makes it safe there)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@register.filter
def theme_label(value, labels):
    """Return the label of theme ``value`` from ``labels`` ({value: label})."""
    return labels.get(value, value)
