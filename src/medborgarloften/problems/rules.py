"""Named permissions on the problem picture, shared by views, templates and services."""

import rules

from medborgarloften.scope.predicates import is_editor_anywhere

from .predicates import is_open_suggestion, is_picture_editor, is_picture_staff

# The picture, its problems and all its evidence (staff knowledge included) are
# for the police and municipal staff of its municipalities; residents see the
# public parts of an approved version on the public pages only.
rules.add_perm("problems.view_problempicture", is_picture_staff)
rules.add_perm("problems.view_restricted_evidence", is_picture_staff)
# Creating needs an editor role; which municipalities is checked by create_problem_picture.
rules.add_perm("problems.add_problempicture", is_editor_anywhere)
rules.add_perm("problems.change_problempicture", is_picture_editor)
rules.add_perm("problems.decide_suggestion", is_picture_editor & is_open_suggestion)
rules.add_perm("problems.set_priorities", is_picture_editor)
# Each party approves through one of its editors; which party is the service's business.
rules.add_perm("problems.approve_problempicture", is_picture_editor)
