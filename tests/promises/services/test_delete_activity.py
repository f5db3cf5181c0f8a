from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Promise
from tests.cast import CastTestCase


class DeleteActivityTest(CastTestCase):
    def activity(self, promise):
        return self.fresh(promise).commitments.all()[0].activities.all()[0]

    def test_it_deletes_the_activity(self):
        activity = self.activity(self.ostersund_draft)
        services.delete_activity(activity, by=self.ostersund_coordinator)

        self.assertFalse(Activity.objects.filter(pk=activity.pk).exists())
        self.assertEqual(self.last_audit(self.ostersund_draft), (
            self.ostersund_coordinator, "activity.deleted", {"activity": "Trafikkontroller vid skolor"}))

    def test_deleting_from_a_signed_promise_makes_a_new_version(self):
        services.delete_activity(self.activity(self.berg_signed), by=self.berg_coordinator)

        promise = self.fresh(self.berg_signed)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        latest = selectors.latest_version(promise)
        self.assertEqual((latest.number, latest.content["commitments"][0]["activities"]), (2, []))

    def test_it_refuses_another_municipalitys_coordinator(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.delete_activity(self.activity(self.ostersund_draft), by=self.berg_coordinator)

    def test_it_refuses_a_published_promise(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.delete_activity(self.activity(self.ostersund_published), by=self.ostersund_coordinator)
