"""Server-rendered SVG charts (no script): an indicator's yearly series with its baseline and target.

Every chart is drawn next to a table with the same figures, which is the
accessible alternative; the SVG carries a title and a short description.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from medborgarloften.web.templatetags.swedish import swedish_number

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 32


def indicator_chart(series, *, chart_id):
    """Return the SVG (safe HTML) of ``series`` (an IndicatorSeries), or "" when it has no values."""
    indicator, values = series.indicator, series.values
    if not values:
        return ""
    years = [v.year for v in values] + [indicator.baseline_year]
    if indicator.target_year:
        years.append(indicator.target_year)
    numbers = [float(v.value) for v in values] + [float(indicator.baseline_value)]
    if indicator.target_value is not None:
        numbers.append(float(indicator.target_value))
    first, last = min(years), max(years)
    low, high = min(0.0, min(numbers)), max(numbers)
    high = high + (high - low) * 0.1 or 1.0

    def x(year):
        return f"{LEFT + (WIDTH - LEFT - RIGHT) * ((year - first) / ((last - first) or 1)):.1f}"

    def y(value):
        return f"{TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / ((high - low) or 1)):.1f}"

    points = " ".join(f"{x(v.year)},{y(float(v.value))}" for v in values)
    parts = [
        format_html('<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM),
        format_html('<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, TOP, LEFT, HEIGHT - BOTTOM),
        format_html('<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>', LEFT - 6, y(high), swedish_number(round(high, 1))),
        format_html('<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>', LEFT - 6, y(low), swedish_number(round(low, 1))),
        format_html('<line class="chart-baseline" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                    LEFT, y(float(indicator.baseline_value)), WIDTH - RIGHT, y(float(indicator.baseline_value))),
    ]
    if indicator.target_value is not None:
        parts.append(format_html('<line class="chart-target" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                                 LEFT, y(float(indicator.target_value)), WIDTH - RIGHT, y(float(indicator.target_value))))
    parts.append(format_html('<polyline class="chart-line" points="{}"/>', points))
    parts.append(format_html_join("", '<circle class="chart-point{}" cx="{}" cy="{}" r="4"/>',
                                  ((" chart-point-worse" if worse else "", x(v.year), y(float(v.value))) for v, worse in series.steps())))
    parts.append(format_html_join("", '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                                  ((x(year), HEIGHT - BOTTOM + 18, year) for year in sorted({v.year for v in values}))))
    description = _("%(name)s per year from %(first)s to %(last)s; baseline %(baseline)s in %(year)s.") % {
        "name": indicator.name, "first": values[0].year, "last": values[-1].year,
        "baseline": swedish_number(indicator.baseline_value), "year": indicator.baseline_year,
    }
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" preserveAspectRatio="xMidYMid meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH, HEIGHT, chart_id, chart_id, chart_id, indicator.name, chart_id, description, format_html_join("", "{}", ((p,) for p in parts)),
    )
