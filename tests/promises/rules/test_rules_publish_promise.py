import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.publish_promise"

# Editors and signatories of the two signing parties.
OSTERSUND_PARTY = ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief")
BERG_PARTY = ("berg_coordinator", "berg_signatory", "lpo_jh_chief")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class PublishPromiseRuleTest(CastTestCase):
    def assertNobodyPublishes(self, *promises):
        for promise in promises:
            self.assertPermission(PERM, promise, allowed=[], denied=everyone_but())

    def test_draft(self):
        self.assertNobodyPublishes(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertNobodyPublishes(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        # Not even when one party has signed.
        self.assertNobodyPublishes(self.ostersund_awaiting, self.berg_awaiting, self.ostersund_partly_signed)

    def test_signed(self):
        self.assertPermission(PERM, self.ostersund_signed, allowed=OSTERSUND_PARTY, denied=everyone_but(*OSTERSUND_PARTY))
        self.assertPermission(PERM, self.berg_signed, allowed=BERG_PARTY, denied=everyone_but(*BERG_PARTY))

    def test_published(self):
        self.assertNobodyPublishes(self.ostersund_published, self.berg_published)

    def test_withdrawn(self):
        self.assertNobodyPublishes(self.ostersund_withdrawn, self.berg_withdrawn)
