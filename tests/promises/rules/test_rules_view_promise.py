import datetime

import rules

from medborgarloften.promises import services
from tests.cast import CAST, CastTestCase, everyone_but

PERM = "promises.view_promise"

# Party members of each municipality's promises, plus the partner named on
# every Östersund activity.
OSTERSUND_INSIDERS = (
    "ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief",
    "ostersund_viewer", "ostersund_admin", "partner",
)
BERG_INSIDERS = ("berg_coordinator", "berg_signatory", "lpo_jh_chief")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class ViewPromiseRuleTest(CastTestCase):
    def assertOnlyInsidersSee(self, ostersund_promise, berg_promise):
        self.assertPermission(PERM, ostersund_promise, allowed=OSTERSUND_INSIDERS, denied=everyone_but(*OSTERSUND_INSIDERS))
        self.assertPermission(PERM, berg_promise, allowed=BERG_INSIDERS, denied=everyone_but(*BERG_INSIDERS))

    def test_draft(self):
        self.assertOnlyInsidersSee(self.ostersund_draft, self.berg_draft)

    def test_approved(self):
        self.assertOnlyInsidersSee(self.ostersund_approved, self.berg_approved)

    def test_awaiting_signatures(self):
        self.assertOnlyInsidersSee(self.ostersund_awaiting, self.berg_awaiting)
        self.assertPermission(PERM, self.ostersund_partly_signed, allowed=OSTERSUND_INSIDERS,
                              denied=everyone_but(*OSTERSUND_INSIDERS))

    def test_signed(self):
        self.assertOnlyInsidersSee(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        self.assertPermission(PERM, self.ostersund_published, allowed=CAST, denied=[])
        self.assertPermission(PERM, self.berg_published, allowed=CAST, denied=[])

    def test_withdrawn(self):
        self.assertOnlyInsidersSee(self.ostersund_withdrawn, self.berg_withdrawn)

    def test_superseded(self):
        old = self.draft_promise(self.ostersund, self.ostersund_coordinator, valid_from=datetime.date(2018, 1, 1))
        self.sign_all(old, self.ostersund_coordinator, [self.ostersund_signatory, self.lpo_ostersund_chief])
        services.publish_promise(old, by=self.ostersund_coordinator)
        new = self.draft_promise(self.ostersund, self.ostersund_coordinator, valid_from=datetime.date(2019, 1, 1))
        self.sign_all(new, self.ostersund_coordinator, [self.ostersund_signatory, self.lpo_ostersund_chief])
        services.publish_promise(new, by=self.ostersund_coordinator)
        old.refresh_from_db()
        self.assertEqual(old.state, old.State.SUPERSEDED)

        self.assertPermission(PERM, old, allowed=CAST, denied=[])

    def test_a_partner_not_named_on_any_activity_sees_no_draft(self):
        # Brottsofferjouren also works in Berg, but no Berg activity names it.
        self.assertFalse(self.partner.has_perm(PERM, self.berg_draft))
        self.assertTrue(self.partner.has_perm(PERM, self.ostersund_draft))
