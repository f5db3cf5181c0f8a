import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.register_paper_signatures"
OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class RegisterPaperSignaturesRuleTest(CastTestCase):
    def test_the_editors_register_a_draft_or_approved_text(self):
        for promise in (self.ostersund_draft, self.ostersund_approved):
            self.assertPermission(PERM, promise, allowed=OSTERSUND_EDITORS, denied=everyone_but(*OSTERSUND_EDITORS))
        self.assertPermission(PERM, self.berg_draft, allowed=["berg_coordinator"], denied=everyone_but("berg_coordinator"))

    def test_nothing_already_on_its_way_to_signatures_or_published_is_registered(self):
        for promise in (self.ostersund_awaiting, self.ostersund_signed, self.ostersund_published, self.ostersund_withdrawn):
            self.assertPermission(PERM, promise, allowed=[], denied=everyone_but())
