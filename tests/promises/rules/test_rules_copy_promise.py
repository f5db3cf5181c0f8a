import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.copy_promise"

OSTERSUND_PARTIES = ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief",
                     "ostersund_viewer", "ostersund_admin")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class CopyPromiseRuleTest(CastTestCase):
    def test_anyone_may_start_from_a_public_promise(self):
        self.assertPermission(PERM, self.ostersund_published, allowed=everyone_but(), denied=[])

    def test_only_the_own_municipalitys_people_may_start_from_a_draft(self):
        # The partner reads the draft (it is named on an activity) but it is not the partner's promise to reuse.
        self.assertPermission(PERM, self.ostersund_draft, allowed=OSTERSUND_PARTIES,
                              denied=everyone_but(*OSTERSUND_PARTIES))

    def test_a_promise_withdrawn_before_publication_stays_with_its_own_municipality(self):
        self.assertPermission(PERM, self.ostersund_withdrawn, allowed=OSTERSUND_PARTIES,
                              denied=everyone_but(*OSTERSUND_PARTIES))
