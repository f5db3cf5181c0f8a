"""Named permissions on surveys, shared by views, templates and services."""

import rules

from medborgarloften.scope.predicates import is_editor_anywhere

from .predicates import (
    has_no_answers,
    is_closed,
    is_draft,
    is_editor_for_municipality,
    is_in_field,
    is_not_published,
    is_published,
    is_sample,
    is_survey_editor,
    is_survey_staff,
    takes_paper_answers,
)

# Staff of any of the survey's municipalities see it in the workspace, with
# its unpublished results; residents see published results only.
rules.add_perm("surveys.view_survey", is_survey_staff)
rules.add_perm("surveys.view_published_results", is_published)
rules.add_perm("surveys.add_survey", is_editor_anywhere)
rules.add_perm("surveys.change_survey", is_survey_editor & is_not_published)
# Questions lock once an answer exists, on the web or on paper.
rules.add_perm("surveys.change_questions", is_survey_editor & is_not_published & has_no_answers)
rules.add_perm("surveys.change_population", is_survey_editor & is_not_published)
rules.add_perm("surveys.manage_invitations", is_survey_editor & is_sample & (is_draft | is_in_field))
rules.add_perm("surveys.open_survey", is_survey_editor & (is_draft | is_closed))
rules.add_perm("surveys.close_survey", is_survey_editor & is_in_field)
rules.add_perm("surveys.import_answers", is_survey_editor & takes_paper_answers)
rules.add_perm("surveys.compute_results", is_survey_editor & (is_in_field | is_closed))
rules.add_perm("surveys.publish_survey", is_survey_editor & is_closed)
rules.add_perm("surveys.unpublish_survey", is_survey_editor & is_published)
# The raw answers (no keys, shuffled) for the survey's own editors, e.g. to run the engine by hand.
rules.add_perm("surveys.export_answers", is_survey_editor)
rules.add_perm("surveys.delete_survey", is_survey_editor & is_draft & has_no_answers)
# Sub-areas (delområden) of a municipality: kept by its editors.
rules.add_perm("surveys.manage_sub_areas", is_editor_for_municipality)
