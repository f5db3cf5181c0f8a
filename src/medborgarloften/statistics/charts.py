"""Charts drawn on the server as SVG: no script, styled by the site's stylesheet, a table always beside them.

Each chart is an ``<svg role="img">`` labelled by its title and description;
the figures themselves are in the table next to it, which is what screen
readers and the CSV export rely on. Colours come from CSS classes
(``stat-chart-series-0`` …; prefixed so the follow-up app's chart styles do not apply) because the content security policy forbids inline styles.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


def _nice_max(value):
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _format(value):
    if value >= 1000:
        return f"{value:,.0f}".replace(",", "\u00a0")
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _frame(chart_id, title, description, body):
    return mark_safe(
        f'<svg class="stat-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _axes(labels, top_value):
    parts = []
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(5):
        value = top_value * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line class="stat-chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="stat-chart-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_format(value)}</text>')
    return parts


def line_chart(chart_id, title, description, labels, series):
    """Return an SVG line chart; ``series`` is [(name, [value or None per label])], the first drawn strongest."""
    values = [v for _name, points in series for v in points if v is not None]
    if not labels or not values:
        return ""
    top_value = _nice_max(float(max(values)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def xy(i, v):
        return LEFT + (step * i if len(labels) > 1 else plot_w / 2), TOP + plot_h - plot_h * float(v) / top_value

    parts = _axes(labels, top_value)
    every = max(1, len(labels) // 10)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            x, _y = xy(i, 0)
            parts.append(f'<text class="stat-chart-axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{escape(label)}</text>')
    for n, (name, points) in enumerate(series):
        segment = []
        for i, v in enumerate(points):
            if v is None:
                if len(segment) > 1:
                    parts.append(f'<polyline class="stat-chart-line stat-chart-series-{n}" points="{" ".join(segment)}"/>')
                segment = []
                continue
            x, y = xy(i, v)
            segment.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle class="stat-chart-dot stat-chart-series-{n}" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>')
        if len(segment) > 1:
            parts.append(f'<polyline class="stat-chart-line stat-chart-series-{n}" points="{" ".join(segment)}"/>')
    return _frame(chart_id, title, description, "".join(parts))


def bar_chart(chart_id, title, description, labels, values):
    """Return an SVG bar chart of ``values`` (None leaves a gap) over ``labels``."""
    present = [v for v in values if v is not None]
    if not labels or not present:
        return ""
    top_value = _nice_max(float(max(present)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(labels)
    parts = _axes(labels, top_value)
    for i, (label, v) in enumerate(zip(labels, values)):
        x = LEFT + slot * i
        if v is not None:
            h = plot_h * float(v) / top_value
            parts.append(f'<rect class="stat-chart-bar" x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - h:.1f}" '
                         f'width="{slot * 0.7:.1f}" height="{h:.1f}"/>')
        parts.append(f'<text class="stat-chart-axis" x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    return _frame(chart_id, title, description, "".join(parts))
