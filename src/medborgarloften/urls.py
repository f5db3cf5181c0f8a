from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("medborgarloften.site.urls")),
    path("konto/", include("medborgarloften.accounts.urls")),
    path("arbetsyta/", include("medborgarloften.promises.urls")),
    path("sprak/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

handler403 = "medborgarloften.site.views.permission_denied"
handler404 = "medborgarloften.site.views.page_not_found"
handler500 = "medborgarloften.site.views.server_error"
