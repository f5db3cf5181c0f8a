"""Workspace pages: each renders for the editor, is read-only for viewers, and hidden from other municipalities."""

from django.urls import reverse

from medborgarloften.dialogues.models import Dialogue

from ..base import SECRET, DialoguesTestCase, at, upload


class PagesTests(DialoguesTestCase):
    def pages(self):
        return [
            reverse("dialogues:list"), reverse("dialogues:create"), self.meeting.get_workspace_url(),
            self.walk.get_workspace_url(), self.staff_dialogue.get_workspace_url(),
            reverse("dialogues:edit", args=[self.meeting.pk]), reverse("dialogues:participants", args=[self.meeting.pk]),
            reverse("dialogues:checklist", args=[self.walk.pk]), reverse("dialogues:attachment_create", args=[self.meeting.pk]),
            reverse("dialogues:comment_create", args=[self.meeting.pk]), reverse("dialogues:observation_create", args=[self.walk.pk]),
            reverse("dialogues:comments"), reverse("dialogues:moderation"), self.approved.get_workspace_url(),
            reverse("dialogues:comment_edit", args=[self.approved.pk]), reverse("dialogues:comment_themes", args=[self.approved.pk]),
            reverse("dialogues:approve", args=[self.pending.pk]), reverse("dialogues:reject", args=[self.pending.pk]),
            reverse("dialogues:observations"), self.observation.get_workspace_url(),
            reverse("dialogues:observation_edit", args=[self.observation.pk]),
            reverse("dialogues:observation_status", args=[self.observation.pk]),
            reverse("dialogues:map", args=["2380"]), reverse("dialogues:themes", args=["2380"]),
            reverse("dialogues:places", args=["2380"]), reverse("dialogues:place_edit", args=[self.stortorget.pk]),
        ]

    def test_every_page_renders_for_an_editor(self):
        self.client.force_login(self.ostersund_coordinator)
        for url in self.pages():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_viewer_reads_but_changes_nothing(self):
        self.client.force_login(self.ostersund_viewer)
        for url in [self.meeting.get_workspace_url(), self.staff_dialogue.get_workspace_url(), reverse("dialogues:comments"),
                    reverse("dialogues:observations"), reverse("dialogues:themes", args=["2380"]),
                    reverse("dialogues:map", args=["2380"]), reverse("dialogues:places", args=["2380"])]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        for url in [reverse("dialogues:create"), reverse("dialogues:edit", args=[self.meeting.pk]),
                    reverse("dialogues:comment_create", args=[self.meeting.pk]), reverse("dialogues:moderation"),
                    reverse("dialogues:observation_status", args=[self.observation.pk]),
                    reverse("dialogues:place_edit", args=[self.stortorget.pk])]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)

    def test_another_municipalitys_staff_and_partners_get_not_found(self):
        for person in (self.berg_coordinator, self.partner):
            self.client.force_login(person)
            for url in [self.meeting.get_workspace_url(), self.staff_dialogue.get_workspace_url(),
                        self.pending.get_workspace_url(), self.observation.get_workspace_url(),
                        reverse("dialogues:themes", args=["2380"]), reverse("dialogues:map", args=["2380"])]:
                with self.subTest(person=person.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.partner)
        self.assertEqual(self.client.get(reverse("dialogues:list")).status_code, 403)

    def test_the_staff_map_shows_staff_data_the_public_map_does_not(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertContains(self.client.get(reverse("dialogues:map", args=["2380"])), "Personalen vet att langning")

    def test_the_list_marks_staff_dialogues(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.get(reverse("dialogues:list"))
        self.assertContains(response, SECRET)
        self.assertContains(response, "bara personal")


class FormTests(DialoguesTestCase):
    def test_an_editor_records_a_dialogue_from_the_form(self):
        self.client.force_login(self.community_police)
        response = self.client.post(reverse("dialogues:create"), {
            "municipality": self.bracke.pk, "kind": "school_visit", "title": "Skolbesök i Bräcke",
            "starts_at": "2016-10-03T10:00", "organisers": [self.ostersund_police.pk], "participants": "25"})
        dialogue = Dialogue.objects.get(title="Skolbesök i Bräcke")
        self.assertRedirects(response, dialogue.get_workspace_url())
        self.assertEqual(dialogue.municipality, self.bracke)

    def test_a_rejected_dialogue_form_keeps_what_was_typed(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(reverse("dialogues:create"), {
            "municipality": self.ostersund.pk, "kind": "open_meeting", "title": "Kvällsmöte i Torvalla",
            "starts_at": "2016-10-03T18:00", "ends_at": "2016-10-03T17:00", "minutes": "Många kom."})
        self.assertContains(response, "Slutet kan inte ligga före början.", status_code=400)
        self.assertContains(response, "Kvällsmöte i Torvalla", status_code=400)
        self.assertContains(response, "Många kom.", status_code=400)

    def test_an_upload_with_a_lying_type_is_refused_on_the_form(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(reverse("dialogues:attachment_create", args=[self.meeting.pk]), {
            "file": upload("protokoll.pdf", b"MZ\x90\x00", "application/pdf"), "title": "Protokoll"})
        self.assertContains(response, "Filens innehåll stämmer inte med filtypen (PDF).", status_code=400)

    def test_the_observation_status_form_closes_an_observation(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(reverse("dialogues:observation_status", args=[self.observation.pk]),
                                    {"status": "fixed", "fixed_on": "2016-10-20", "note": "Lampan bytt"})
        self.assertRedirects(response, self.observation.get_workspace_url())
        self.observation.refresh_from_db()
        self.assertEqual(str(self.observation.fixed_on), "2016-10-20")

    def test_participants_form_keeps_the_numbers_when_they_do_not_add_up(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(reverse("dialogues:participants", args=[self.meeting.pk]),
                                    {"n_25_44_women": "12", "n_45_64_men": "9"})
        self.assertContains(response, "Grupperna blir sammanlagt 21, men dialogen hade 40 deltagare.", status_code=400)
        self.assertContains(response, 'value="12"', status_code=400)

    def test_starting_dates_use_the_dialogue_day(self):
        self.assertEqual(self.approved.made_on, at(2016, 9, 14).date())
