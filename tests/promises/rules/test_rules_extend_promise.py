import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.extend_promise"

# Editors and signatories of either party propose; every signing party's signatory agrees.
OSTERSUND_PROPOSERS = ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief")
BERG_PROPOSERS = ("berg_coordinator", "berg_signatory", "lpo_jh_chief")


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
        self.assertPermission(PERM, self.ostersund_published, allowed=OSTERSUND_PROPOSERS, denied=everyone_but(*OSTERSUND_PROPOSERS))
        self.assertPermission(PERM, self.berg_published, allowed=BERG_PROPOSERS, denied=everyone_but(*BERG_PROPOSERS))

    def test_withdrawn(self):
        self.assertNobodyExtends(self.ostersund_withdrawn, self.berg_withdrawn)
