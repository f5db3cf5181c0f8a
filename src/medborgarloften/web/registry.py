"""What each app contributes to the shared shell, registered from the app's own ``registrations.py``.

Three registries, none of which imports an app:

* **workspace sections** on the signed-in start page (``register``): an app
  describes what needs the person's attention (versions to sign, comments to
  moderate, imports to check, activities due for a report)::

      register(Section(
          name="promises.to_sign", title=_("Versions to sign"), order=10,
          template="promises/workspace/_to_sign.html", context=to_sign,
      ))

  ``context(request)`` returns the template context (the template sees it as
  ``section``), or None when the section has nothing for this person; then it
  is not shown.
* **menu links** in the main menu (``register_link``).
* **public panels** on a municipality's public page (``register_panel``): each
  stage shows what it has published there (survey results, statistics,
  comments, follow-up). ``context(request, municipality)`` returns the
  template context (as ``panel``) or None. A panel must cost a fixed number of
  queries, whatever the amount of data.
"""

from dataclasses import dataclass, field
from typing import Callable

_sections = {}
_links = {}
_panels = {}


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


@dataclass(frozen=True)
class Panel:
    name: str
    title: str
    template: str
    context: Callable = field(compare=False)
    order: int = 50


def _ordered(registry):
    return sorted(registry.values(), key=lambda item: (item.order, item.name))


def register(section):
    """Add ``section`` to the start page (replacing a section of the same name); return it."""
    _sections[section.name] = section
    return section


def unregister(name):
    _sections.pop(name, None)


def sections_for(request):
    """Return [(section, context)] for the sections that have something for ``request.user``, in order."""
    shown = []
    for section in _ordered(_sections):
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
    return [link for link in _ordered(_links) if signed_in or not link.signed_in_only]


def register_panel(panel):
    """Add ``panel`` to every municipality's public page; return it."""
    _panels[panel.name] = panel
    return panel


def unregister_panel(name):
    _panels.pop(name, None)


def panels_for(request, municipality):
    """Return [(panel, context)] for the panels that have something to show for ``municipality``, in order."""
    shown = []
    for panel in _ordered(_panels):
        context = panel.context(request, municipality)
        if context is not None:
            shown.append((panel, context))
    return shown
