"""Named permissions on dialogues, shared by views, templates and services.

Objects are a Dialogue, Comment, Observation or Attachment; "for a
municipality" rules take the Municipality itself.
"""

import rules

from medborgarloften.scope.predicates import is_editor_anywhere

from .predicates import is_editor_of, is_pending, is_public, is_safety_walk, is_staff_of

# Residents see citizen dialogues, approved comments and public attachments;
# police and municipal staff of the municipality see everything, staff
# dialogues included. Partners are not staff.
rules.add_perm("dialogues.view_dialogue", is_public | is_staff_of)
rules.add_perm("dialogues.view_comment", is_public | is_staff_of)
rules.add_perm("dialogues.view_observation", is_public | is_staff_of)
rules.add_perm("dialogues.view_attachment", is_public | is_staff_of)
# The workspace views of a municipality (lists, exports, map with staff data, theme counts).
rules.add_perm("dialogues.view_staff_data", is_staff_of)
# Recording and changing: editors of the police or the municipality.
rules.add_perm("dialogues.add_dialogue", is_editor_anywhere)
rules.add_perm("dialogues.add_dialogue_for", is_editor_of)
rules.add_perm("dialogues.change_dialogue", is_editor_of)
rules.add_perm("dialogues.add_observation", is_editor_of & is_safety_walk)
rules.add_perm("dialogues.change_observation", is_editor_of)
rules.add_perm("dialogues.change_comment", is_editor_of)
rules.add_perm("dialogues.moderate_comment", is_editor_of & is_pending)
rules.add_perm("dialogues.manage_places", is_editor_of)
rules.add_perm("dialogues.analyse_comments", is_editor_of)
