"""Answering a survey: a code (or an open link), one topic per page, answers saved as they go, one submission.

Works without JavaScript. Which survey and code a browser is answering is
kept in a signed cookie, never in the server's session, so nothing on the
server notes when a code was last active. The answers go to the draft kept
against the code until they are submitted (README, "Anonymity of survey
answers").
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from medborgarloften.core.forms import add_service_errors, posted

from .. import services
from ..forms import CodeForm, OpenStartForm, answer_page_form
from ..models import Invitation, Question, Survey

COOKIE = "enkat"
COOKIE_SALT = "medborgarloften.surveys.answering"


def _open_rate(group, request):
    return getattr(settings, "SURVEY_OPEN_RATE", "30/h")


def _code_rate(group, request):
    return getattr(settings, "SURVEY_CODE_RATE", "20/m")


class Answering:
    """Who is answering what: the survey, and the invitation (sample) or the resume token (open link)."""

    def __init__(self, survey, invitation=None, token=None):
        self.survey, self.invitation, self.token = survey, invitation, token

    @property
    def municipality(self):
        return self.invitation.municipality if self.invitation else None


def _set_cookie(response, value):
    response.set_signed_cookie(COOKIE, value, salt=COOKIE_SALT, httponly=True, samesite="Lax",
                               secure=settings.SESSION_COOKIE_SECURE, path="/enkat/")


def _answering(request):
    """Return the Answering of this browser, or None (no cookie, a used code, a closed survey)."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
    if not value:
        return None
    kind, _sep, rest = value.partition(":")
    if kind == "k":
        invitation = Invitation.objects.select_related("survey", "municipality").filter(code=rest, used=False).first()
        if invitation is None or invitation.survey.state != Survey.State.FIELDWORK:
            return None
        return Answering(invitation.survey, invitation=invitation)
    if kind == "o":
        pk, _sep, token = rest.partition(":")
        survey = Survey.objects.filter(pk=pk, mode=Survey.Mode.OPEN, state=Survey.State.FIELDWORK).first() if pk.isdigit() else None
        return Answering(survey, token=token) if survey and token else None
    return None


def _pages(answering):
    """Return the questionnaire's pages: [(topic label, [questions])], a page per topic, in order."""
    survey = answering.survey
    labels = dict(Question.Topic.choices)
    grouped = {}
    for question in survey.questions.all():
        grouped.setdefault(question.topic, []).append(question)
    return [(labels[t], grouped[t]) for t, _label in Question.Topic.choices if t in grouped]


@never_cache
@ratelimit(group="survey-code", key="ip", rate=_code_rate, method="POST", block=True)
def start(request):
    """Enter the code from the letter (the QR code fills it in)."""
    form = CodeForm(posted(request), initial={"code": request.GET.get("kod", "")})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_for_code(form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = redirect("surveys:answer_page", page=1)
            _set_cookie(response, f"k:{invitation.code}")
            return response
    return render(request, "surveys/answer_start.html", {"form": form})


@never_cache
@ratelimit(group="survey-open", key="ip", rate=_open_rate, method="POST", block=True)
def open_start(request, pk):
    survey = get_object_or_404(Survey, pk=pk, mode=Survey.Mode.OPEN)
    form = OpenStartForm(posted(request))
    if survey.state != Survey.State.FIELDWORK:
        return render(request, "surveys/answer_closed.html", {"survey": survey}, status=410 if survey.state != Survey.State.DRAFT else 404)
    if request.method == "POST" and form.is_valid():
        response = redirect("surveys:answer_page", page=1)
        _set_cookie(response, f"o:{survey.pk}:{services.new_token()}")
        return response
    return render(request, "surveys/open_start.html", {"survey": survey, "form": form})


def _lost(request):
    messages.warning(request, _("Enter your code to answer (or start again from the survey's link)."))
    return redirect("surveys:answer_start")


@never_cache
def page(request, page):
    answering = _answering(request)
    if answering is None:
        return _lost(request)
    survey = answering.survey
    pages = _pages(answering)
    if not 1 <= page <= len(pages):
        raise Http404
    title, questions = pages[page - 1]
    saved = services.draft_answers(survey, invitation=answering.invitation, token=answering.token)
    sub_areas = services.sub_area_choices(survey, answering.municipality) if any(
        q.kind == Question.Kind.SUB_AREA for q in questions) else []
    form = answer_page_form(questions, data=posted(request), initial=saved, sub_areas=sub_areas,
                            municipalities=survey.municipalities.all())
    if request.method == "POST" and form.is_valid():
        values = {q.code: form.cleaned_data.get(q.code) for q in questions if q.code in form.fields}
        try:
            cleaned = services.clean_answers(survey, questions, values, municipality=answering.municipality)
            services.save_answers(survey, invitation=answering.invitation, token=answering.token, answers=cleaned)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if "spara" in request.POST:
                return render(request, "surveys/answer_saved.html", {"survey": survey, "invited": bool(answering.invitation)})
            if "tillbaka" in request.POST and page > 1:
                return redirect("surveys:answer_page", page=page - 1)
            if page < len(pages):
                return redirect("surveys:answer_page", page=page + 1)
            return redirect("surveys:answer_review")
    return render(request, "surveys/answer_page.html", {
        "survey": survey, "form": form, "title": title, "page": page, "pages": len(pages) + 1,
        "previous": page - 1 if page > 1 else None, "invited": bool(answering.invitation),
    })


def _summary(answering, saved):
    """Return [(page title, [(question text, answer text)])] of what has been answered."""
    sub_areas = {str(s.pk): s.name for s in services.sub_area_choices(answering.survey, answering.municipality)}
    municipalities = {m.code: m.name for m in answering.survey.municipalities.all()}
    pages = []
    for title, questions in _pages(answering):
        lines = []
        for question in questions:
            value = saved.get(question.code)
            if value in (None, "", []):
                shown = _("Not answered")
            elif question.kind == Question.Kind.SUB_AREA:
                shown = sub_areas.get(str(value), value)
            elif question.kind == Question.Kind.MUNICIPALITY:
                shown = municipalities.get(value, value)
            elif question.kind == Question.Kind.TEXT:
                shown = value
            else:
                labels = dict(question.option_labels())
                labels["vet_ej"] = _("Don't know")
                shown = ", ".join(str(labels.get(v, v)) for v in (value if isinstance(value, list) else [value]))
            lines.append((question.localized_text, shown))
        pages.append((title, lines))
    return pages


@never_cache
def review(request):
    answering = _answering(request)
    if answering is None:
        return _lost(request)
    survey = answering.survey
    honeypot = survey.is_open_mode
    form = OpenStartForm(posted(request)) if honeypot else None
    pages = _pages(answering)
    n_pages = len(pages)
    if request.method == "POST":
        # Open links are limited per address; a code is its own limit.
        if honeypot and is_ratelimited(request, group="survey-open", key="ip", rate=_open_rate, method="POST",
                                       increment=True):
            raise Ratelimited()
        if form is None or form.is_valid():
            try:
                services.submit_answers(survey, invitation=answering.invitation, token=answering.token,
                                        questions=[q for _title, page in pages for q in page])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                if error.code == "municipality_required":
                    # Nothing is lost: back to the page that asks, with the answers kept.
                    page = next(i for i, (_title, questions) in enumerate(pages, start=1)
                                if any(q.kind == Question.Kind.MUNICIPALITY for q in questions))
                    return redirect("surveys:answer_page", page=page)
                response = redirect("surveys:answer_start")
                response.delete_cookie(COOKIE, path="/enkat/")
                return response
            response = redirect("surveys:answer_thanks")
            response.delete_cookie(COOKIE, path="/enkat/")
            return response
    saved = services.draft_answers(survey, invitation=answering.invitation, token=answering.token)
    return render(request, "surveys/answer_review.html", {
        "survey": survey, "summary": _summary(answering, saved), "form": form, "page": n_pages + 1,
        "pages": n_pages + 1, "previous": n_pages,
    })


def thanks(request):
    return render(request, "surveys/answer_thanks.html", {})
