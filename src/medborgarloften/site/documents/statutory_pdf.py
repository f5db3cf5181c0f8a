"""The statutory lägesbild (lag 2023:196, 4 §) and åtgärdsplan (5 §) as documents, with the pages' section headings.

Both are working documents of the problem picture's staff: the staff version
of the lägesbild carries restricted staff knowledge and says so on every
page; the publication version leaves it out.
"""

import io

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

from . import layout, sources
from .layout import text


def _title(source):
    if source["kind"] == sources.ACTION_PLAN:
        return _("Action plan against crime")
    return _("Situation picture of crime")


def metadata(source):
    """Return the title, author, subject and signing reason of a statutory document (in Swedish)."""
    with layout.in_swedish():
        picture = source["picture"]
        return {
            "title": f"{_title(source)}: {picture['title']}",
            "author": "Medborgarlöften",
            "subject": _("%(title)s under the Act (2023:196), SHA-256 %(hash)s") % {
                "title": _title(source), "hash": sources.source_hash(source)},
            "reason": _("Issued by Medborgarlöften from the problem picture on %(date)s") % {
                "date": layout.swedish_date(layout.today())},
        }


def render_statutory(source):
    """Return the unsigned PDF bytes of a lägesbild or åtgärdsplan document (in Swedish) from its ``source``."""
    layout.register_fonts()
    with layout.in_swedish():
        return _render(source)


def _header(source, st):
    picture = source["picture"]
    lines = [
        text(", ".join(picture["municipalities"])) + " · " + text(_("year %(year)s") % {"year": picture["year"]}),
        text(_("Evidence %(start)s – %(end)s") % {"start": picture["evidence_period"][0], "end": picture["evidence_period"][1]})
        if len(picture["evidence_period"]) == 2 else "",
    ]
    story = [Paragraph(line, st["small"]) for line in lines if line]
    version = picture["version"]
    if version:
        story.append(Paragraph(text(_(
            "From the problem picture approved by police and municipality on %(date)s (version %(number)s, SHA-256 "
            "%(hash)s)") % {"date": layout.swedish_date(version["approved_on"]), "number": version["number"],
                            "hash": layout.grouped_hash(version["sha256"])}), st["small"]))
    else:
        story.append(Paragraph("<b>" + text(_("Draft: the problem picture is not yet approved by police and municipality."))
                               + "</b>", st["small"]))
    return story


def _evidence_line(entry):
    line = ""
    if entry["restricted"]:
        line += "<b>" + text(_("Restricted:")) + "</b> "
    line += text(entry["label"])
    if entry["figure"]:
        line += ": " + text(entry["figure"])
    meta = entry["source"] + (f", {entry['date']}" if entry["date"] else "")
    if meta:
        line += f" <font size='8' color='#4a4a4a'>({text(meta)})</font>"
    return line


def _numbered(problem):
    return (f"{problem['priority']}. " if problem.get("priority") else "") + problem["title"]


def _facts(pairs, st):
    return [Paragraph(f"<b>{text(label)}:</b> " + text(value).replace("\n", "<br/>"), st["body"]) for label, value in pairs if value]


def _situation(source, st):
    public = source["public"]
    story = [Paragraph(text(_(
        "Under 4 § of the Act (2023:196) on municipalities' responsibility for crime prevention, the situation picture holds "
        "a mapping of crime, its extent and consequences, other information of importance, and an analysis. It is written "
        "here from the local problem picture police and municipality agreed on.")), st["body"])]
    if public:
        story.append(Paragraph(text(_("Version for publication: without restricted knowledge.")), st["notice"]))
    else:
        story.append(Paragraph("<b>" + text(_("This version contains staff knowledge that must not be published.")) + "</b>",
                               st["notice"]))
    story.append(Paragraph("1. " + text(_("Mapping of crime, its extent and consequences")) + " (4 § 1)", st["h2"]))
    if not source["problems"]:
        story.append(Paragraph(text(_("No problems in the problem picture.")), st["body"]))
    for problem in source["problems"]:
        story.append(Paragraph(text(_numbered(problem)), st["h3"]))
        places = ", ".join(problem["places"]) + (" " + problem["place_notes"] if problem["place_notes"] else "")
        story += _facts([(_("Places"), places.strip()), (_("When"), problem["times"]),
                         (_("Who is affected"), problem["affected"])], st)
        story += layout.paragraphs(problem["description"], st["body"])
        if problem["mapping"]:
            story += [Paragraph("• " + _evidence_line(e), st["body"]) for e in problem["mapping"]]
        else:
            story.append(Paragraph(text(_("No statistics or survey results linked.")), st["body"]))
    story.append(Paragraph("2. " + text(_("Other information of importance")) + " (4 § 2)", st["h2"]))
    story.append(Paragraph(text(_("What residents said in dialogues, comments and safety walks, and what staff know.")),
                           st["body"]))
    for problem in source["problems"]:
        if problem["other"]:
            story.append(Paragraph(text(problem["title"]), st["h3"]))
            story += [Paragraph("• " + _evidence_line(e), st["body"]) for e in problem["other"]]
    story.append(Paragraph("3. " + text(_("Analysis")) + " (4 § 3)", st["h2"]))
    for problem in source["problems"]:
        story.append(Paragraph(text(_numbered(problem)), st["h3"]))
        story += _facts([
            (_("Residents' sources"), f"{problem['citizen_score']} / 100" if problem["citizen_score"] is not None else ""),
            (_("Police and municipal data"),
             f"{problem['authority_score']} / 100" if problem["authority_score"] is not None else ""),
            (_("Causes"), problem["causes"]), (_("Offenders"), problem["cause_offender"]),
            (_("Victims"), problem["cause_victim"]), (_("The place"), problem["cause_place"]),
            (_("Reason for the priority"), problem.get("priority_reason", "")),
        ], st)
    if source["justification"]:
        story.append(Paragraph(text(_("Justification of the priority order")), st["h3"]))
        story += layout.paragraphs(source["justification"], st["body"])
    story.append(Paragraph(text(_("Sources")), st["h2"]))
    for s in source["sources"]:
        line = ("<b>" + text(_("Restricted:")) + "</b> " if s["restricted"] else "") + text(s["source"] or "")
        if s["date"]:
            line += ", " + text(s["date"])
        story.append(Paragraph("• " + line, st["body"]))
    return story


def _extent(activity):
    if not activity["target"]:
        return "–"
    return _("at least %(n)s %(unit)s") % {"n": layout.number(activity["target"]), "unit": activity["unit"]}


def _when(activity):
    when = activity["recurrence"]
    if activity["period_start"]:
        when += " " + layout.swedish_date(activity["period_start"])
        if activity["period_end"]:
            when += " – " + layout.swedish_date(activity["period_end"])
    if activity["places"]:
        when += "\n" + activity["places"]
    return when.strip()


def _plan(source, st):
    story = [Paragraph(text(_(
        "Under 5 § of the Act (2023:196), the municipality takes a position, from the situation picture, on the need for "
        "crime-prevention measures and decides an action plan. Each measure here is a commitment of a citizen promise "
        "that names the problem it answers, with its activities, who is responsible, their extent and period, and how "
        "it is followed up.")), st["body"])]
    story.append(Paragraph(text(_("Measures per problem")), st["h2"]))
    if not source["rows"]:
        story.append(Paragraph(text(_("No commitment names a problem of this picture yet.")), st["body"]))
    w = layout.TEXT_WIDTH
    for row in source["rows"]:
        story.append(Paragraph(text(_numbered(row["problem"])), st["h3"]))
        for measure in row["measures"]:
            promise = measure["promise"]
            story.append(Paragraph(f"<b>{text(measure['focus_area'])}</b> "
                                   f"<font color='#4a4a4a'>({text(promise['title'])}, {text(promise['state'].lower())})</font>",
                                   st["body"]))
            story += layout.paragraphs(measure["pledge"], st["pledge"])
            indicator = measure["indicator"]
            if indicator and measure["baseline_year"]:
                indicator += " (" + _("baseline %(year)s") % {"year": measure["baseline_year"]} + ")"
            story += _facts([(_("Goal"), measure["goal"]), (_("Follow-up"), indicator)], st)
            rows = [[Paragraph(text(h), st["cell_head"])
                     for h in (_("Activity"), _("Responsible"), _("Extent"), _("When and where"))]]
            for activity in measure["activities"]:
                rows.append([Paragraph(text(activity["description"]), st["cell"]),
                             Paragraph(text(activity["responsible"]), st["cell"]),
                             Paragraph(text(_extent(activity)), st["cell"]),
                             Paragraph(text(_when(activity)).replace("\n", "<br/>"), st["cell"])])
            if len(rows) == 1:
                rows.append([Paragraph(text(_("No activities yet.")), st["cell"]), "", "", ""])
            story.append(layout.table(rows, [0.40 * w, 0.20 * w, 0.16 * w, 0.24 * w]))
    if source["without"]:
        story.append(Paragraph(text(_("Problems without a decided measure")), st["h2"]))
        story.append(Paragraph(text(_("The municipality must take a position on these: a measure, or why none is needed now.")),
                               st["body"]))
        for problem in source["without"]:
            line = text(problem["title"]) + (" – " + text(problem["priority_reason"]) if problem["priority_reason"] else "")
            story.append(Paragraph("• " + line, st["body"]))
    if source["unlinked"]:
        story.append(Paragraph(text(_("Commitments that name no problem")), st["h2"]))
        for commitment in source["unlinked"]:
            story.append(Paragraph("• " + text(f"{commitment['focus_area']} ({commitment['promise']})"), st["body"]))
    return story


def story(source):
    """Return the flowables of a statutory document (call inside ``layout.in_swedish()``, fonts registered)."""
    st = layout.styles()
    digest = sources.source_hash(source)
    picture = source["picture"]
    story = [
        Paragraph(text(_("LAW (2023:196) ON MUNICIPALITIES' RESPONSIBILITY FOR CRIME PREVENTION")), st["label"]),
        Paragraph(text(_title(source)), st["title"]),
        Paragraph(text(picture["title"]), st["subtitle"]),
        *_header(source, st),
    ]
    story += _plan(source, st) if source["kind"] == sources.ACTION_PLAN else _situation(source, st)
    story.append(KeepTogether(layout.verification_box(
        heading=_("Check this document"),
        lines=[
            text(_("This file is sealed by Medborgarlöften with an electronic signature (PAdES): a PDF reader shows "
                   "whether it has been changed since. The SHA-256 below identifies what it shows.")),
            text(_("It is a working document of the problem picture's staff: the public verification page does not "
                   "list it.")),
        ],
        url=source["urls"]["verify_base"] + digest, sha256=digest,
    )))
    return story


def footer(source):
    """Return the running footer's left part (call inside ``layout.in_swedish()``): title, year, municipalities, a
    "not for publication" mark on staff documents, the hash's start; the page number is drawn beside it."""
    picture = source["picture"]
    staff_only = source["kind"] == sources.ACTION_PLAN or not source["public"]
    line = f"{_title(source)} {picture['year']}: {', '.join(picture['municipalities'])}"
    if staff_only:
        line += " · " + _("NOT FOR PUBLICATION")
    return line + f" · SHA-256 {sources.source_hash(source)[:16]}…"


def _render(source):
    meta = metadata(source)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=layout.A4, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN, topMargin=layout.MARGIN,
        bottomMargin=22 * mm, title=meta["title"], author=meta["author"], subject=meta["subject"],
        creator="Medborgarlöften", lang="sv-SE", initialFontName=layout.REGULAR,
    )
    document.build(story(source), canvasmaker=layout.numbered_canvas(footer(source)))
    return buffer.getvalue()
