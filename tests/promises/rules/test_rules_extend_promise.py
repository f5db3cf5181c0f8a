import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.extend_promise"

OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")
BERG_EDITORS = ("berg_coordinator",)


def test_perm_exists():
    assert rules.perm_exists(PERM)


class ExtendPromiseRuleTest(CastTestCase):
    def assertNobodyExtends(self, *promises):
        for promise in promises:
            self.assertPermission(PERM, promise, allowed=[], denied=everyone_but())

    def test_draft(self):
        self.assertNobodyExtends(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertNobodyExtends(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        self.assertNobodyExtends(self.ostersund_awaiting, self.berg_awaiting, self.ostersund_partly_signed)

    def test_signed(self):
        self.assertNobodyExtends(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        # Signatories sign; extending is the editors' paperwork.
        self.assertPermission(PERM, self.ostersund_published, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))
        self.assertPermission(PERM, self.berg_published, allowed=BERG_EDITORS, denied=everyone_but(*BERG_EDITORS))

    def test_withdrawn(self):
        self.assertNobodyExtends(self.ostersund_withdrawn, self.berg_withdrawn)
