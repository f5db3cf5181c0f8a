"""The workspace for dialogues: recording them, their participants, checklist and attachments.

Each view: find the object and check the named rule first (404 to those who
may not see it, 403 to those who may see but not act), bind the form, call
one service, redirect. A rejected form is shown again with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.areas.models import Municipality
from medborgarloften.core.forms import add_service_errors, posted
from medborgarloften.core.params import year_param
from medborgarloften.scope.selectors import editable_municipalities

from .. import selectors, services
from ..forms import AttachmentForm, ChecklistFormSet, DialogueForm, ParticipantCountsForm, checklist_initial
from ..models import Attachment, Dialogue

PAGE_SIZE = 25


def run(request, form, action, *, success_message):
    """Call ``action(cleaned_data)`` if ``form`` is valid; return its result, or None when it did not succeed."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success_message)
    return result if result is not None else True


def form_page(request, form, title, submit_label, *, back=None, intro=None, multipart=False, status=None, **extra):
    """Show ``form`` on a page of its own (after a rejected POST, with what was typed)."""
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(request, "dialogues/workspace/form_page.html", {
        "form": form, "title": title, "submit_label": submit_label, "back": _back(back), "intro": intro,
        "multipart": multipart, **extra,
    }, status=status)


def _back(back):
    """Return (url, label) for the page's back link: ``back`` is an object with a workspace page, or (url or URL name, label)."""
    if back is None:
        return None
    if isinstance(back, tuple):
        target, label = back
        return (target if target.startswith("/") else reverse(target)), label
    return back.get_workspace_url(), _("Back to %(name)s") % {"name": str(back)[:60]}


def dialogue_for(request, pk, perm=None):
    """Return dialogue ``pk`` if the person may see it (else 404) and has ``perm`` on it (else 403)."""
    try:
        dialogue = selectors.dialogue_for_staff(pk)
    except Dialogue.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("dialogues.view_staff_data", dialogue):
        raise Http404
    if perm and not request.user.has_perm(perm, dialogue):
        raise PermissionDenied(perm)
    return dialogue


def staff_municipality(request, code):
    """Return municipality ``code`` if the person is staff there (else 404)."""
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    if not request.user.has_perm("dialogues.view_staff_data", municipality):
        raise Http404
    return municipality


@login_required
def dialogue_list(request):
    """The dialogues of every municipality the person is staff for, filtered by municipality, kind and year."""
    municipalities = selectors.staff_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    chosen = next((m for m in municipalities if m.code == request.GET.get("kommun")), None)
    kind = request.GET.get("typ") if request.GET.get("typ") in Dialogue.Kind.values else ""
    year = year_param(request)
    dialogues = selectors.staff_dialogues(request.user, municipality=chosen, kind=kind, year=year)
    page = Paginator(dialogues, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "dialogues/workspace/list.html", {
        "page": page, "dialogues": page.object_list, "municipalities": municipalities, "chosen": chosen,
        "kinds": Dialogue.Kind.choices, "kind": kind, "year": year or "", "query": query.urlencode(),
        "can_add": request.user.has_perm("dialogues.add_dialogue"),
    })


def _dialogue_values(data):
    return {k: data[k] for k in ("kind", "title", "starts_at", "ends_at", "place", "location", "participants",
                                 "minutes", "route")}


@login_required
def create(request):
    if not request.user.has_perm("dialogues.add_dialogue"):
        raise PermissionDenied
    municipalities = editable_municipalities(request.user)
    chosen = next((m for m in municipalities if m.code == request.GET.get("kommun")), None)
    posted_code = request.POST.get("municipality") if request.method == "POST" else None
    if posted_code:
        chosen = next((m for m in municipalities if str(m.pk) == posted_code), chosen)
    organisations = selectors.dialogue_organisations(chosen) if chosen else _organisations_for(municipalities)
    form = DialogueForm(posted(request), municipality=chosen, municipalities=municipalities, organisations=organisations,
                        initial={"municipality": chosen, "kind": request.GET.get("typ")})

    def action(data):
        return services.create_dialogue(
            by=request.user, municipality=data["municipality"], organisers=data["organisers"],
            partners=data["partners"], **_dialogue_values(data))

    created = run(request, form, action, success_message=_("The dialogue was recorded."))
    if created:
        return redirect(created.get_workspace_url())
    return form_page(request, form, _("New dialogue"), _("Save"), back=("dialogues:list", _("Back to the dialogues")))


def _organisations_for(municipalities):
    from django.db.models import Q

    from medborgarloften.areas.models import Organisation

    ids = [m.pk for m in municipalities]
    return (
        Organisation.objects.filter(
            Q(municipality_id__in=ids) | Q(kind=Organisation.Kind.POLICE, local_police_area__coverages__municipality_id__in=ids)
            | Q(kind=Organisation.Kind.PARTNER, operates_in__in=ids))
        .distinct().order_by("name")
    )


@login_required
def detail(request, pk):
    dialogue = dialogue_for(request, pk)
    user = request.user
    comments = list(dialogue.comments.all())
    return render(request, "dialogues/workspace/detail.html", {
        "dialogue": dialogue, "comments": comments,
        "observations": list(dialogue.observations.all()),
        "participant_rows": _participant_rows(dialogue),
        "can_change": user.has_perm("dialogues.change_dialogue", dialogue),
        "can_observe": user.has_perm("dialogues.add_observation", dialogue),
    })


def _participant_rows(dialogue):
    from ..models import ParticipantCount

    counts = {(c.age_group, c.sex): c.count for c in dialogue.participant_counts.all()}
    if not counts:
        return []
    return [
        (label, [counts.get((age, sex), 0) for sex in ParticipantCount.Sex.values],
         sum(counts.get((age, sex), 0) for sex in ParticipantCount.Sex.values))
        for age, label in ParticipantCount.AgeGroup.choices
    ]


@login_required
def edit(request, pk):
    dialogue = dialogue_for(request, pk, "dialogues.change_dialogue")
    form = DialogueForm(posted(request), instance=dialogue, municipality=dialogue.municipality,
                        organisations=selectors.dialogue_organisations(dialogue.municipality))

    def action(data):
        return services.update_dialogue(dialogue, by=request.user, organisers=list(data["organisers"]),
                                        partners=list(data["partners"]), **_dialogue_values(data))

    if run(request, form, action, success_message=_("The dialogue was saved.")):
        return redirect(dialogue.get_workspace_url())
    return form_page(request, form, _("Edit dialogue"), _("Save"), back=dialogue, intro=dialogue.title)


@login_required
def participants(request, pk):
    dialogue = dialogue_for(request, pk, "dialogues.change_dialogue")
    form = ParticipantCountsForm(posted(request), dialogue=dialogue)

    def action(data):
        services.set_participant_counts(dialogue, by=request.user, counts=form.counts())

    if run(request, form, action, success_message=_("The participants were saved.")):
        return redirect(dialogue.get_workspace_url())
    return render(request, "dialogues/workspace/participants.html", {
        "dialogue": dialogue, "form": form,
    }, status=400 if request.method == "POST" else 200)


@login_required
def checklist(request, pk):
    dialogue = dialogue_for(request, pk, "dialogues.change_dialogue")
    if not dialogue.is_safety_walk:
        raise Http404
    formset = ChecklistFormSet(posted(request), initial=checklist_initial(dialogue), prefix="punkt")
    if request.method == "POST" and formset.is_valid():
        try:
            services.set_checklist(dialogue, by=request.user, items=[f.cleaned_data for f in formset.forms if f.cleaned_data])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The checklist was saved."))
            return redirect(dialogue.get_workspace_url())
    return render(request, "dialogues/workspace/checklist.html", {"dialogue": dialogue, "formset": formset},
                  status=400 if request.method == "POST" else 200)


@login_required
def attachment_create(request, pk):
    dialogue = dialogue_for(request, pk, "dialogues.change_dialogue")
    form = AttachmentForm(posted(request), request.FILES or None, dialogue=dialogue)

    def action(data):
        return services.add_attachment(dialogue, by=request.user, upload=data["file"], title=data["title"],
                                       public=data.get("public", False))

    if run(request, form, action, success_message=_("The file was added.")):
        return redirect(dialogue.get_workspace_url())
    return form_page(request, form, _("Add a file"), _("Upload"), back=dialogue, intro=dialogue.title, multipart=True)


@login_required
def attachment_delete(request, pk):
    item = get_object_or_404(Attachment, pk=pk)
    dialogue = dialogue_for(request, item.dialogue_id, "dialogues.change_dialogue")
    if request.method == "POST":
        services.delete_attachment(item, by=request.user)
        messages.success(request, _("The file was removed."))
        return redirect(dialogue.get_workspace_url())
    return render(request, "dialogues/workspace/confirm_delete.html", {"object": item, "back": dialogue})


@login_required
@require_POST
def retrain(request):
    if not request.user.has_perm("dialogues.add_dialogue"):
        raise PermissionDenied
    job = services.start_retraining(by=request.user)
    return redirect(job.get_absolute_url())
