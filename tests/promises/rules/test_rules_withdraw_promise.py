import datetime

import rules

from medborgarloften.promises import services
from tests.cast import CastTestCase, everyone_but

PERM = "promises.withdraw_promise"

# Editors and signatories of the two signing parties.
OSTERSUND_PARTY = ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief")
BERG_PARTY = ("berg_coordinator", "berg_signatory", "lpo_jh_chief")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class WithdrawPromiseRuleTest(CastTestCase):
    def assertOnlyPartiesWithdraw(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=OSTERSUND_PARTY, denied=everyone_but(*OSTERSUND_PARTY))
        self.assertPermission(PERM, berg_promise, allowed=BERG_PARTY, denied=everyone_but(*BERG_PARTY))

    def test_draft(self):
        self.assertOnlyPartiesWithdraw(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertOnlyPartiesWithdraw(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        self.assertOnlyPartiesWithdraw(self.ostersund_awaiting, self.berg_awaiting)

    def test_signed(self):
        self.assertOnlyPartiesWithdraw(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        """Both parties signed it, so only a signatory may withdraw it; their editors may not."""
        signatories = {
            self.ostersund_published: ("ostersund_signatory", "lpo_ostersund_chief"),
            self.berg_published: ("berg_signatory", "lpo_jh_chief"),
        }
        for promise, allowed in signatories.items():
            self.assertPermission(PERM, promise, allowed=allowed, denied=everyone_but(*allowed))

    def test_withdrawn(self):
        self.assertPermission(PERM, self.ostersund_withdrawn, allowed=[], denied=everyone_but())
        self.assertPermission(PERM, self.berg_withdrawn, allowed=[], denied=everyone_but())

    def test_superseded(self):
        old = self.draft_promise(self.berg, self.berg_coordinator, valid_from=datetime.date(2018, 1, 1))
        self.sign_all(old, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief])
        services.publish_promise(old, by=self.berg_coordinator)
        new = self.draft_promise(self.berg, self.berg_coordinator, valid_from=datetime.date(2019, 1, 1))
        self.sign_all(new, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief])
        services.publish_promise(new, by=self.berg_coordinator)
        old.refresh_from_db()
        self.assertEqual(old.state, old.State.SUPERSEDED)

        self.assertPermission(PERM, old, allowed=[], denied=everyone_but())
