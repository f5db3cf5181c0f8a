"""Issuing documents: one stored, signed file per kind and source hash, rendered once in a background job."""

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change
from medborgarloften.jobs.services import job_task, progress, start_job

from . import followup_pdf, promise_pdf, signing, sources, statutory_pdf
from .models import Document

logger = logging.getLogger(__name__)

# A failed rendering is tried again on a later request, but not at once: a
# broken signing set-up must not make every visitor wait for a failure.
RETRY_AFTER = datetime.timedelta(minutes=1)


def issue_document(source, *, kind, by=None, version=None, municipality=None, county=None, year=None):
    """Return the Document for ``source``, starting its rendering if it has no file yet.

    Created once per (kind, source hash); a missing file (lost storage) or a
    failure more than RETRY_AFTER ago starts the rendering again. With the
    immediate task backend the returned document is already rendered; with
    the database backend it is pending until the worker has run.
    """
    digest = sources.source_hash(source)
    document = Document.objects.filter(kind=kind, source_hash=digest).first()
    if document is None:
        content_hash = version.content_hash if version is not None else digest
        try:
            with transaction.atomic():
                document = Document.objects.create(
                    kind=kind, source_hash=digest, content_hash=content_hash, source=source, version=version,
                    municipality=municipality, county=county, year=year,
                )
                _start(document, by)
        except IntegrityError:
            # Another request created it first: use that one.
            pass
        return Document.objects.get(kind=kind, source_hash=digest)
    stale = document.state == Document.State.READY and not default_storage.exists(document.file.name)
    retry = document.state == Document.State.FAILED and document.failed_at and timezone.now() - document.failed_at > RETRY_AFTER
    if stale or retry:
        with transaction.atomic():
            claimed = Document.objects.filter(pk=document.pk, state=document.state).update(
                state=Document.State.PENDING, failed_at=None)
            if claimed:
                _start(Document.objects.get(pk=document.pk), by)
        document = Document.objects.get(pk=document.pk)
    return document


def _start(document, by):
    label = _("Prepare the signed document %(hash)s") % {"hash": document.content_hash[:12]}
    job = start_job(render_document, kind="documents.render", label=label, by=by, args=[document.pk])
    Document.objects.filter(pk=document.pk).update(job=job)


def draw(kind, source):
    """Return (unsigned PDF bytes, the metadata for signing) of a document's ``source``."""
    if kind == Document.Kind.PROMISE:
        return promise_pdf.render_promise(source), promise_pdf.metadata(source)
    if kind in (Document.Kind.SITUATION_REPORT, Document.Kind.ACTION_PLAN):
        return statutory_pdf.render_statutory(source), statutory_pdf.metadata(source)
    return followup_pdf.render_followup(source), followup_pdf.metadata(source)


@job_task
def render_document(job, document_id):
    """Draw, seal and store the document ``document_id``; the job's result names the file's SHA-256."""
    document = Document.objects.get(pk=document_id)
    try:
        progress(job, done=0, total=3, message=_("Drawing the document"), force=True)
        unsigned, metadata = draw(document.kind, document.source)
        progress(job, done=1, message=_("Sealing the document"), force=True)
        signed, credentials = signing.sign_pdf(unsigned, identifier=document.content_hash, **metadata)
        progress(job, done=2, message=_("Storing the document"), force=True)
        name = f"documents/{document.kind}/{document.source_hash}.pdf"
        if default_storage.exists(name):
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(signed))
    except Exception:
        Document.objects.filter(pk=document.pk).update(state=Document.State.FAILED, failed_at=timezone.now())
        raise
    file_sha256 = hashlib.sha256(signed).hexdigest()
    with transaction.atomic():
        document.file.name = name
        document.file_sha256, document.size = file_sha256, len(signed)
        document.certificate_sha256 = credentials.fingerprint
        document.state, document.rendered_at, document.failed_at = Document.State.READY, timezone.now(), None
        document.full_clean()
        document.save()
        record_change(document, actor=None, action="documents.sign", changes={
            "file_sha256": file_sha256, "content_hash": document.content_hash, "certificate_sha256": credentials.fingerprint,
        })
    return {"summary": [_("The document is ready (SHA-256 of the file: %(hash)s).") % {"hash": file_sha256}]}
