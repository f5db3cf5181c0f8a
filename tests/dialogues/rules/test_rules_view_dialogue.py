from ..base import DialoguesTestCase
from .base import BERG_STAFF, EVERYONE, OSTERSUND_STAFF, PermissionTests


class ViewDialogueTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.view_dialogue"

    def test_everyone_sees_a_citizen_dialogue(self):
        self.assertOnly(self.meeting, EVERYONE)
        self.assertOnly(self.walk, EVERYONE)

    def test_only_the_municipalitys_police_and_municipal_staff_see_a_staff_dialogue(self):
        """Partners, other municipalities' staff, former staff and residents never do."""
        self.assertOnly(self.staff_dialogue, OSTERSUND_STAFF)

    def test_staff_see_their_own_municipality_only(self):
        self.assertPermission("dialogues.view_staff_data", self.berg_meeting, allowed=BERG_STAFF,
                              denied=[n for n in EVERYONE if n not in BERG_STAFF])
