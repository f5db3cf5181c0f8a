import datetime

from tests.cast import CastTestCase


class WorkspaceTests(CastTestCase):
    def test_it_requires_sign_in(self):
        response = self.client.get("/arbetsyta/")
        self.assertRedirects(response, "/konto/logga-in/?next=/arbetsyta/")

    def test_it_lists_own_organisations_promises_only(self):
        self.client.force_login(self.berg_coordinator)
        response = self.client.get("/arbetsyta/")
        self.assertContains(response, self.berg_draft.get_workspace_url())
        self.assertNotContains(response, self.ostersund_draft.get_workspace_url())

    def test_partner_sees_promises_naming_it(self):
        self.client.force_login(self.partner)
        response = self.client.get("/arbetsyta/")
        self.assertContains(response, self.ostersund_draft.get_workspace_url())
        self.assertNotContains(response, self.berg_draft.get_workspace_url())
        self.assertNotContains(response, "/arbetsyta/medborgarlofte/nytt/")

    def test_editor_is_offered_a_new_promise(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertContains(self.client.get("/arbetsyta/"), "/arbetsyta/medborgarlofte/nytt/")

    def test_administrator_is_offered_the_people_page(self):
        self.client.force_login(self.ostersund_admin)
        response = self.client.get("/arbetsyta/")
        self.assertContains(response, f"/konto/organisation/{self.ostersund_municipality.pk}/medlemmar/")


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
        # partners, versions (no signatures on a draft), memberships, audit log
        with self.assertNumQueries(11) as first:
            self.client.get(url)
        for n in range(3):
            commitment = services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator,
                                                 focus_area=f"Område {n}", pledge="Vi lovar.")
            services.add_activity(commitment, by=self.ostersund_coordinator, description="Aktivitet",
                                  partners=[self.victim_support])
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(url)


class WorkspaceQueryCountTests(CastTestCase):
    def test_workspace_list_costs_the_same_with_more_promises(self):
        self.client.force_login(self.ostersund_coordinator)
        # session, person, memberships, promises, their municipalities, their parties
        with self.assertNumQueries(6):
            self.client.get("/arbetsyta/")
        for _ in range(3):
            self.draft_promise(self.ostersund, self.ostersund_coordinator, partners=[self.victim_support],
                               valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 12, 31))
        with self.assertNumQueries(6):
            response = self.client.get("/arbetsyta/")
        self.assertContains(response, "Medborgarlöften i Östersund 2020", count=3)
