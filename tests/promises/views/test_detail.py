from tests.cast import CastTestCase


class DetailTests(CastTestCase):
    def test_outsider_gets_404_on_a_draft(self):
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.get(self.ostersund_draft.get_workspace_url()).status_code, 404)

    def test_viewer_sees_the_draft_without_edit_links(self):
        self.client.force_login(self.ostersund_viewer)
        response = self.client.get(self.ostersund_draft.get_workspace_url())
        self.assertContains(response, "Trafikkontroller vid skolor")
        self.assertNotContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/andra/")
        self.assertNotContains(response, "skicka-for-underskrift")

    def test_editor_sees_edit_and_send_actions(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(self.ostersund_draft.get_workspace_url())
        self.assertContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/andra/")
        self.assertContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/skicka-for-underskrift/")

    def test_signatory_is_offered_to_sign_the_latest_version(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.get(self.ostersund_partly_signed.get_workspace_url())
        self.assertContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_partly_signed.pk}/version/1/underteckna/")

    def test_police_chief_who_signed_is_not_offered_to_sign_again(self):
        self.client.force_login(self.lpo_ostersund_chief)
        response = self.client.get(self.ostersund_partly_signed.get_workspace_url())
        self.assertNotContains(response, "/underteckna/")

    def test_it_shows_the_history(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(self.ostersund_signed.get_workspace_url())
        self.assertContains(response, "Karin Holm: Undertecknat (Östersunds kommun, version 1)")
        self.assertContains(response, "Sara Lind: Skickade för underskrift (version 1)")
        self.assertNotContains(response, "promise.signed")

    def test_detail_page_query_count_does_not_grow_with_commitments(self):
        from medborgarloften.promises import services

        self.client.force_login(self.ostersund_coordinator)
        url = self.ostersund_draft.get_workspace_url()
        self.client.get(url)  # warm the content type cache
        # session, person, promise, municipalities, parties, commitments, activities,
        # partners, versions (no signatures on a draft), memberships, an open extension, the drafting
        # warnings' names of municipalities, sub-areas and places, the problem pictures in force, audit log
        with self.assertNumQueries(16) as first:
            self.client.get(url)
        for n in range(3):
            commitment = services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator,
                                                 focus_area=f"Område {n}", pledge="Vi lovar.")
            services.add_activity(commitment, by=self.ostersund_coordinator, description="Aktivitet",
                                  partners=[self.victim_support])
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)
