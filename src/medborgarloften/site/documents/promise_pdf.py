"""The promise as a municipal document: drawn from the signed version's frozen content and its signatures."""

import io

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from medborgarloften.promises.models import Activity

from . import layout
from .layout import text

RESPONSIBLE = dict(Activity.Responsible.choices)


def _period(content):
    start, end = layout.swedish_date(content.get("valid_from")), layout.swedish_date(content.get("valid_to"))
    if end:
        return f"{start} – {end}"
    return _("%(start)s – until a new promise is signed") % {"start": start}


def _responsible(activity):
    partners = ", ".join(activity.get("partners", []))
    if activity.get("responsible") == Activity.Responsible.PARTNERS:
        return partners or str(RESPONSIBLE.get(activity.get("responsible"), ""))
    label = str(RESPONSIBLE.get(activity.get("responsible"), activity.get("responsible", "")))
    return f"{label}, {_('with')} {partners}" if partners else label


def _extent(activity):
    if activity.get("target_quantity"):
        return _("at least %(n)s %(unit)s") % {"n": layout.number(activity["target_quantity"]), "unit": activity.get("unit", "")}
    return "–"


def _when_where(activity):
    parts = []
    if activity.get("recurrence"):
        parts.append(text(activity["recurrence"]))
    if activity.get("period_start"):
        span = layout.swedish_date(activity["period_start"])
        if activity.get("period_end"):
            span += " – " + layout.swedish_date(activity["period_end"])
        parts.append(text(span))
    when = ", ".join(parts)
    if activity.get("places"):
        when = f"{when}<br/>{text(activity['places'])}" if when else text(activity["places"])
    return when or "–"


def _activities(activities, st):
    head = [Paragraph(text(label), st["cell_head"]) for label in (_("Activity"), _("Responsible"), _("Extent"), _("When and where"))]
    rows = [head]
    for activity in activities:
        rows.append([
            Paragraph(text(activity.get("description")), st["cell"]),
            Paragraph(text(_responsible(activity)), st["cell"]),
            Paragraph(text(_extent(activity)), st["cell"]),
            Paragraph(_when_where(activity), st["cell"]),
        ])
    w = layout.TEXT_WIDTH
    return layout.table(rows, [0.38 * w, 0.22 * w, 0.17 * w, 0.23 * w])


def _signature_block(source, st):
    cells = []
    for signature in source["signatures"]:
        how = _("Signed on paper %(date)s") if signature["on_paper"] else _("Signed digitally %(date)s")
        cells.append([
            Paragraph(f"<b>{text(signature['name'])}</b>", st["body"]),
            Paragraph(text(signature["title"]), st["cell"]),
            Paragraph(text(signature["organisation"]), st["cell"]),
            Spacer(1, 3),
            Paragraph(text(how % {"date": layout.swedish_date(signature["signed_on"])}), st["small"]),
        ])
    if not cells:
        return [Paragraph(text(_("Not signed.")), st["body"])]
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append("")
    block = Table(rows, colWidths=[layout.TEXT_WIDTH / 2] * 2, hAlign="LEFT")
    block.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), layout.REGULAR),
        ("LINEABOVE", (0, 0), (-1, -1), 0.8, layout.INK),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 14),
    ]))
    return [block]


def metadata(source):
    """Return the title, author, subject and signing reason of a promise document (in Swedish)."""
    content, version = source["content"], source["version"]
    with layout.in_swedish():
        return {
            "title": content.get("title", ""),
            "author": ", ".join(p.get("organisation", "") for p in content.get("parties", [])),
            "subject": _("Citizen promise, version %(number)s, SHA-256 %(hash)s") % {
                "number": version["number"], "hash": version["sha256"]},
            "reason": _("Issued by Medborgarlöften: the signed version %(number)s of the citizen promise") % {
                "number": version["number"]},
        }


def render_promise(source):
    """Return the unsigned PDF bytes of a promise document (in Swedish) from its ``source``."""
    layout.register_fonts()
    with layout.in_swedish():
        return _render(source)


def story(source):
    """Return the flowables of a promise document (call inside ``layout.in_swedish()``)."""
    st = layout.styles()
    content = source["content"]
    version = source["version"]
    story = [
        Paragraph(text(_("CITIZEN PROMISE")), st["label"]),
        Paragraph(text(content.get("title")), st["title"]),
        Paragraph(text(", ".join(source["municipalities"])) + " · " + text(_period(content)), st["subtitle"]),
    ]
    facts = [
        (_("Period"), _period(content)),
        (_("Parties"), ", ".join(p.get("organisation", "") for p in content.get("parties", []))),
    ]
    if content.get("collaboration_agreement"):
        facts.append((_("Collaboration agreement"), content["collaboration_agreement"]))
    if source.get("approved"):
        facts.append((_("Approved by"), f"{source['approved']['body']}, {layout.swedish_date(source['approved']['on'])}"))
    facts.append((_("Version"), _("%(number)s, signed version") % {"number": version["number"]}))
    fact_table = Table(
        [[Paragraph(text(k), st["cell_head"]), Paragraph(text(v), st["cell"])] for k, v in facts],
        colWidths=[50 * mm, layout.TEXT_WIDTH - 50 * mm], hAlign="LEFT",
    )
    fact_table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), layout.REGULAR), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    story += [fact_table, Spacer(1, 6)]
    if source.get("registered_afterwards"):
        story.append(Paragraph(text(_(
            "Registered afterwards: this promise was signed on paper before it was brought into Medborgarlöften. "
            "The names, titles and dates below are those on the paper; they are not digital signatures.")), st["notice"]))
    if content.get("situation"):
        story.append(Paragraph(text(_("The situation today")), st["h2"]))
        story += layout.paragraphs(content["situation"], st["body"])
    story.append(Paragraph(text(_("What we will do")), st["h2"]))
    for number, commitment in enumerate(content.get("commitments", []), start=1):
        story.append(Paragraph(f"{number}. {text(commitment.get('focus_area'))}", st["h3"]))
        story += layout.paragraphs(commitment.get("pledge"), st["pledge"])
        if commitment.get("goal"):
            story.append(Paragraph(f"<b>{text(_('Goal'))}:</b> {text(commitment['goal'])}", st["body"]))
        if commitment.get("indicator"):
            indicator = text(commitment["indicator"])
            if commitment.get("baseline_year"):
                indicator += " (" + text(_("baseline %(year)s") % {"year": commitment["baseline_year"]}) + ")"
            story.append(Paragraph(f"<b>{text(_('Indicator'))}:</b> {indicator}", st["body"]))
        if commitment.get("activities"):
            story += [_activities(commitment["activities"], st), Spacer(1, 6)]
    if content.get("follow_up"):
        story.append(Paragraph(text(_("Follow-up")), st["h2"]))
        story += layout.paragraphs(content["follow_up"], st["body"])
    story.append(KeepTogether([Paragraph(text(_("Signatures")), st["h2"]), *_signature_block(source, st)]))
    story.append(KeepTogether(layout.verification_box(
        heading=_("Check this document"),
        lines=[
            text(_("This file is sealed by Medborgarlöften with an electronic signature (PAdES): a PDF reader shows "
                   "whether it has been changed since. The signatures of the parties cover version %(number)s of the "
                   "text, identified by the SHA-256 below.") % {"number": version["number"]}),
            text(_("Scan the code or enter the SHA-256 on the verification page to see who signed, when, and whether "
                   "this is the version in force.")),
        ],
        url=source["urls"]["verify"], sha256=version["sha256"],
    )))
    return story


def _render(source):
    meta = metadata(source)
    content, version = source["content"], source["version"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=layout.A4, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN, topMargin=layout.MARGIN,
        bottomMargin=22 * mm, title=meta["title"], author=meta["author"], subject=meta["subject"],
        creator="Medborgarlöften", lang="sv-SE", initialFontName=layout.REGULAR,
    )
    footer = f"{content.get('title', '')[:70]} · " + _("version %(number)s") % {"number": version["number"]} + f" · SHA-256 {version['sha256'][:16]}…"
    document.build(story(source), canvasmaker=layout.numbered_canvas(footer))
    return buffer.getvalue()
