"""Pages of signed documents: public downloads, verification and the press page per county and year; and the
statutory lägesbild and åtgärdsplan as documents for a problem picture's staff."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from medborgarloften.areas.models import County, Municipality
from medborgarloften.followup.selectors import yearly_followup
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.problems.selectors import picture_for_workspace
from medborgarloften.promises.selectors import VERSION_PREFETCH, latest_version, valid_signatures
from medborgarloften.site import selectors as site_selectors
from medborgarloften.site import statutory

from . import layout, selectors, services, sources, verification
from .forms import HashForm, UploadForm
from .models import Document


def base_url(request):
    """Return the public address documents print: PUBLIC_BASE_URL, else this request's scheme and host."""
    return settings.PUBLIC_BASE_URL or request.build_absolute_uri("/").rstrip("/")


def _year(value):
    value = int(value)
    if not 1990 <= value <= 2100:
        raise Http404
    return value


def _serve(request, document, filename):
    """Answer with the stored file, or a page saying it is being prepared (or could not be)."""
    if document.is_ready:
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            handle = None
        if handle is not None:
            etag = f'"{document.file_sha256}"'
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                handle.close()
                return not_modified
            response = FileResponse(handle, content_type="application/pdf", filename=filename)
            response["ETag"] = etag
            return response
    failed = document.state == Document.State.FAILED
    response = render(request, "site/documents/preparing.html", {"document": document, "failed": failed},
                      status=503 if failed else 202)
    patch_cache_control(response, no_store=True)
    if failed:
        response["Retry-After"] = str(int(services.RETRY_AFTER.total_seconds()))
    return response


def promise_document(request, pk):
    promise = get_object_or_404(site_selectors.public_promises().prefetch_related(VERSION_PREFETCH), pk=pk)
    version = latest_version(promise)
    if version is None or not valid_signatures(version):
        raise Http404
    source = sources.promise_source(promise, version, base_url=base_url(request))
    document = services.issue_document(source, kind=Document.Kind.PROMISE, version=version, by=request.user)
    return _serve(request, document, f"medborgarlofte-{promise.pk}-version-{version.number}.pdf")


def municipality_followup_document(request, code, slug, year):
    municipality = get_object_or_404(Municipality, code=code)
    year = _year(year)
    if slug != municipality.slug:
        return redirect("site_documents:municipality_followup", code=code, slug=municipality.slug, year=year, permanent=True)
    page = reverse("followup_public:municipality_year", kwargs={"code": code, "slug": municipality.slug, "year": year})
    source = sources.followup_source(municipality, year, yearly_followup([municipality], year),
                                     base_url=base_url(request), url=page)
    document = services.issue_document(source, kind=Document.Kind.MUNICIPALITY_FOLLOWUP, municipality=municipality,
                                       year=year, by=request.user)
    return _serve(request, document, f"uppfoljning-{year}-{municipality.slug}.pdf")


def county_followup_document(request, code, slug, year):
    county = get_object_or_404(County, code=code)
    year = _year(year)
    if slug != county.slug:
        return redirect("site_documents:county_followup", code=code, slug=county.slug, year=year, permanent=True)
    page = reverse("followup_public:county_year", kwargs={"code": code, "slug": county.slug, "year": year})
    source = sources.followup_source(county, year, yearly_followup(county.municipalities.all(), year),
                                     base_url=base_url(request), url=page)
    document = services.issue_document(source, kind=Document.Kind.COUNTY_FOLLOWUP, county=county, year=year,
                                       by=request.user)
    return _serve(request, document, f"uppfoljning-{year}-{county.slug}.pdf")


def _picture_for_staff(request, pk):
    """Return the problem picture ``pk`` if the user may see its staff pages (as ``site.views`` checks); else 404."""
    try:
        picture = picture_for_workspace(pk)
    except ProblemPicture.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("problems.view_problempicture", picture):
        raise Http404
    return picture


def _serve_staff(request, document, filename):
    response = _serve(request, document, filename)
    # A staff document never lands in a shared cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


def situation_report_document(request, pk):
    """The lägesbild as a sealed PDF, for the picture's staff: with staff knowledge, or (?offentlig=1) without it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    picture = _picture_for_staff(request, pk)
    public = request.GET.get("offentlig") == "1"
    with layout.in_swedish():
        source = sources.situation_report_source(statutory.situation_report(picture, public=public),
                                                 base_url=base_url(request))
    document = services.issue_document(source, kind=Document.Kind.SITUATION_REPORT, year=picture.year, by=request.user)
    suffix = "-offentlig" if public else ""
    return _serve_staff(request, document, f"lagesbild-{picture.year}-{picture.pk}{suffix}.pdf")


def action_plan_document(request, pk):
    """The åtgärdsplan as a sealed PDF, for the picture's staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    picture = _picture_for_staff(request, pk)
    with layout.in_swedish():
        source = sources.action_plan_source(statutory.action_plan(picture), base_url=base_url(request))
    document = services.issue_document(source, kind=Document.Kind.ACTION_PLAN, year=picture.year, by=request.user)
    return _serve_staff(request, document, f"atgardsplan-{picture.year}-{picture.pk}.pdf")


def _limit(request):
    """Count a check against the visitor's limit; past it, answer 429."""
    if is_ratelimited(request, group="documents-verify", key="ip", rate=settings.VERIFY_RATE, increment=True):
        raise Ratelimited


@csrf_exempt  # Changes nothing: it only reads the uploaded file and answers; no cookie or session is needed.
def verify(request):
    hash_form = HashForm(request.GET if "sha256" in request.GET else None)
    upload_form = UploadForm()
    lookup = file_check = None
    if request.method == "POST":
        _limit(request)
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.DOCUMENT_UPLOAD_MAX_BYTES + 64 * 1024:
            # Refused before the body is read: an oversized upload costs nothing.
            upload_form.refuse_too_large()
        else:
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                upload = upload_form.cleaned_data["document"]
                upload.seek(0)
                file_check = verification.check_file(upload.read())
                if file_check.identifier:
                    lookup = selectors.lookup(file_check.identifier)
    elif hash_form.is_bound:
        _limit(request)
        if hash_form.is_valid():
            lookup = selectors.lookup(hash_form.cleaned_data["sha256"])
    credentials = verification.signing.credentials()
    response = render(request, "site/documents/verify.html", {
        "hash_form": hash_form, "upload_form": upload_form, "lookup": lookup, "file_check": file_check,
        "certificate": credentials, "Seal": verification.Seal, "Standing": selectors.Standing,
        "breadcrumbs": [(None, _("Verify a document"))],
    })
    if request.method == "POST" or hash_form.is_bound:
        patch_cache_control(response, no_store=True)
    return response


def press(request, code, slug, year=None):
    county = get_object_or_404(County, code=code)
    if year is not None:
        year = _year(year)
    status = site_selectors.county_status(county, year=year)
    if year is None or slug != county.slug:
        return redirect("site_documents:press", code=code, slug=county.slug, year=status["year"], permanent=year is not None)
    rows = selectors.press_rows(status)
    signed_dates = [row["signed_on"] for row in rows if row["signed_on"]]
    return render(request, "site/documents/press.html", {
        "county": county, "status": status, "rows": rows, "year": year,
        "first_signed": min(signed_dates, default=None), "last_signed": max(signed_dates, default=None),
        "page_url": request.build_absolute_uri() if not settings.PUBLIC_BASE_URL else settings.PUBLIC_BASE_URL + request.path,
        "breadcrumbs": [(county.get_absolute_url(), county.name), (None, _("Press: %(year)s") % {"year": year})],
    })
