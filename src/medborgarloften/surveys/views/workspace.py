"""The surveys workspace: build, field, import, compute and publish.

Each view finds the survey and checks the rule first (404 to those who may
not see it, 403 to those who may see but not act), binds a form, calls one
service and redirects; a rejected form is shown again with what was typed.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.areas.models import County, LocalPoliceAreaCoverage
from medborgarloften.core.forms import add_service_errors, posted
from medborgarloften.scope.selectors import editable_municipalities

from .. import selectors, services
from ..answers import export_header, export_row
from ..forms import (
    InvitationsForm, LettersForm, PaperImportForm, PopulationForm, QuestionForm, ReasonForm, SurveyCreateForm,
    SurveyForm, UploadForm, options_text,
)
from ..models import LetterBatch, PopulationCell, Question, Response, Survey

PAGE_SIZE = 25


def survey_for(request, pk, perm=None):
    """Return survey ``pk`` if the person may see it (else 404) and has ``perm`` on it (else 403)."""
    try:
        survey = selectors.survey_for_workspace(pk)
    except Survey.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("surveys.view_survey", survey):
        raise Http404
    if perm and not request.user.has_perm(perm, survey):
        raise PermissionDenied(perm)
    return survey


def run(request, form, action, *, success_message):
    """Call ``action(cleaned_data)`` if ``form`` is valid; return True when it succeeded."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    if success_message:
        messages.success(request, success_message)
    return True


def form_page(request, survey, form, title, submit_label, *, intro="", multipart=False, extra=None):
    return render(request, "surveys/form_page.html", {
        "survey": survey, "form": form, "title": title, "submit_label": submit_label, "intro": intro,
        "multipart": multipart, **(extra or {}),
    })


def _permissions(user, survey):
    names = ("change_survey", "change_questions", "change_population", "manage_invitations", "open_survey",
             "close_survey", "import_answers", "compute_results", "publish_survey", "unpublish_survey", "delete_survey")
    return {name: user.has_perm(f"surveys.{name}", survey) for name in names}


@login_required
def survey_list(request):
    page = Paginator(selectors.workspace_surveys(request.user), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "surveys/list.html", {
        "page": page, "surveys": page.object_list, "can_add": request.user.has_perm("surveys.add_survey"),
    })


def _creatable_areas(user):
    municipalities = list(editable_municipalities(user))
    ids = {m.pk for m in municipalities}
    today = timezone.localdate()
    areas = {}
    for coverage in LocalPoliceAreaCoverage.objects.on(today).select_related("local_police_area", "municipality"):
        areas.setdefault(coverage.local_police_area, []).append(coverage.municipality)
    lpos = []
    for area, members in sorted(areas.items(), key=lambda a: a[0].name):
        if len(members) > 1 and all(m.pk in ids for m in members):
            area.area_municipalities = members
            lpos.append(area)
    counties = [c for c in County.objects.filter(municipalities__in=ids).distinct()
                if set(c.municipalities.values_list("pk", flat=True)) <= ids]
    return municipalities, lpos, counties


@login_required
def create(request):
    if not request.user.has_perm("surveys.add_survey"):
        raise PermissionDenied
    municipalities, lpos, counties = _creatable_areas(request.user)
    form = SurveyCreateForm(posted(request), municipalities=municipalities, local_police_areas=lpos, counties=counties,
                            copyable=list(selectors.workspace_surveys(request.user)[:50]),
                            initial={"year": timezone.localdate().year})
    created = []

    def action(data):
        created.append(services.create_survey(
            by=request.user, title=data["title"], year=data["year"], mode=data["mode"],
            municipalities=data["municipalities"], local_police_area=data["local_police_area"],
            county=data["county"], template="standard" if data["template"] == "standard" else "empty",
            copy_from=data["copy_from"]))

    if run(request, form, action, success_message=_("The survey was created.")):
        return redirect(created[0].get_workspace_url())
    return form_page(request, None, form, _("New survey"), _("Create survey"))


@login_required
def detail(request, pk):
    survey = survey_for(request, pk)
    invited, used = selectors.invitation_counts([survey]).get(survey.pk, (0, 0))
    result_set = selectors.result_set_for(survey)
    responses = survey.responses
    return render(request, "surveys/detail.html", {
        "survey": survey, "can": _permissions(request.user, survey), "invited": invited, "used": used,
        "n_responses": responses.count(), "n_paper": responses.filter(source=Response.Source.PAPER).count(),
        "result_set": result_set, "population_count": survey.population.count(),
        "questions_by_topic": _by_topic(survey.questions.all()),
    })


def _by_topic(questions):
    labels = dict(Question.Topic.choices)
    pages = {}
    for question in questions:
        pages.setdefault(question.topic, []).append(question)
    order = [t for t, _label in Question.Topic.choices]
    return [(labels[t], pages[t]) for t in order if t in pages]


@login_required
def edit(request, pk):
    survey = survey_for(request, pk, "surveys.change_survey")
    comparable = [s for s in selectors.workspace_surveys(request.user) if s.year < survey.year]
    form = SurveyForm(posted(request), instance=survey, comparable=comparable)

    def action(data):
        services.update_survey(survey, by=request.user, **{k: data[k] for k in ("title", "intro", "min_n", "min_cell_size", "previous")})

    if run(request, form, action, success_message=_("The survey was saved.")):
        return redirect(survey.get_workspace_url())
    return form_page(request, survey, form, _("Edit survey"), _("Save"))


@login_required
def delete(request, pk):
    survey = survey_for(request, pk, "surveys.delete_survey")
    if request.method == "POST":
        services.delete_survey(survey, by=request.user)
        messages.success(request, _("The survey was deleted."))
        return redirect("surveys:list")
    return render(request, "surveys/confirm.html", {"survey": survey, "title": _("Delete the survey?"),
                                                    "submit_label": _("Delete"), "danger": True})


# --- questions -----------------------------------------------------------


@login_required
def question_create(request, pk):
    survey = survey_for(request, pk, "surveys.change_questions")
    form = QuestionForm(posted(request))

    def action(data):
        services.add_question(survey, by=request.user, code=data["code"], kind=data["kind"], topic=data["topic"],
                              text=data["text"], text_en=data["text_en"], theme=data["theme"], options=data["options"])

    if run(request, form, action, success_message=_("The question was added.")):
        return redirect(survey.get_workspace_url() + "#fragor")
    return form_page(request, survey, form, _("Add question"), _("Add"))


def _question_for(request, pk):
    question = get_object_or_404(Question, pk=pk)
    survey = survey_for(request, question.survey_id, "surveys.change_questions")
    return question, survey


@login_required
def question_edit(request, pk):
    question, survey = _question_for(request, pk)
    form = QuestionForm(posted(request), initial={
        "kind": question.kind, "topic": question.topic, "code": question.code, "text": question.text,
        "text_en": question.text_en, "theme": question.theme, "options": options_text(question.options)})

    def action(data):
        services.update_question(question, by=request.user, **{k: data[k] for k in (
            "code", "kind", "topic", "text", "text_en", "theme", "options")})

    if run(request, form, action, success_message=_("The question was saved.")):
        return redirect(survey.get_workspace_url() + "#fragor")
    return form_page(request, survey, form, _("Edit question"), _("Save"))


@login_required
def question_delete(request, pk):
    question, survey = _question_for(request, pk)
    if request.method == "POST":
        services.delete_question(question, by=request.user)
        messages.success(request, _("The question was removed."))
        return redirect(survey.get_workspace_url() + "#fragor")
    return render(request, "surveys/confirm.html", {"survey": survey, "title": _("Remove the question?"),
                                                    "intro": question.text, "submit_label": _("Remove"), "danger": True})


@login_required
@require_POST
def question_move(request, pk, direction):
    question, survey = _question_for(request, pk)
    services.move_question(question, by=request.user, up=direction == "upp")
    return redirect(survey.get_workspace_url() + "#fragor")


# --- population ----------------------------------------------------------


@login_required
def population(request, pk):
    survey = survey_for(request, pk)
    can_change = request.user.has_perm("surveys.change_population", survey)
    cells = list(PopulationCell.objects.filter(survey=survey).select_related("municipality"))
    chosen = survey.municipalities.all()
    municipality_pk = request.POST.get("municipality") or request.GET.get("kommun")
    current = next((m for m in chosen if str(m.pk) == str(municipality_pk)), None) or chosen[0]
    initial = {"municipality": current.pk}
    for cell in cells:
        if cell.municipality_id == current.pk and cell.age_group and cell.sex:
            initial[f"{cell.age_group}_{cell.sex}"] = cell.population
    form = PopulationForm(posted(request) if can_change else None, municipalities=survey.municipalities.all(),
                          initial=initial)
    upload = UploadForm()

    def action(data):
        if not can_change:
            raise PermissionDenied
        services.set_population(survey, by=request.user, municipality=data["municipality"], year=survey.year,
                                cells=form.cells())

    if run(request, form, action, success_message=_("The population was saved.")):
        return redirect(f"{survey.get_workspace_url()}befolkning/?kommun={form.cleaned_data['municipality'].pk}")
    totals = {}
    for cell in cells:
        totals.setdefault(cell.municipality, 0)
        totals[cell.municipality] += cell.population if cell.age_group else 0
    return render(request, "surveys/population.html", {
        "survey": survey, "form": form, "upload": upload, "can_change": can_change, "current": current,
        "municipalities": chosen, "totals": totals,
    })


@login_required
def population_import(request, pk):
    survey = survey_for(request, pk, "surveys.change_population")
    form = UploadForm(posted(request), request.FILES or None)

    def action(data):
        count = services.import_population(survey, by=request.user, upload=data["file"])
        messages.success(request, _("%(count)d population rows were imported.") % {"count": count})

    if run(request, form, action, success_message=None):
        return redirect(survey.get_workspace_url() + "befolkning/")
    return form_page(request, survey, form, _("Import population"), _("Import"), multipart=True,
                     intro=_("The engine's population layout: municipality,year,age_group,sex,population — all 14 age "
                             "group × sex cells of a municipality, or only its margins (an empty sex or age group)."))


# --- invitations ---------------------------------------------------------


@login_required
def invitations(request, pk):
    survey = survey_for(request, pk)
    can_manage = request.user.has_perm("surveys.manage_invitations", survey)
    form = InvitationsForm(posted(request) if can_manage else None, municipalities=survey.municipalities.all())

    def action(data):
        if not can_manage:
            raise PermissionDenied
        count = services.create_invitations(survey, by=request.user, municipality=data["municipality"], count=data["count"])
        messages.success(request, _("%(count)d codes were added.") % {"count": count})

    if run(request, form, action, success_message=None):
        return redirect(survey.get_workspace_url() + "inbjudningar/")
    counts = selectors.invitation_counts([survey]).get(survey.pk, (0, 0))
    return render(request, "surveys/invitations.html", {
        "survey": survey, "form": form, "letters_form": LettersForm(), "can_manage": can_manage,
        "invited": counts[0], "used": counts[1], "batches": survey.letter_batches.defer("pdf", "csv")[:10],
    })


@login_required
def addresses_import(request, pk):
    survey = survey_for(request, pk, "surveys.manage_invitations")
    form = UploadForm(posted(request), request.FILES or None)

    def action(data):
        count = services.import_addresses(survey, by=request.user, upload=data["file"])
        messages.success(request, _("%(count)d invitations were added.") % {"count": count})

    if run(request, form, action, success_message=None):
        return redirect(survey.get_workspace_url() + "inbjudningar/")
    return form_page(request, survey, form, _("Import the sample's addresses"), _("Import"), multipart=True,
                     intro=_("Columns: kommunkod,namn,adress,postnummer,ort (kommunkod may be left out when the survey "
                             "covers one municipality). One code is made per address; addresses are erased when the "
                             "survey closes."))


@login_required
def letters(request, pk):
    survey = survey_for(request, pk, "surveys.manage_invitations")
    form = LettersForm(posted(request))
    batch = []

    def action(data):
        batch.append(services.start_letters(survey, by=request.user, kind=data["kind"],
                                            base_url=request.build_absolute_uri("/")))

    if run(request, form, action, success_message=_("The letters are being made.")):
        return redirect(survey.get_workspace_url() + "inbjudningar/")
    return form_page(request, survey, form, _("Make letters"), _("Make letters"))


@login_required
def letter_download(request, pk, batch_pk, fmt):
    survey = survey_for(request, pk, "surveys.manage_invitations")
    batch = get_object_or_404(LetterBatch, pk=batch_pk, survey=survey, ready=True)
    name = f"{batch.kind}-{survey.pk}-{batch.created_at:%Y%m%d}"
    if fmt == "pdf":
        response = HttpResponse(bytes(batch.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        response = HttpResponse(batch.csv, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "no-store"
    return response


# --- answers -------------------------------------------------------------


@login_required
def paper_import(request, pk):
    survey = survey_for(request, pk, "surveys.import_answers")
    form = PaperImportForm(posted(request), request.FILES or None)

    def action(data):
        count = services.import_paper_answers(survey, by=request.user, upload=data["file"], used_codes=data["used_codes"])
        messages.success(request, _("%(count)d paper answers were imported; the results are being computed.") % {"count": count})

    if run(request, form, action, success_message=None):
        return redirect(survey.get_workspace_url())
    header = ",".join(export_header(list(survey.questions.all())))
    return form_page(request, survey, form, _("Import paper answers"), _("Import"), multipart=True,
                     intro=_("One row per questionnaire, in the layout the answers export uses:"),
                     extra={"layout": header})


@login_required
def answers_export(request, pk):
    """The survey's answers in the engine's layout (no keys, shuffled order: the rows carry nothing but answers)."""
    survey = survey_for(request, pk, "surveys.export_answers")
    questions = list(survey.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="svar-{survey.pk}.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(export_header(questions))
    for row in Response.objects.filter(survey=survey).select_related("municipality", "sub_area").order_by("?"):
        writer.writerow(export_row(row, questions, year=survey.year, municipality_code=row.municipality.code,
                                   sub_area_name=row.sub_area.name if row.sub_area else ""))
    return response


# --- states --------------------------------------------------------------


def _state_action(request, pk, perm, service, *, title, intro, success, submit_label, danger=False):
    survey = survey_for(request, pk, perm)
    if request.method == "POST":
        try:
            result = service(survey, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(survey.get_workspace_url())
        messages.success(request, success)
        job = result if result.__class__.__name__ == "Job" else None
        return redirect(job.get_absolute_url() if job else survey.get_workspace_url())
    return render(request, "surveys/confirm.html", {"survey": survey, "title": title, "intro": intro,
                                                    "submit_label": submit_label, "danger": danger})


@login_required
def open_(request, pk):
    return _state_action(request, pk, "surveys.open_survey", services.open_survey, title=_("Open the survey for answers?"),
                         intro=_("Residents can answer from now on; questions lock at the first answer."),
                         success=_("The survey is open for answers."), submit_label=_("Open for answers"))


@login_required
def close(request, pk):
    return _state_action(request, pk, "surveys.close_survey", services.close_survey, title=_("Close the survey?"),
                         intro=_("No more answers are taken. The sample's addresses and unfinished answers are deleted, "
                                 "and the results are computed."),
                         success=_("The survey is closed."), submit_label=_("Close"))


@login_required
def publish(request, pk):
    return _state_action(request, pk, "surveys.publish_survey", services.publish_survey, title=_("Publish the results?"),
                         intro=_("The results appear on the public pages of the survey's municipalities."),
                         success=_("The results are published."), submit_label=_("Publish"))


@login_required
def compute(request, pk):
    return _state_action(request, pk, "surveys.compute_results", services.recompute_results,
                         title=_("Compute the results now?"), intro=_("The results are computed from every answer so far."),
                         success=_("The results are being computed."), submit_label=_("Compute"))


@login_required
def unpublish(request, pk):
    survey = survey_for(request, pk, "surveys.unpublish_survey")
    form = ReasonForm(posted(request))

    def action(data):
        services.unpublish_survey(survey, by=request.user, reason=data["reason"])

    if run(request, form, action, success_message=_("The results were taken off the public pages.")):
        return redirect(survey.get_workspace_url())
    return form_page(request, survey, form, _("Take the results down"), _("Take down"))

