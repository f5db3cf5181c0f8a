from django.urls import path, re_path

from . import views

app_name = "statistics"

urlpatterns = [
    re_path(r"^statistik/kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/$", views.municipality_page, name="municipality"),
    re_path(r"^statistik/kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/statistik\.csv$", views.municipality_csv,
            name="municipality_csv"),
    path("arbetsyta/statistik/import/", views.imports, name="imports"),
    path("arbetsyta/statistik/import/<uuid:pk>/", views.import_detail, name="import_detail"),
    path("arbetsyta/statistik/import/<uuid:pk>/importera/", views.import_commit, name="import_commit"),
    path("arbetsyta/statistik/import/<uuid:pk>/kasta/", views.import_discard, name="import_discard"),
    re_path(r"^arbetsyta/statistik/kommun/(?P<code>[0-9]{4})/befolkning/$", views.denominators, name="denominators"),
    path("arbetsyta/statistik/befolkning/<id:pk>/ta-bort/", views.denominator_delete, name="denominator_delete"),
]
