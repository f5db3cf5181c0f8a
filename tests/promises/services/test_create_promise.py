import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import LocalPoliceAreaCoverage, Municipality
from medborgarloften.promises import services
from medborgarloften.promises.models import Activity, Promise
from tests.cast import CastTestCase, person

YEAR_2019 = {"valid_from": datetime.date(2019, 1, 1), "valid_to": datetime.date(2019, 12, 31)}


class CreatePromiseTest(CastTestCase):
    def test_it_creates_a_draft_with_the_municipality_and_its_police_as_signing_parties(self):
        promise = services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund], **YEAR_2019)

        promise = self.fresh(promise)
        self.assertEqual(promise.state, Promise.State.DRAFT)
        self.assertEqual(list(promise.municipalities.all()), [self.ostersund])
        self.assertEqual(
            [(p.organisation, p.signs) for p in promise.parties.all()],
            [(self.ostersund_municipality, True), (self.ostersund_police, True)],
        )
        self.assertEqual(promise.commitments.count(), 0)
        self.assertEqual(self.audit(promise), [(self.ostersund_coordinator, "promise.created", {})])

    def test_it_gives_the_customary_title_unless_one_is_typed(self):
        untitled = services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund], **YEAR_2019)
        titled = services.create_promise(
            by=self.ostersund_coordinator, municipalities=[self.ostersund], title="Tryggare Östersund", **YEAR_2019)

        self.assertIn("Östersund 2019", untitled.title)
        self.assertEqual(titled.title, "Tryggare Östersund")

    def test_a_multi_year_title_names_both_years(self):
        promise = services.create_promise(
            by=self.ostersund_coordinator, municipalities=[self.ostersund],
            valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 12, 31),
        )
        self.assertIn("Östersund 2019–2020", promise.title)

    def test_the_community_police_officer_may_draft_for_a_municipality_of_the_local_police_area(self):
        promise = services.create_promise(by=self.community_police, municipalities=[self.ostersund], **YEAR_2019)
        self.assertEqual(self.last_audit(promise), (self.community_police, "promise.created", {}))

    def test_a_joint_promise_names_each_municipality_and_their_police_once(self):
        ragunda = self.municipalities["2303"]
        ragunda_municipality = ragunda.organisation

        promise = services.create_promise(by=self.community_police, municipalities=[self.ostersund, ragunda], **YEAR_2019)

        self.assertEqual(
            [p.organisation for p in self.fresh(promise).parties.all()],
            [self.ostersund_municipality, ragunda_municipality, self.ostersund_police],
        )

    def test_a_promise_for_a_divided_city_has_each_of_its_police_units_as_signing_party(self):
        malmo = Municipality.objects.get(code="1280")
        coordinator = person("samordnare.malmo", "Ebba", "Malm", (malmo.organisation, Membership.Role.EDITOR, ""))
        promise = services.create_promise(by=coordinator, municipalities=[malmo], **YEAR_2019)
        self.assertEqual([p.organisation.name for p in self.fresh(promise).parties.all()],
                         ["Malmö stad", "Lokalpolisområde Malmö Norr", "Lokalpolisområde Malmö Söder"])

    def test_it_copies_commitments_and_activities_from_last_years_promise(self):
        source = self.fresh(self.ostersund_published)
        Activity.objects.filter(commitment__promise=source).update(
            status=Activity.Status.DONE, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 4, 30))

        promise = services.create_promise(
            by=self.ostersund_coordinator, municipalities=[self.ostersund], based_on=source, **YEAR_2019)

        promise = self.fresh(promise)
        self.assertEqual(promise.based_on, source)
        copied = [(c.focus_area, c.pledge) for c in promise.commitments.all()]
        self.assertEqual(copied, [(c.focus_area, c.pledge) for c in source.commitments.all()])
        activities = [a for c in promise.commitments.all() for a in c.activities.all()]
        self.assertEqual(
            [(a.description, a.target_quantity, a.unit, [p.name for p in a.partners.all()]) for a in activities],
            [("Trafikkontroller vid skolor", 50, "trafikkontroller", []),
             ("Stöd till brottsutsatta", None, "", ["Brottsofferjouren Jämtland"])],
        )
        # The new year starts planned, its periods moved to the new year.
        self.assertEqual({(a.status, a.period_start, a.period_end) for a in activities},
                         {(Activity.Status.PLANNED, datetime.date(2019, 1, 1), datetime.date(2019, 4, 30))})
        # The source is untouched.
        self.assertEqual(Activity.objects.filter(commitment__promise=source, status=Activity.Status.DONE).count(), 2)
        self.assertEqual(self.audit(promise), [(self.ostersund_coordinator, "promise.created", {"based_on": source.title})])

    def test_it_copies_another_municipalitys_published_promise(self):
        promise = services.create_promise(
            by=self.berg_coordinator, municipalities=[self.berg], based_on=self.ostersund_published, **YEAR_2019)

        promise = self.fresh(promise)
        self.assertEqual([p.organisation for p in promise.parties.all()], [self.berg_municipality, self.jh_police])
        self.assertEqual(
            sorted(a.description for c in promise.commitments.all() for a in c.activities.all()),
            ["Stöd till brottsutsatta", "Trafikkontroller vid skolor"],
        )

    def test_a_copy_keeps_only_partners_working_in_the_new_municipality(self):
        commitment = self.ostersund_draft.commitments.get()
        services.add_activity(commitment, by=self.ostersund_coordinator, description="Trygghetsvandring i Odenskog",
                              responsible=Activity.Responsible.PARTNERS, partners=[self.property_owner])
        services.add_activity(commitment, by=self.ostersund_coordinator, description="Stöd i bostadsområden",
                              responsible=Activity.Responsible.BOTH, partners=[self.property_owner, self.victim_support])

        # The community police officer works for both Östersund and Bräcke.
        promise = services.create_promise(
            by=self.community_police, municipalities=[self.bracke], based_on=self.ostersund_draft, **YEAR_2019)

        activities = {a.description: a for a in Activity.objects.filter(commitment__promise=promise)}
        self.assertEqual(list(activities["Trygghetsvandring i Odenskog"].partners.all()), [])
        self.assertEqual(activities["Trygghetsvandring i Odenskog"].responsible, Activity.Responsible.BOTH)
        self.assertEqual(list(activities["Stöd i bostadsområden"].partners.all()), [self.victim_support])

    def test_it_refuses_to_copy_another_municipalitys_draft(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.create_promise(
                by=self.berg_coordinator, municipalities=[self.berg], based_on=self.ostersund_draft, **YEAR_2019)

    def test_it_refuses_a_municipality_the_editor_does_not_work_for(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.create_promise(by=self.berg_coordinator, municipalities=[self.ostersund], **YEAR_2019)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund, self.berg], **YEAR_2019)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.create_promise(by=self.community_police, municipalities=[self.berg], **YEAR_2019)

    def test_it_refuses_no_municipality(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[], **YEAR_2019)

    def test_it_refuses_people_without_an_editor_role(self):
        for name in ("ostersund_signatory", "lpo_ostersund_chief", "ostersund_viewer", "ostersund_admin",
                     "former_coordinator", "partner", "outsider", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.create_promise(by=getattr(self, name), municipalities=[self.ostersund], **YEAR_2019)

    def test_it_reports_a_municipality_without_a_municipal_organisation(self):
        # LPO Östersund covers Bräcke; suppose its organisation was never registered.
        self.bracke_municipality.delete()
        with self.assertWritesNothing(), self.assertInvalid(
                "unknown_organisation", "Bräcke has no municipal organisation registered."):
            services.create_promise(by=self.community_police, municipalities=[self.bracke], **YEAR_2019)

    def test_it_reports_a_municipality_no_local_police_area_covers(self):
        umea = Municipality.objects.get(code="2480")
        coordinator = person("samordnare.umea", "Ida", "Öberg", (umea.organisation, Membership.Role.EDITOR, ""))
        # Suppose its local police area's coverage ended before the promise starts, and nothing replaced it.
        LocalPoliceAreaCoverage.objects.filter(municipality=umea).update(valid_to=datetime.date(2018, 12, 31))

        with self.assertWritesNothing(), self.assertInvalid("unknown_organisation", "No local police area covers Umeå."):
            services.create_promise(by=coordinator, municipalities=[umea], **YEAR_2019)

    def test_it_takes_the_police_unit_covering_the_municipality_when_the_promise_starts(self):
        LocalPoliceAreaCoverage.objects.filter(municipality=self.berg).update(valid_to=datetime.date(2019, 12, 31))
        LocalPoliceAreaCoverage.objects.create(
            local_police_area=self.lpo_ostersund, municipality=self.berg, valid_from=datetime.date(2020, 1, 1))

        before = services.create_promise(by=self.berg_coordinator, municipalities=[self.berg], **YEAR_2019)
        after = services.create_promise(
            by=self.berg_coordinator, municipalities=[self.berg],
            valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 12, 31))

        self.assertEqual([p.organisation for p in before.parties.all()], [self.berg_municipality, self.jh_police])
        self.assertEqual([p.organisation for p in after.parties.all()], [self.berg_municipality, self.ostersund_police])

    def test_it_rejects_an_end_before_the_start(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "end_before_start", "The end date must be after the start date.", field="valid_to"):
            services.create_promise(
                by=self.ostersund_coordinator, municipalities=[self.ostersund],
                valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2018, 12, 31))

    def test_it_rejects_more_than_three_years(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "too_long", "A promise runs for at most three years.", field="valid_to"):
            services.create_promise(
                by=self.ostersund_coordinator, municipalities=[self.ostersund],
                valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2022, 6, 30))

    def test_it_accepts_a_promise_that_runs_until_replaced(self):
        promise = services.create_promise(
            by=self.ostersund_coordinator, municipalities=[self.ostersund], valid_from=datetime.date(2019, 1, 1))
        self.assertIsNone(promise.valid_to)
        self.assertIsNone(promise.ends_on)


class CreatePromiseRefusesWhatTheFormRefusesTest(CastTestCase):
    """Each rule the create form shows is the service's, so the admin, commands and imports keep it too."""

    def test_it_refuses_an_agreement_that_does_not_cover_the_municipality(self):
        from medborgarloften.promises.models import CollaborationAgreement

        agreement = CollaborationAgreement.objects.create(title="SÖK Berg", valid_from=datetime.date(2016, 1, 1))
        agreement.municipalities.set([self.berg])
        with self.assertWritesNothing(), self.assertInvalid(
                "agreement_mismatch", "The agreement does not cover all the chosen municipalities.",
                field="collaboration_agreement"):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund],
                                    collaboration_agreement=agreement, **YEAR_2019)

    def test_it_refuses_a_period_overlapping_a_published_promise(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "overlaps_published",
                "The period overlaps the published promise “Medborgarlöften i Östersund 2017”; "
                "shorten the period or choose that this promise replaces it.", field="replaces"):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund],
                                    valid_from=datetime.date(2017, 7, 1), valid_to=datetime.date(2018, 6, 30))

    def test_it_accepts_the_overlap_when_the_new_promise_replaces_the_old(self):
        promise = services.create_promise(
            by=self.ostersund_coordinator, municipalities=[self.ostersund], replaces=[self.ostersund_published],
            valid_from=datetime.date(2017, 7, 1), valid_to=datetime.date(2018, 6, 30))
        self.assertEqual(list(promise.replaces.all()), [self.ostersund_published])

    def test_it_refuses_to_replace_another_municipalitys_promise(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "replaces_unrelated",
                "“Medborgarlöften i Berg 2017” is not a published promise of the same municipality, "
                "so this one cannot replace it.", field="replaces"):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund],
                                    replaces=[self.berg_published], **YEAR_2019)

    def test_it_refuses_an_implausible_year_without_crashing(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "implausible_date", "Give a date between 1990 and 2100.", field="valid_from"):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund],
                                    valid_from=datetime.date(9998, 1, 1), valid_to=datetime.date(9999, 12, 31))

    def test_it_refuses_a_municipality_the_person_does_not_draft_for(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.create_promise(by=self.ostersund_coordinator, municipalities=[self.berg], **YEAR_2019)
