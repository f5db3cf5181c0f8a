"""The workspace's import pages: upload, preview, import, discard; who sees what; the workspace section."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medborgarloften.statistics.models import Event, ImportRun, Source
from tests.statistics.base import StatisticsTestCase, data

IMPORTS = reverse("statistics:imports")


class ImportPagesTest(StatisticsTestCase):
    def post_file(self, name, source=Source.POLICE_EVENTS, **extra):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(IMPORTS, {"source": source, "file": SimpleUploadedFile(name, data(name).read_bytes()), **extra})

    def test_upload_preview_and_import(self):
        self.client.force_login(self.community_police)
        response = self.post_file("police_events_sample.json")
        run = ImportRun.objects.get()
        self.assertRedirects(response, run.job.get_absolute_url())
        preview = self.client.get(reverse("statistics:import_detail", kwargs={"pk": run.pk}))
        self.assertContains(preview, "Vad en import skulle göra")
        self.assertContains(preview, "Inlästa rader: 30")
        self.assertEqual(Event.objects.count(), 0)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("statistics:import_commit", kwargs={"pk": run.pk}))
        run.refresh_from_db()
        self.assertRedirects(response, run.job.get_absolute_url())
        self.assertEqual(run.state, ImportRun.State.IMPORTED)
        self.assertGreater(Event.objects.count(), 0)
        history = self.client.get(IMPORTS)
        self.assertContains(history, "police_events_sample.json")

    def test_the_preview_lists_errors_by_line_and_unmatched_names(self):
        self.client.force_login(self.national_admin)
        self.post_file("bad_police_events_fields.json")
        run = ImportRun.objects.get()
        response = self.client.get(reverse("statistics:import_detail", kwargs={"pk": run.pk}))
        self.assertContains(response, "<td class=\"num\" data-label=\"Rad\">22</td>", html=False)
        self.assertNotContains(response, "statistics:import_commit")
        self.assertNotContains(response, ">Importera</button>")
        self.client.force_login(self.national_admin)
        self.post_file("police_events_sample.json")
        run = ImportRun.objects.exclude(pk=run.pk).get()
        self.assertContains(self.client.get(reverse("statistics:import_detail", kwargs={"pk": run.pk})), "Norge")

    def test_the_form_offers_population_to_national_administrators_only(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertNotContains(self.client.get(IMPORTS), 'value="scb"')
        response = self.post_file("scb_population_sample.json", source=Source.SCB)
        self.assertEqual(response.status_code, 200)  # the choice is refused by the form
        self.assertEqual(ImportRun.objects.count(), 0)
        self.client.force_login(self.national_admin)
        self.assertContains(self.client.get(IMPORTS), 'value="scb"')

    def test_others_get_404_and_those_who_cannot_import_get_403(self):
        self.client.force_login(self.community_police)
        self.post_file("police_events_sample.json")
        run = ImportRun.objects.get()
        detail = reverse("statistics:import_detail", kwargs={"pk": run.pk})
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.assertEqual(self.client.post(reverse("statistics:import_commit", kwargs={"pk": run.pk})).status_code, 404)
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(IMPORTS).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(IMPORTS).status_code, 302)

    def test_discard(self):
        self.client.force_login(self.community_police)
        self.post_file("police_events_sample.json")
        run = ImportRun.objects.get()
        self.client.post(reverse("statistics:import_discard", kwargs={"pk": run.pk}))
        run.refresh_from_db()
        self.assertEqual(run.state, ImportRun.State.DISCARDED)

    def test_the_workspace_section_shows_recent_imports_to_those_who_may_import(self):
        self.client.force_login(self.community_police)
        self.post_file("police_events_sample.json")
        self.assertContains(self.client.get(reverse("web:workspace")), "police_events_sample.json")
        self.client.force_login(self.ostersund_viewer)
        self.assertNotContains(self.client.get(reverse("web:workspace")), IMPORTS)


class DenominatorPageTest(StatisticsTestCase):
    def test_the_municipality_gives_another_population(self):
        url = reverse("statistics:denominators", kwargs={"code": "2380"})
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(url, {"year": 2017, "population": "90000", "label": "Dagbefolkning",
                                          "explanation": "Pendlare räknade."})
        self.assertRedirects(response, url)
        self.assertContains(self.client.get(url), "Dagbefolkning")
        response = self.client.post(url, {"year": 2017, "population": "0", "label": "x", "explanation": "y"})
        self.assertContains(response, "error-summary")
        self.client.force_login(self.community_police)
        self.assertEqual(self.client.get(url).status_code, 404)
