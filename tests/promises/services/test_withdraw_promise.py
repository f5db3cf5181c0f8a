from django.core.exceptions import PermissionDenied

from medborgarloften.promises import services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class WithdrawPromiseTest(CastTestCase):
    def test_it_withdraws_a_published_promise_with_a_reason(self):
        services.withdraw_promise(self.ostersund_published, by=self.ostersund_signatory, reason="  Ersatt av en länsgemensam plan. ")

        promise = self.fresh(self.ostersund_published)
        self.assertEqual((promise.state, promise.withdrawn_reason), (Promise.State.WITHDRAWN, "Ersatt av en länsgemensam plan."))
        self.assertEqual(self.last_audit(promise), (
            self.ostersund_signatory, "promise.withdrawn",
            {"reason": "Ersatt av en länsgemensam plan.", "state": ["published", "withdrawn"]},
        ))

    def test_it_withdraws_a_draft(self):
        services.withdraw_promise(self.berg_draft, by=self.berg_coordinator, reason="Vi börjar om.")
        self.assertEqual(self.fresh(self.berg_draft).state, Promise.State.WITHDRAWN)
        self.assertEqual(self.last_audit(self.berg_draft)[2]["state"], ["draft", "withdrawn"])

    def test_it_requires_a_reason(self):
        with self.assertWritesNothing(), self.assertInvalid("required", "Give a reason for the withdrawal.", field="reason"):
            services.withdraw_promise(self.ostersund_signed, by=self.ostersund_coordinator, reason=" ")

    def test_it_refuses_people_outside_the_parties_and_viewers(self):
        for name in ("berg_coordinator", "berg_signatory", "ostersund_viewer", "ostersund_admin", "partner", "outsider", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.withdraw_promise(self.ostersund_published, by=getattr(self, name), reason="Nej.")

    def test_it_refuses_a_promise_already_withdrawn(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.withdraw_promise(self.ostersund_withdrawn, by=self.ostersund_coordinator, reason="Igen.")

    def test_it_refuses_a_reason_longer_than_the_form_allows(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "max_length", "Keep the reason to at most 2000 characters.", field="reason"):
            services.withdraw_promise(self.ostersund_draft, by=self.ostersund_coordinator, reason="x" * 2001)
