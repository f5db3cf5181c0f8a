import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.close_promise"
OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class ClosePromiseRuleTest(CastTestCase):
    def test_only_a_published_promise_is_closed_by_its_editors(self):
        self.assertPermission(PERM, self.ostersund_published, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))
        self.assertPermission(PERM, self.berg_published, allowed=["berg_coordinator"], denied=everyone_but("berg_coordinator"))
        for promise in (self.ostersund_draft, self.ostersund_signed, self.ostersund_withdrawn, self.ostersund_partly_signed):
            self.assertPermission(PERM, promise, allowed=[], denied=everyone_but())
