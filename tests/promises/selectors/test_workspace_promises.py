from medborgarloften.promises.selectors import copyable_promises, workspace_promises
from tests.cast import PROMISES, CastTestCase

OSTERSUND = {name for name in PROMISES if name.startswith("ostersund_")}
BERG = {name for name in PROMISES if name.startswith("berg_")}


class WorkspacePromisesTest(CastTestCase):
    def names(self, promises):
        by_pk = {getattr(self, name).pk: name for name in PROMISES}
        return {by_pk[p.pk] for p in promises}

    def test_party_members_see_their_own_promises_in_every_state(self):
        for name in ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief", "ostersund_viewer"):
            with self.subTest(name):
                self.assertEqual(self.names(workspace_promises(getattr(self, name))), OSTERSUND)
        self.assertEqual(self.names(workspace_promises(self.berg_coordinator)), BERG)

    def test_a_partner_sees_the_promises_naming_it_each_once(self):
        promises = list(workspace_promises(self.partner))
        self.assertEqual(self.names(promises), OSTERSUND)
        self.assertEqual(len(promises), len(OSTERSUND))

    def test_people_without_a_role_see_none(self):
        for name in ("former_coordinator", "outsider", "resident"):
            with self.subTest(name):
                self.assertEqual(list(workspace_promises(getattr(self, name))), [])

    def test_copies_may_start_from_any_public_promise_and_ones_own(self):
        self.assertEqual(self.names(copyable_promises(self.berg_coordinator)), BERG | {"ostersund_published"})
        self.assertEqual(self.names(copyable_promises(self.outsider)), {"ostersund_published", "berg_published"})
