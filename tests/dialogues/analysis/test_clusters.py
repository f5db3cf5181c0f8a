from django.test import SimpleTestCase

from medborgarloften.dialogues import services
from medborgarloften.dialogues.analysis.clusters import choose_k, cluster_texts

from ..base import DialoguesTestCase

DOGS = ["Lösa hundar i elljusspåret skrämmer barnen.", "Hundägare släpper hundarna lösa vid skolan.",
        "Hundbajs överallt och lösa hundar på gångvägen."]
DRONES = ["Drönare flyger över villorna på natten.", "Någon flyger drönare över skolgården.",
          "Drönaren surrar över vår trädgård varje kväll."]


class ClusterTextsTests(SimpleTestCase):
    def test_similar_comments_group_together_with_their_typical_words(self):
        groups = cluster_texts(DOGS + DRONES, k=2)
        self.assertEqual(sorted(sorted(g["members"]) for g in groups), [[0, 1, 2], [3, 4, 5]])
        words = {tuple(sorted(g["members"])): g["words"] for g in groups}
        self.assertIn("hundar", words[(0, 1, 2)])
        self.assertTrue(any(w.startswith("drönare") for w in words[(3, 4, 5)]))

    def test_it_is_deterministic_and_handles_tiny_input(self):
        self.assertEqual(cluster_texts(DOGS + DRONES), cluster_texts(DOGS + DRONES))
        self.assertEqual(cluster_texts([]), [])
        self.assertEqual(cluster_texts(["Hej"]), [{"words": ["hej"], "members": [0]}])
        self.assertEqual((choose_k(3), choose_k(50), choose_k(1000)), (1, 5, 8))


class ClusterJobTests(DialoguesTestCase):
    def test_the_job_groups_the_uncategorised_comments_of_a_municipality(self):
        for text in DOGS + DRONES:
            comment = services.submit_comment(self.ostersund, text=text)
            services.confirm_themes(comment, by=self.ostersund_coordinator, themes=["other"])
        with self.captureOnCommitCallbacks(execute=True):
            job = services.start_clustering(self.ostersund, by=self.ostersund_coordinator)
        job.refresh_from_db()
        self.assertEqual(job.status, "succeeded")
        self.client.force_login(self.ostersund_viewer)
        page = self.client.get(f"/arbetsyta/dialoger/kommun/{self.ostersund.code}/teman/")
        self.assertContains(page, "Lösa hundar i elljusspåret")
        self.assertContains(page, "Drönare flyger över villorna")
        self.assertNotContains(page, "mörkt och otäckt")  # confirmed as poor lighting: not uncategorised
