import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.send_promise_for_signing"

OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")
BERG_EDITORS = ("berg_coordinator",)


def test_perm_exists():
    assert rules.perm_exists(PERM)


class SendPromiseForSigningRuleTest(CastTestCase):
    def assertOnlyPartyEditorsSend(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))
        self.assertPermission(PERM, berg_promise, allowed=BERG_EDITORS, denied=everyone_but(*BERG_EDITORS))

    def assertNobodySends(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=[], denied=everyone_but())
        self.assertPermission(PERM, berg_promise, allowed=[], denied=everyone_but())

    def test_draft(self):
        self.assertOnlyPartyEditorsSend(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertOnlyPartyEditorsSend(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        # Already sent: an edit makes the next version, not a second sending.
        self.assertNobodySends(self.ostersund_awaiting, self.berg_awaiting)

    def test_signed(self):
        self.assertNobodySends(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        self.assertNobodySends(self.ostersund_published, self.berg_published)

    def test_withdrawn(self):
        self.assertNobodySends(self.ostersund_withdrawn, self.berg_withdrawn)
