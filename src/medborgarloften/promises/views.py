"""The workspace where coordinators draft promises and signatories sign them.

Each view: find the object and check the named rule first (404 to those who
may not see it, 403 to those who may see but not act), bind the form, call one
service, redirect. A rejected form is shown again with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.db.models import prefetch_related_objects
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.core.forms import add_service_errors, posted
from medborgarloften.core.pagination import page_of
from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.twofactor import recently_authenticated
from medborgarloften.scope.predicates import municipality_ids_for
from medborgarloften.scope.selectors import editable_municipalities

from . import selectors, services
from .forms import (
    DeclineForm,
    ActivityForm,
    ApproveForm,
    CommitmentForm,
    CopySourceSearchForm,
    ExtendForm,
    PaperSignaturesForm,
    PromiseCreateForm,
    PromiseForm,
    SignForm,
    WithdrawForm,
)
from .aids import attach_commitment_aids
from .drafting import drafting_warnings
from .history import promise_history
from .models import Activity, Commitment, Decline, Extension, Promise


def _promise_for(request, pk, perm=None):
    """Return promise ``pk`` if the person may see it (else 404) and has ``perm`` on it (else 403)."""
    try:
        promise = selectors.promise_with_content(pk)
    except Promise.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("promises.view_promise", promise):
        raise Http404
    if perm and not request.user.has_perm(perm, promise):
        raise PermissionDenied(perm)
    return promise


def _run(request, form, action, *, success_message):
    """Call ``action(cleaned_data)`` if ``form`` is valid; return True when it succeeded."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success_message)
    return True


def _period(data):
    return {"valid_from": data["valid_from"], "valid_to": None if data["until_replaced"] else data["valid_to"]}


def _form_page(request, promise, form, title, submit_label, *, warn_new_version=False, **extra):
    """Show ``form`` on a page of its own (after a rejected POST, with what was typed).

    With ``warn_new_version``, an edit form warns when saving would make a new
    version and so void the signatures given.
    """
    return render(request, "promises/form_page.html", {
        "promise": promise, "form": form, "title": title, "submit_label": submit_label,
        "warn_new_version": warn_new_version and promise.state in (
            Promise.State.AWAITING_SIGNATURES, Promise.State.SIGNED),
        **extra,
    })


PAGE_SIZE = 25


@login_required
def promise_list(request):
    """Every promise the person works on, newest first, a page at a time."""
    page = page_of(selectors.workspace_promises(request.user), request.GET.get("sida"), size=PAGE_SIZE)
    selectors.prefetch_for_list(page.object_list)
    return render(request, "promises/list.html", {
        "page": page, "promises": page.object_list, "can_add": request.user.has_perm("promises.add_promise"),
    })


@login_required
def create(request):
    # A person who edits for no municipality (the site's superuser, say) could not complete the form.
    if not request.user.has_perm("promises.add_promise") or not municipality_ids_for(request.user, Membership.Role.EDITOR):
        raise PermissionDenied
    copyable = selectors.copyable_promises(request.user)
    source = None
    if request.method != "POST" and request.GET.get("fran"):
        # Chosen on the search page: start from it (a promise the person may not copy is not found).
        source = get_object_or_404(copyable, pk=request.GET["fran"]) if request.GET["fran"].isdigit() else None
        if source is None:
            raise Http404
    form = PromiseCreateForm(
        posted(request),
        municipalities=editable_municipalities(request.user),
        copyable=copyable,
        initial={"based_on": source.pk} if source else None,
    )
    created = []

    def action(data):
        common = {
            "by": request.user, "municipalities": data["municipalities"], "title": data["title"],
            "collaboration_agreement": data["collaboration_agreement"], "replaces": data["replaces"], **_period(data),
        }
        if data["based_on"] is not None:
            created.append(services.start_from_promise(data["based_on"], **common))
        else:
            created.append(services.create_promise(**common))

    if _run(request, form, action, success_message=_("The draft was created.")):
        return redirect(created[0].get_workspace_url())
    return _form_page(request, None, form, _("New citizen promise"), _("Create draft"), source=source,
                      search_sources_url=reverse("promises:start_from"))


SOURCES_PAGE_SIZE = 20


@login_required
def start_from(request):
    """Search for a promise to start a new one from: one's own, or any public promise in the country."""
    if not request.user.has_perm("promises.add_promise"):
        raise PermissionDenied
    form = CopySourceSearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"text": data["q"].strip(), "municipality": data["kommun"].strip(), "county": data["lan"],
                   "year": data["ar"], "theme": data["tema"]}
    page = page_of(selectors.copy_sources(request.user, **filters), request.GET.get("sida"), size=SOURCES_PAGE_SIZE)
    selectors.prefetch_for_list(page.object_list)
    prefetch_related_objects(page.object_list, "commitments")
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "promises/start_from.html", {
        "form": form, "page": page, "promises": page.object_list, "query": query.urlencode(),
    })


@login_required
def detail(request, pk):
    promise = _promise_for(request, pk)
    version = selectors.latest_version(promise)
    user = request.user
    extension = Extension.objects.filter(promise=promise, state=Extension.State.PROPOSED).prefetch_related("consents").first()
    if extension is not None:
        extension.promise = promise
    can_change = user.has_perm("promises.change_promise", promise)
    context = {
        "promise": promise,
        "version": version,
        # Drafting help for those who write the text, while it can still change.
        "warnings": drafting_warnings(promise) if can_change else [],
        "versions": sorted(promise.versions.all(), key=lambda v: -v.number),
        "unsigned_parties": selectors.unsigned_parties(promise, version) if version else [],
        "signatures": selectors.valid_signatures(version),
        "can_change": can_change,
        "can_approve": user.has_perm("promises.approve_promise", promise),
        "can_send": user.has_perm("promises.send_promise_for_signing", promise),
        "can_sign": version is not None and user.has_perm("promises.sign_promiseversion", version),
        "can_publish": user.has_perm("promises.publish_promise", promise),
        "can_extend": user.has_perm("promises.extend_promise", promise) and extension is None,
        "extension": extension,
        "can_agree": extension is not None and user.has_perm("promises.agree_to_extension", extension),
        "can_register_on_paper": user.has_perm("promises.register_paper_signatures", promise),
        "can_withdraw": user.has_perm("promises.withdraw_promise", promise),
        "audit_entries": promise_history(promise) if user.has_perm("promises.view_audit_log", promise) else [],
        "declines": list(Decline.objects.filter(version__promise=promise).select_related("version")[:5])
        if version is not None and promise.state in Promise.EDITABLE_STATES else [],
    }
    if can_change:
        attach_commitment_aids(request, promise)
    return render(request, "promises/detail.html", context)


@login_required
def edit(request, pk):
    promise = _promise_for(request, pk, "promises.change_promise")
    form = PromiseForm(posted(request), instance=promise)

    def action(data):
        services.update_promise(
            promise, by=request.user, title=data["title"], situation=data["situation"],
            follow_up=data["follow_up"], focus_themes=data["focus_themes"],
            collaboration_agreement=data["collaboration_agreement"],
            replaces=data["replaces"], **_period(data),
        )

    if _run(request, form, action, success_message=_("The promise was saved.")):
        return redirect(promise.get_workspace_url())
    return _form_page(request, promise, form, _("Edit promise"), _("Save"), intro=promise.title, warn_new_version=True)


def _commitment_values(data):
    values = {k: data[k] for k in ("focus_area", "theme", "pledge", "goal", "indicator", "baseline_year")}
    if "problems" in data:
        values["problems"] = list(data["problems"])
    return values


@login_required
def commitment_create(request, pk):
    promise = _promise_for(request, pk, "promises.change_promise")
    form = CommitmentForm(posted(request), promise=promise)

    def action(data):
        services.add_commitment(promise, by=request.user, **_commitment_values(data))

    if _run(request, form, action, success_message=_("The commitment was added.")):
        return redirect(promise.get_workspace_url())
    return _form_page(request, promise, form, _("Add commitment"), _("Save"), intro=promise.title, warn_new_version=True)


def _commitment_for(request, pk):
    commitment = get_object_or_404(Commitment, pk=pk)
    return commitment, _promise_for(request, commitment.promise_id, "promises.change_promise")


@login_required
def commitment_edit(request, pk):
    commitment, promise = _commitment_for(request, pk)
    form = CommitmentForm(posted(request), instance=commitment, promise=promise)

    def action(data):
        services.update_commitment(commitment, by=request.user, **_commitment_values(data))

    if _run(request, form, action, success_message=_("The commitment was saved.")):
        return redirect(promise.get_workspace_url())
    # While the commitment is written: what other municipalities promised on its theme.
    attach_commitment_aids(request, promise)
    aids = next((c.aids for c in promise.commitments.all() if c.pk == commitment.pk), [])
    return _form_page(request, promise, form, _("Edit commitment"), _("Save"), intro=promise.title, warn_new_version=True,
                      aids=aids)


@login_required
def commitment_delete(request, pk):
    commitment, promise = _commitment_for(request, pk)
    if request.method == "POST":
        services.delete_commitment(commitment, by=request.user)
        messages.success(request, _("The commitment was removed."))
        return redirect(promise.get_workspace_url())
    return render(request, "promises/confirm_delete.html", {"promise": promise, "object": commitment})


def _activity_values(data):
    return {k: data[k] for k in (
        "description", "responsible", "target_quantity", "unit", "recurrence",
        "period_start", "period_end", "places",
    )}


@login_required
def activity_create(request, pk):
    commitment, promise = _commitment_for(request, pk)
    form = ActivityForm(posted(request), promise=promise)

    def action(data):
        services.add_activity(commitment, by=request.user, partners=data["partners"], **_activity_values(data))

    if _run(request, form, action, success_message=_("The activity was added.")):
        return redirect(promise.get_workspace_url())
    return _form_page(
        request, promise, form, _("Add activity"), _("Save"),
        intro=_("Commitment: %(name)s") % {"name": commitment.focus_area}, warn_new_version=True,
        register_partner_url=_register_partner_url(request),
    )


def _register_partner_url(request):
    """Return where to register a missing partner and come back to this form, if the person may."""
    if not request.user.has_perm("scope.add_partner"):
        return None
    return f"{reverse('scope:partner_create')}?{urlencode({'next': request.path})}"


def _activity_for(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("commitment"), pk=pk)
    return activity, _promise_for(request, activity.commitment.promise_id, "promises.change_promise")


@login_required
def activity_edit(request, pk):
    activity, promise = _activity_for(request, pk)
    form = ActivityForm(posted(request), instance=activity, promise=promise)

    def action(data):
        services.update_activity(activity, by=request.user, partners=data["partners"], **_activity_values(data))

    if _run(request, form, action, success_message=_("The activity was saved.")):
        return redirect(promise.get_workspace_url())
    return _form_page(
        request, promise, form, _("Edit activity"), _("Save"),
        intro=_("Commitment: %(name)s") % {"name": activity.commitment.focus_area}, warn_new_version=True,
        register_partner_url=_register_partner_url(request),
    )


@login_required
def activity_delete(request, pk):
    activity, promise = _activity_for(request, pk)
    if request.method == "POST":
        services.delete_activity(activity, by=request.user)
        messages.success(request, _("The activity was removed."))
        return redirect(promise.get_workspace_url())
    return render(request, "promises/confirm_delete.html", {"promise": promise, "object": activity})


@login_required
def approve(request, pk):
    promise = _promise_for(request, pk, "promises.approve_promise")
    form = ApproveForm(posted(request))

    def action(data):
        services.approve_promise(promise, by=request.user, body=data["body"], approved_on=data["approved_on"])

    if _run(request, form, action, success_message=_("The approval was recorded.")):
        return redirect(promise.get_workspace_url())
    return _form_page(request, promise, form, _("Record approval by the municipal body"), _("Record approval"))


@login_required
def send_for_signing(request, pk):
    """POST sends the text for signing; GET first shows the drafting warnings, with the button to send anyway."""
    promise = _promise_for(request, pk, "promises.send_promise_for_signing")
    if request.method != "POST":
        return render(request, "promises/send_for_signing.html", {
            "promise": promise, "warnings": drafting_warnings(promise)})
    try:
        version = services.send_promise_for_signing(promise, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Version %(number)s was sent for signing.") % {"number": version.number})
    return redirect(promise.get_workspace_url())


@login_required
def sign(request, pk, number):
    promise = _promise_for(request, pk)
    version = next((v for v in promise.versions.all() if v.number == number), None)
    if version is None:
        raise Http404
    latest = selectors.latest_version(promise)
    if version != latest and request.user.has_perm("promises.sign_promiseversion", latest):
        # An old link (the text changed since it was sent): point to the version to sign now.
        messages.warning(request, _("The text has changed since version %(old)s; read and sign version %(new)s.")
                         % {"old": version.number, "new": latest.number})
        return redirect("promises:sign", pk=promise.pk, number=latest.number)
    if not request.user.has_perm("promises.sign_promiseversion", version):
        raise PermissionDenied
    if not recently_authenticated(request):
        # A signature is an official act: the password (and the code, with a device) within the last minutes.
        messages.info(request, _("Confirm who you are before you sign."))
        return redirect(reverse("accounts:reauthenticate") + "?" + urlencode({"next": request.path}))
    form = SignForm(posted(request), parties=selectors.signable_parties(request.user, version))

    def action(data):
        services.sign_promise(version, person=request.user, party=data.get("party"))

    if _run(request, form, action, success_message=_("You have signed the promise.")):
        return redirect(promise.get_workspace_url())
    # The page names the promise and shows exactly the text of the version signed.
    signed_text = selectors.SignedPromise(promise, version)
    return _form_page(
        request, promise, form,
        _("Sign “%(title)s”, version %(number)s") % {"title": signed_text.title, "number": version.number}, _("Sign"),
        version=version, show_body=True, signed_text=signed_text,
    )


@login_required
def decline(request, pk, number):
    """Decline to sign a version, with a comment that goes back to the drafters."""
    promise = _promise_for(request, pk)
    version = next((v for v in promise.versions.all() if v.number == number), None)
    if version is None:
        raise Http404
    if not request.user.has_perm("promises.sign_promiseversion", version):
        raise PermissionDenied
    form = DeclineForm(posted(request))

    def action(data):
        services.decline_version(version, person=request.user, comment=data["comment"])

    if _run(request, form, action, success_message=_("You declined the version; the drafters see your comment.")):
        return redirect(promise.get_workspace_url())
    return _form_page(
        request, promise, form,
        _("Decline “%(title)s”, version %(number)s") % {"title": version.content.get("title", promise.title), "number": version.number},
        _("Decline"), intro=_("The promise goes back to the drafters as a draft, with your comment; they send a new version for signing."),
    )


@login_required
@require_POST
def publish(request, pk):
    promise = _promise_for(request, pk, "promises.publish_promise")
    try:
        services.publish_promise(promise, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(promise.get_workspace_url())
    messages.success(request, _("The promise is published."))
    return redirect(promise.get_absolute_url())


@login_required
def extend(request, pk):
    promise = _promise_for(request, pk, "promises.extend_promise")
    form = ExtendForm(posted(request))

    def action(data):
        services.propose_extension(promise, by=request.user, until=data["until"], reason=data["reason"])

    if _run(request, form, action, success_message=_("The extension was proposed; it takes effect when every signing party has agreed.")):
        return redirect(promise.get_workspace_url())
    return _form_page(request, promise, form, _("Extend the promise"), _("Propose the extension"),
                      intro=_("Each signing party agrees to an extension before it takes effect; the promise runs at most three years."))


@login_required
@require_POST
def agree_to_extension(request, pk):
    promise = _promise_for(request, pk)
    extension = get_object_or_404(Extension, promise=promise, state=Extension.State.PROPOSED)
    extension.promise = promise
    if not request.user.has_perm("promises.agree_to_extension", extension):
        raise PermissionDenied
    try:
        services.agree_to_extension(extension, person=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You have agreed to the extension."))
    return redirect(promise.get_workspace_url())


@login_required
def register_on_paper(request, pk):
    promise = _promise_for(request, pk, "promises.register_paper_signatures")
    form = PaperSignaturesForm(posted(request), parties=[p for p in promise.parties.all() if p.signs])

    def action(data):
        services.register_paper_signatures(promise, by=request.user, signatures=form.signatures(),
                                           published_on=data["published_on"])

    if _run(request, form, action, success_message=_("The promise was registered as signed on paper and published.")):
        return redirect(promise.get_workspace_url())
    return _form_page(
        request, promise, form, _("Register as signed on paper"), _("Register and publish"),
        intro=_("For a promise signed on paper before the platform was used: give the signatures as they stand on "
                "the paper. The public page says it was registered afterwards and not signed digitally."),
    )


@login_required
def withdraw(request, pk):
    promise = _promise_for(request, pk, "promises.withdraw_promise")
    form = WithdrawForm(posted(request))

    def action(data):
        services.withdraw_promise(promise, by=request.user, reason=data["reason"])

    if _run(request, form, action, success_message=_("The promise was withdrawn.")):
        return redirect(promise.get_workspace_url())
    return _form_page(request, promise, form, _("Withdraw the promise"), _("Withdraw"))
