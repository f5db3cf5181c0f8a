from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from medborgarloften.accounts.views import login_rate_limited
from medborgarloften.web.views import favicon

urlpatterns = [
    path("", include("medborgarloften.site.urls")),
    path("", include("medborgarloften.followup.public_urls")),
    path("", include("medborgarloften.site.documents.urls")),
    path("konto/", include("medborgarloften.accounts.urls")),
    path("arbetsyta/", include("medborgarloften.web.urls")),
    path("arbetsyta/jobb/", include("medborgarloften.jobs.urls")),
    path("arbetsyta/organisationer/", include("medborgarloften.scope.urls")),
    path("arbetsyta/uppfoljning/", include("medborgarloften.followup.urls")),
    path("arbetsyta/problembild/", include("medborgarloften.problems.urls")),
    path("arbetsyta/", include("medborgarloften.promises.urls")),
    path("", include("medborgarloften.statistics.urls")),
    path("", include("medborgarloften.dialogues.urls")),
    path("", include("medborgarloften.surveys.urls")),
    path("", include("medborgarloften.site.opendata.urls")),
    # No CSRF token for the language switch: it changes nothing but the visitor's
    # own language, and a token would put a cookie on every public page.
    path("favicon.ico", favicon),
    path("sprak/", csrf_exempt(set_language), name="set_language"),
    # The admin's own sign-in gets the same rate limits as the site's.
    path("admin/login/", login_rate_limited(admin.site.login)),
    path("admin/", admin.site.urls),
]

handler400 = "medborgarloften.web.views.bad_request"
handler403 = "medborgarloften.web.views.permission_denied"
handler404 = "medborgarloften.web.views.page_not_found"
handler500 = "medborgarloften.web.views.server_error"
