"""Every change to dialogues, comments, observations and places goes through these functions.

Each one checks the named rule (else ``PermissionDenied``), checks the state,
writes inside one transaction after ``full_clean()``, and adds an audit entry
in the same transaction. Residents' comments (``submit_comment``) need no
rule: anyone may comment, and the comment waits for moderation.

``full_clean`` runs with ``validate_constraints=False`` and without
re-reading the foreign keys the service set from instances it was given
(``_common.clean``): every check constraint of these models is restated in
its ``clean()`` with a message (and the database still enforces them all),
so asking the database again would only cost a query each.
"""

from .analysis import cluster_comments, start_clustering, start_retraining, train_theme_classifier
from .comments import (
    analyse_comment,
    approve_comment,
    confirm_themes,
    erase_contact,
    record_comment,
    reject_comment,
    submit_comment,
    update_comment,
)
from .dialogues import (
    add_attachment,
    create_dialogue,
    delete_attachment,
    set_checklist,
    set_participant_counts,
    update_dialogue,
)
from .observations import add_observation, remove_photo, set_observation_status, update_observation
from .places import create_place, update_place

__all__ = [
    "add_attachment", "add_observation", "analyse_comment", "approve_comment", "cluster_comments", "confirm_themes",
    "create_dialogue", "create_place", "delete_attachment", "erase_contact", "record_comment", "reject_comment", "remove_photo",
    "set_checklist", "set_observation_status", "set_participant_counts", "start_clustering", "start_retraining",
    "submit_comment", "train_theme_classifier", "update_comment", "update_dialogue", "update_observation",
    "update_place",
]
