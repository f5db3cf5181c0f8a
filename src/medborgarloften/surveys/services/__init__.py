"""Every change to a survey goes through these functions (one module per part).

Each one checks the named rule (else ``PermissionDenied``), checks the state,
writes inside one transaction after ``full_clean()`` and adds an audit entry in
the same transaction — except answering, which by design leaves no trace
beyond the answer itself and the code's "used" flag.
"""

from .answering import (
    clean_answers, draft_answers, invitation_for_code, new_token, save_answers, sub_area_choices, submit_answers,
)
from .imports import import_addresses, import_paper_answers, import_population
from .invitations import create_invitations, format_code, normalise_code, start_letters
from .results import compute_results, recompute_results, request_refresh, restamp_answers, start_results_job
from .subareas import add_sub_area, delete_sub_area, update_sub_area
from .surveys import (
    add_question, close_survey, create_survey, delete_question, delete_survey, move_question, open_survey,
    publish_survey, set_population, unpublish_survey, update_question, update_survey,
)

__all__ = [
    "add_question", "add_sub_area", "clean_answers", "close_survey", "compute_results", "create_invitations",
    "create_survey", "delete_question", "delete_sub_area", "delete_survey", "draft_answers", "format_code",
    "import_addresses", "import_paper_answers", "import_population", "invitation_for_code", "move_question",
    "new_token", "normalise_code", "open_survey", "publish_survey", "recompute_results", "request_refresh",
    "restamp_answers", "save_answers", "set_population", "start_letters", "start_results_job", "sub_area_choices",
    "submit_answers", "unpublish_survey", "update_question", "update_sub_area", "update_survey",
]
