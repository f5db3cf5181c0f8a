"""A background job as people see it: what runs, for whom, how far it has come, and how it ended.

The task itself runs through Django's tasks API (``django_tasks``); a Job is
the record a page can show while it runs and the history afterwards (an
import's counts and line-numbered errors, a document rendered).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    # A random id: the job page is only for the person who started it, and
    # its address must not be guessable.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    label = models.CharField(_("what"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("step"), max_length=300, blank=True)
    # What the job produced, for the page: {"summary": [...lines], "errors": [...], ...}.
    result = models.JSONField(_("result"), default=dict, blank=True)
    # Where the person goes when the job is done (e.g. the import's preview).
    return_url = models.CharField(_("next page"), max_length=300, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self):
        """Return how far the job has come, 0–100, or None when its size is unknown."""
        if not self.total:
            return 100 if self.status == self.Status.SUCCEEDED else None
        return min(100, round(100 * self.done / self.total))
