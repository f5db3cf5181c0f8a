"""Drafting help: warnings about a draft's text, shown while it is written and before it is sent for signing.

Warnings, not errors: the people drafting decide. ``drafting_warnings(promise)``
runs every check in ``CHECKS`` in order and returns their ``DraftingWarning``\\ s.
A check is a plain function ``check(promise) -> iterable of DraftingWarning``
that reads ``promise`` as ``selectors.promise_with_content`` loads it and costs
a fixed number of queries; ``register_check`` adds one. The problem picture's
checks (e) and (f) read the pictures in force for the promise's
municipalities once per promise (one query, and one more for the problems
the commitments answer when there is an approved picture).
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from medborgarloften.areas.models import Municipality, Place, SubArea
from medborgarloften.problems.selectors import approved_pictures_for, prioritised_problems
from medborgarloften.scope.themes import Theme

from .models import Activity, Commitment, Promise


@dataclass(frozen=True)
class DraftingWarning:
    code: str       # what kind of warning, e.g. "name_elsewhere"
    message: str    # what is wrong, in the reader's language
    where: str      # which part of the promise, e.g. Activity “Trafikkontroller …” (Trafiksäkerhet)
    url: str = ""   # where to change it


CHECKS = []


def register_check(check):
    """Add ``check`` to the drafting checks (once); return it, so it can decorate."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def drafting_warnings(promise):
    """Return the drafting warnings about ``promise`` (loaded by ``selectors.promise_with_content``), in order."""
    return [warning for check in CHECKS for warning in check(promise)]


# --- where things are -------------------------------------------------------


def _short(text):
    return Truncator(text).chars(50)


def _promise_place(promise):
    return _("The promise's text"), reverse("promises:edit", kwargs={"pk": promise.pk})


def _commitment_place(commitment):
    return (_("Commitment “%(name)s”") % {"name": commitment.focus_area},
            reverse("promises:commitment_edit", kwargs={"pk": commitment.pk}))


def _activity_place(activity, commitment):
    return (_("Activity “%(activity)s” (%(commitment)s)") % {"activity": _short(activity.description),
                                                              "commitment": commitment.focus_area},
            reverse("promises:activity_edit", kwargs={"pk": activity.pk}))


def _texts(promise):
    """Yield (where, url, field label, text) for every text field of ``promise``'s content."""
    where, url = _promise_place(promise)
    for field in ("title", "situation", "follow_up"):
        yield where, url, Promise._meta.get_field(field).verbose_name, getattr(promise, field)
    for commitment in promise.commitments.all():
        where, url = _commitment_place(commitment)
        for field in ("focus_area", "pledge", "goal", "indicator"):
            yield where, url, Commitment._meta.get_field(field).verbose_name, getattr(commitment, field)
        for activity in commitment.activities.all():
            where, url = _activity_place(activity, commitment)
            for field in ("description", "unit", "recurrence", "places"):
                yield where, url, Activity._meta.get_field(field).verbose_name, getattr(activity, field)


# --- (a) names of places that belong elsewhere --------------------------------

WORD = re.compile(r"\w+", re.UNICODE)
# Words in a place's name that name a road or a street ("Näldenvägen" in
# "Korsningen Näldenvägen/Krokomsvägen"): a copied text that names one belongs elsewhere.
STREET_LIKE = re.compile(
    r"\b\w+(?:vägen|väg|gatan|gata|gränd|gränden|leden|allén|backen|stigen|torget|platsen|parken|stråket)\b",
    re.IGNORECASE | re.UNICODE,
)
# Municipalities whose name is also a common Swedish word ("vara" is "to be",
# "berg" a mountain, "mark" ground): they count only when written with a capital.
COMMON_WORD_NAMES = frozenset({"ale", "berg", "eda", "kil", "lund", "mark", "mora", "sala", "säter", "vara", "hjo", "boden"})
# Names every town has: never a sign that a text was written for another one.
GENERIC_PLACE_NAMES = frozenset({
    "centrum", "torget", "stortorget", "storgatan", "kyrkogatan", "järnvägsgatan", "drottninggatan",
    "resecentrum", "busstationen", "järnvägsstationen", "stationen", "hamnen", "skolan", "parken",
    "idrottsplatsen", "sporthallen", "simhallen", "biblioteket", "kyrkan", "stadsparken",
})
# A place name registered in this many municipalities or more is a common name, not a sign.
GENERIC_WHEN_IN = 3
LONGEST_NAME = 5   # words


def _key(text):
    return " ".join(word.casefold() for word in WORD.findall(text))


def _genitive(key):
    return key if key[-1:] in ("s", "x", "z") else key + "s"


def _names_elsewhere(own_ids):
    """Return {key: (name, municipality, is_municipality)} for names that belong to municipalities other than ``own_ids``.

    Keys are the names' words in lower case, also in the genitive ("krokoms").
    A name the promise's own municipalities also have is theirs, and a name
    found in ``GENERIC_WHEN_IN`` municipalities or more is a common one: neither
    is a sign of a text written elsewhere. Three queries: municipalities,
    sub-areas and places (names only).
    """
    municipalities = dict(Municipality.objects.order_by().values_list("pk", "name"))
    own, elsewhere = set(), {}
    for pk, name in municipalities.items():
        for key in (_key(name), _genitive(_key(name))):
            if pk in own_ids:
                own.add(key)
            else:
                elsewhere.setdefault(key, (name, name, True))
    places = defaultdict(dict)   # key -> {municipality id: name as written}
    rows = [*SubArea.objects.order_by().values_list("name", "municipality_id"), *Place.objects.order_by().values_list("name", "municipality_id")]
    for name, municipality_id in rows:
        for candidate in (name, *STREET_LIKE.findall(name)):
            key = _key(candidate)
            if key and key not in GENERIC_PLACE_NAMES:
                places[key].setdefault(municipality_id, candidate)
    for key, by_municipality in places.items():
        if own_ids & by_municipality.keys():
            own.update((key, _genitive(key)))
        elif len(by_municipality) < GENERIC_WHEN_IN:
            municipality_id, name = min(by_municipality.items())
            for variant in (key, _genitive(key)):
                elsewhere.setdefault(variant, (name, municipalities[municipality_id], False))
    return {key: found for key, found in elsewhere.items() if key not in own}


def find_names(text, names):
    """Return the (name, municipality, is_municipality) of ``names`` that ``text`` mentions, each once, in order.

    Whole words only ("Krokomsvägen" does not name Krokom), any case, up to
    five words long; a name that is also a common word counts only capitalised.
    """
    words = list(WORD.finditer(text))
    found, seen = [], set()
    i = 0
    while i < len(words):
        for length in range(min(LONGEST_NAME, len(words) - i), 0, -1):
            key = " ".join(w.group().casefold() for w in words[i:i + length])
            hit = names.get(key)
            if hit is None:
                continue
            first = words[i].group()
            if (key in COMMON_WORD_NAMES or key[:-1] in COMMON_WORD_NAMES) and not first[:1].isupper():
                continue
            if hit not in seen:
                seen.add(hit)
                found.append(hit)
            i += length - 1
            break
        i += 1
    return found


def check_names_elsewhere(promise):
    """(a) A text that names another municipality, or a place, sub-area or road of one (a copy not yet adapted)."""
    names = _names_elsewhere({m.pk for m in promise.municipalities.all()})
    for where, url, label, text in _texts(promise):
        for name, municipality, is_municipality in find_names(text or "", names):
            field = str(label)[:1].upper() + str(label)[1:]
            if is_municipality:
                message = _("%(field)s names %(name)s, another municipality.") % {"field": field, "name": municipality}
            else:
                message = _("%(field)s names “%(name)s”, a place in %(municipality)s, not in this promise's municipality.") % {
                    "field": field, "name": name, "municipality": municipality}
            yield DraftingWarning("name_elsewhere", message, where, url)


# --- (b) focus areas against commitments ------------------------------------


def check_focus_areas(promise):
    """(b) A focus area with no commitment on its theme, or a commitment on a theme outside the focus areas."""
    if not promise.focus_themes:
        return
    labels = dict(Theme.choices)
    commitments = list(promise.commitments.all())
    covered = {c.theme for c in commitments if c.theme}
    where, url = _promise_place(promise)
    for theme in promise.focus_themes:
        if theme not in covered:
            yield DraftingWarning("focus_without_commitment", _(
                "The focus area “%(theme)s” has no commitment on its theme.") % {"theme": labels.get(theme, theme)},
                where, url)
    for commitment in commitments:
        where, url = _commitment_place(commitment)
        if not commitment.theme:
            yield DraftingWarning("commitment_without_theme", _(
                "The commitment has no theme, so it cannot be compared with the focus areas."), where, url)
        elif commitment.theme not in promise.focus_themes:
            yield DraftingWarning("commitment_outside_focus", _(
                "The commitment's theme “%(theme)s” is not one of the promise's focus areas.")
                % {"theme": labels.get(commitment.theme, commitment.theme)}, where, url)


# --- (c) activities without a responsible party, a quantity or a period -------


def check_activities(promise):
    """(c) An activity lacks a responsible party, a quantity or a period."""
    for commitment in promise.commitments.all():
        for activity in commitment.activities.all():
            where, url = _activity_place(activity, commitment)
            if not activity.responsible or (
                    activity.responsible == Activity.Responsible.PARTNERS and not activity.partners.all()):
                yield DraftingWarning("activity_without_responsible", _("No one is named responsible for the activity."),
                                      where, url)
            if activity.target_quantity is None:
                yield DraftingWarning("activity_without_quantity", _(
                    "The activity has no quantity (at least how many), so the follow-up cannot say whether it was done."),
                    where, url)
            if activity.period_start is None or activity.period_end is None:
                yield DraftingWarning("activity_without_period", _(
                    "The activity has no period (from and to dates)."), where, url)


# --- (e) and (f) commitments against the prioritised problems -----------------


def _problem_picture(promise):
    """Return (prioritised, answers) for ``promise``, read once per promise object.

    ``prioritised``: [(picture, [(problem id, title, rank)])] of the approved
    pictures in force for the promise's municipalities that prioritise
    problems; ``answers``: {commitment id: {problem ids}}. Without such a
    picture ``prioritised`` is empty and the commitments' problems are not read.
    """
    cached = promise.__dict__.get("_drafting_problem_picture")
    if cached is not None:
        return cached
    year = promise.valid_from.year if promise.valid_from else None
    pictures = approved_pictures_for([m.pk for m in promise.municipalities.all()], year=year)
    prioritised = [(picture, problems) for picture in pictures if (problems := prioritised_problems(picture))]
    answers = defaultdict(set)
    if prioritised:
        commitment_ids = [c.pk for c in promise.commitments.all()]
        for commitment_id, problem_id in Commitment.problems.through.objects.filter(
                commitment_id__in=commitment_ids).values_list("commitment_id", "problem_id"):
            answers[commitment_id].add(problem_id)
    promise.__dict__["_drafting_problem_picture"] = (prioritised, answers)
    return prioritised, answers


def check_commitments_answer_problems(promise):
    """(e) A commitment that answers none of the prioritised problems of the approved problem picture."""
    prioritised, answers = _problem_picture(promise)
    if not prioritised:
        return
    ids = {problem_id for _picture, problems in prioritised for problem_id, _title, _rank in problems}
    titles = ", ".join(_("“%(title)s”") % {"title": picture.title} for picture, _problems in prioritised)
    for commitment in promise.commitments.all():
        if not answers.get(commitment.pk, set()) & ids:
            where, url = _commitment_place(commitment)
            yield DraftingWarning("commitment_without_problem", _(
                "The commitment answers none of the prioritised problems of the problem picture %(pictures)s.")
                % {"pictures": titles}, where, url)


def check_problems_have_commitments(promise):
    """(f) A prioritised problem of the approved problem picture that no commitment of the promise answers."""
    prioritised, answers = _problem_picture(promise)
    answered = set().union(*answers.values()) if answers else set()
    for picture, problems in prioritised:
        for problem_id, title, rank in problems:
            if problem_id not in answered:
                yield DraftingWarning("problem_without_commitment", _(
                    "The problem “%(problem)s” (priority %(rank)s in the problem picture “%(picture)s”) "
                    "has no commitment that answers it.") % {"problem": title, "rank": rank, "picture": picture.title},
                    _("The promise's commitments"), reverse("promises:commitment_create", kwargs={"pk": promise.pk}))


register_check(check_names_elsewhere)
register_check(check_focus_areas)
register_check(check_activities)
register_check(check_commitments_answer_problems)
register_check(check_problems_have_commitments)
