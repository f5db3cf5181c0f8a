import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity
from tests.cast import CastTestCase


class AddActivityTest(CastTestCase):
    def commitment(self, promise):
        return self.fresh(promise).commitments.all()[0]

    def test_it_adds_an_activity_with_partners_after_the_others(self):
        activity = services.add_activity(
            self.commitment(self.ostersund_draft), by=self.ostersund_coordinator,
            description="Trygghetsvandringar i Odenskog", responsible=Activity.Responsible.BOTH,
            partners=[self.property_owner, self.victim_support], target_quantity=2, unit="trygghetsvandringar",
            period_start=datetime.date(2018, 9, 1), period_end=datetime.date(2018, 10, 31), places="Odenskog",
        )

        activity.refresh_from_db()
        self.assertEqual(activity.order, 3)
        self.assertEqual(activity.status, Activity.Status.PLANNED)
        self.assertEqual(sorted(p.name for p in activity.partners.all()), ["Brottsofferjouren Jämtland", "Östersundshem"])
        self.assertEqual(self.last_audit(self.ostersund_draft), (
            self.ostersund_coordinator, "activity.added", {"activity": "Trygghetsvandringar i Odenskog"}))

    def test_adding_while_awaiting_signatures_makes_a_new_version(self):
        services.add_activity(self.commitment(self.ostersund_partly_signed), by=self.community_police,
                              description="Skolbesök", responsible=Activity.Responsible.POLICE)

        promise = self.fresh(self.ostersund_partly_signed)
        latest = selectors.latest_version(promise)
        self.assertEqual(latest.number, 2)
        self.assertIn("Skolbesök", [a["description"] for a in latest.content["commitments"][0]["activities"]])
        # The police's signature was on version 1 and no longer counts.
        self.assertEqual(selectors.unsigned_parties(promise, latest), list(promise.parties.all()))

    def test_it_requires_partners_when_partners_are_responsible(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "partners_required", "Choose the partners responsible.", field="partners"):
            services.add_activity(self.commitment(self.ostersund_draft), by=self.ostersund_coordinator,
                                  description="Stödsamtal", responsible=Activity.Responsible.PARTNERS)

    def test_it_rejects_an_organisation_that_is_not_a_partner(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "not_partner", "Lokalpolisområde Östersund is not a partner organisation.", field="partners"):
            services.add_activity(self.commitment(self.ostersund_draft), by=self.ostersund_coordinator,
                                  description="Stödsamtal", partners=[self.ostersund_police])

    def test_it_requires_a_unit_for_a_quantity(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "unit_required", "Say what is counted, e.g. traffic checks.", field="unit"):
            services.add_activity(self.commitment(self.ostersund_draft), by=self.ostersund_coordinator,
                                  description="Kontroller", target_quantity=50)

    def test_it_rejects_an_end_before_the_start(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "end_before_start", "The end date must be after the start date.", field="period_end"):
            services.add_activity(self.commitment(self.ostersund_draft), by=self.ostersund_coordinator,
                                  description="Kontroller", period_start=datetime.date(2018, 5, 1),
                                  period_end=datetime.date(2018, 4, 30))

    def test_it_rejects_an_empty_description(self):
        with self.assertWritesNothing(), self.assertInvalid("blank", "This field cannot be blank.", field="description"):
            services.add_activity(self.commitment(self.ostersund_draft), by=self.ostersund_coordinator, description="")

    def test_it_refuses_the_named_partner_and_other_non_editors(self):
        for name in ("partner", "berg_coordinator", "lpo_ostersund_chief", "ostersund_viewer", "outsider"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.add_activity(self.commitment(self.ostersund_draft), by=getattr(self, name), description="Något")


class PartnerScopeTest(CastTestCase):
    def test_it_refuses_a_partner_working_elsewhere(self):
        from medborgarloften.areas.models import Municipality, Organisation

        malmo_club = Organisation.objects.create(name="Malmö FF", kind="partner", partner_kind="sports_club")
        malmo_club.operates_in.set([Municipality.objects.get(code="1280")])
        with self.assertRaises(ValidationError) as raised:
            services.add_activity(self.ostersund_draft.commitments.get(), by=self.ostersund_coordinator,
                                  description="Match", partners=[malmo_club])
        self.assertEqual(raised.exception.error_dict["partners"][0].code, "partner_elsewhere")


class ActivityPeriodTest(CastTestCase):
    def test_it_refuses_an_activity_period_outside_the_promises_period(self):
        commitment = self.fresh(self.ostersund_draft).commitments.all()[0]
        with self.assertWritesNothing(), self.assertInvalid(
                "outside_promise_period", "The activity's period must lie within the promise's period.", field="period_start"):
            services.add_activity(commitment, by=self.ostersund_coordinator, description="Nattvandring",
                                  period_start=datetime.date(2017, 12, 1), period_end=datetime.date(2018, 2, 1))
        with self.assertWritesNothing(), self.assertInvalid(
                "outside_promise_period", "The activity's period must lie within the promise's period.", field="period_end"):
            services.add_activity(commitment, by=self.ostersund_coordinator, description="Nattvandring",
                                  period_start=datetime.date(2018, 12, 1), period_end=datetime.date(2019, 2, 1))

    def test_it_accepts_an_activity_inside_the_period(self):
        commitment = self.fresh(self.ostersund_draft).commitments.all()[0]
        activity = services.add_activity(commitment, by=self.ostersund_coordinator, description="Nattvandring",
                                         period_start=datetime.date(2018, 6, 1), period_end=datetime.date(2018, 8, 31))
        self.assertEqual((activity.period_start, activity.period_end), (datetime.date(2018, 6, 1), datetime.date(2018, 8, 31)))
