from django import template

from ..charts import indicator_chart

register = template.Library()


@register.simple_tag
def chart(series, key):
    """Draw ``series`` (an IndicatorSeries) as an SVG chart whose ids are made from ``key``."""
    return indicator_chart(series, chart_id=f"indicator-chart-{key}")


@register.filter
def get_item(mapping, key):
    """Return ``mapping[key]``, or None (templates cannot index a dict with a variable)."""
    return mapping.get(key) if mapping else None
