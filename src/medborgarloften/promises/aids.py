"""Aids shown beside each commitment of a draft, contributed by later apps.

The promises app lies below the follow-up and the public site, so it cannot
ask them what other municipalities promised and reported; they register an
aid here instead (from their ``registrations.py``), as apps register sections
of the workspace start page::

    register_commitment_aid(CommitmentAid(
        name="site.theme_examples", template="site/_theme_examples.html", context=theme_examples,
    ))

``context(request, promise)`` returns {commitment id: template context} for
the commitments it has something for (the template sees it as ``aid``), at a
fixed number of queries for the whole promise.
"""

from dataclasses import dataclass, field
from typing import Callable

_aids = {}


@dataclass(frozen=True)
class CommitmentAid:
    name: str
    template: str
    context: Callable = field(compare=False)
    order: int = 50


def register_commitment_aid(aid):
    """Add ``aid`` beside every commitment of a draft (replacing one of the same name); return it."""
    _aids[aid.name] = aid
    return aid


def unregister_commitment_aid(name):
    _aids.pop(name, None)


def attach_commitment_aids(request, promise):
    """Set ``commitment.aids`` = [(aid, context)] on each of ``promise``'s (prefetched) commitments."""
    per_aid = [(aid, aid.context(request, promise) or {}) for aid in sorted(_aids.values(), key=lambda a: (a.order, a.name))]
    for commitment in promise.commitments.all():
        commitment.aids = [(aid, contexts[commitment.pk]) for aid, contexts in per_aid if commitment.pk in contexts]
