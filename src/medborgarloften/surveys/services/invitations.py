"""The invited sample: one-use codes, addresses, letters and reminders."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change
from medborgarloften.jobs.services import start_job

from ..models import Invitation, LetterBatch
from .surveys import locked, require

# No 0/O, 1/I/L: a code typed from paper must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31^10 ≈ 8·10^14 codes
MAX_INVITATIONS = 50_000


_CODE_SPACE = len(CODE_ALPHABET) ** CODE_LENGTH


def new_code():
    """Return a random code: one draw of 64 random bits written in the code alphabet (bias below 1 in 20,000)."""
    number = secrets.randbits(64) % _CODE_SPACE
    letters = []
    for _ in range(CODE_LENGTH):
        number, digit = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[digit])
    return "".join(letters)


def normalise_code(text):
    """Return a typed code without spaces, dashes or case (``abcde-fghjk`` → ``ABCDEFGHJK``)."""
    return "".join(ch for ch in str(text or "").upper() if ch.isalnum())[:32]


def format_code(code):
    """Return the code as printed: two groups of five (``ABCDE-FGHJK``)."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def _unique_codes(count):
    codes = set()
    while len(codes) < count:
        batch = {new_code() for _ in range(count - len(codes))}
        taken = set(Invitation.objects.filter(code__in=batch).values_list("code", flat=True))
        codes |= batch - taken
    return list(codes)


def create_invitations(survey, *, by, municipality, count=None, addresses=None):
    """Add one-use codes for ``municipality``: ``count`` without addresses, or one per address
    ((name, street, postcode, city) tuples). Returns the number added."""
    from django.core.exceptions import ValidationError

    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.manage_invitations", survey)
        if not survey.municipalities.filter(pk=municipality.pk).exists():
            raise ValidationError(_("%(municipality)s is not in this survey."), code="not_in_survey",
                                  params={"municipality": municipality.name})
        addresses = list(addresses or [])
        number = len(addresses) if addresses else (count or 0)
        if number < 1:
            raise ValidationError({"count": ValidationError(_("Give at least one."), code="too_few")})
        if Invitation.objects.filter(survey=survey).count() + number > MAX_INVITATIONS:
            raise ValidationError({"count": ValidationError(
                _("A survey can have at most %(limit)d invitations."), code="too_many", params={"limit": MAX_INVITATIONS})})
        codes = _unique_codes(number)
        rows = addresses or [("", "", "", "")] * number
        Invitation.objects.bulk_create(
            Invitation(survey=survey, municipality=municipality, code=code, name=name, street=street,
                       postcode=postcode, city=city)
            for code, (name, street, postcode, city) in zip(codes, rows))
        record_change(survey, actor=by, action="survey.invitations_added",
                      changes={"municipality": municipality.code, "count": number, "with_addresses": bool(addresses)})
    return number


def start_letters(survey, *, by, kind, base_url):
    """Start a background job rendering letters (all invitations) or reminders (those not yet answered).

    Returns the LetterBatch; the job fills in its PDF and CSV.
    """
    from ..tasks import render_letters

    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.manage_invitations", survey)
        batch = LetterBatch.objects.create(survey=survey, kind=kind)
        label = (_("Reminders for %(survey)s") if kind == LetterBatch.Kind.REMINDERS
                 else _("Invitation letters for %(survey)s")) % {"survey": survey.title}
        start_job(render_letters, kind="surveys.letters", label=label, by=by, args=[str(batch.pk), base_url],
                  return_url=survey.get_workspace_url() + "inbjudningar/")
        record_change(survey, actor=by, action="survey.letters_started", changes={"kind": kind})
    return batch
