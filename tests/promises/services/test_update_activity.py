import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Promise
from tests.cast import CastTestCase


class UpdateActivityTest(CastTestCase):
    def activity(self, promise, description):
        return next(a for c in self.fresh(promise).commitments.all() for a in c.activities.all()
                    if a.description == description)

    def test_it_changes_the_activity_and_records_old_and_new(self):
        activity = self.activity(self.ostersund_draft, "Trafikkontroller vid skolor")
        services.update_activity(activity, by=self.community_police, target_quantity=60, places="E14")

        activity.refresh_from_db()
        self.assertEqual((activity.target_quantity, activity.places), (60, "E14"))
        self.assertEqual(self.last_audit(self.ostersund_draft), (
            self.community_police, "activity.changed",
            {"activity": "Trafikkontroller vid skolor", "target_quantity": [50, 60], "places": ["", "E14"]},
        ))

    def test_it_changes_the_partners_and_records_their_names(self):
        activity = self.activity(self.ostersund_draft, "Stöd till brottsutsatta")
        services.update_activity(activity, by=self.ostersund_coordinator, partners=[self.property_owner, self.victim_support])

        activity = Activity.objects.get(pk=activity.pk)
        self.assertEqual(sorted(p.name for p in activity.partners.all()), ["Brottsofferjouren Jämtland", "Östersundshem"])
        self.assertEqual(self.last_audit(self.ostersund_draft)[2], {
            "activity": "Stöd till brottsutsatta",
            "partners": [["Brottsofferjouren Jämtland"], ["Brottsofferjouren Jämtland", "Östersundshem"]],
        })

    def test_it_writes_nothing_when_nothing_changed(self):
        activity = self.activity(self.ostersund_signed, "Stöd till brottsutsatta")
        with self.assertWritesNothing():
            services.update_activity(activity, by=self.ostersund_coordinator, description=activity.description,
                                     partners=[self.victim_support])

    def test_changing_a_signed_promise_makes_a_new_version_to_sign(self):
        activity = self.activity(self.berg_signed, "Trafikkontroller vid skolor")
        services.update_activity(activity, by=self.berg_coordinator, target_quantity=40)

        promise = self.fresh(self.berg_signed)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        latest = selectors.latest_version(promise)
        self.assertEqual(latest.content["commitments"][0]["activities"][0]["target_quantity"], 40)
        self.assertEqual(list(latest.signatures.all()), [])

    def test_a_status_change_leaves_the_signed_text_and_its_signatures_alone(self):
        # The status is follow-up, not part of the signed text.
        activity = self.activity(self.berg_signed, "Trafikkontroller vid skolor")
        services.update_activity(activity, by=self.berg_coordinator, status=Activity.Status.ONGOING)

        promise = self.fresh(self.berg_signed)
        self.assertEqual(promise.state, Promise.State.SIGNED)
        self.assertEqual(selectors.latest_version(promise).number, 1)
        self.assertEqual(self.last_audit(promise), (
            self.berg_coordinator, "activity.changed",
            {"activity": "Trafikkontroller vid skolor", "status": ["planned", "ongoing"]},
        ))

    def test_it_refuses_to_remove_the_last_partner_of_a_partner_activity(self):
        activity = self.activity(self.ostersund_draft, "Stöd till brottsutsatta")
        with self.assertWritesNothing(), self.assertInvalid(
                "partners_required", "Choose the partners responsible.", field="partners"):
            services.update_activity(activity, by=self.ostersund_coordinator, partners=[])

    def test_it_rejects_an_organisation_that_is_not_a_partner(self):
        activity = self.activity(self.ostersund_draft, "Stöd till brottsutsatta")
        with self.assertWritesNothing(), self.assertInvalid(
                "not_partner", "Östersunds kommun is not a partner organisation.", field="partners"):
            services.update_activity(activity, by=self.ostersund_coordinator, partners=[self.ostersund_municipality])

    def test_it_requires_a_unit_for_a_quantity(self):
        activity = self.activity(self.ostersund_draft, "Trafikkontroller vid skolor")
        with self.assertWritesNothing(), self.assertInvalid(
                "unit_required", "Say what is counted, e.g. traffic checks.", field="unit"):
            services.update_activity(activity, by=self.ostersund_coordinator, unit="")

    def test_the_named_partner_cannot_change_its_activity(self):
        activity = self.activity(self.ostersund_draft, "Stöd till brottsutsatta")
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.update_activity(activity, by=self.partner, description="Vi gör mer")

    def test_it_refuses_a_published_promise(self):
        activity = self.activity(self.ostersund_published, "Trafikkontroller vid skolor")
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.update_activity(activity, by=self.ostersund_coordinator, target_quantity=10)

    def test_it_refuses_moving_the_activity_outside_the_promises_period(self):
        activity = self.fresh(self.ostersund_draft).commitments.all()[0].activities.all()[0]
        with self.assertWritesNothing(), self.assertInvalid(
                "outside_promise_period", "The activity's period must lie within the promise's period.", field="period_end"):
            services.update_activity(activity, by=self.ostersund_coordinator,
                                     period_start=datetime.date(2018, 12, 1), period_end=datetime.date(2019, 1, 31))
