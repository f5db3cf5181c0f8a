"""Named permissions on follow-up, shared by views, templates and services."""

import rules

from .predicates import (
    is_followed_up,
    is_indicator_editable,
    is_promise_party_editor,
    is_report_draft,
    is_promise_named_partner,
    is_promise_party_member,
    may_report_something,
)

# A party's editor opens a report for a period; every responsible organisation
# fills in its own activities; a party's editor (the coordinator) publishes it.
rules.add_perm("followup.add_progressreport", is_promise_party_editor & is_followed_up)
rules.add_perm("followup.report_activities", is_report_draft & is_followed_up & may_report_something)
rules.add_perm("followup.publish_progressreport", is_promise_party_editor & is_report_draft & is_followed_up)
rules.add_perm("followup.change_indicator", is_promise_party_editor & is_indicator_editable)
# Reports being written are read by the promise's parties and the partners named on it.
rules.add_perm("followup.view_progressreport", is_promise_party_member | is_promise_named_partner)
