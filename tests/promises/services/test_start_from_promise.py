import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.areas.models import Municipality
from medborgarloften.promises import services
from medborgarloften.promises.models import Activity, Commitment, Promise
from medborgarloften.scope.themes import Theme
from tests.cast import CAST, CastTestCase, KROKOM

YEAR_2019 = {"valid_from": datetime.date(2019, 1, 1), "valid_to": datetime.date(2019, 12, 31)}


class StartFromPromiseTest(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        promise = cls.ostersund_draft
        services.update_promise(
            promise, by=cls.ostersund_coordinator, situation="Trygghetsmätningen 2017 visar oro för trafiken.",
            follow_up="Följs upp varje tertial.", focus_themes=[Theme.TRAFFIC_HAZARD])
        commitment = promise.commitments.get()
        services.update_commitment(commitment, by=cls.ostersund_coordinator, theme=Theme.TRAFFIC_HAZARD)
        Activity.objects.filter(commitment=commitment, description="Trafikkontroller vid skolor").update(
            period_start=datetime.date(2018, 3, 1), period_end=datetime.date(2018, 4, 30))

    def start(self, source, by, municipality, **kwargs):
        return services.start_from_promise(source, by=by, municipalities=[municipality], **{**YEAR_2019, **kwargs})

    def test_it_copies_the_title_texts_focus_areas_commitments_and_activities_into_a_new_draft(self):
        promise = self.fresh(self.start(self.ostersund_draft, self.ostersund_coordinator, self.ostersund))

        self.assertEqual(promise.state, Promise.State.DRAFT)
        self.assertEqual(promise.title, "Medborgarlöften i Östersund 2019")
        self.assertEqual(promise.situation, "Trygghetsmätningen 2017 visar oro för trafiken.")
        self.assertEqual(promise.follow_up, "Följs upp varje tertial.")
        self.assertEqual(promise.focus_themes, [Theme.TRAFFIC_HAZARD])
        self.assertEqual([(c.focus_area, c.theme) for c in promise.commitments.all()],
                         [("Trafiksäkerhet", Theme.TRAFFIC_HAZARD)])
        self.assertEqual(promise.based_on, self.ostersund_draft)
        self.assertEqual(self.audit(promise), [(self.ostersund_coordinator, "promise.created",
                                                {"based_on": self.ostersund_draft.title})])

    def test_activity_periods_move_to_the_new_period(self):
        promise = self.start(self.ostersund_draft, self.ostersund_coordinator, self.ostersund)

        activity = Activity.objects.get(commitment__promise=promise, description="Trafikkontroller vid skolor")
        self.assertEqual((activity.period_start, activity.period_end), (datetime.date(2019, 3, 1), datetime.date(2019, 4, 30)))

    def test_a_period_that_falls_outside_a_shorter_new_promise_is_cut_or_dropped(self):
        half_year = {"valid_from": datetime.date(2019, 1, 1), "valid_to": datetime.date(2019, 3, 31)}
        promise = self.start(self.ostersund_draft, self.ostersund_coordinator, self.ostersund, **half_year)
        activity = Activity.objects.get(commitment__promise=promise, description="Trafikkontroller vid skolor")
        self.assertEqual((activity.period_start, activity.period_end), (datetime.date(2019, 3, 1), datetime.date(2019, 3, 31)))

        first_months = {"valid_from": datetime.date(2019, 1, 1), "valid_to": datetime.date(2019, 2, 28)}
        promise = self.start(self.ostersund_draft, self.ostersund_coordinator, self.ostersund, **first_months)
        activity = Activity.objects.get(commitment__promise=promise, description="Trafikkontroller vid skolor")
        self.assertEqual((activity.period_start, activity.period_end), (None, None))

    def test_a_promise_starting_on_another_day_moves_periods_by_the_days_between_the_starts(self):
        start, end = services.move_period(
            datetime.date(2018, 3, 1), datetime.date(2018, 3, 31),
            Promise(valid_from=datetime.date(2018, 1, 1), valid_to=datetime.date(2018, 12, 31)),
            Promise(valid_from=datetime.date(2019, 1, 11), valid_to=datetime.date(2019, 12, 31)))
        self.assertEqual((start, end), (datetime.date(2019, 3, 11), datetime.date(2019, 4, 10)))

    def test_another_municipalitys_published_promise_gets_the_new_municipalitys_parties_and_title(self):
        promise = self.fresh(self.start(self.ostersund_published, self.berg_coordinator, self.berg))

        self.assertEqual([p.organisation for p in promise.parties.all()], [self.berg_municipality, self.jh_police])
        self.assertEqual(list(promise.municipalities.all()), [self.berg])
        self.assertEqual(promise.title, "Medborgarlöften i Berg 2019")

    def test_an_own_title_keeps_its_words_with_the_new_year_and_municipality(self):
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, title="Tryggare Östersund 2018")
        promise = self.start(self.ostersund_draft, self.community_police, self.bracke)
        self.assertEqual(promise.title, "Tryggare Bräcke 2019")

    def test_a_typed_title_wins(self):
        promise = self.start(self.ostersund_published, self.berg_coordinator, self.berg, title="Trygga Berg")
        self.assertEqual(promise.title, "Trygga Berg")

    def test_the_source_is_left_as_it_was(self):
        before = list(Commitment.objects.filter(promise=self.ostersund_draft).values())
        self.start(self.ostersund_draft, self.ostersund_coordinator, self.ostersund)
        self.assertEqual(list(Commitment.objects.filter(promise=self.ostersund_draft).values()), before)


class StartFromPromisePermissionTest(CastTestCase):
    """Role by role: who may start which promise from which source."""

    def attempt(self, name, source, municipality):
        try:
            services.start_from_promise(source, by=getattr(self, name), municipalities=[municipality], **YEAR_2019)
        except PermissionDenied:
            return False
        return True

    def assertOnly(self, allowed, source, municipality):
        # The anonymous resident never reaches a workspace service; everyone signed in is tried.
        outcome = {name: self.attempt(name, source, municipality) for name in CAST if name != "resident"}
        self.assertEqual(sorted(name for name, ok in outcome.items() if ok), sorted(allowed))

    def test_the_own_municipalitys_editors_start_from_its_draft(self):
        self.assertOnly(["ostersund_coordinator", "community_police"], self.ostersund_draft, self.ostersund)

    def test_another_municipalitys_published_promise_may_be_copied_by_the_target_municipalitys_editors(self):
        self.assertOnly(["berg_coordinator"], self.ostersund_published, self.berg)

    def test_nobody_copies_another_municipalitys_draft(self):
        self.assertOnly([], self.ostersund_draft, self.berg)
        self.assertOnly([], self.berg_draft, self.ostersund)

    def test_a_refused_copy_writes_nothing(self):
        krokom = Municipality.objects.get(code=KROKOM)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.start_from_promise(self.berg_awaiting, by=self.ostersund_coordinator,
                                        municipalities=[self.ostersund], **YEAR_2019)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.start_from_promise(self.ostersund_published, by=self.ostersund_coordinator,
                                        municipalities=[krokom], **YEAR_2019)
