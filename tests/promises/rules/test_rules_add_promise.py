import rules

from tests.cast import CastTestCase, everyone_but

PERM = "promises.add_promise"

# Editors of a police unit or municipality; which municipalities they may
# draft for is checked by the service (see services/test_create_promise.py).
EDITORS = ("ostersund_coordinator", "berg_coordinator", "community_police")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class AddPromiseRuleTest(CastTestCase):
    def test_editors_of_police_and_municipalities_may_add(self):
        # The partner is an editor too, but of a partner organisation.
        self.assertPermission(PERM, None, allowed=EDITORS, denied=everyone_but(*EDITORS))
