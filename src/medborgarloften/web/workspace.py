"""The workspace shell: a registry of sections that each app contributes to the start page.

An app describes a section in its own ``workspace.py``::

    register(Section(
        name="promises.to_sign", title=_("Versions to sign"), order=10,
        template="promises/workspace/to_sign.html", context=to_sign_context,
    ))

``context(request)`` returns the template context for the signed-in person,
or None when the section has nothing for them (then it is not shown). The
start page renders the sections in ``order``; this module imports no app.

The main menu works the same way (``register_link``): the public site adds
its pages, the workspace adds itself for signed-in people.
"""

from dataclasses import dataclass, field
from typing import Callable

_sections = {}
_links = {}


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    template: str
    context: Callable = field(compare=False)
    order: int = 50


@dataclass(frozen=True)
class Link:
    name: str
    label: str
    url_name: str
    order: int = 50
    signed_in_only: bool = False


def register(section):
    """Add ``section`` to the start page (replacing a section of the same name); return it."""
    _sections[section.name] = section
    return section


def unregister(name):
    _sections.pop(name, None)


def sections_for(request):
    """Return [(section, context)] for the sections that have something for ``request.user``, in order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.name)):
        context = section.context(request)
        if context is not None:
            shown.append((section, context))
    return shown


def register_link(link):
    """Add ``link`` to the main menu; return it."""
    _links[link.name] = link
    return link


def unregister_link(name):
    _links.pop(name, None)


def links_for(user):
    """Return the main menu entries for ``user``, in order."""
    signed_in = getattr(user, "is_authenticated", False)
    return [link for link in sorted(_links.values(), key=lambda l: (l.order, l.name)) if signed_in or not link.signed_in_only]
