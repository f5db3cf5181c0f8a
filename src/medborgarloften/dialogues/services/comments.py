"""Comments: residents' own (moderated), staff-recorded ones, moderation, themes and their analysis."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change
from medborgarloften.scope.themes import Theme

from ..models import Comment, CommentTheme, Dialogue, ThemeClassifier
from ._common import COMMENT_RELATIONS, clean, apply_changes, jsonable, require

LOCATION_FIELDS = ("place", "latitude", "longitude")
WHEN_FIELDS = ("time_of_day", "weekday", "season", "feels_unsafe", "concerns_crime")
EDITABLE_FIELDS = ("text", "published_text", "made_on", *LOCATION_FIELDS, *WHEN_FIELDS)
MAX_LENGTH = 5000


def consent_text():
    """Return the consent a resident gives with contact details, in the language the form is shown in (it is stored as shown)."""
    return _(
        "I agree that the municipality and the police keep my name and contact details to contact me about "
        "this comment. Only their staff see them; they are never published."
    )


def _check_text(text):
    if not text.strip():
        raise ValidationError({"text": ValidationError(_("Write your comment."), code="text_missing")})
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": ValidationError(
            _("The comment is too long (at most %(max)s characters)."), code="text_too_long", params={"max": MAX_LENGTH})})


def _analyse_later(comment):
    from ..tasks import analyse_comment_task

    transaction.on_commit(lambda: analyse_comment_task.enqueue(comment.pk))


def submit_comment(municipality, *, text, place=None, latitude=None, longitude=None, time_of_day="", weekday="",
                   season="", feels_unsafe=False, concerns_crime=False, contact_name="", contact_email="",
                   contact_phone="", consent=False):
    """Store a resident's comment on ``municipality``, waiting for moderation; return it.

    Anonymous unless contact details are given, and those only with
    ``consent`` (the consent text is stored with them). The comment joins the
    municipality's online dialogue running now, if there is one. Theme
    analysis runs as a background task after the commit.
    """
    _check_text(text)
    contact = {"contact_name": contact_name.strip(), "contact_email": contact_email.strip(),
               "contact_phone": contact_phone.strip()}
    errors = {}
    if any(contact.values()) and not consent:
        errors["consent"] = ValidationError(
            _("Tick the box to let us keep your contact details, or leave them out."), code="contact_without_consent")
    if consent and not any(contact.values()):
        errors["contact_name"] = ValidationError(
            _("Give a name, an e-mail address or a phone number, or untick the box."), code="consent_without_contact")
    now = timezone.now()
    dialogue = (
        Dialogue.objects.filter(municipality=municipality, kind=Dialogue.Kind.ONLINE, starts_at__lte=now)
        .exclude(ends_at__lt=now).order_by("-starts_at").first()
    )
    comment = Comment(
        municipality=municipality, dialogue=dialogue, source=Comment.Source.ONLINE, text=text.strip(),
        place=place, latitude=latitude, longitude=longitude, time_of_day=time_of_day, weekday=weekday, season=season,
        feels_unsafe=feels_unsafe, concerns_crime=concerns_crime, contact_consent=consent_text() if consent else "",
        made_on=timezone.localdate(now), **contact,
    )
    if errors:
        # Report every problem at once (the resident fixes them in one go).
        comment.contact_consent = consent_text()
        try:
            clean(comment, COMMENT_RELATIONS)
        except ValidationError as error:
            errors = {**error.update_error_dict({}), **errors}
        raise ValidationError(errors)
    clean(comment, COMMENT_RELATIONS)
    with transaction.atomic():
        comment.save()
        # No actor, no address: residents are anonymous.
        record_change(comment, actor=None, action="comment.submitted", changes={"contact": comment.has_contact})
        _analyse_later(comment)
    return comment


def record_comment(dialogue, *, by, text, themes=(), publish=True, place=None, latitude=None, longitude=None,
                   time_of_day="", weekday="", season="", feels_unsafe=False, concerns_crime=False, made_on=None):
    """Record a comment made at ``dialogue`` (on ``made_on``, by default the dialogue's first day); return it.

    With ``publish`` it is approved at once (staff write it as it may be
    published; a staff dialogue's comments are never public anyway);
    otherwise it waits in the moderation queue. ``themes`` given here count
    as confirmed by ``by``.
    """
    require(by, "dialogues.change_dialogue", dialogue)
    _check_text(text)
    themes = _valid_themes(themes)
    now = timezone.now()
    comment = Comment(
        municipality_id=dialogue.municipality_id, dialogue=dialogue, source=Comment.Source.RECORDED, text=text.strip(),
        place=place, latitude=latitude, longitude=longitude, time_of_day=time_of_day, weekday=weekday, season=season,
        feels_unsafe=feels_unsafe, concerns_crime=concerns_crime, created_by=by,
        made_on=made_on or timezone.localdate(dialogue.starts_at),
    )
    if publish:
        comment.status, comment.published_text = Comment.Status.APPROVED, comment.text
        comment.moderated_by, comment.moderated_at = by, now
    if themes:
        comment.themes_confirmed_by, comment.themes_confirmed_at = by, now
    clean(comment, COMMENT_RELATIONS)
    with transaction.atomic():
        comment.save()
        CommentTheme.objects.bulk_create(CommentTheme(comment=comment, theme=t) for t in themes)
        record_change(comment, actor=by, action="comment.recorded",
                      changes={"dialogue": str(dialogue), "status": comment.status, "themes": themes})
        _analyse_later(comment)
    return comment


def update_comment(comment, *, by, **values):
    """Change a comment's text, published text, place or when it happens."""
    require(by, "dialogues.change_comment", comment)
    if "text" in values:
        _check_text(values["text"])
    if comment.status == Comment.Status.APPROVED and "published_text" in values and not values["published_text"].strip():
        raise ValidationError({"published_text": ValidationError(_("Give the text to publish."), code="nothing_to_publish")})
    changes = apply_changes(comment, values, EDITABLE_FIELDS)
    # The resident's words are kept out of the log: they may hold what the moderator removed.
    for field in ("text", "published_text"):
        if field in changes:
            changes[field] = "…"
    clean(comment, COMMENT_RELATIONS)
    with transaction.atomic():
        comment.save()
        record_change(comment, actor=by, action="comment.changed", changes=changes)
        if "text" in changes:
            _analyse_later(comment)
    return comment


def _locked(comment):
    return Comment.objects.select_for_update(of=("self",)).select_related("dialogue", "municipality").get(pk=comment.pk)


def approve_comment(comment, *, by, published_text, themes=None):
    """Publish a comment waiting for moderation, as ``published_text`` (the text cleared of personal data).

    With ``themes``, they are confirmed at the same time.
    """
    with transaction.atomic():
        comment = _locked(comment)
        require(by, "dialogues.moderate_comment", comment)
        if comment.status != Comment.Status.PENDING:
            raise ValidationError(_("The comment has already been moderated."), code="already_moderated")
        comment.status, comment.published_text = Comment.Status.APPROVED, published_text.strip()
        comment.moderated_by, comment.moderated_at = by, timezone.now()
        clean(comment, COMMENT_RELATIONS)
        comment.save()
        record_change(comment, actor=by, action="comment.approved",
                      changes={"redacted": comment.published_text != comment.text})
        if themes is not None:
            _set_themes(comment, by=by, themes=themes)
    return comment


def reject_comment(comment, *, by, reason):
    """Reject a comment (waiting, or already published: it is then taken down), giving ``reason``."""
    with transaction.atomic():
        comment = _locked(comment)
        require(by, "dialogues.change_comment", comment)
        if comment.status == Comment.Status.REJECTED:
            raise ValidationError(_("The comment has already been rejected."), code="already_rejected")
        previous = comment.status
        comment.status, comment.rejection_reason = Comment.Status.REJECTED, reason.strip()
        comment.moderated_by, comment.moderated_at = by, timezone.now()
        clean(comment, COMMENT_RELATIONS)
        comment.save()
        record_change(comment, actor=by, action="comment.rejected",
                      changes={"status": [previous, comment.status], "reason": comment.rejection_reason})
    return comment


def erase_contact(comment, *, by):
    """Remove the resident's contact details and consent from ``comment`` (once they have been contacted, say)."""
    require(by, "dialogues.change_comment", comment)
    if not comment.has_contact:
        return comment
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(contact_name="", contact_email="", contact_phone="", contact_consent="")
        comment.contact_name = comment.contact_email = comment.contact_phone = comment.contact_consent = ""
        record_change(comment, actor=by, action="comment.contact_erased")
    return comment


def _valid_themes(themes):
    themes = sorted(set(themes))
    unknown = [t for t in themes if t not in Theme.values]
    if unknown:
        raise ValidationError({"themes": ValidationError(
            _("Unknown theme: %(theme)s."), code="unknown_theme", params={"theme": unknown[0]})})
    return themes


def _set_themes(comment, *, by, themes):
    themes = _valid_themes(themes)
    before = sorted(comment.themes.values_list("theme", flat=True))
    comment.themes.exclude(theme__in=themes).delete()
    CommentTheme.objects.bulk_create(
        [CommentTheme(comment=comment, theme=t) for t in themes if t not in before])
    comment.themes_confirmed_by, comment.themes_confirmed_at = by, timezone.now()
    comment.save(update_fields=["themes_confirmed_by", "themes_confirmed_at"])
    record_change(comment, actor=by, action="comment.themes_confirmed", changes={"themes": [before, themes]})
    transaction.on_commit(lambda: _retrain_if_due(by))


def confirm_themes(comment, *, by, themes):
    """Set the themes of ``comment`` as ``by`` confirms them (overriding any suggestion); the classifier learns from them.

    An empty list is a confirmation too ("none of the themes"), though the
    form asks for at least one.
    """
    with transaction.atomic():
        comment = _locked(comment)
        require(by, "dialogues.change_comment", comment)
        _set_themes(comment, by=by, themes=themes)
    return comment


def _retrain_if_due(by):
    """Start retraining the classifier when enough themes were confirmed since the last training."""
    from .analysis import start_retraining

    from .analysis import seed_texts

    latest = ThemeClassifier.objects.only("created_at").first()
    confirmed = Comment.objects.filter(themes_confirmed_at__isnull=False)
    if latest is not None:
        confirmed = confirmed.filter(themes_confirmed_at__gt=latest.created_at)
    # Comments identical to a bundled example teach the classifier nothing new.
    new = [text for text in confirmed.values_list("text", flat=True) if text not in seed_texts()]
    if len(new) >= settings.DIALOGUES_RETRAIN_EVERY:
        with transaction.atomic():
            start_retraining(by=by, check_permission=False)


def analyse_comment(comment, *, classifier=None):
    """Store theme suggestions for ``comment`` (the lexicon and the newest classifier); return them."""
    from .analysis import current_suggester

    suggester = current_suggester() if classifier is None else classifier
    suggestions = [
        {"theme": s.theme, "score": round(s.score, 3), "source": s.source}
        for s in suggester.suggest(comment.text)
    ]
    Comment.objects.filter(pk=comment.pk).update(suggestions=suggestions, analysed_at=timezone.now())
    comment.suggestions = suggestions
    return suggestions


__all__ = ["submit_comment", "record_comment", "update_comment", "approve_comment", "reject_comment",
           "confirm_themes", "erase_contact", "analyse_comment", "consent_text", "jsonable"]
