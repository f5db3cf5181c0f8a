from ..base import DialoguesTestCase
from .base import EVERYONE, BERG_EDITORS, OSTERSUND_EDITORS, OSTERSUND_STAFF, PermissionTests


class ManagePlacesTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.manage_places"

    def test_editors_manage_their_municipalitys_places(self):
        self.assertOnly(self.ostersund, OSTERSUND_EDITORS)
        self.assertOnly(self.berg, BERG_EDITORS)

    def test_staff_read_the_workspace_data_of_their_municipality(self):
        self.assertPermission("dialogues.view_staff_data", self.ostersund, allowed=OSTERSUND_STAFF,
                              denied=[n for n in EVERYONE if n not in OSTERSUND_STAFF])
