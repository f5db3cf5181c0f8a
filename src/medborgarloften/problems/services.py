"""Every change to a problem picture goes through these functions.

Each one checks the named rule (else ``PermissionDenied``), validates, writes
inside one transaction after ``full_clean()`` and adds an audit entry in the
same transaction. An edit to an approved picture sends it back to draft: its
approved version stays on the public pages until a new one is approved.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships
from medborgarloften.audit.services import record_change
from medborgarloften.scope.predicates import acts_for
from medborgarloften.scope.themes import Theme

from . import evidence as readers
from . import ranking, selectors
from .models import (  # noqa: F401 (content_hash is used by the views)
    Approval, Decision, EvidenceLink, Problem, ProblemPicture, ProblemPictureVersion, Suggestion, content_hash,
)
from .suggestions import candidates_for

PROBLEM_FIELDS = ("title", "theme", "description", "place_notes", "times", "affected", "causes", "cause_offender",
                  "cause_victim", "cause_place", "public")


def _require(person, perm, obj=None):
    if not person.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _municipality_ids(picture):
    return {m.pk for m in picture.municipalities.all()}


def _after_edit(picture, *, by):
    """An edit to an approved picture sends it back to draft (the approved version stays public)."""
    now = timezone.now()
    if ProblemPicture.objects.filter(pk=picture.pk, state=ProblemPicture.State.APPROVED).update(
            state=ProblemPicture.State.DRAFT, updated_at=now):
        record_change(picture, actor=by, action="problem_picture.reopened",
                      changes={"state": [ProblemPicture.State.APPROVED, ProblemPicture.State.DRAFT]})
    else:
        ProblemPicture.objects.filter(pk=picture.pk).update(updated_at=now)
    picture.state = ProblemPicture.State.DRAFT


# --- the picture --------------------------------------------------------------


def create_problem_picture(*, by, municipalities, year, title="", local_police_area=None, evidence_from=None,
                           evidence_to=None):
    """Start the problem picture of ``municipalities`` (one, or a local police area's) for the cycle of ``year``.

    The evidence period defaults to the two years before the cycle.
    """
    _require(by, "problems.add_problempicture")
    municipalities = list(municipalities)
    if not municipalities:
        raise ValidationError({"municipalities": ValidationError(_("Choose at least one municipality."), code="required")})
    if not acts_for(by, municipalities, Membership.Role.EDITOR):
        raise PermissionDenied("problems.add_problempicture")
    if local_police_area is not None:
        covered = set(local_police_area.municipalities.values_list("pk", flat=True))
        if not {m.pk for m in municipalities} <= covered:
            raise ValidationError({"municipalities": ValidationError(
                _("Every municipality must belong to the local police area."), code="outside_lpo")})
    names = ", ".join(sorted(m.name for m in municipalities))
    picture = ProblemPicture(
        title=title.strip() or _("Local problem picture %(names)s %(year)s") % {"names": names, "year": year},
        year=year, local_police_area=local_police_area, created_by=by,
        evidence_from=evidence_from or (datetime.date(year - 2, 1, 1) if isinstance(year, int) else None),
        evidence_to=evidence_to or (datetime.date(year - 1, 12, 31) if isinstance(year, int) else None),
    )
    picture.full_clean()
    with transaction.atomic():
        picture.save()
        picture.municipalities.set(municipalities)
        record_change(picture, actor=by, action="problem_picture.created", changes={
            "municipalities": sorted(m.code for m in municipalities), "year": year,
            "evidence": [str(picture.evidence_from), str(picture.evidence_to)]})
    return picture


# --- problems ---------------------------------------------------------------


def _check_places(picture, places, sub_areas):
    ids = _municipality_ids(picture)
    if any(p.municipality_id not in ids for p in places) or any(s.municipality_id not in ids for s in sub_areas):
        raise ValidationError({"places": ValidationError(
            _("Places and sub-areas must lie in the picture's municipalities."), code="place_elsewhere")})


def add_problem(picture, *, by, title, theme, places=(), sub_areas=(), **values):
    """Add a problem to ``picture``; the other ``values`` are the fields of PROBLEM_FIELDS."""
    _require(by, "problems.change_problempicture", picture)
    unknown = set(values) - set(PROBLEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    places, sub_areas = list(places), list(sub_areas)
    _check_places(picture, places, sub_areas)
    problem = Problem(picture=picture, title=title.strip(), theme=theme, created_by=by, **values)
    problem.full_clean()
    with transaction.atomic():
        problem.save()
        problem.places.set(places)
        problem.sub_areas.set(sub_areas)
        record_change(problem, actor=by, action="problem.added",
                      changes={"picture": picture.pk, "title": problem.title, "theme": theme})
        _after_edit(picture, by=by)
    return problem


def update_problem(problem, *, by, places=None, sub_areas=None, **values):
    """Change the fields ``values`` (of PROBLEM_FIELDS) and, if given, the places and sub-areas of ``problem``."""
    picture = problem.picture
    _require(by, "problems.change_problempicture", picture)
    changes = {}
    for name, value in values.items():
        if name not in PROBLEM_FIELDS:
            raise TypeError(f"unknown field: {name}")
        if getattr(problem, name) != value:
            changes[name] = [_jsonable(getattr(problem, name)), _jsonable(value)]
            setattr(problem, name, value)
    if places is not None or sub_areas is not None:
        _check_places(picture, list(places or ()), list(sub_areas or ()))
    problem.full_clean()
    with transaction.atomic():
        problem.save()
        if places is not None:
            problem.places.set(places)
            changes["places"] = sorted(p.name for p in places)
        if sub_areas is not None:
            problem.sub_areas.set(sub_areas)
            changes["sub_areas"] = sorted(s.name for s in sub_areas)
        record_change(problem, actor=by, action="problem.updated", changes=changes)
        _after_edit(picture, by=by)
    return problem


# --- evidence -----------------------------------------------------------------


def _read(fields):
    """Return the readers.Evidence of a link described by ``fields`` (raises ValidationError when unavailable)."""
    link = EvidenceLink(**fields)
    try:
        return readers.read_source(link)
    except readers.Unavailable as error:
        raise ValidationError(str(error), code="evidence_unavailable") from None


def _new_link(fields, found, *, by, problem=None, suggestion=None):
    link = EvidenceLink(problem=problem, suggestion=suggestion, added_by=by, checked_at=timezone.now(), **fields)
    link.snapshot, link.source_name = found.snapshot, str(found.source_name)[:300]
    link.source_date, link.fingerprint = found.source_date, found.fingerprint
    return link


def link_evidence(problem, *, by, kind, municipality, survey=None, item="", theme="", comment=None, category=None,
                  year=None, text=""):
    """Link one piece of evidence to ``problem``, stored as it is shown now (snapshot, source, date, fingerprint).

    ``kind`` decides which source arguments count: a survey and its ``item``;
    the dialogues' ``theme`` (counted over the picture's evidence period); one
    public ``comment``; a statistics ``category`` and ``year``; or staff
    knowledge as ``text`` (restricted: never public).
    """
    picture = problem.picture
    _require(by, "problems.change_problempicture", picture)
    if municipality.pk not in _municipality_ids(picture):
        raise ValidationError({"municipality": ValidationError(
            _("The evidence must be about one of the picture's municipalities."), code="municipality_elsewhere")})
    Kind = EvidenceLink.Kind
    fields = {"kind": kind, "municipality": municipality}
    if kind == Kind.SURVEY:
        if survey is None or not item:
            raise ValidationError(_("Choose a survey result."), code="survey_required")
        if not survey.municipalities.filter(pk=municipality.pk).exists():
            raise ValidationError(_("The survey does not cover the municipality."), code="survey_elsewhere")
        fields.update(survey=survey, item=item)
    elif kind == Kind.DIALOGUES:
        if theme not in Theme.values:
            raise ValidationError({"theme": ValidationError(_("Choose a theme."), code="theme_required")})
        fields.update(theme=theme, since=picture.evidence_from, until=picture.evidence_to)
    elif kind == Kind.COMMENT:
        if comment is None or comment.municipality_id != municipality.pk:
            raise ValidationError(_("Choose a comment of the municipality."), code="comment_required")
        fields.update(comment=comment)
    elif kind == Kind.STATISTICS:
        if category is None or year is None:
            raise ValidationError(_("Choose a statistics series and a year."), code="series_required")
        fields.update(category=category, year=year)
    elif kind == Kind.STAFF:
        if not text.strip():
            raise ValidationError({"text": ValidationError(_("Say what staff know."), code="text_required")})
        fields.update(text=text.strip())
    else:
        raise ValidationError(_("Unknown kind of evidence."), code="unknown_kind")
    if kind == Kind.STAFF:
        organisations = sorted({m.organisation.name for m in current_memberships(by)
                                if m.organisation.kind in ("police", "municipality")})
        label = fields["text"][:200]
        found = readers.Evidence({"label": label, "text": fields["text"]},
                                 _("Staff knowledge: %(organisation)s") % {"organisation": ", ".join(organisations) or "–"},
                                 timezone.localdate(), "")
    else:
        found = _read(fields)
    link = _new_link(fields, found, by=by, problem=problem)
    if any(other.source_key() == link.source_key() for other in problem.evidence.all()):
        raise ValidationError(_("This evidence is already linked to the problem."), code="duplicate_evidence")
    link.full_clean()
    with transaction.atomic():
        link.save()
        record_change(link, actor=by, action="evidence.linked",
                      changes={"problem": problem.pk, "kind": kind, "source": link.source_name,
                               "restricted": link.is_restricted})
        _after_edit(picture, by=by)
    return link


def unlink_evidence(link, *, by):
    """Remove an evidence link from its problem."""
    picture = link.problem.picture
    _require(by, "problems.change_problempicture", picture)
    with transaction.atomic():
        record_change(link, actor=by, action="evidence.unlinked",
                      changes={"problem": link.problem_id, "kind": link.kind, "snapshot": link.snapshot})
        link.delete()
        _after_edit(picture, by=by)


def refresh_evidence(link, *, by):
    """Replace a flagged link's snapshot by its source's current figures, a person's choice recorded in the audit log."""
    picture = (link.problem or link.suggestion).picture
    _require(by, "problems.change_problempicture", picture)
    try:
        found = readers.read_source(link)
    except readers.Unavailable as error:
        raise ValidationError(str(error), code="evidence_unavailable") from None
    if found is None:
        return link
    with transaction.atomic():
        before = link.snapshot
        link.snapshot, link.source_date, link.fingerprint = found.snapshot, found.source_date, found.fingerprint
        link.stale, link.stale_reason, link.checked_at = False, "", timezone.now()
        link.save()
        record_change(link, actor=by, action="evidence.refreshed", changes={"before": before, "after": link.snapshot})
        if link.problem_id:
            _after_edit(picture, by=by)
    return link


def check_evidence(links):
    """Read the source of each of ``links`` again and flag those whose source changed or is gone.

    A flagged link keeps the snapshot it was shown with and says what changed
    (``stale_reason``); a link whose source is back as it was is cleared.
    Returns the number of links whose flag changed. Runs without a person
    (from the audit-log hook, the workspace page and the `check_evidence`
    command), so it checks no permission; it changes no text of a picture.
    """
    changed = 0
    now = timezone.now()
    for link in links:
        if link.kind == EvidenceLink.Kind.STAFF:
            continue
        try:
            found = readers.read_source(link)
            stale, reason = found.fingerprint != link.fingerprint, ""
            if stale:
                reason = _("The source's figures have changed since the evidence was linked.")
        except readers.Unavailable as error:
            stale, reason = True, str(error)
        if stale != link.stale or (stale and reason != link.stale_reason):
            with transaction.atomic():
                EvidenceLink.objects.filter(pk=link.pk).update(stale=stale, stale_reason=reason[:500], checked_at=now)
                record_change(link, actor=None, action="evidence.flagged" if stale else "evidence.cleared",
                              changes={"reason": reason})
            link.stale, link.stale_reason = stale, reason[:500]
            changed += 1
        else:
            EvidenceLink.objects.filter(pk=link.pk).update(checked_at=now)
    return changed


def check_picture_evidence(picture, *, due_only=False):
    """Check every link of ``picture``'s problems and open suggestions; return the number whose flag changed.

    With ``due_only`` (the workspace page), only links not checked in the last
    ``PROBLEMS_CHECK_SECONDS`` (300): a page viewed again soon after reads no
    source, so its cost does not grow with the evidence.
    """
    links = (EvidenceLink.objects.filter(problem__picture=picture) | EvidenceLink.objects.filter(
        suggestion__picture=picture, suggestion__state=Suggestion.State.OPEN)).exclude(kind=EvidenceLink.Kind.STAFF)
    if due_only:
        seconds = getattr(settings, "PROBLEMS_CHECK_SECONDS", 300)
        links = links.filter(Q(checked_at__isnull=True) | Q(checked_at__lt=timezone.now() - datetime.timedelta(seconds=seconds)))
    return check_evidence(list(links.select_related("municipality__county", "survey", "category", "comment")))


def check_all_evidence():
    """Check every link of every problem and open suggestion (the `check_evidence` command, e.g. nightly); return the count flagged or cleared."""
    links = (EvidenceLink.objects.filter(problem__isnull=False) | EvidenceLink.objects.filter(
        suggestion__state=Suggestion.State.OPEN)).exclude(kind=EvidenceLink.Kind.STAFF)
    return check_evidence(list(links.select_related("municipality__county", "survey", "category", "comment")))


# --- suggestions --------------------------------------------------------------


def suggest_problems(picture, *, by):
    """Add the candidate problems computed from the evidence (suggestions.py) that ``picture`` has not had yet.

    Returns the new suggestions; one suggested before (open, accepted, merged
    or dismissed) is not suggested again.
    """
    _require(by, "problems.change_problempicture", picture)
    known = set(Suggestion.objects.filter(picture=picture).values_list("key", flat=True))
    created = []
    with transaction.atomic():
        for candidate in candidates_for(picture):
            if candidate.key in known:
                continue
            known.add(candidate.key)
            suggestion = Suggestion(picture=picture, key=candidate.key, basis=candidate.basis, title=candidate.title,
                                    theme=candidate.theme, summary=candidate.summary[:500], strength=candidate.strength)
            suggestion.full_clean()
            suggestion.save()
            suggestion.places.set(candidate.places)
            for fields, found in candidate.evidence:
                _new_link(fields, found, by=by, suggestion=suggestion).save()
            created.append(suggestion)
        if created:
            record_change(picture, actor=by, action="problem_picture.suggested",
                          changes={"suggestions": [s.title for s in created]})
    return created


def _decide(suggestion, *, by, state, problem=None, reason=""):
    suggestion.state, suggestion.problem, suggestion.reason = state, problem, reason
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion.full_clean()
    suggestion.save()


def _move_evidence(suggestion, problem):
    """Move the suggestion's evidence to ``problem``, leaving out what the problem already cites."""
    keys = {link.source_key() for link in problem.evidence.all()}
    for link in suggestion.evidence.all():
        if link.source_key() in keys:
            continue
        keys.add(link.source_key())
        EvidenceLink.objects.filter(pk=link.pk).update(problem=problem)


def accept_suggestion(suggestion, *, by, title=""):
    """Make ``suggestion`` a problem of its picture, with its evidence and places (``title`` overrides its title)."""
    _require(by, "problems.decide_suggestion", suggestion)
    with transaction.atomic():
        problem = add_problem(suggestion.picture, by=by, title=title or suggestion.title, theme=suggestion.theme,
                              places=list(suggestion.places.all()), description=suggestion.summary)
        _move_evidence(suggestion, problem)
        _decide(suggestion, by=by, state=Suggestion.State.ACCEPTED, problem=problem)
        record_change(suggestion, actor=by, action="suggestion.accepted", changes={"problem": problem.pk})
    return problem


def merge_suggestion(suggestion, *, by, problem):
    """Add ``suggestion``'s evidence and places to the existing ``problem`` of the same picture."""
    _require(by, "problems.decide_suggestion", suggestion)
    if problem.picture_id != suggestion.picture_id:
        raise ValidationError({"problem": ValidationError(
            _("Choose a problem of the same problem picture."), code="other_picture")})
    with transaction.atomic():
        _move_evidence(suggestion, problem)
        problem.places.add(*suggestion.places.all())
        _decide(suggestion, by=by, state=Suggestion.State.MERGED, problem=problem)
        record_change(suggestion, actor=by, action="suggestion.merged", changes={"problem": problem.pk})
        _after_edit(suggestion.picture, by=by)
    return problem


def dismiss_suggestion(suggestion, *, by, reason):
    """Dismiss ``suggestion``; a reason is required (it stays in the picture's record)."""
    _require(by, "problems.decide_suggestion", suggestion)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(_("Say why the suggestion is dismissed."), code="reason_required")})
    with transaction.atomic():
        _decide(suggestion, by=by, state=Suggestion.State.DISMISSED, reason=reason)
        record_change(suggestion, actor=by, action="suggestion.dismissed", changes={"reason": reason})
    return suggestion


# --- priorities ---------------------------------------------------------------


def set_priorities(picture, *, by, order, justification, reasons=None):
    """Decide the priority order: ``order`` lists problem ids, highest first; the others are not prioritised.

    ``justification`` (required) says why; ``reasons`` ({problem id: text})
    are required for every problem residents point at strongly (citizen
    score at least ``ranking.strong_score()``) that is ranked below
    ``ranking.protected_rank()`` or left out.
    """
    _require(by, "problems.set_priorities", picture)
    reasons = {int(k): (v or "").strip() for k, v in (reasons or {}).items()}
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError({"justification": ValidationError(
            _("Give the justification of the priority order."), code="justification_required")})
    problems = {p.pk: p for p in selectors.problems_of(picture)}
    order = [int(pk) for pk in order]
    if len(set(order)) != len(order) or not set(order) <= set(problems):
        raise ValidationError(_("The order must name each problem of the picture at most once."), code="bad_order")
    scores = dict((p.pk, s) for p, s in selectors.scored(problems.values()))
    limit = ranking.protected_rank()
    missing = []
    for pk, problem in problems.items():
        rank = order.index(pk) + 1 if pk in order else None
        if scores[pk].strong and (rank is None or rank > limit) and not reasons.get(pk):
            missing.append(problem.title)
    if missing:
        raise ValidationError(
            _("Residents point strongly at %(problems)s: give a written reason for ranking it below %(rank)s or leaving it out.")
            % {"problems": ", ".join(missing), "rank": limit}, code="citizen_reason_required")
    with transaction.atomic():
        Problem.objects.filter(picture=picture).update(priority=None)
        entries = []
        for pk, problem in problems.items():
            rank = order.index(pk) + 1 if pk in order else None
            Problem.objects.filter(pk=pk).update(priority=rank, priority_reason=reasons.get(pk, ""))
            entries.append({"id": pk, "title": problem.title, "rank": rank, "citizen_score": scores[pk].citizen,
                            "authority_score": scores[pk].authority, "reason": reasons.get(pk, "")})
        entries.sort(key=lambda e: (e["rank"] is None, e["rank"] or 0))
        decision = Decision(picture=picture, order=entries, justification=justification, decided_by=by)
        decision.full_clean()
        decision.save()
        record_change(decision, actor=by, action="problem_picture.prioritised",
                      changes={"order": [e["title"] for e in entries if e["rank"]], "justification": justification})
        _after_edit(picture, by=by)
    return decision


# --- approval -----------------------------------------------------------------


def _problem_content(problem, score):
    return {
        "id": problem.pk, "title": problem.title, "theme": problem.theme, "description": problem.description,
        "places": [p.name for p in problem.places.all()], "sub_areas": [s.name for s in problem.sub_areas.all()],
        "place_notes": problem.place_notes, "times": problem.times, "affected": problem.affected,
        "causes": problem.causes, "cause_offender": problem.cause_offender, "cause_victim": problem.cause_victim,
        "cause_place": problem.cause_place, "priority": problem.priority, "priority_reason": problem.priority_reason,
        "public": problem.public, "citizen_score": score.citizen, "authority_score": score.authority,
        "evidence": [{
            "kind": link.kind, "label": link.snapshot.get("label", ""), "snapshot": link.snapshot,
            "source": link.source_name, "date": str(link.source_date) if link.source_date else None,
            "restricted": link.is_restricted, "municipality": link.municipality.name,
            "url": link.snapshot.get("url") or "",
        } for link in problem.evidence.all()],
    }


def picture_content(picture):
    """Return the canonical content of ``picture`` as a version freezes it."""
    decision = selectors.latest_decision(picture)
    return {
        "title": picture.title, "year": picture.year,
        "municipalities": [{"code": m.code, "name": m.name} for m in picture.municipalities.all()],
        "evidence_period": [str(picture.evidence_from), str(picture.evidence_to)],
        "problems": [_problem_content(p, s) for p, s in selectors.scored(selectors.problems_of(picture))],
        "justification": decision.justification if decision else "",
    }


def approve_problem_picture(picture, *, by):
    """Approve the picture as it is now for each party ``by`` edits for; approved once every party approved.

    Approving freezes the current content into a new version unless the
    latest version already holds it; approvals of an earlier version no
    longer count. Stale evidence must be reviewed first.
    """
    _require(by, "problems.approve_problempicture", picture)
    with transaction.atomic():
        picture = ProblemPicture.objects.select_for_update(of=("self",)).prefetch_related("municipalities").get(pk=picture.pk)
        check_picture_evidence(picture)
        if EvidenceLink.objects.filter(problem__picture=picture, stale=True).exists():
            raise ValidationError(_("Some evidence has changed at its source: review the flagged links first."),
                                  code="stale_evidence")
        if not picture.problems.exists():
            raise ValidationError(_("Add at least one problem before approving."), code="no_problems")
        parties = selectors.parties(picture)
        mine = [o for o in parties if any(m.organisation_id == o.pk and m.role == Membership.Role.EDITOR
                                          for m in current_memberships(by))]
        if not mine:
            raise PermissionDenied("problems.approve_problempicture")
        content = picture_content(picture)
        version = selectors.latest_version(picture)
        if version is None or version.content_hash != content_hash(content):
            version = ProblemPictureVersion(picture=picture, number=(version.number + 1) if version else 1,
                                            content=content, created_by=by)
            version.save()
        done = {a.organisation_id for a in selectors.approvals_of(version)}
        todo = [o for o in mine if o.pk not in done]
        if not todo:
            raise ValidationError(_("You have already approved this version."), code="already_approved")
        now = timezone.now()
        for organisation in todo:
            Approval.objects.create(version=version, organisation=organisation, person=by,
                                    name=by.get_full_name() or by.get_username(), organisation_name=organisation.name,
                                    approved_at=now, content_hash=version.content_hash)
        record_change(version, actor=by, action="problem_picture.approved_by_party",
                      changes={"parties": [o.name for o in todo], "hash": version.content_hash})
        if {o.pk for o in parties} <= done | {o.pk for o in todo}:
            picture.state, picture.approved_version, picture.approved_at = ProblemPicture.State.APPROVED, version, now
            picture.save(update_fields=["state", "approved_version", "approved_at", "updated_at"])
            record_change(picture, actor=by, action="problem_picture.approved",
                          changes={"version": version.number, "hash": version.content_hash})
    return version
