import datetime

from django.utils import translation

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import Municipality, Organisation, Place, SubArea
from medborgarloften.promises import drafting, selectors, services
from medborgarloften.promises.models import Activity
from medborgarloften.scope.themes import Theme
from tests.cast import KROKOM, YEAR_2017, YEAR_2018, CastTestCase, person


class DraftingWarningsTest(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.krokom = Municipality.objects.get(code=KROKOM)
        dvarsatt = SubArea.objects.create(municipality=cls.krokom, name="Dvärsätt")
        Place.objects.create(municipality=cls.krokom, name="Korsningen Näldenvägen/Rösta", sub_area=dvarsatt)
        Place.objects.create(municipality=cls.krokom, name="Ås skola")
        Place.objects.create(municipality=cls.ostersund, name="Odenskog")
        # A name every town has is no sign of a text written elsewhere.
        for code in ("2309", "2313", "2321"):
            Place.objects.create(municipality=Municipality.objects.get(code=code), name="Busstorget")

    def warnings(self, promise, code=None):
        with translation.override("en"):
            found = drafting.drafting_warnings(selectors.promise_with_content(promise.pk))
        return [w for w in found if code is None or w.code == code]

    def complete_activities(self, promise):
        """Give every activity what check (c) asks for, so a test sees only its own warning."""
        Activity.objects.filter(commitment__promise=promise).update(
            responsible=Activity.Responsible.BOTH, target_quantity=5, unit="träffar",
            period_start=promise.valid_from, period_end=promise.valid_to)

    def krokom_published(self):
        """Krokom's published 2017 promise, whose text names Krokom's places and roads."""
        krokom_org = Organisation.objects.get(municipality=self.krokom)
        coordinator = person("samordnare.krokom", "Kim", "Krok", (krokom_org, Membership.Role.EDITOR, ""))
        kso = person("kso.krokom", "Kaj", "Krok", (krokom_org, Membership.Role.SIGNATORY, "Kommunstyrelsens ordförande"))
        promise = services.create_promise(
            by=coordinator, municipalities=[self.krokom], situation="I Krokoms kommun oroar sig boende i Dvärsätt.",
            **YEAR_2017)
        commitment = services.add_commitment(promise, by=coordinator, focus_area="Trafik", pledge="Vi lovar tryggare vägar.")
        services.add_activity(commitment, by=coordinator, description="Hastighetskontroller på Näldenvägen vid Ås skola",
                              target_quantity=10, unit="kontroller", places="Näldenvägen, Busstorget",
                              period_start=datetime.date(2017, 3, 1), period_end=datetime.date(2017, 4, 30))
        self.sign_all(promise, coordinator, (kso, self.lpo_jh_chief))
        return services.publish_promise(promise, by=coordinator)

    def test_a_copied_text_that_names_another_municipalitys_roads_and_places_is_flagged(self):
        promise = services.start_from_promise(self.krokom_published(), by=self.ostersund_coordinator,
                                              municipalities=[self.ostersund], **YEAR_2018)
        self.complete_activities(promise)

        found = [(w.where, w.message) for w in self.warnings(promise, "name_elsewhere")]

        self.assertEqual(found, [
            ("The promise's text", "The situation today names Krokom, another municipality."),
            ("The promise's text",
             "The situation today names “Dvärsätt”, a place in Krokom, not in this promise's municipality."),
            ("Activity “Hastighetskontroller på Näldenvägen vid Ås skola” (Trafik)",
             "Activity names “Näldenvägen”, a place in Krokom, not in this promise's municipality."),
            ("Activity “Hastighetskontroller på Näldenvägen vid Ås skola” (Trafik)",
             "Activity names “Ås skola”, a place in Krokom, not in this promise's municipality."),
            ("Activity “Hastighetskontroller på Näldenvägen vid Ås skola” (Trafik)",
             "Places names “Näldenvägen”, a place in Krokom, not in this promise's municipality."),
        ])
        self.assertTrue(all(w.url for w in self.warnings(promise, "name_elsewhere")))

    def test_another_municipalitys_name_is_found_in_any_case_and_in_the_genitive(self):
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator,
                                follow_up="Följs upp tillsammans med KROKOMS kommun och med polisen i åre.")
        messages = [w.message for w in self.warnings(self.ostersund_draft, "name_elsewhere")]
        self.assertEqual(messages, ["Follow-up names Krokom, another municipality.",
                                    "Follow-up names Åre, another municipality."])

    def test_own_places_common_names_longer_words_and_common_words_are_not_flagged(self):
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, situation=(
            "Trygghetsvandring i Odenskog och vid Busstorget; trafiken på Krokomsvägen. "
            "Det ska vara tryggt att gå i mark och berg i Östersunds kommun."))
        self.assertEqual(self.warnings(self.ostersund_draft, "name_elsewhere"), [])

    def test_a_focus_area_without_a_commitment_on_its_theme_is_flagged(self):
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator,
                                focus_themes=[Theme.TRAFFIC_HAZARD, Theme.DRUG_DEALING])
        services.update_commitment(self.ostersund_draft.commitments.get(), by=self.ostersund_coordinator,
                                   theme=Theme.TRAFFIC_HAZARD)
        self.assertEqual([(w.code, w.message) for w in self.warnings(self.ostersund_draft) if w.code.startswith(("focus", "commitment"))],
                         [("focus_without_commitment", "The focus area “Open drug dealing” has no commitment on its theme.")])

    def test_a_commitment_on_a_theme_outside_the_focus_areas_is_flagged(self):
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, focus_themes=[Theme.TRAFFIC_HAZARD])
        services.update_commitment(self.ostersund_draft.commitments.get(), by=self.ostersund_coordinator,
                                   theme=Theme.YOUTH_GANGS)
        found = [(w.code, w.where) for w in self.warnings(self.ostersund_draft) if w.code.startswith(("focus", "commitment"))]
        self.assertEqual(found, [("focus_without_commitment", "The promise's text"),
                                 ("commitment_outside_focus", "Commitment “Trafiksäkerhet”")])

    def test_a_commitment_without_a_theme_is_flagged_once_the_promise_has_focus_areas(self):
        self.assertEqual(self.warnings(self.ostersund_draft, "commitment_without_theme"), [])
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, focus_themes=[Theme.TRAFFIC_HAZARD])
        self.assertEqual(len(self.warnings(self.ostersund_draft, "commitment_without_theme")), 1)

    def test_an_activity_without_a_responsible_party_is_flagged(self):
        self.complete_activities(self.ostersund_draft)
        self.assertEqual(self.warnings(self.ostersund_draft, "activity_without_responsible"), [])
        # Left with no partner though the partners are responsible (as an import or the admin might leave it).
        Activity.partners.through.objects.filter(activity__commitment__promise=self.ostersund_draft).delete()
        Activity.objects.filter(commitment__promise=self.ostersund_draft, description="Stöd till brottsutsatta").update(
            responsible=Activity.Responsible.PARTNERS)
        found = self.warnings(self.ostersund_draft, "activity_without_responsible")
        self.assertEqual([w.where for w in found], ["Activity “Stöd till brottsutsatta” (Trafiksäkerhet)"])

    def test_an_activity_without_a_quantity_is_flagged(self):
        found = self.warnings(self.ostersund_draft, "activity_without_quantity")
        self.assertEqual([w.where for w in found], ["Activity “Stöd till brottsutsatta” (Trafiksäkerhet)"])

    def test_an_activity_without_a_period_is_flagged(self):
        activity = Activity.objects.get(commitment__promise=self.ostersund_draft, description="Trafikkontroller vid skolor")
        services.update_activity(activity, by=self.ostersund_coordinator,
                                 period_start=datetime.date(2018, 1, 1), period_end=datetime.date(2018, 4, 30))
        found = self.warnings(self.ostersund_draft, "activity_without_period")
        self.assertEqual([w.where for w in found], ["Activity “Stöd till brottsutsatta” (Trafiksäkerhet)"])

    def test_a_complete_draft_has_no_warnings(self):
        self.complete_activities(self.ostersund_draft)
        self.assertEqual(self.warnings(self.ostersund_draft), [])

    def test_further_checks_can_be_registered(self):
        def check_pledge_length(promise):
            for commitment in promise.commitments.all():
                if len(commitment.pledge) > 20:
                    yield drafting.DraftingWarning("long_pledge", "Long.", commitment.focus_area)

        drafting.register_check(check_pledge_length)
        self.addCleanup(drafting.CHECKS.remove, check_pledge_length)
        self.assertEqual([w.code for w in self.warnings(self.ostersund_draft, "long_pledge")], ["long_pledge"])

    def test_the_checks_cost_the_same_queries_however_long_the_text(self):
        promise = selectors.promise_with_content(self.ostersund_draft.pk)
        with self.assertNumQueries(4):
            drafting.drafting_warnings(promise)


class DraftingWarningsOnPagesTest(CastTestCase):
    def test_the_editor_sees_the_warnings_on_the_draft_and_the_viewer_does_not(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(self.ostersund_draft.get_workspace_url())
        self.assertContains(response, "Aktiviteten har ingen period")
        self.assertContains(response, f'href="/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/skicka-for-underskrift/"')
        self.client.force_login(self.ostersund_viewer)
        self.assertNotContains(self.client.get(self.ostersund_draft.get_workspace_url()), "Aktiviteten har ingen period")
