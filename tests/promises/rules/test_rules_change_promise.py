import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.change_promise"

OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")
BERG_EDITORS = ("berg_coordinator",)


def test_perm_exists():
    assert rules.perm_exists(PERM)


class ChangePromiseRuleTest(CastTestCase):
    def assertOnlyPartyEditorsChange(self, ostersund_promise, berg_promise):
        # Berg's coordinator cannot edit Östersund's promise; signatories,
        # viewers, administrators and partners edit nothing.
        self.assertPermission(PERM, ostersund_promise, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))
        self.assertPermission(PERM, berg_promise, allowed=BERG_EDITORS, denied=everyone_but(*BERG_EDITORS))

    def assertNobodyChanges(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=[], denied=everyone_but())
        self.assertPermission(PERM, berg_promise, allowed=[], denied=everyone_but())

    def test_draft(self):
        self.assertOnlyPartyEditorsChange(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertOnlyPartyEditorsChange(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        # Editing is allowed, and makes a new version to sign.
        self.assertOnlyPartyEditorsChange(self.ostersund_awaiting, self.berg_awaiting)
        self.assertPermission(PERM, self.ostersund_partly_signed, allowed=OSTERSUND_EDITORS,
                              denied=everyone_but(*OSTERSUND_EDITORS))

    def test_signed(self):
        self.assertOnlyPartyEditorsChange(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        self.assertNobodyChanges(self.ostersund_published, self.berg_published)

    def test_withdrawn(self):
        self.assertNobodyChanges(self.ostersund_withdrawn, self.berg_withdrawn)
