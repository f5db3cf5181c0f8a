"""The workspace for comments (moderation, themes), observations, places, theme analysis and the staff map."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.areas.models import Place
from medborgarloften.core.forms import posted
from medborgarloften.scope.themes import Theme

from .. import selectors, services
from ..analysis.redaction import suggest_redaction
from ..forms import (
    ApproveForm,
    CommentForm,
    ObservationForm,
    ObservationStatusForm,
    PlaceForm,
    RecordCommentForm,
    RejectForm,
    ThemesForm,
)
from ..models import Comment, Observation
from .public import map_context
from .workspace import PAGE_SIZE, dialogue_for, form_page, run, staff_municipality

WHEN = ("time_of_day", "weekday", "season", "feels_unsafe", "concerns_crime")
LOCATION = ("place", "latitude", "longitude")


def _comment_for(request, pk, perm=None):
    comment = get_object_or_404(Comment.objects.select_related(*selectors.COMMENT_RELATED, "moderated_by"), pk=pk)
    if not request.user.has_perm("dialogues.view_staff_data", comment):
        raise Http404
    if perm and not request.user.has_perm(perm, comment):
        raise PermissionDenied(perm)
    return comment


def _suggested(comment):
    return [s["theme"] for s in comment.suggestions]


# --- comments -------------------------------------------------------------------


@login_required
def comment_create(request, pk):
    dialogue = dialogue_for(request, pk, "dialogues.change_dialogue")
    form = RecordCommentForm(posted(request), dialogue=dialogue)

    def action(data):
        return services.record_comment(
            dialogue, by=request.user, text=data["text"], themes=data["themes"], publish=data.get("publish", False),
            made_on=data["made_on"], **{k: data[k] for k in (*LOCATION, *WHEN)})

    if run(request, form, action, success_message=_("The comment was recorded.")):
        if "another" in request.POST:
            return redirect("dialogues:comment_create", pk=dialogue.pk)
        return redirect(dialogue.get_workspace_url())
    return form_page(request, form, _("Record a comment"), _("Save"), back=dialogue, intro=dialogue.title,
                     another=_("Save and record another"))


@login_required
def comment_list(request):
    municipalities = selectors.staff_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    chosen = next((m for m in municipalities if m.code == request.GET.get("kommun")), None)
    status = request.GET.get("status") if request.GET.get("status") in Comment.Status.values else ""
    theme = request.GET.get("tema") if request.GET.get("tema") in Theme.values else ""
    comments = selectors.staff_comments(request.user, municipality=chosen, status=status, theme=theme)
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "dialogues/workspace/comments.html", {
        "page": page, "comments": page.object_list, "municipalities": municipalities, "chosen": chosen,
        "statuses": Comment.Status.choices, "status": status, "themes": Theme.choices, "theme": theme,
        "query": query.urlencode(),
    })


@login_required
def comment_detail(request, pk):
    comment = _comment_for(request, pk)
    user = request.user
    confirmed = [t.theme for t in comment.themes.all()]
    can_change = user.has_perm("dialogues.change_comment", comment)
    themes_form = ThemesForm(initial={"themes": confirmed or _suggested(comment)}) if can_change else None
    return render(request, "dialogues/workspace/comment.html", {
        "comment": comment, "confirmed": comment.themes.all(), "themes_form": themes_form,
        "can_change": can_change, "can_moderate": user.has_perm("dialogues.moderate_comment", comment),
        "labels": dict(Theme.choices),
    })


@login_required
def comment_edit(request, pk):
    comment = _comment_for(request, pk, "dialogues.change_comment")
    initial = {f: getattr(comment, f) for f in ("text", "published_text", "made_on", *LOCATION, *WHEN)}
    form = CommentForm(posted(request), comment=comment, initial=initial)

    def action(data):
        return services.update_comment(comment, by=request.user, **{k: v for k, v in data.items() if k in initial})

    if run(request, form, action, success_message=_("The comment was saved.")):
        return redirect(comment.get_workspace_url())
    return form_page(request, form, _("Edit comment"), _("Save"), back=comment)


@login_required
def comment_themes(request, pk):
    comment = _comment_for(request, pk, "dialogues.change_comment")
    form = ThemesForm(posted(request), initial={"themes": [t.theme for t in comment.themes.all()] or _suggested(comment)})

    def action(data):
        return services.confirm_themes(comment, by=request.user, themes=data["themes"])

    if run(request, form, action, success_message=_("The themes were confirmed.")):
        return redirect(request.POST.get("next") if request.POST.get("next") == reverse("dialogues:moderation")
                        else comment.get_workspace_url())
    return form_page(request, form, _("Confirm themes"), _("Confirm"), back=comment, intro=comment.text)


@login_required
@require_POST
def erase_contact(request, pk):
    comment = _comment_for(request, pk, "dialogues.change_comment")
    services.erase_contact(comment, by=request.user)
    messages.success(request, _("The contact details were erased."))
    return redirect(comment.get_workspace_url())


@login_required
def moderation_queue(request):
    editor_ids = selectors.editor_municipality_ids(request.user)
    municipalities = [m for m in selectors.staff_municipalities(request.user) if m.pk in editor_ids]
    if not municipalities:
        raise PermissionDenied
    chosen = next((m for m in municipalities if m.code == request.GET.get("kommun")), None)
    page = Paginator(selectors.moderation_queue(request.user, municipality=chosen), PAGE_SIZE).get_page(request.GET.get("sida"))
    for comment in page.object_list:
        comment.redaction = suggest_redaction(comment.text)
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "dialogues/workspace/moderation.html", {
        "page": page, "comments": page.object_list, "municipalities": municipalities, "chosen": chosen,
        "labels": dict(Theme.choices), "query": query.urlencode(),
    })


@login_required
def approve(request, pk):
    comment = _comment_for(request, pk, "dialogues.moderate_comment")
    suggested_text, findings = suggest_redaction(comment.text)
    form = ApproveForm(posted(request), initial={"published_text": suggested_text, "themes": _suggested(comment)})

    def action(data):
        return services.approve_comment(comment, by=request.user, published_text=data["published_text"],
                                        themes=data["themes"] or None)

    if run(request, form, action, success_message=_("The comment is published.")):
        return redirect("dialogues:moderation")
    return form_page(request, form, _("Publish comment"), _("Publish"), back=("dialogues:moderation", _("Back to the queue")),
                     original=comment, findings=findings)


@login_required
def reject(request, pk):
    comment = _comment_for(request, pk, "dialogues.change_comment")
    if comment.status == Comment.Status.REJECTED:
        raise PermissionDenied
    form = RejectForm(posted(request))

    def action(data):
        return services.reject_comment(comment, by=request.user, reason=data["reason"])

    if run(request, form, action, success_message=_("The comment was rejected.")):
        return redirect("dialogues:moderation" if comment.status == Comment.Status.PENDING else "dialogues:comment",
                        **({} if comment.status == Comment.Status.PENDING else {"pk": comment.pk}))
    title = _("Reject comment") if comment.status == Comment.Status.PENDING else _("Take down comment")
    return form_page(request, form, title, title, back=comment, original=comment)


# --- observations ------------------------------------------------------------------


@login_required
def observation_create(request, pk):
    dialogue = dialogue_for(request, pk, "dialogues.add_observation")
    form = ObservationForm(posted(request), request.FILES or None, dialogue=dialogue,
                           organisations=selectors.responsible_organisations(dialogue.municipality))

    def action(data):
        return services.add_observation(
            dialogue, by=request.user, theme=data["theme"], description=data["description"], place=data["place"],
            latitude=data["latitude"], longitude=data["longitude"], responsible=data["responsible"],
            photo=data["photo_upload"])

    if run(request, form, action, success_message=_("The observation was recorded.")):
        if "another" in request.POST:
            return redirect("dialogues:observation_create", pk=dialogue.pk)
        return redirect(dialogue.get_workspace_url())
    return form_page(request, form, _("Record an observation"), _("Save"), back=dialogue, intro=dialogue.title,
                     multipart=True, another=_("Save and record another"))


def _observation_for(request, pk, perm=None):
    observation = get_object_or_404(
        Observation.objects.select_related("dialogue__municipality", "place", "responsible"), pk=pk)
    if not request.user.has_perm("dialogues.view_staff_data", observation):
        raise Http404
    if perm and not request.user.has_perm(perm, observation):
        raise PermissionDenied(perm)
    return observation


@login_required
def observation_detail(request, pk):
    observation = _observation_for(request, pk)
    can_change = request.user.has_perm("dialogues.change_observation", observation)
    status_form = ObservationStatusForm(initial={
        "status": observation.status, "fixed_on": observation.fixed_on, "note": observation.status_note}) if can_change else None
    return render(request, "dialogues/workspace/observation.html", {
        "observation": observation, "can_change": can_change, "status_form": status_form,
    })


@login_required
def observation_edit(request, pk):
    observation = _observation_for(request, pk, "dialogues.change_observation")
    dialogue = observation.dialogue
    form = ObservationForm(posted(request), request.FILES or None, instance=observation, dialogue=dialogue,
                           organisations=selectors.responsible_organisations(dialogue.municipality))

    def action(data):
        return services.update_observation(
            observation, by=request.user, photo=data["photo_upload"],
            **{k: data[k] for k in ("theme", "description", "place", "latitude", "longitude", "responsible")})

    if run(request, form, action, success_message=_("The observation was saved.")):
        return redirect(observation.get_workspace_url())
    return form_page(request, form, _("Edit observation"), _("Save"), back=observation, multipart=True)


@login_required
def observation_status(request, pk):
    observation = _observation_for(request, pk, "dialogues.change_observation")
    form = ObservationStatusForm(posted(request), initial={"status": observation.status, "fixed_on": observation.fixed_on})

    def action(data):
        return services.set_observation_status(observation, by=request.user, status=data["status"],
                                               fixed_on=data["fixed_on"], note=data["note"])

    if run(request, form, action, success_message=_("The status was saved.")):
        return redirect(request.POST.get("next") if request.POST.get("next") == reverse("dialogues:observations")
                        else observation.get_workspace_url())
    return form_page(request, form, _("Change status"), _("Save"), back=observation, intro=str(observation))


@login_required
@require_POST
def observation_photo_delete(request, pk):
    observation = _observation_for(request, pk, "dialogues.change_observation")
    services.remove_photo(observation, by=request.user)
    messages.success(request, _("The photo was removed."))
    return redirect(observation.get_workspace_url())


@login_required
def observation_list(request):
    """Observations not yet fixed (or all, with ``?alla=1``) in the person's municipalities."""
    municipalities = selectors.staff_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    chosen = next((m for m in municipalities if m.code == request.GET.get("kommun")), None)
    show_all = request.GET.get("alla") == "1"
    observations = selectors.staff_observations(request.user, municipality=chosen, unfixed=not show_all)
    page = Paginator(observations, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "dialogues/workspace/observations.html", {
        "page": page, "observations": page.object_list, "municipalities": municipalities, "chosen": chosen,
        "show_all": show_all, "query": query.urlencode(), "today": timezone.localdate(),
    })


# --- per municipality: map, theme analysis, places ----------------------------------


@login_required
def staff_map(request, code):
    """Every comment (any status, staff dialogues too) and observation of the municipality, grouped by place."""
    municipality = staff_municipality(request, code)
    comments = selectors.counted_comments(municipality, include_staff=True)
    observations = selectors.staff_observations(request.user, municipality=municipality)
    groups = selectors.place_groups(comments, observations)
    return render(request, "dialogues/workspace/map.html", {
        "municipality": municipality, "groups": groups, **map_context(selectors.map_points(groups)),
    })


@login_required
def themes(request, code):
    """Counts per theme, place and dialogue, the groups of uncategorised comments, and retraining."""
    municipality = staff_municipality(request, code)
    since, until = _date_param(request, "fran"), _date_param(request, "till")
    return render(request, "dialogues/workspace/themes.html", {
        "municipality": municipality, "since": since, "until": until,
        "counts": selectors.theme_counts(municipality, since=since, until=until, include_staff=True),
        "clusters": selectors.latest_clusters(municipality),
        "can_analyse": request.user.has_perm("dialogues.analyse_comments", municipality),
    })


def _date_param(request, name):
    import datetime

    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@login_required
@require_POST
def cluster(request, code):
    municipality = staff_municipality(request, code)
    if not request.user.has_perm("dialogues.analyse_comments", municipality):
        raise PermissionDenied
    job = services.start_clustering(municipality, by=request.user)
    return redirect(job.get_absolute_url())


@login_required
def place_list(request, code):
    municipality = staff_municipality(request, code)
    can_manage = request.user.has_perm("dialogues.manage_places", municipality)
    form = PlaceForm(posted(request), municipality=municipality) if can_manage else None
    if request.method == "POST" and not can_manage:
        raise PermissionDenied

    def action(data):
        return services.create_place(municipality, by=request.user, **data)

    if form is not None and run(request, form, action, success_message=_("The place was added.")):
        return redirect("dialogues:places", code=code)
    return render(request, "dialogues/workspace/places.html", {
        "municipality": municipality, "places": selectors.municipality_places(municipality), "form": form,
    }, status=400 if request.method == "POST" else 200)


@login_required
def place_edit(request, pk):
    place = get_object_or_404(Place.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("dialogues.view_staff_data", place.municipality):
        raise Http404
    if not request.user.has_perm("dialogues.manage_places", place.municipality):
        raise PermissionDenied
    form = PlaceForm(posted(request), instance=place, municipality=place.municipality)

    def action(data):
        return services.update_place(place, by=request.user, **data)

    if run(request, form, action, success_message=_("The place was saved.")):
        return redirect("dialogues:places", code=place.municipality.code)
    return form_page(request, form, _("Edit place"), _("Save"),
                     back=(reverse("dialogues:places", kwargs={"code": place.municipality.code}), _("Back to the places")))
