"""Writing statistics: imports (upload, check, import, discard), the command-line import, other denominators.

Each service checks the named rule first (else PermissionDenied), then the
state, writes inside ``transaction.atomic()`` and records an audit entry.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.areas.models import Municipality
from medborgarloften.audit.services import record_change
from medborgarloften.jobs.services import progress as job_progress
from medborgarloften.jobs.services import start_job
from medborgarloften.scope.predicates import is_national_administrator

from .importing import Importer, open_file
from .models import Denominator, ImportRun, Source
from .predicates import import_municipality_ids


class _Rollback(Exception):
    pass


def _scope_for(person):
    """Return the municipality codes ``person`` may import for, or None for every place."""
    if person is None or is_national_administrator(person):
        return None
    return set(Municipality.objects.filter(pk__in=import_municipality_ids(person)).values_list("code", flat=True))


def year_from_name(name):
    """Return the year in a file name such as "Anmälda brott i kommunerna 2024.csv", or None."""
    found = re.findall(r"(?<!\d)(19[6-9]\d|20\d\d)(?!\d)", name)
    return int(found[-1]) if found else None


def _store(run, report, counts, *, state):
    run.rows_read, run.rows_new, run.rows_updated = counts.read, counts.new, counts.updated
    run.rows_unchanged, run.rows_ignored = counts.unchanged, counts.ignored
    run.errors, run.error_count = report.errors, report.error_count
    run.unmatched, run.notes = report.unmatched, report.notes
    run.municipality_codes = sorted(counts.municipality_codes)
    run.state = state
    ImportRun.objects.filter(pk=run.pk).update(
        rows_read=run.rows_read, rows_new=run.rows_new, rows_updated=run.rows_updated,
        rows_unchanged=run.rows_unchanged, rows_ignored=run.rows_ignored, errors=run.errors,
        error_count=run.error_count, unmatched=run.unmatched, notes=run.notes,
        municipality_codes=run.municipality_codes, state=run.state, committed_at=run.committed_at,
        committed_by=run.committed_by,
    )


def _progress_for(job):
    if job is None:
        return None

    def progress(*, done, total=None, message=None):
        job_progress(job, done=done, total=total, message=message)

    return progress


def _run_pass(run, *, write, person, job=None, progress=None):
    importer = Importer(run, write=write, scope=_scope_for(person), year=run.year,
                        progress=progress or _progress_for(job))
    stream, size = open_file(run)
    with stream:
        return importer.run_file(stream, size)


# --- the workspace flow: upload → check (job) → import (job) or discard ---------


def upload_import(*, by, source, uploaded_file, year=None):
    """Keep ``uploaded_file`` as a new import of ``source`` and start checking it in the background; return the run."""
    if not by.has_perm("statistics.import_source", source):
        raise PermissionDenied
    if source not in Source.values:
        raise ValidationError({"source": ValidationError(_("Choose a source."), code="bad_source")})
    with transaction.atomic():
        run = ImportRun(source=source, original_name=uploaded_file.name[:300], created_by=by,
                        year=year or (year_from_name(uploaded_file.name) if source == Source.BRA else None))
        run.file.save(uploaded_file.name, uploaded_file, save=False)
        run.full_clean(exclude=["file"])
        run.save()
        record_change(run, actor=by, action="statistics.upload_import", changes={"source": source, "file": run.original_name})
        _start(run, "statistics.check", _("Checking %(name)s") % {"name": run.original_name}, by)
    return run


def _start(run, kind, label, by):
    from .tasks import check_import_task, commit_import_task

    task = check_import_task if kind == "statistics.check" else commit_import_task
    job = start_job(task, kind=kind, label=label, by=by, args=[str(run.pk)],
                    return_url=reverse("statistics:import_detail", kwargs={"pk": run.pk}))
    ImportRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job


def check_import(run, *, job=None):
    """Read the whole file without writing anything; record what an import would do. Return the run.

    The check runs as the person who uploaded the file, so rows outside the
    places they import for are errors already in the preview.
    """
    report, counts = _run_pass(run, write=False, person=run.created_by, job=job)
    _store(run, report, counts, state=ImportRun.State.REJECTED if report.error_count else ImportRun.State.CHECKED)
    return run


def commit_import(run, *, by):
    """Start importing a checked file in the background; return the run."""
    if not by.has_perm("statistics.commit_importrun", run):
        raise PermissionDenied
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.state != ImportRun.State.CHECKED:
            raise ValidationError(_("Only a checked file without errors can be imported."), code="not_checked")
        run.state, run.committed_by = ImportRun.State.IMPORTING, by
        ImportRun.objects.filter(pk=run.pk).update(state=run.state, committed_by=by)
        _start(run, "statistics.import", _("Importing %(name)s") % {"name": run.original_name}, by)
    return run


def write_import(run, *, job=None, progress=None):
    """Import ``run``'s file in one transaction: everything or, if any error turns up, nothing. Return the run."""
    person = run.committed_by or run.created_by
    try:
        with transaction.atomic():
            report, counts = _run_pass(run, write=True, person=person, job=job, progress=progress)
            if report.error_count:
                raise _Rollback
            run.committed_at = timezone.now()
            _store(run, report, counts, state=ImportRun.State.IMPORTED)
            record_change(run, actor=person, action="statistics.import", changes={
                "source": run.source, "file": run.original_name, "read": counts.read, "new": counts.new,
                "updated": counts.updated, "unchanged": counts.unchanged,
            })
    except _Rollback:
        _store(run, report, counts, state=ImportRun.State.REJECTED)
    except Exception:
        ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.FAILED)
        raise
    return run


def discard_import(run, *, by):
    """Drop a checked or rejected file that was not imported; its history entry stays."""
    if not by.has_perm("statistics.commit_importrun", run):
        raise PermissionDenied
    if run.state not in (ImportRun.State.CHECKED, ImportRun.State.REJECTED):
        raise ValidationError(_("Only a file that has not been imported can be discarded."), code="not_open")
    with transaction.atomic():
        run.state = ImportRun.State.DISCARDED
        if run.file:
            run.file.delete(save=False)
        ImportRun.objects.filter(pk=run.pk).update(state=run.state, file="")
        record_change(run, actor=by, action="statistics.discard_import", changes={"file": run.original_name})
    return run


def job_result(run):
    """Return the Job result for ``run``: summary lines and the first errors, for the job page."""
    return {
        "summary": summary_lines(run),
        "errors": [_("line %(line)s: %(message)s") % e if e.get("line") else e["message"] for e in run.errors[:20]],
    }


def summary_lines(run):
    lines = [
        _("Rows read: %(n)s") % {"n": run.rows_read},
        _("New: %(n)s") % {"n": run.rows_new},
        _("Changed: %(n)s") % {"n": run.rows_updated},
        _("Already present (skipped): %(n)s") % {"n": run.rows_unchanged},
    ]
    if run.rows_ignored:
        lines.append(_("Not stored (outside your municipalities, or places that are not municipalities): %(n)s")
                     % {"n": run.rows_ignored})
    if run.error_count:
        lines.append(_("Errors: %(n)s — nothing was imported.") % {"n": run.error_count})
    for name, seen in sorted(run.unmatched.items()):
        lines.append(_("Not matched to any municipality or county: \"%(name)s\" (%(count)s rows, first on line %(line)s)")
                     % {"name": name, "count": seen["count"], "line": seen["first_line"]})
    return lines


# --- the command line ----------------------------------------------------------


def import_from_path(path, *, source, year=None, dry_run=False, progress=None):
    """Import the file at ``path`` as the operator (every place); return the recorded run.

    The command line is for those who run the system, so no person's scope
    applies; the run is recorded in the history as from the command line.
    """
    name = str(path).rsplit("/", 1)[-1]
    run = ImportRun.objects.create(
        source=source, path=str(path), original_name=name[:300], via_command_line=True,
        year=year or (year_from_name(name) if source == Source.BRA else None),
    )
    if dry_run:
        report, counts = _run_pass(run, write=False, person=None, progress=progress)
        _store(run, report, counts, state=ImportRun.State.REJECTED if report.error_count else ImportRun.State.CHECKED)
        return run
    return write_import(run, progress=progress)


# --- another denominator (the Åre case) --------------------------------------


def set_denominator(municipality, *, by, year, population, label, explanation):
    """Record (or replace) the population ``municipality`` wants a second rate on for ``year``; return it."""
    if not by.has_perm("statistics.change_denominator", municipality):
        raise PermissionDenied
    with transaction.atomic():
        denominator = Denominator.objects.filter(municipality=municipality, year=year).first() or Denominator(
            municipality=municipality, year=year)
        before = {"population": denominator.population, "label": denominator.label} if denominator.pk else {}
        denominator.population, denominator.label, denominator.explanation = population, label, explanation
        denominator.entered_by = by
        denominator.full_clean()
        denominator.save()
        record_change(denominator, actor=by, action="statistics.set_denominator", changes={
            "before": before, "population": population, "label": label, "year": year})
    return denominator


def delete_denominator(denominator, *, by):
    if not by.has_perm("statistics.change_denominator", denominator.municipality):
        raise PermissionDenied
    with transaction.atomic():
        record_change(denominator, actor=by, action="statistics.delete_denominator", changes={
            "year": denominator.year, "population": denominator.population})
        denominator.delete()
