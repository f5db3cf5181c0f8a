"""Dialogues on top of the Jämtland cast: places, a dialogue of every kind, comments in every state, observations.

Östersund has an open meeting, a safety walk and a staff dialogue (the
secret one: its title, comments and attachment must never reach the
public); Berg has one open meeting. Everything is made through the
services, as people make it.
"""

import datetime
import io
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from medborgarloften.areas.models import Place
from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import Comment, Dialogue
from tests.cast import CastTestCase

SECRET = "Hemlig medarbetardialog"
SECRET_COMMENT = "Personalen vet att langning sker bakom Hemliga huset"


def at(year, month, day, hour=18):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def png_bytes(size=(8, 6), exif=None, mode="RGB"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 0).save(buffer, format="PNG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def jpeg_with_gps(size=(16, 12)):
    """Return JPEG bytes carrying EXIF with a camera make, a date and a GPS position (Östersund)."""
    from PIL import Image

    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkaren AB"  # Make
    exif[0x0132] = "2016:09:14 19:30:00"  # DateTime
    exif[0x8825] = {1: "N", 2: (63.0, 10.0, 45.0), 3: "E", 4: (14.0, 38.0, 8.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


class DialoguesTestCase(CastTestCase):
    """The cast plus Östersund's and Berg's dialogues; uploaded files go to a temporary MEDIA_ROOT."""

    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="dialogues-media-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media)
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_override.disable()
        shutil.rmtree(cls._media, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        coordinator = cls.ostersund_coordinator
        cls.stortorget = services.create_place(cls.ostersund, by=coordinator, name="Stortorget",
                                               latitude="63.17583", longitude="14.63694")
        cls.badhusparken = services.create_place(cls.ostersund, by=coordinator, name="Badhusparken")
        cls.svenstavik = services.create_place(cls.berg, by=cls.berg_coordinator, name="Svenstavik centrum",
                                               latitude="62.76667", longitude="14.43333")
        cls.meeting = services.create_dialogue(
            by=coordinator, municipality=cls.ostersund, kind=Dialogue.Kind.OPEN_MEETING,
            title="Öppet möte om tryggheten i centrum", starts_at=at(2016, 9, 14), place=cls.stortorget,
            organisers=[cls.ostersund_municipality, cls.ostersund_police], participants=40,
            minutes="Ett fyrtiotal invånare kom. Belysning och klotter togs upp.")
        cls.walk = services.create_dialogue(
            by=coordinator, municipality=cls.ostersund, kind=Dialogue.Kind.SAFETY_WALK,
            title="Trygghetsvandring i Badhusparken", starts_at=at(2016, 10, 5), route="Stortorget – Badhusparken")
        cls.staff_dialogue = services.create_dialogue(
            by=cls.community_police, municipality=cls.ostersund, kind=Dialogue.Kind.STAFF, title=SECRET,
            starts_at=at(2016, 8, 30, 9))
        cls.berg_meeting = services.create_dialogue(
            by=cls.berg_coordinator, municipality=cls.berg, kind=Dialogue.Kind.OPEN_MEETING,
            title="Medborgardialog i Svenstavik", starts_at=at(2016, 9, 20))

        cls.approved = services.record_comment(
            cls.meeting, by=coordinator, text="Det är mörkt och otäckt på Stortorget på kvällarna.",
            themes=["poor_lighting"], place=cls.stortorget, time_of_day="evening", feels_unsafe=True)
        cls.unpublished = services.record_comment(
            cls.meeting, by=coordinator, text="Klotter på busskuren vid Stortorget.", publish=False, place=cls.stortorget)
        cls.staff_comment = services.record_comment(
            cls.staff_dialogue, by=cls.community_police, text=SECRET_COMMENT, themes=["drug_dealing"],
            place=cls.badhusparken)
        cls.pending = services.submit_comment(
            cls.ostersund, text="Ring Stina Holm 070-987 65 43, hon vet vem som klottrar i Badhusparken.",
            place=cls.badhusparken)
        cls.berg_comment = services.record_comment(
            cls.berg_meeting, by=cls.berg_coordinator, text="Skotrar kör för fort genom byn.",
            themes=["disruptive_traffic"], place=cls.svenstavik)
        cls.observation = services.add_observation(
            cls.walk, by=coordinator, theme="poor_lighting", description="Trasig gatlampa vid gångvägen.",
            place=cls.badhusparken, responsible=cls.ostersund_municipality)
        cls.secret_attachment = services.add_attachment(
            cls.staff_dialogue, by=cls.community_police, title="Hemliga anteckningar",
            upload=upload("anteckningar.txt", b"Bara for personalen.\n", "text/plain"))
        cls.public_attachment = services.add_attachment(
            cls.meeting, by=coordinator, title="Minnesanteckningar", public=True,
            upload=upload("minnesanteckningar.pdf", b"%PDF-1.4\n% minnes\n", "application/pdf"))
        for name in ("approved", "unpublished", "staff_comment", "pending", "berg_comment"):
            setattr(cls, name, Comment.objects.get(pk=getattr(cls, name).pk))
        for name in ("ostersund_coordinator", "community_police", "berg_coordinator"):
            getattr(cls, name).__dict__.pop("_current_memberships", None)
            getattr(cls, name).__dict__.pop("_scope_cache", None)

    def public_url(self, name, municipality=None, **kwargs):
        from django.urls import reverse

        municipality = municipality or self.ostersund
        return reverse(f"dialogues:{name}", kwargs={"code": municipality.code, "slug": municipality.slug, **kwargs})

    def place(self, name):
        return Place.objects.get(municipality=self.ostersund, name=name)
