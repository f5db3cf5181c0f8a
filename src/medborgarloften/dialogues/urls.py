from django.urls import path, re_path

from .views import data, public, staff, workspace

app_name = "dialogues"

MUNICIPALITY = r"^kommun/(?P<code>[0-9]{4})-(?P<slug>[-a-z0-9]+)/"

urlpatterns = [
    # Public pages, open data and files.
    re_path(MUNICIPALITY + r"synpunkter/$", public.comment_list, name="public_comments"),
    re_path(MUNICIPALITY + r"synpunkter/lamna/$", public.comment_form, name="comment_form"),
    re_path(MUNICIPALITY + r"synpunkter/tack/$", public.thanks, name="thanks"),
    re_path(MUNICIPALITY + r"synpunkter/(?P<pk>[0-9]{1,18})/$", public.comment_detail, name="public_comment"),
    re_path(MUNICIPALITY + r"synpunkter/flode/$", data.CommentFeed(), name="feed"),
    re_path(MUNICIPALITY + r"synpunkter\.csv$", data.public_comments_csv, name="public_comments_csv"),
    re_path(MUNICIPALITY + r"observationer\.csv$", data.public_observations_csv, name="public_observations_csv"),
    re_path(MUNICIPALITY + r"synpunkter\.json$", data.public_json, name="public_json"),
    re_path(MUNICIPALITY + r"platser/$", public.places, name="public_places"),
    re_path(MUNICIPALITY + r"dialoger/$", public.dialogue_list, name="public_dialogues"),
    re_path(MUNICIPALITY + r"dialoger/(?P<pk>[0-9]{1,18})/$", public.dialogue_detail, name="public_dialogue"),
    path("dialoger/bilaga/<id:pk>/", data.attachment, name="attachment"),
    # The workspace.
    path("arbetsyta/dialoger/", workspace.dialogue_list, name="list"),
    path("arbetsyta/dialoger/ny/", workspace.create, name="create"),
    path("arbetsyta/dialoger/<id:pk>/", workspace.detail, name="detail"),
    path("arbetsyta/dialoger/<id:pk>/andra/", workspace.edit, name="edit"),
    path("arbetsyta/dialoger/<id:pk>/deltagare/", workspace.participants, name="participants"),
    path("arbetsyta/dialoger/<id:pk>/checklista/", workspace.checklist, name="checklist"),
    path("arbetsyta/dialoger/<id:pk>/bilaga/ny/", workspace.attachment_create, name="attachment_create"),
    path("arbetsyta/dialoger/<id:pk>/synpunkt/ny/", staff.comment_create, name="comment_create"),
    path("arbetsyta/dialoger/<id:pk>/observation/ny/", staff.observation_create, name="observation_create"),
    path("arbetsyta/dialoger/bilaga/<id:pk>/ta-bort/", workspace.attachment_delete, name="attachment_delete"),
    path("arbetsyta/dialoger/synpunkter/", staff.comment_list, name="comments"),
    path("arbetsyta/dialoger/synpunkter/granska/", staff.moderation_queue, name="moderation"),
    path("arbetsyta/dialoger/synpunkter/export.csv", data.staff_comments_csv, name="staff_comments_csv"),
    path("arbetsyta/dialoger/synpunkt/<id:pk>/", staff.comment_detail, name="comment"),
    path("arbetsyta/dialoger/synpunkt/<id:pk>/andra/", staff.comment_edit, name="comment_edit"),
    path("arbetsyta/dialoger/synpunkt/<id:pk>/teman/", staff.comment_themes, name="comment_themes"),
    path("arbetsyta/dialoger/synpunkt/<id:pk>/publicera/", staff.approve, name="approve"),
    path("arbetsyta/dialoger/synpunkt/<id:pk>/avvisa/", staff.reject, name="reject"),
    path("arbetsyta/dialoger/synpunkt/<id:pk>/radera-kontakt/", staff.erase_contact, name="erase_contact"),
    path("arbetsyta/dialoger/observationer/", staff.observation_list, name="observations"),
    path("arbetsyta/dialoger/observationer/export.csv", data.staff_observations_csv, name="staff_observations_csv"),
    path("arbetsyta/dialoger/observation/<id:pk>/", staff.observation_detail, name="observation"),
    path("arbetsyta/dialoger/observation/<id:pk>/andra/", staff.observation_edit, name="observation_edit"),
    path("arbetsyta/dialoger/observation/<id:pk>/status/", staff.observation_status, name="observation_status"),
    path("arbetsyta/dialoger/observation/<id:pk>/foto/", data.observation_photo, name="observation_photo"),
    path("arbetsyta/dialoger/observation/<id:pk>/ta-bort-foto/", staff.observation_photo_delete, name="observation_photo_delete"),
    path("arbetsyta/dialoger/teman/trana-om/", workspace.retrain, name="retrain"),
    path("arbetsyta/dialoger/kommun/<str:code>/karta/", staff.staff_map, name="map"),
    path("arbetsyta/dialoger/kommun/<str:code>/teman/", staff.themes, name="themes"),
    path("arbetsyta/dialoger/kommun/<str:code>/teman/gruppera/", staff.cluster, name="cluster"),
    path("arbetsyta/dialoger/kommun/<str:code>/platser/", staff.place_list, name="places"),
    path("arbetsyta/dialoger/plats/<id:pk>/andra/", staff.place_edit, name="place_edit"),
]
