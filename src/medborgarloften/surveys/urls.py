from django.urls import path

from .views import answering, results, subareas, workspace

app_name = "surveys"

urlpatterns = [
    # Workspace (under /arbetsyta/)
    path("arbetsyta/enkater/", workspace.survey_list, name="list"),
    path("arbetsyta/enkater/ny/", workspace.create, name="create"),
    path("arbetsyta/enkater/<id:pk>/", workspace.detail, name="detail"),
    path("arbetsyta/enkater/<id:pk>/andra/", workspace.edit, name="edit"),
    path("arbetsyta/enkater/<id:pk>/ta-bort/", workspace.delete, name="delete"),
    path("arbetsyta/enkater/<id:pk>/fraga/ny/", workspace.question_create, name="question_create"),
    path("arbetsyta/enkater/fraga/<id:pk>/andra/", workspace.question_edit, name="question_edit"),
    path("arbetsyta/enkater/fraga/<id:pk>/ta-bort/", workspace.question_delete, name="question_delete"),
    path("arbetsyta/enkater/fraga/<id:pk>/flytta/<str:direction>/", workspace.question_move, name="question_move"),
    path("arbetsyta/enkater/<id:pk>/befolkning/", workspace.population, name="population"),
    path("arbetsyta/enkater/<id:pk>/befolkning/import/", workspace.population_import, name="population_import"),
    path("arbetsyta/enkater/<id:pk>/inbjudningar/", workspace.invitations, name="invitations"),
    path("arbetsyta/enkater/<id:pk>/inbjudningar/adresser/", workspace.addresses_import, name="addresses_import"),
    path("arbetsyta/enkater/<id:pk>/inbjudningar/brev/", workspace.letters, name="letters"),
    path("arbetsyta/enkater/<id:pk>/inbjudningar/brev/<uuid:batch_pk>.<str:fmt>", workspace.letter_download,
         name="letter_download"),
    path("arbetsyta/enkater/<id:pk>/pappersenkater/", workspace.paper_import, name="paper_import"),
    path("arbetsyta/enkater/<id:pk>/svar.csv", workspace.answers_export, name="answers_export"),
    path("arbetsyta/enkater/<id:pk>/oppna/", workspace.open_, name="open"),
    path("arbetsyta/enkater/<id:pk>/stang/", workspace.close, name="close"),
    path("arbetsyta/enkater/<id:pk>/berakna/", workspace.compute, name="compute"),
    path("arbetsyta/enkater/<id:pk>/publicera/", workspace.publish, name="publish"),
    path("arbetsyta/enkater/<id:pk>/avpublicera/", workspace.unpublish, name="unpublish"),
    path("arbetsyta/enkater/<id:pk>/resultat/", results.workspace_results, name="results"),
    path("arbetsyta/enkater/<id:pk>/resultat.<str:fmt>", results.workspace_export, name="results_export"),
    path("arbetsyta/delomraden/", subareas.municipality_list, name="sub_areas"),
    path("arbetsyta/delomraden/<str:code>/nytt/", subareas.create, name="sub_area_create"),
    path("arbetsyta/delomrade/<id:pk>/andra/", subareas.edit, name="sub_area_edit"),
    path("arbetsyta/delomrade/<id:pk>/ta-bort/", subareas.delete, name="sub_area_delete"),
    # Public
    path("trygghetsundersokning/<id:pk>/", results.public_results, name="public_results"),
    path("trygghetsundersokning/<id:pk>/resultat.<str:fmt>", results.public_export, name="public_export"),
    path("enkat/", answering.start, name="answer_start"),
    path("enkat/oppen/<id:pk>/", answering.open_start, name="open_start"),
    path("enkat/svara/<id:page>/", answering.page, name="answer_page"),
    path("enkat/svara/skicka/", answering.review, name="answer_review"),
    path("enkat/tack/", answering.thanks, name="answer_thanks"),
]
