from ..base import DialoguesTestCase
from .base import EVERYONE, BERG_EDITORS, OSTERSUND_EDITORS, PermissionTests


class ChangeDialogueTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.change_dialogue"

    def test_the_municipalitys_and_polices_editors_change_its_dialogues(self):
        """Signatories, viewers, administrators and partners see but do not change."""
        for dialogue in (self.meeting, self.walk, self.staff_dialogue):
            with self.subTest(dialogue=dialogue.kind):
                self.assertOnly(dialogue, OSTERSUND_EDITORS)

    def test_berg_is_bergs_business(self):
        self.assertOnly(self.berg_meeting, BERG_EDITORS)

    def test_adding_a_dialogue_for_a_municipality(self):
        self.assertPermission("dialogues.add_dialogue_for", self.ostersund, allowed=OSTERSUND_EDITORS,
                              denied=[n for n in EVERYONE if n not in OSTERSUND_EDITORS])
