import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.approve_promise"


def test_perm_exists():
    assert rules.perm_exists(PERM)


class ApprovePromiseRuleTest(CastTestCase):
    def assertNobodyApproves(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=[], denied=everyone_but())
        self.assertPermission(PERM, berg_promise, allowed=[], denied=everyone_but())

    def test_draft(self):
        # Only the municipality's editor records its body's approval; the
        # community police officer edits the same promise but cannot.
        self.assertPermission(PERM, self.ostersund_draft, allowed=["ostersund_coordinator"],
                              denied=everyone_but("ostersund_coordinator"))
        self.assertPermission(PERM, self.berg_draft, allowed=["berg_coordinator"], denied=everyone_but("berg_coordinator"))

    def test_approved(self):
        self.assertNobodyApproves(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        self.assertNobodyApproves(self.ostersund_awaiting, self.berg_awaiting)

    def test_signed(self):
        self.assertNobodyApproves(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        self.assertNobodyApproves(self.ostersund_published, self.berg_published)

    def test_withdrawn(self):
        self.assertNobodyApproves(self.ostersund_withdrawn, self.berg_withdrawn)
