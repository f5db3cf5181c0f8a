import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.view_audit_log"

# Anyone holding a role in a party, in any state; named partners and
# residents do not see who changed what.
OSTERSUND_MEMBERS = (
    "ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief",
    "ostersund_viewer", "ostersund_admin",
)
BERG_MEMBERS = ("berg_coordinator", "berg_signatory", "lpo_jh_chief")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class ViewAuditLogRuleTest(CastTestCase):
    def assertOnlyPartyMembersSee(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=OSTERSUND_MEMBERS, denied=everyone_but(*OSTERSUND_MEMBERS))
        self.assertPermission(PERM, berg_promise, allowed=BERG_MEMBERS, denied=everyone_but(*BERG_MEMBERS))

    def test_draft(self):
        self.assertOnlyPartyMembersSee(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertOnlyPartyMembersSee(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        self.assertOnlyPartyMembersSee(self.ostersund_awaiting, self.berg_awaiting)

    def test_signed(self):
        self.assertOnlyPartyMembersSee(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        self.assertOnlyPartyMembersSee(self.ostersund_published, self.berg_published)

    def test_withdrawn(self):
        self.assertOnlyPartyMembersSee(self.ostersund_withdrawn, self.berg_withdrawn)
