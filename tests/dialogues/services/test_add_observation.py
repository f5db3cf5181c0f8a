import datetime

from PIL import Image

from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import Observation

from ..base import DialoguesTestCase, jpeg_with_gps, png_bytes, upload


class PhotoTests(DialoguesTestCase):
    def add(self, photo):
        return services.add_observation(self.walk, by=self.ostersund_coordinator, theme="graffiti",
                                        description="Klotter på elskåpet.", place=self.badhusparken, photo=photo)

    def test_exif_and_position_are_stripped_before_storing(self):
        original = jpeg_with_gps()
        with Image.open(__import__("io").BytesIO(original)) as image:
            self.assertIn(0x8825, image.getexif())  # the upload carries a GPS position
        observation = self.add(upload("IMG_0042.JPG", original, "image/jpeg"))
        with observation.photo.open("rb") as f:
            stored = f.read()
        self.assertNotIn(b"Exif", stored)
        self.assertNotIn(b"Kameratillverkaren", stored)
        with Image.open(__import__("io").BytesIO(stored)) as image:
            self.assertEqual(image.format, "JPEG")
            self.assertEqual(dict(image.getexif()), {})
            self.assertNotIn("exif", image.info)
            self.assertEqual(image.size, (16, 12))
        self.assertRegex(observation.photo.name, r"^dialogues/photos/[0-9a-f]{32}/IMG_0042\.jpg$")

    def test_a_png_keeps_no_metadata_either(self):
        exif = Image.Exif()
        exif[0x010F] = "Kameratillverkaren AB"
        observation = self.add(upload("bild.png", png_bytes(exif=exif), "image/png"))
        with observation.photo.open("rb") as f:
            stored = f.read()
        self.assertNotIn(b"Kameratillverkaren", stored)
        self.assertNotIn(b"eXIf", stored)

    def test_an_image_whose_declared_type_lies_is_refused(self):
        with self.assertInvalid("file_content_mismatch", "The file's content is not what its type says (JPEG)."):
            self.add(upload("bild.jpg", png_bytes(), "image/jpeg"))
        with self.assertInvalid("file_type_mismatch", "The file's name says .png but its declared type is image/jpeg."):
            self.add(upload("bild.png", png_bytes(), "image/jpeg"))
        self.assertEqual(Observation.objects.filter(description="Klotter på elskåpet.").count(), 0)

    def test_a_wrong_type_and_an_oversize_photo_are_refused(self):
        from django.test import override_settings

        with self.assertInvalid("file_type", "Files of this type cannot be uploaded here. Allowed: .jpeg, .jpg, .png."):
            self.add(upload("bild.gif", b"GIF89a", "image/gif"))
        photo = jpeg_with_gps()
        with override_settings(DIALOGUES_MAX_PHOTO_SIZE=100):
            with self.assertInvalid("file_too_large", f"The file is too large ({len(photo)}\xa0bytes); the largest allowed is 100\xa0bytes."):
                self.add(upload("bild.jpg", photo, "image/jpeg"))

    def test_a_broken_image_is_refused(self):
        with self.assertInvalid("photo_unreadable", "The photo could not be read."):
            self.add(upload("bild.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg"))


class ObservationTests(DialoguesTestCase):
    def test_it_records_the_responsible_and_is_tracked_to_closure(self):
        observation = services.add_observation(
            self.walk, by=self.ostersund_coordinator, theme="traffic_hazard", description="Farlig korsning.",
            latitude="63.18000", longitude="14.62000", responsible=self.property_owner)
        self.assertEqual(observation.status, "open")
        services.set_observation_status(observation, by=self.community_police, status="reported", note="Anmält via felanmälan")
        services.set_observation_status(observation, by=self.community_police, status="fixed",
                                        fixed_on=datetime.date(2016, 11, 2))
        observation.refresh_from_db()
        self.assertEqual((observation.status, observation.fixed_on), ("fixed", datetime.date(2016, 11, 2)))
        self.assertEqual(self.last_audit(observation)[2], {"status": ["reported", "fixed"], "fixed_on": "2016-11-02"})
        services.set_observation_status(observation, by=self.community_police, status="in_progress",
                                        fixed_on=datetime.date(2016, 11, 2))
        observation.refresh_from_db()
        self.assertIsNone(observation.fixed_on)

    def test_fixed_needs_a_date_not_before_the_walk(self):
        with self.assertInvalid("fixed_without_date", "Give the date it was fixed.", field="fixed_on"):
            services.set_observation_status(self.observation, by=self.ostersund_coordinator, status="fixed")
        with self.assertInvalid("fixed_before_found", "It cannot have been fixed before the safety walk found it.", field="fixed_on"):
            services.set_observation_status(self.observation, by=self.ostersund_coordinator, status="fixed",
                                            fixed_on=datetime.date(2016, 10, 4))

    def test_observations_belong_to_safety_walks(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            services.add_observation(self.meeting, by=self.ostersund_coordinator, theme="graffiti", description="x")

    def test_the_responsible_is_not_the_national_administration(self):
        from medborgarloften.areas.models import Organisation

        national = Organisation.objects.create(name="Nationell förvaltning", kind="national")
        with self.assertInvalid("responsible_national", "Choose the municipality, a property owner or the road authority.",
                                field="responsible"):
            services.add_observation(self.walk, by=self.ostersund_coordinator, theme="graffiti", description="x",
                                     responsible=national)
