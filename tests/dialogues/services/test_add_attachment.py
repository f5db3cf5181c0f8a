from django.core.exceptions import PermissionDenied
from django.test import override_settings

from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import Attachment

from ..base import DialoguesTestCase, upload


class AddAttachmentTests(DialoguesTestCase):
    def test_it_stores_a_checked_file_under_a_random_folder(self):
        item = services.add_attachment(self.meeting, by=self.ostersund_coordinator, title="",
                                       upload=upload("Protokoll mötet.pdf", b"%PDF-1.7\nx", "application/pdf"))
        self.assertEqual((item.title, item.content_type, item.size), ("Protokoll_mötet.pdf", "application/pdf", 10))
        self.assertRegex(item.file.name, r"^dialogues/attachments/[0-9a-f]{32}/Protokoll_m.tet\.pdf$")
        with item.file.open("rb") as f:
            self.assertEqual(f.read(), b"%PDF-1.7\nx")

    @override_settings(DIALOGUES_MAX_ATTACHMENT_SIZE=1000)
    def test_it_refuses_an_oversize_file(self):
        with self.assertInvalid("file_too_large", "The file is too large (1.0\xa0KB); the largest allowed is 1000\xa0bytes."):
            services.add_attachment(self.meeting, by=self.ostersund_coordinator,
                                    upload=upload("stor.pdf", b"%PDF-" + b"x" * 1019, "application/pdf"))
        self.assertEqual(Attachment.objects.filter(title="stor.pdf").count(), 0)

    def test_it_refuses_a_wrong_type(self):
        with self.assertInvalid("file_type", "Files of this type cannot be uploaded here. Allowed: .csv, .docx, .jpeg, "
                                ".jpg, .ods, .odt, .pdf, .png, .pptx, .txt, .xlsx."):
            services.add_attachment(self.meeting, by=self.ostersund_coordinator,
                                    upload=upload("virus.exe", b"MZ\x90\x00", "application/octet-stream"))

    def test_it_refuses_a_file_whose_declared_type_lies(self):
        with self.assertInvalid("file_type_mismatch", "The file's name says .pdf but its declared type is image/png."):
            services.add_attachment(self.meeting, by=self.ostersund_coordinator,
                                    upload=upload("a.pdf", b"%PDF-1.4", "image/png"))
        with self.assertInvalid("file_content_mismatch", "The file's content is not what its type says (PDF)."):
            services.add_attachment(self.meeting, by=self.ostersund_coordinator,
                                    upload=upload("a.pdf", b"<html><script>", "application/pdf"))
        with self.assertInvalid("file_content_mismatch", "The file's content is not what its type says (Word)."):
            services.add_attachment(self.meeting, by=self.ostersund_coordinator,
                                    upload=upload("a.docx", b"%PDF-1.4", "application/octet-stream"))

    def test_a_staff_dialogues_attachment_cannot_be_public(self):
        with self.assertInvalid("staff_attachment_public", "Attachments of a staff dialogue are never public.", field="public"):
            services.add_attachment(self.staff_dialogue, by=self.community_police, public=True,
                                    upload=upload("a.txt", b"hej", "text/plain"))

    def test_only_editors_add_and_remove(self):
        with self.assertRaises(PermissionDenied):
            services.add_attachment(self.meeting, by=self.ostersund_viewer, upload=upload("a.txt", b"hej", "text/plain"))
        with self.assertRaises(PermissionDenied):
            services.delete_attachment(self.public_attachment, by=self.berg_coordinator)
        name = self.public_attachment.file.name
        storage = self.public_attachment.file.storage
        with self.captureOnCommitCallbacks(execute=True):
            services.delete_attachment(self.public_attachment, by=self.ostersund_coordinator)
        self.assertFalse(storage.exists(name))
