from ..base import DialoguesTestCase
from medborgarloften.dialogues import services

from ..base import upload
from .base import EVERYONE, OSTERSUND_STAFF, PermissionTests


class ViewAttachmentTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.view_attachment"

    def test_everyone_downloads_a_public_attachment_of_a_citizen_dialogue(self):
        self.assertOnly(self.public_attachment, EVERYONE)

    def test_a_staff_dialogues_attachment_is_for_staff_only(self):
        self.assertOnly(self.secret_attachment, OSTERSUND_STAFF)

    def test_an_attachment_not_marked_public_is_for_staff_only(self):
        internal = services.add_attachment(self.meeting, by=self.ostersund_coordinator, title="Deltagarlista",
                                           upload=upload("deltagare.csv", b"namn;telefon\n", "text/csv"))
        self.assertOnly(internal, OSTERSUND_STAFF)
