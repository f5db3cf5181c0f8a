"""Named permissions on promises, shared by views, templates and services."""

import rules

from medborgarloften.scope.predicates import is_editor_anywhere

from .predicates import (
    has_unsigned_party,
    is_draft,
    is_awaiting_signatures,
    is_editable,
    is_latest_version,
    is_municipality_editor,
    is_named_partner,
    is_party_editor,
    is_party_member,
    is_party_signatory,
    is_public,
    is_published,
    is_ready_to_send,
    is_signed,
    may_agree_to,
)

# Anyone sees a published promise; party members and named partners also see drafts.
rules.add_perm("promises.view_promise", is_public | is_party_member | is_named_partner)
# A new promise may start from any public promise and from one's own in any
# state; create_promise checks the editor role for the new one's municipalities.
rules.add_perm("promises.copy_promise", is_public | is_party_member)
# Creating needs an editor role; which municipalities is checked by create_promise.
rules.add_perm("promises.add_promise", is_editor_anywhere)
rules.add_perm("promises.change_promise", is_party_editor & is_editable)
rules.add_perm("promises.approve_promise", is_municipality_editor & is_draft)
rules.add_perm("promises.send_promise_for_signing", is_party_editor & is_ready_to_send)
rules.add_perm(
    "promises.sign_promiseversion",
    is_awaiting_signatures & is_latest_version & has_unsigned_party,
)
rules.add_perm("promises.publish_promise", (is_party_editor | is_party_signatory) & is_signed)
# Either party's editors or signatories propose an extension; each signing
# party's signatory agrees to it before it takes effect.
rules.add_perm("promises.extend_promise", (is_party_editor | is_party_signatory) & is_published)
rules.add_perm("promises.agree_to_extension", may_agree_to)
rules.add_perm("promises.close_promise", is_party_editor & is_published)
# A promise signed on paper in an earlier year is brought in by the editors who drafted its text.
rules.add_perm("promises.register_paper_signatures", is_party_editor & is_ready_to_send)
# A draft may be dropped by either party's editors; a published promise was
# signed by both, so only a signatory may withdraw it.
rules.add_perm(
    "promises.withdraw_promise",
    ((is_party_editor | is_party_signatory) & is_editable) | (is_party_signatory & is_published),
)
rules.add_perm("promises.view_audit_log", is_party_member)
