"""Who is who for the dialogue rules: Östersund's staff, its editors, and everyone else in the cast."""

from tests.cast import everyone_but

OSTERSUND_STAFF = ("ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief",
                   "ostersund_viewer", "ostersund_admin")
OSTERSUND_EDITORS = ("ostersund_coordinator", "community_police")
BERG_STAFF = ("berg_coordinator", "berg_signatory", "lpo_jh_chief")
BERG_EDITORS = ("berg_coordinator",)
EVERYONE = everyone_but()


class PermissionTests:
    """Mixed into a DialoguesTestCase: ``test_perm_exists`` and ``assertOnly`` for ``perm``."""

    perm = None

    def test_perm_exists(self):
        import rules

        self.assertTrue(rules.perm_exists(self.perm))

    def assertOnly(self, obj, allowed):
        self.assertPermission(self.perm, obj, allowed=allowed, denied=everyone_but(*allowed))
