from ..base import DialoguesTestCase
from .base import EVERYONE, OSTERSUND_EDITORS, PermissionTests


class AddObservationTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.add_observation"

    def test_editors_record_observations_on_a_safety_walk(self):
        self.assertOnly(self.walk, OSTERSUND_EDITORS)

    def test_other_dialogues_have_no_observations(self):
        self.assertOnly(self.meeting, ())

    def test_editors_change_observations(self):
        self.assertPermission("dialogues.change_observation", self.observation, allowed=OSTERSUND_EDITORS,
                              denied=[n for n in EVERYONE if n not in OSTERSUND_EDITORS])
