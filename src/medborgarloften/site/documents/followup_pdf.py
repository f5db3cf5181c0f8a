"""The yearly follow-up as a document: every promise in force that year, what was promised and what was done."""

import io

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from medborgarloften.promises.models import Activity

from . import layout, sources
from .layout import text

STATUS = dict(Activity.Status.choices)


def _title(source):
    return _("Follow-up %(year)s: %(place)s") % {"year": source["year"], "place": source["place"]["name"]}


def metadata(source):
    """Return the title, author, subject and signing reason of a follow-up document (in Swedish)."""
    with layout.in_swedish():
        return {
            "title": _title(source),
            "author": "Medborgarlöften",
            "subject": _("Yearly follow-up of the citizen promises, SHA-256 %(hash)s") % {"hash": sources.source_hash(source)},
            "reason": _("Issued by Medborgarlöften: the yearly follow-up as published on %(date)s") % {
                "date": layout.swedish_date(layout.today())},
        }


def render_followup(source):
    """Return the unsigned PDF bytes of a yearly follow-up document (in Swedish) from its ``source``."""
    layout.register_fonts()
    with layout.in_swedish():
        return _render(source)


def _period(promise):
    start = layout.swedish_date(promise["valid_from"])
    end = promise["extended_to"] or promise["valid_to"]
    if not end:
        return _("%(start)s – until a new promise is signed") % {"start": start}
    span = f"{start} – {layout.swedish_date(end)}"
    return span + (" (" + _("extended") + ")" if promise["extended_to"] else "")


def _done(activity):
    if activity["actual"] is None:
        return "–"
    done = layout.number(activity["actual"])
    if activity["target"]:
        done += " " + _("of %(target)s") % {"target": layout.number(activity["target"])}
        if activity["share"] is not None:
            done += f" ({layout.number(activity['share'])}\u00a0%)"
        if activity["achieved"]:
            done += " – " + _("goal achieved")
    return done


def _status(activity, st):
    if not activity["status"]:
        return Paragraph(text(_("Not reported yet")), st["cell"])
    label = text(STATUS.get(activity["status"], activity["status"]))
    if activity["reason"]:
        label += "<br/>" + text(_("Reason:")) + " " + text(activity["reason"])
    return Paragraph(label, st["cell"])


def _indicator(indicator):
    line = f"<b>{text(indicator['name'])}</b>"
    if indicator["unit"]:
        line += f" ({text(indicator['unit'])})"
    line += ": " + text(_("baseline %(year)s %(value)s") % {
        "year": indicator["baseline_year"], "value": layout.number(indicator["baseline_value"])})
    if indicator["latest_year"] is not None:
        line += ", " + text(f"{indicator['latest_year']} {layout.number(indicator['latest_value'])}")
        if indicator["improved"] is True:
            line += " (" + text(_("better")) + ")"
        elif indicator["improved"] is False:
            line += " (" + text(_("worse")) + ")"
    if indicator["target_met"] is True:
        line += " – " + text(_("Target met."))
    return line


def _render(source):
    st = layout.styles()
    meta = metadata(source)
    digest = sources.source_hash(source)
    story = [
        Paragraph(text(_("FOLLOW-UP")), st["label"]),
        Paragraph(text(_title(source)), st["title"]),
        Paragraph(text(_("Every citizen promise in force during %(year)s, with what was promised, what was done and the "
                         "goals' indicators.") % {"year": source["year"]}), st["subtitle"]),
    ]
    if not source["promises"]:
        story.append(Paragraph(text(_("No citizen promise was in force here that year.")), st["body"]))
    for promise in source["promises"]:
        story.append(Paragraph(text(promise["title"]), st["h2"]))
        line = text(_period(promise)) + " · "
        if promise["last_report"]:
            line += text(_("last reported %(label)s") % {"label": promise["last_report"]["label"]})
        else:
            line += text(_("not reported yet"))
        if promise["missing"]:
            line += " · <b>" + text(_("follow-up missing")) + "</b>"
        story.append(Paragraph(line, st["small"]))
        if promise["final_summary"]:
            story.append(Paragraph(text(_("Final report")), st["h3"]))
            story += layout.paragraphs(promise["final_summary"], st["body"])
        for commitment in promise["commitments"]:
            story.append(Paragraph(text(commitment["focus_area"]), st["h3"]))
            if commitment["activities"]:
                rows = [[Paragraph(text(h), st["cell_head"]) for h in (_("Activity"), _("Promised"), _("Done"), _("Status"))]]
                for activity in commitment["activities"]:
                    promised = (_("at least %(n)s %(unit)s") % {"n": layout.number(activity["target"]), "unit": activity["unit"]}
                                if activity["target"] else "–")
                    rows.append([
                        Paragraph(text(activity["description"]), st["cell"]),
                        Paragraph(text(promised), st["cell"]),
                        Paragraph(text(_done(activity)), st["cell"]),
                        _status(activity, st),
                    ])
                w = layout.TEXT_WIDTH
                story.append(layout.table(rows, [0.40 * w, 0.18 * w, 0.18 * w, 0.24 * w]))
            if commitment["indicator"]:
                story.append(Spacer(1, 4))
                story.append(Paragraph(_indicator(commitment["indicator"]), st["body"]))
        story.append(Paragraph(text(_("Read more: %(url)s") % {"url": promise["url"]}), st["small"]))
    url = source["urls"]["verify_base"] + digest
    story.append(KeepTogether(layout.verification_box(
        heading=_("Check this document"),
        lines=[
            text(_("This file is sealed by Medborgarlöften with an electronic signature (PAdES): a PDF reader shows "
                   "whether it has been changed since. The SHA-256 below identifies what it shows.")),
            text(_("Scan the code or enter the SHA-256 on the verification page to see whether newer reports have "
                   "been published since.")),
        ],
        url=url, sha256=digest,
    )))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=layout.A4, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN, topMargin=layout.MARGIN,
        bottomMargin=22 * mm, title=meta["title"], author=meta["author"], subject=meta["subject"],
        creator="Medborgarlöften", lang="sv-SE", initialFontName=layout.REGULAR,
    )
    footer = f"{_title(source)} · SHA-256 {digest[:16]}…"
    document.build(story, canvasmaker=layout.numbered_canvas(footer))
    return buffer.getvalue()
