"""The promise's states and the ways between them."""

import datetime

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Promise
from tests.cast import CAST, CastTestCase

TRANSITIONS = (
    "promises.change_promise", "promises.approve_promise", "promises.send_promise_for_signing",
    "promises.sign_promiseversion", "promises.publish_promise", "promises.extend_promise", "promises.withdraw_promise",
    "promises.close_promise", "promises.register_paper_signatures",
)


class StateMachineTest(CastTestCase):
    def available(self, promise):
        """Return the transitions anyone in the cast may take from ``promise``'s state."""
        promise = self.fresh(promise)
        version = selectors.latest_version(promise)
        return {
            perm.split(".")[1] for perm in TRANSITIONS for name in CAST
            if getattr(self, name).has_perm(perm, version if perm.endswith("promiseversion") else promise)
        }

    def test_each_state_allows_exactly_these_transitions(self):
        expected = {
            "draft": {"change_promise", "approve_promise", "send_promise_for_signing", "withdraw_promise",
                      "register_paper_signatures"},
            "approved": {"change_promise", "send_promise_for_signing", "withdraw_promise", "register_paper_signatures"},
            "awaiting": {"change_promise", "sign_promiseversion", "withdraw_promise"},
            "signed": {"change_promise", "publish_promise", "withdraw_promise"},
            "published": {"extend_promise", "withdraw_promise", "close_promise"},
            "withdrawn": set(),
        }
        for state, transitions in expected.items():
            for place in ("ostersund", "berg"):
                with self.subTest(f"{place}_{state}"):
                    self.assertEqual(self.available(getattr(self, f"{place}_{state}")), transitions)

    def test_the_cycle_from_draft_to_published(self):
        coordinator = self.ostersund_coordinator
        promise = services.create_promise(by=coordinator, municipalities=[self.ostersund],
                                          valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 12, 31))
        commitment = services.add_commitment(promise, by=coordinator, focus_area="Trygghet i centrum",
                                              pledge="Polisen och kommunen lovar att öka tryggheten i centrala Östersund.")
        services.add_activity(commitment, by=self.community_police, description="Trygghetsvandringar",
                              responsible=Activity.Responsible.BOTH, target_quantity=2, unit="trygghetsvandringar",
                              partners=[self.property_owner])
        services.approve_promise(promise, by=coordinator, body="Kommunstyrelsen", approved_on=datetime.date(2018, 12, 3))
        version = services.send_promise_for_signing(promise, by=coordinator)
        services.sign_promise(version, person=self.lpo_ostersund_chief)
        self.assertEqual(self.fresh(promise).state, Promise.State.AWAITING_SIGNATURES)
        services.sign_promise(version, person=self.ostersund_signatory)
        self.assertEqual(self.fresh(promise).state, Promise.State.SIGNED)
        services.publish_promise(promise, by=self.ostersund_signatory)
        extension = services.propose_extension(promise, by=coordinator, until=datetime.date(2021, 12, 31))
        services.agree_to_extension(extension, person=self.ostersund_signatory)
        services.agree_to_extension(extension, person=self.lpo_ostersund_chief)
        services.withdraw_promise(promise, by=self.lpo_ostersund_chief, reason="Ersatt av en länsgemensam plan.")

        self.assertEqual(self.fresh(promise).state, Promise.State.WITHDRAWN)
        self.assertEqual([(actor, action) for actor, action, _ in self.audit(promise)], [
            (coordinator, "promise.created"),
            (coordinator, "commitment.added"),
            (self.community_police, "activity.added"),
            (coordinator, "promise.approved"),
            (coordinator, "promise.sent_for_signing"),
            (self.lpo_ostersund_chief, "promise.signed"),
            (self.ostersund_signatory, "promise.signed"),
            (self.ostersund_signatory, "promise.published"),
            (coordinator, "promise.extension_proposed"),
            (self.ostersund_signatory, "promise.extension_agreed"),
            (self.lpo_ostersund_chief, "promise.extended"),
            (self.lpo_ostersund_chief, "promise.withdrawn"),
        ])
