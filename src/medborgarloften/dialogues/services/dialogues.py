"""Recording dialogues: the meeting itself, who came, a safety walk's checklist, attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change

from ..files import ATTACHMENT_TYPES, check_upload, max_attachment_size, safe_filename
from ..models import Attachment, ChecklistItem, Dialogue, ParticipantCount
from ._common import DIALOGUE_RELATIONS, clean, apply_changes, jsonable, require

DIALOGUE_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "location", "participants", "minutes", "route")


def default_checklist():
    """Return the points a safety walk usually checks, in the site's language (they are stored as text)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            _("Lighting works and lights up paths and entrances"),
            _("Bushes and trees do not block the view"),
            _("You can see and be seen; there are other people around"),
            _("Signs and landmarks make it easy to find your way"),
            _("No graffiti or damage"),
            _("No litter"),
            _("Safe crossings and traffic"),
            _("There is another way to go"),
        ]


def _check_organisations(organisations, partners):
    for organisation in [*organisations, *partners]:
        if organisation.kind == organisation.Kind.NATIONAL:
            raise ValidationError({"organisers": ValidationError(
                _("%(name)s does not organise dialogues."), code="national_organisation",
                params={"name": organisation.name})})


def create_dialogue(*, by, municipality, kind, title, starts_at, ends_at=None, place=None, location="",
                    organisers=(), partners=(), participants=None, minutes="", route="", checklist=None):
    """Record a dialogue in ``municipality``; a safety walk starts with ``checklist`` (by default the usual points)."""
    require(by, "dialogues.add_dialogue_for", municipality)
    organisers, partners = list(organisers), list(partners)
    _check_organisations(organisers, partners)
    dialogue = Dialogue(
        municipality=municipality, kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
        location=location, participants=participants, minutes=minutes, route=route, created_by=by,
    )
    clean(dialogue, DIALOGUE_RELATIONS)
    with transaction.atomic():
        dialogue.save()
        dialogue.organisers.set(organisers)
        dialogue.partners.set(partners)
        if dialogue.is_safety_walk:
            points = default_checklist() if checklist is None else checklist
            ChecklistItem.objects.bulk_create(
                ChecklistItem(dialogue=dialogue, order=i, text=text) for i, text in enumerate(points))
        record_change(dialogue, actor=by, action="dialogue.created", changes={"kind": kind, "title": title})
    return dialogue


def update_dialogue(dialogue, *, by, organisers=None, partners=None, **values):
    """Change the dialogue's own fields, organisers and partners."""
    require(by, "dialogues.change_dialogue", dialogue)
    if "kind" in values and values["kind"] != dialogue.kind:
        # A staff dialogue's content was written for staff only; making it
        # public (or the reverse) would change who may read it after the fact.
        if Dialogue.Kind.STAFF in (values["kind"], dialogue.kind):
            raise ValidationError({"kind": ValidationError(
                _("A staff dialogue stays a staff dialogue, and a citizen dialogue cannot become one."),
                code="kind_visibility")})
        if dialogue.is_safety_walk and dialogue.observations.exists():
            raise ValidationError({"kind": ValidationError(
                _("The safety walk has observations; it cannot become another kind of dialogue."),
                code="kind_has_observations")})
    changes = apply_changes(dialogue, values, DIALOGUE_FIELDS)
    clean(dialogue, DIALOGUE_RELATIONS)
    with transaction.atomic():
        dialogue.save()
        for name, chosen in (("organisers", organisers), ("partners", partners)):
            if chosen is None:
                continue
            relation = getattr(dialogue, name)
            before = set(relation.values_list("pk", flat=True))
            if before != {o.pk for o in chosen}:
                _check_organisations(chosen, [])
                relation.set(chosen)
                changes[name] = jsonable(sorted(o.name for o in chosen))
        record_change(dialogue, actor=by, action="dialogue.changed", changes=changes)
    return dialogue


def set_participant_counts(dialogue, *, by, counts):
    """Replace the dialogue's participants by age group and sex with ``counts`` ({(age_group, sex): n}).

    The groups must add up to the number of participants (which is set to
    their sum when it was empty).
    """
    require(by, "dialogues.change_dialogue", dialogue)
    counts = {key: n for key, n in counts.items() if n}
    for (age_group, sex), n in counts.items():
        if age_group not in ParticipantCount.AgeGroup.values or sex not in ParticipantCount.Sex.values or n < 0:
            raise ValidationError(_("Unknown age group or sex."), code="unknown_group")
    total = sum(counts.values())
    if counts and dialogue.participants is not None and total != dialogue.participants:
        raise ValidationError(
            _("The groups add up to %(sum)s, but the dialogue had %(total)s participants."), code="groups_do_not_add_up",
            params={"sum": total, "total": dialogue.participants},
        )
    with transaction.atomic():
        dialogue.participant_counts.all().delete()
        ParticipantCount.objects.bulk_create(
            ParticipantCount(dialogue=dialogue, age_group=a, sex=s, count=n) for (a, s), n in sorted(counts.items()))
        if counts and dialogue.participants is None:
            dialogue.participants = total
            dialogue.save(update_fields=["participants", "updated_at"])
        record_change(dialogue, actor=by, action="dialogue.participants_counted",
                      changes={f"{a} {s}": n for (a, s), n in sorted(counts.items())})


def set_checklist(dialogue, *, by, items):
    """Replace a safety walk's checklist with ``items``: dicts with ``text``, ``checked`` and ``note``."""
    require(by, "dialogues.change_dialogue", dialogue)
    if not dialogue.is_safety_walk:
        raise ValidationError(_("Only a safety walk has a checklist."), code="not_a_safety_walk")
    rows = []
    for i, item in enumerate(items):
        text = (item.get("text") or "").strip()
        if not text:
            continue
        row = ChecklistItem(dialogue=dialogue, order=i, text=text, checked=bool(item.get("checked")),
                            note=(item.get("note") or "").strip())
        row.full_clean(exclude=["dialogue"])
        rows.append(row)
    with transaction.atomic():
        dialogue.checklist.all().delete()
        ChecklistItem.objects.bulk_create(rows)
        record_change(dialogue, actor=by, action="dialogue.checklist_changed",
                      changes={"checked": sum(r.checked for r in rows), "points": len(rows)})


def add_attachment(dialogue, *, by, upload, title="", public=False):
    """Store ``upload`` (minutes, a presentation …) on ``dialogue`` after checking its size, type and content."""
    require(by, "dialogues.change_dialogue", dialogue)
    file_type = check_upload(upload, types=ATTACHMENT_TYPES, max_size=max_attachment_size())
    upload.name = safe_filename(upload.name)
    attachment = Attachment(
        dialogue=dialogue, title=(title or upload.name)[:200], file=upload, content_type=file_type.content_type,
        size=upload.size, public=public, uploaded_by=by,
    )
    attachment.full_clean(exclude=["file"])
    with transaction.atomic():
        attachment.save()
        record_change(dialogue, actor=by, action="dialogue.attachment_added",
                      changes={"title": attachment.title, "public": public})
    return attachment


def delete_attachment(attachment, *, by):
    """Remove ``attachment`` and its file."""
    dialogue = attachment.dialogue
    require(by, "dialogues.change_dialogue", dialogue)
    with transaction.atomic():
        name, title = attachment.file.name, attachment.title
        attachment.delete()
        record_change(dialogue, actor=by, action="dialogue.attachment_deleted", changes={"title": title})
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(name))
