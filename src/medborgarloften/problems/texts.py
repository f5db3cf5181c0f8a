"""Texts written from an approved problem picture's public parts: the promise's "Situationen i dag"."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import public_content


def _sources(problems):
    """Return the names of the public sources behind ``problems``, each once, in the order first cited."""
    seen = []
    for problem in problems:
        for entry in problem["evidence"]:
            snapshot = entry.get("snapshot") or {}
            if entry["kind"] == "survey":
                name = _("the safety survey %(title)s") % {"title": snapshot.get("survey", "")}
            elif entry["kind"] in ("dialogues", "comment"):
                name = _("residents' comments and safety walks")
            elif entry["kind"] == "statistics":
                name = _("reported crimes (%(source)s)") % {"source": entry.get("source", "")}
            else:
                continue
            if name not in seen:
                seen.append(name)
    return seen


def situation_text(picture):
    """Return a "Situationen i dag" text from ``picture``'s approved version (its public parts only), or "".

    Names the sources of the problem picture and the prioritised problems in
    order, each with its strongest public figure; staff knowledge and
    problems not marked public never appear.
    """
    if picture.approved_version is None:
        return ""
    from .selectors import evidence_figure

    content = public_content(picture.approved_version.content)
    problems = [p for p in content["problems"] if p.get("priority")] or content["problems"]
    if not problems:
        return ""
    places = get_text_list([m["name"] for m in content.get("municipalities", [])], _("and"))
    paragraphs = []
    sources = _sources(content["problems"])
    if sources:
        paragraphs.append(_("The police and the municipality have built a joint local problem picture of %(places)s "
                            "from %(sources)s, together with what their staff know.") % {
            "places": places, "sources": get_text_list(sources, _("and"))})
    else:
        paragraphs.append(_("The police and the municipality have built a joint local problem picture of %(places)s.")
                          % {"places": places})
    lines = [ngettext("The prioritised problem is:", "The prioritised problems are, in order:", len(problems))]
    for number, problem in enumerate(problems, 1):
        figure = next((evidence_figure(e) for e in problem["evidence"] if evidence_figure(e)), "")
        lines.append(f"{number}. {problem['title']}" + (f" – {figure}" if figure else ""))
    paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
