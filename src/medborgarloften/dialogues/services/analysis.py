"""Training the theme classifier and grouping uncategorised comments: background jobs people start and watch."""

import csv
import hashlib
import logging
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change
from medborgarloften.jobs.services import job_task, progress, start_job

from ..analysis.classifier import LexiconOnly, ThemeSuggester
from ..analysis.clusters import cluster_texts
from ..models import ClusterRun, Comment, CommentTheme, ThemeClassifier
from ._common import require

logger = logging.getLogger(__name__)

# The labelled comments the classifier starts from (the training part only;
# the held-out part lives with the tests, so it can never leak into training).
SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "seed_comments.csv"
# Classifiers kept in the database (the newest suggests; older ones are history).
KEEP_CLASSIFIERS = 3


def seed_examples():
    """Return [(text, set of themes)] from the bundled labelled comments."""
    with SEED_FILE.open(encoding="utf-8", newline="") as f:
        return [(row["text"], set(row["themes"].split("|"))) for row in csv.DictReader(f)]


@lru_cache(maxsize=1)
def seed_texts():
    """Return the set of texts in the bundled labelled comments."""
    return frozenset(text for text, _themes in seed_examples())


def confirmed_examples():
    """Return [(text, set of themes)] for every comment whose themes staff confirmed (and that was not rejected).

    Comments whose text is one of the bundled examples are left out: the
    bundled example already teaches the same thing.
    """
    themes = {}
    for comment_id, theme in CommentTheme.objects.filter(
        comment__themes_confirmed_at__isnull=False,
    ).exclude(comment__status=Comment.Status.REJECTED).values_list("comment_id", "theme"):
        themes.setdefault(comment_id, set()).add(theme)
    texts = dict(Comment.objects.filter(pk__in=themes).values_list("pk", "text"))
    seed = seed_texts()
    return [(texts[pk], themes[pk]) for pk in sorted(themes) if texts[pk] not in seed]


@lru_cache(maxsize=1)
def _seed_suggester(digest):
    """Return the classifier trained on the bundled set alone (once per process: it is the same every time)."""
    texts, labels = zip(*seed_examples())
    return ThemeSuggester().fit(list(texts), list(labels))


_stored = {}


def current_suggester():
    """Return the suggester in use: the newest stored classifier, else the one trained on the bundled set."""
    latest = ThemeClassifier.objects.only("pk").first()
    if latest is not None:
        if latest.pk not in _stored:
            try:
                parameters = ThemeClassifier.objects.values_list("parameters", flat=True).get(pk=latest.pk)
                _stored.clear()
                _stored[latest.pk] = ThemeSuggester.from_parameters(parameters)
            except ValueError:
                logger.warning("stored theme classifier %s cannot be read; using the bundled set", latest.pk)
                return _fallback()
        return _stored[latest.pk]
    return _fallback()


@lru_cache(maxsize=1)
def _seed_digest():
    return hashlib.sha256(SEED_FILE.read_bytes()).hexdigest()


def _fallback():
    try:
        return _seed_suggester(_seed_digest())
    except (OSError, ValueError):
        logger.exception("the bundled labelled comments could not be read; suggesting from the lexicon alone")
        return LexiconOnly()


def train_theme_classifier(*, by=None, job=None):
    """Train a classifier on the bundled set plus every staff-confirmed comment and store it; return the row."""
    seed, confirmed = seed_examples(), confirmed_examples()
    examples = seed + confirmed
    if job is not None:
        progress(job, done=0, total=len(examples), message=_("Training on %(n)s comments") % {"n": len(examples)}, force=True)
    suggester = ThemeSuggester().fit([t for t, _l in examples], [labels for _t, labels in examples])
    with transaction.atomic():
        row = ThemeClassifier.objects.create(
            created_by=by if getattr(by, "is_authenticated", False) else None,
            seed_examples=len(seed), confirmed_examples=len(confirmed), parameters=suggester.to_parameters(),
        )
        old = ThemeClassifier.objects.values_list("pk", flat=True)[KEEP_CLASSIFIERS:]
        ThemeClassifier.objects.filter(pk__in=list(old)).delete()
        record_change(row, actor=by, action="theme_classifier.trained",
                      changes={"seed": len(seed), "confirmed": len(confirmed)})
    return row


@job_task
def retrain_job(job, person_id=None):
    from django.contrib.auth import get_user_model

    by = get_user_model().objects.filter(pk=person_id).first() if person_id else None
    row = train_theme_classifier(by=by, job=job)
    analysed = _reanalyse_unconfirmed(job)
    return {"summary": [
        _("Trained on %(seed)s bundled and %(confirmed)s confirmed comments.") % {
            "seed": row.seed_examples, "confirmed": row.confirmed_examples},
        _("New suggestions for %(n)s comments whose themes are not yet confirmed.") % {"n": analysed},
    ]}


def _reanalyse_unconfirmed(job):
    from .comments import analyse_comment

    suggester = current_suggester()
    comments = list(Comment.objects.filter(themes_confirmed_at__isnull=True).exclude(
        status=Comment.Status.REJECTED).only("pk", "text"))
    for i, comment in enumerate(comments, 1):
        analyse_comment(comment, classifier=suggester)
        progress(job, done=i, total=len(comments))
    return len(comments)


def start_retraining(*, by, check_permission=True):
    """Start a background job that retrains the classifier and refreshes unconfirmed suggestions; return the Job."""
    if check_permission:
        require(by, "dialogues.add_dialogue")
    return start_job(retrain_job, kind="dialogues.retrain", label=_("Retrain the theme suggestions"), by=by,
                     args=[by.pk if getattr(by, "is_authenticated", False) else None])


# --- clusters --------------------------------------------------------------------


def uncategorised_comments(municipality):
    """Return the municipality's comments (not rejected) that fit no theme: none confirmed but "other", none suggested but "other"."""
    comments = (
        Comment.objects.for_staff().filter(municipality=municipality)
        .prefetch_related("themes").only("pk", "text", "suggestions", "themes_confirmed_at").order_by("pk")
    )
    uncategorised = []
    for comment in comments:
        if comment.themes_confirmed_at:
            themes = {t.theme for t in comment.themes.all()}
        else:
            themes = {s["theme"] for s in comment.suggestions}
        if themes <= {"other"}:
            uncategorised.append(comment)
    return uncategorised


def cluster_comments(municipality, *, by=None):
    """Group the municipality's uncategorised comments and store the groups; return the ClusterRun."""
    comments = uncategorised_comments(municipality)
    groups = cluster_texts([c.text for c in comments])
    with transaction.atomic():
        run = ClusterRun.objects.create(
            municipality=municipality, created_by=by if getattr(by, "is_authenticated", False) else None,
            comment_count=len(comments),
            clusters=[{"words": g["words"], "comment_ids": [comments[i].pk for i in g["members"]]} for g in groups],
        )
        ClusterRun.objects.filter(municipality=municipality).exclude(pk=run.pk).delete()
    return run


@job_task
def cluster_job(job, municipality_id, person_id=None):
    from django.contrib.auth import get_user_model

    from medborgarloften.areas.models import Municipality

    municipality = Municipality.objects.get(pk=municipality_id)
    by = get_user_model().objects.filter(pk=person_id).first() if person_id else None
    run = cluster_comments(municipality, by=by)
    return {"summary": [_("%(comments)s uncategorised comments in %(groups)s groups.") % {
        "comments": run.comment_count, "groups": len(run.clusters)}]}


def start_clustering(municipality, *, by):
    """Start a background job grouping ``municipality``'s uncategorised comments; return the Job."""
    require(by, "dialogues.analyse_comments", municipality)
    return start_job(
        cluster_job, kind="dialogues.cluster", by=by, args=[municipality.pk, by.pk],
        label=_("Group uncategorised comments in %(municipality)s") % {"municipality": municipality.name},
        return_url=reverse("dialogues:themes", kwargs={"code": municipality.code}),
    )
