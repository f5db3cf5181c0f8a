"""Workspace pages of the problem picture: find the object, check the rule (404 to those who may not see it,
403 to those who may see but not act), bind the form, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from medborgarloften.core.forms import add_service_errors, posted
from medborgarloften.scope.selectors import editable_municipalities

from . import ranking, selectors, services, texts
from .forms import DismissForm, EvidenceForm, MergeForm, PictureForm, ProblemForm
from .models import EvidenceLink, Problem, ProblemPicture, Suggestion


def _picture(request, pk, perm=None):
    try:
        picture = selectors.picture_for_workspace(pk)
    except ProblemPicture.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("problems.view_problempicture", picture):
        raise Http404
    if perm and not request.user.has_perm(perm, picture):
        raise PermissionDenied
    return picture


def _crumbs(picture=None, *rest):
    from django.urls import reverse

    crumbs = [(reverse("web:workspace"), _("Workspace")), (reverse("problems:list"), _("Problem pictures"))]
    if picture is not None:
        crumbs.append((picture.get_workspace_url(), picture.title))
    return crumbs + list(rest)


DOCUMENT_LABELS = {"situation_report": gettext_lazy("Situation picture of crime (lag 2023:196, 4 §)"),
                   "action_plan": gettext_lazy("Action plan (lag 2023:196, 5 §)")}


def _documents(picture):
    """Return [(url, label)] of the documents written from ``picture`` (wired in settings.PROBLEMS_DOCUMENT_URLS)."""
    from django.conf import settings
    from django.urls import reverse

    return [(reverse(url_name, kwargs={"pk": picture.pk}), DOCUMENT_LABELS[key])
            for url_name, key in getattr(settings, "PROBLEMS_DOCUMENT_URLS", ())]


@login_required
def picture_list(request):
    pictures = selectors.workspace_pictures(request.user)
    return render(request, "problems/list.html", {
        "pictures": pictures, "can_add": request.user.has_perm("problems.add_problempicture"),
        "breadcrumbs": _crumbs()[:1] + [(None, _("Problem pictures"))]})


@login_required
def picture_create(request):
    if not request.user.has_perm("problems.add_problempicture"):
        raise PermissionDenied
    form = PictureForm(posted(request), municipalities=editable_municipalities(request.user))
    if form.is_valid():
        try:
            picture = services.create_problem_picture(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(picture)
    return render(request, "problems/form.html", {
        "form": form, "title": _("New problem picture"), "breadcrumbs": _crumbs(None, (None, _("New problem picture")))})


@login_required
def picture_detail(request, pk):
    picture = _picture(request, pk)
    # Sources may have changed since the last look: flag what no longer matches.
    services.check_picture_evidence(picture, due_only=True)
    problems = selectors.scored(selectors.problems_of(picture))
    suggestions = selectors.open_suggestions(picture)
    version = selectors.latest_version(picture)
    approvals = selectors.approvals_of(version)
    approved_ids = {a.organisation_id for a in approvals}
    content_changed = version is None or version.content_hash != services.content_hash(services.picture_content(picture))
    return render(request, "problems/detail.html", {
        "picture": picture, "problems": problems, "suggestions": suggestions,
        "decided": selectors.decided_suggestions(picture), "decision": selectors.latest_decision(picture),
        "version": version, "content_changed": content_changed,
        "parties": [(o, (not content_changed) and o.pk in approved_ids) for o in selectors.parties(picture)],
        "approvals": approvals,
        "can_change": request.user.has_perm("problems.change_problempicture", picture),
        "can_see_restricted": request.user.has_perm("problems.view_restricted_evidence", picture),
        "prompts": ranking.PROMPTS, "resources_prompt": ranking.RESOURCES_PROMPT,
        "strong_score": ranking.strong_score(), "protected_rank": ranking.protected_rank(),
        "stale_count": sum(1 for p, _s in problems for link in p.evidence.all() if link.stale),
        "situation": texts.situation_text(picture),
        "documents": _documents(picture),
        "breadcrumbs": _crumbs()[:2] + [(None, picture.title)],
    })


@login_required
def problem_create(request, pk):
    picture = _picture(request, pk, "problems.change_problempicture")
    form = ProblemForm(posted(request), picture=picture)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            problem = services.add_problem(picture, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("problems:link_evidence", pk=problem.pk)
    return render(request, "problems/form.html", {
        "form": form, "title": _("New problem"), "picture": picture,
        "breadcrumbs": _crumbs(picture, (None, _("New problem")))})


def _problem(request, pk, perm="problems.change_problempicture"):
    problem = get_object_or_404(Problem.objects.select_related("picture"), pk=pk)
    picture = _picture(request, problem.picture_id, perm)
    problem.picture = picture
    return problem


@login_required
def problem_update(request, pk):
    problem = _problem(request, pk)
    form = ProblemForm(posted(request), instance=problem, picture=problem.picture)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        problem.refresh_from_db()
        try:
            services.update_problem(problem, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(problem.picture)
    return render(request, "problems/form.html", {
        "form": form, "title": _("Change the problem"), "picture": problem.picture,
        "breadcrumbs": _crumbs(problem.picture, (None, problem.title))})


@login_required
def link_evidence(request, pk):
    problem = _problem(request, pk)
    picture = problem.picture
    choices = selectors.available_evidence(picture)
    form = EvidenceForm(posted(request), choices=choices, picture=picture)
    if form.is_valid():
        data = form.cleaned_data
        if data["source"]:
            arguments = selectors.parse_source(picture, data["source"])
        else:
            arguments = {"kind": "staff", "text": data["staff_text"],
                         "municipality": data["staff_municipality"] or picture.municipalities.all()[0]}
        if arguments is None:
            form.add_error("source", _("Choose evidence from the list."))
        else:
            try:
                services.link_evidence(problem, by=request.user, **arguments)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The evidence was linked."))
                return redirect("problems:link_evidence", pk=problem.pk)
    links = list(problem.evidence.select_related("municipality"))
    return render(request, "problems/evidence_form.html", {
        "form": form, "problem": problem, "picture": picture, "links": links,
        "breadcrumbs": _crumbs(picture, (None, problem.title))})


def _link(request, pk):
    link = get_object_or_404(EvidenceLink.objects.select_related("problem", "suggestion"), pk=pk)
    owner = link.problem or link.suggestion
    _picture(request, owner.picture_id, "problems.change_problempicture")
    return link


@login_required
@require_POST
def unlink_evidence(request, pk):
    link = _link(request, pk)
    picture = link.problem.picture
    services.unlink_evidence(link, by=request.user)
    return redirect(picture)


@login_required
@require_POST
def refresh_evidence(request, pk):
    link = _link(request, pk)
    try:
        services.refresh_evidence(link, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect((link.problem or link.suggestion).picture)


@login_required
@require_POST
def suggest(request, pk):
    picture = _picture(request, pk, "problems.change_problempicture")
    created = services.suggest_problems(picture, by=request.user)
    if created:
        messages.success(request, _("%(n)s new suggestions from the evidence.") % {"n": len(created)})
    else:
        messages.info(request, _("The evidence gives no new suggestions."))
    return redirect(picture.get_workspace_url() + "#forslag")


def _suggestion(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("picture"), pk=pk)
    suggestion.picture = _picture(request, suggestion.picture_id)
    if not request.user.has_perm("problems.decide_suggestion", suggestion):
        raise PermissionDenied
    return suggestion


@login_required
def decide_suggestion(request, pk, action):
    if action not in ("accept", "merge", "dismiss"):
        raise Http404
    suggestion = _suggestion(request, pk)
    picture = suggestion.picture
    if action == "accept":
        if request.method == "POST":
            services.accept_suggestion(suggestion, by=request.user)
            return redirect(picture)
        raise Http404
    form = (MergeForm(posted(request), picture=picture) if action == "merge" else DismissForm(posted(request)))
    if form.is_valid():
        try:
            if action == "merge":
                services.merge_suggestion(suggestion, by=request.user, problem=form.cleaned_data["problem"])
            else:
                services.dismiss_suggestion(suggestion, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(picture.get_workspace_url() + "#forslag")
    title = _("Merge the suggestion") if action == "merge" else _("Dismiss the suggestion")
    return render(request, "problems/form.html", {
        "form": form, "title": title, "picture": picture, "lead": suggestion.title,
        "breadcrumbs": _crumbs(picture, (None, title))})


@login_required
def priorities(request, pk):
    picture = _picture(request, pk, "problems.set_priorities")
    problems = selectors.scored(selectors.problems_of(picture))
    errors, values = [], {}
    if request.method == "POST":
        ranks, reasons = {}, {}
        for problem, _score in problems:
            raw = request.POST.get(f"rank-{problem.pk}", "").strip()
            values[problem.pk] = {"rank": raw, "reason": request.POST.get(f"reason-{problem.pk}", "")}
            if raw:
                if not raw.isdigit() or int(raw) < 1:
                    errors.append(_("%(problem)s: give the rank as a whole number from 1.") % {"problem": problem.title})
                else:
                    ranks[problem.pk] = int(raw)
            if values[problem.pk]["reason"].strip():
                reasons[problem.pk] = values[problem.pk]["reason"]
        justification = request.POST.get("justification", "")
        if not errors:
            order = sorted(ranks, key=lambda pk_: (ranks[pk_], pk_))
            try:
                services.set_priorities(picture, by=request.user, order=order, justification=justification,
                                        reasons=reasons)
            except ValidationError as error:
                errors += error.messages
            else:
                return redirect(picture)
    else:
        justification = ""
        for problem, _score in problems:
            values[problem.pk] = {"rank": problem.priority or "", "reason": problem.priority_reason}
    rows = [{"problem": p, "score": s, **values[p.pk]} for p, s in problems]
    return render(request, "problems/priorities.html", {
        "picture": picture, "rows": rows, "errors": errors, "justification": justification,
        "prompts": ranking.PROMPTS, "resources_prompt": ranking.RESOURCES_PROMPT,
        "protected_rank": ranking.protected_rank(),
        "breadcrumbs": _crumbs(picture, (None, _("Priorities")))})


@login_required
@require_POST
def approve(request, pk):
    picture = _picture(request, pk, "problems.approve_problempicture")
    try:
        services.approve_problem_picture(picture, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("You edit for none of the parties that approve this picture."))
    else:
        messages.success(request, _("You approved the problem picture."))
    return redirect(picture)
