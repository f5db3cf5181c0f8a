"""Starting background jobs and reporting their progress.

A job task is an ordinary ``django_tasks`` task whose first argument is the
job's id, wrapped by ``job_task`` so its status, progress and result land on
the Job row whatever backend runs it::

    @job_task
    def import_file(job, path):
        for i, row in enumerate(rows):
            ...
            progress(job, done=i, total=n)
        return {"summary": [...]}

    job = start_job(import_file, kind="statistics.import", label="…", by=person, args=[path])

With the immediate backend (the demo, the tests) the job has run when the
transaction that started it commits; with the database backend
``medborgarloften worker`` runs it.
"""

import functools
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Job

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds), so a million-row import
# does not spend its time updating its own progress row.
PROGRESS_INTERVAL = 0.5


def job_task(function=None, **task_options):
    """Make ``function(job, *args, **kwargs)`` a task run for a Job, which records its status and result."""

    def decorate(function):
        @functools.wraps(function)
        def run(job_id, *args, **kwargs):
            job = Job.objects.get(pk=job_id)
            Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
            job.status = Job.Status.RUNNING
            try:
                result = function(job, *args, **kwargs) or {}
            except Exception as error:
                logger.exception("job %s (%s) failed", job.pk, job.kind)
                _finish(job, Job.Status.FAILED, {**job.result, "failure": f"{type(error).__name__}: {error}"})
                raise
            _finish(job, Job.Status.SUCCEEDED, result)
            return str(job.pk)

        return task(**task_options)(run)

    return decorate(function) if function is not None else decorate


def _finish(job, status, result):
    job.status, job.result, job.finished_at = status, result, timezone.now()
    if status == Job.Status.SUCCEEDED and job.total:
        job.done = job.total
    Job.objects.filter(pk=job.pk).update(status=status, result=result, finished_at=job.finished_at, done=job.done)


def start_job(task_, *, kind, label, by, args=(), kwargs=None, return_url=""):
    """Record a Job and enqueue ``task_`` (made with ``job_task``) for it once the current transaction commits."""
    job = Job.objects.create(kind=kind, label=label[:300], created_by=by if getattr(by, "is_authenticated", False) else None,
                             return_url=return_url)

    def enqueue():
        result = task_.enqueue(str(job.pk), *args, **(kwargs or {}))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job


def progress(job, *, done, total=None, message=None, force=False):
    """Record how far ``job`` has come; written at most every PROGRESS_INTERVAL seconds unless ``force``."""
    now = timezone.now()
    last = getattr(job, "_last_progress", None)
    job.done = done
    if total is not None:
        job.total = total
    if message is not None:
        job.message = message[:300]
    if force or last is None or (now - last).total_seconds() >= PROGRESS_INTERVAL:
        job._last_progress = now
        Job.objects.filter(pk=job.pk).update(done=job.done, total=job.total, message=job.message)
