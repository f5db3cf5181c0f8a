import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class ClosePromiseTest(CastTestCase):
    def test_a_promise_whose_period_ended_is_closed_and_stays_public(self):
        promise = services.close_promise(self.ostersund_published, by=self.ostersund_coordinator)
        self.assertEqual(promise.state, Promise.State.CLOSED)
        self.assertTrue(Promise.objects.get(pk=promise.pk).is_public)
        self.assertEqual(self.last_audit(promise)[:2], (self.ostersund_coordinator, "promise.closed"))

    def test_a_promise_still_running_is_not_closed(self):
        running = self.draft_promise(self.berg, self.berg_coordinator, valid_from=datetime.date(2026, 1, 1),
                                     valid_to=datetime.date(2028, 12, 31))
        self.sign_all(running, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief])
        services.publish_promise(running, by=self.berg_coordinator)
        with self.assertInvalid("not_ended", "A promise can be closed only after its period has ended."):
            services.close_promise(running, by=self.berg_coordinator)

    def test_only_a_published_promise_is_closed(self):
        with self.assertRaises(PermissionDenied):
            services.close_promise(self.ostersund_signed, by=self.ostersund_coordinator)
