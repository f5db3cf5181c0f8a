"""Background jobs of the surveys app (``medborgarloften.jobs``)."""

import csv
import io

from medborgarloften.jobs.services import job_task, progress

from .letters import render_letters_pdf
from .models import Invitation, LetterBatch, Survey


@job_task
def compute_results_task(job, survey_id):
    """Compute and store a survey's results from every answer (and re-stamp the answers)."""
    from .services.results import compute_results

    survey = Survey.objects.get(pk=survey_id)
    progress(job, done=0, total=1, message=str(survey), force=True)
    result_set = compute_results(survey)
    delete_stale_drafts()
    return {"summary": [f"{result_set.n_responses} answers, {result_set.areas.count()} areas"],
            "notes": result_set.notes}


def delete_stale_drafts():
    """Delete unfinished answers left untouched for DRAFT_DAYS (they are linked to a code while they exist)."""
    import datetime

    from django.utils import timezone

    from .models import DRAFT_DAYS, Draft

    Draft.objects.filter(updated_on__lt=timezone.localdate() - datetime.timedelta(days=DRAFT_DAYS)).delete()


MAIL_MERGE_COLUMNS = ("kod", "kommunkod", "kommun", "namn", "adress", "postnummer", "ort", "lank")


@job_task
def render_letters(job, batch_id, base_url):
    """Render a letter batch: a PDF with one letter per invitation (reminders: those not yet answered) and a mail-merge CSV."""
    from .services.invitations import format_code

    batch = LetterBatch.objects.select_related("survey").get(pk=batch_id)
    invitations = Invitation.objects.filter(survey=batch.survey).select_related("municipality").order_by(
        "municipality__name", "postcode", "street", "code")
    reminder = batch.kind == LetterBatch.Kind.REMINDERS
    if reminder:
        invitations = invitations.filter(used=False)
    invitations = list(invitations)
    answer_url = base_url.rstrip("/") + "/enkat/"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MAIL_MERGE_COLUMNS)
    for invitation in invitations:
        writer.writerow([format_code(invitation.code), invitation.municipality.code, invitation.municipality.name,
                         invitation.name, invitation.street, invitation.postcode, invitation.city,
                         f"{answer_url}?kod={invitation.code}"])

    def report(done):
        progress(job, done=done, total=len(invitations))

    pdf = render_letters_pdf(batch.survey, invitations, answer_url=answer_url, reminder=reminder, on_page=report)
    LetterBatch.objects.filter(pk=batch.pk).update(pdf=pdf, csv=out.getvalue(), count=len(invitations), ready=True)
    if reminder and invitations:
        from django.db.models import F

        Invitation.objects.filter(survey=batch.survey, used=False).update(reminders=F("reminders") + 1)
    return {"summary": [f"{len(invitations)} letters"]}
