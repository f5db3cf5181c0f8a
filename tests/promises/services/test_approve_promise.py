import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from medborgarloften.promises import services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class ApprovePromiseTest(CastTestCase):
    def test_it_records_the_municipal_bodys_approval(self):
        services.approve_promise(self.ostersund_draft, by=self.ostersund_coordinator,
                                 body="  Folkhälsorådet ", approved_on=datetime.date(2017, 11, 20))

        promise = self.fresh(self.ostersund_draft)
        self.assertEqual(
            (promise.state, promise.approved_by_body, promise.approved_on),
            (Promise.State.APPROVED, "Folkhälsorådet", datetime.date(2017, 11, 20)),
        )
        self.assertEqual(self.last_audit(promise), (
            self.ostersund_coordinator, "promise.approved", {"body": "Folkhälsorådet", "approved_on": "2017-11-20"}))

    def test_it_accepts_an_approval_today(self):
        services.approve_promise(self.berg_draft, by=self.berg_coordinator, body="Kommunstyrelsen",
                                 approved_on=timezone.localdate())
        self.assertEqual(self.fresh(self.berg_draft).state, Promise.State.APPROVED)

    def test_it_requires_the_body(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "required", "Name the body that approved the text.", field="body"):
            services.approve_promise(self.ostersund_draft, by=self.ostersund_coordinator, body="  ",
                                     approved_on=datetime.date(2017, 11, 20))

    def test_it_rejects_a_date_in_the_future(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "future", "The approval date cannot be in the future.", field="approved_on"):
            services.approve_promise(self.ostersund_draft, by=self.ostersund_coordinator, body="Kommunstyrelsen",
                                     approved_on=timezone.localdate() + datetime.timedelta(days=1))

    def test_only_the_municipalitys_editor_approves(self):
        # The community police officer edits the promise, but the approval is the municipality's.
        for name in ("community_police", "berg_coordinator", "ostersund_signatory", "ostersund_viewer", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.approve_promise(self.ostersund_draft, by=getattr(self, name), body="Kommunstyrelsen",
                                         approved_on=datetime.date(2017, 11, 20))

    def test_it_refuses_a_promise_past_the_draft(self):
        for promise in (self.ostersund_approved, self.ostersund_awaiting, self.ostersund_signed, self.ostersund_published):
            with self.subTest(promise.state), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.approve_promise(promise, by=self.ostersund_coordinator, body="Kommunstyrelsen",
                                         approved_on=datetime.date(2017, 11, 20))


class EditingAnApprovedPromiseTest(CastTestCase):
    def activity(self):
        return self.ostersund_approved.commitments.get().activities.order_by("order").first()

    def test_a_change_to_the_text_sends_it_back_to_draft(self):
        services.update_activity(self.activity(), by=self.ostersund_coordinator, description="Fler trafikkontroller")
        promise = Promise.objects.get(pk=self.ostersund_approved.pk)
        self.assertEqual(promise.state, Promise.State.DRAFT)
        self.assertEqual(promise.approved_by_body, "")

    def test_a_status_change_keeps_the_approval(self):
        services.update_activity(self.activity(), by=self.ostersund_coordinator, status="ongoing")
        promise = Promise.objects.get(pk=self.ostersund_approved.pk)
        self.assertEqual(promise.state, Promise.State.APPROVED)
        self.assertEqual(promise.approved_by_body, "Kommunstyrelsen")

    def test_it_refuses_a_body_name_longer_than_the_form_allows(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "max_length", "Ensure this value has at most 200 characters (it has 201).", field="approved_by_body"):
            services.approve_promise(self.ostersund_draft, by=self.ostersund_coordinator, body="K" * 201,
                                     approved_on=datetime.date(2017, 12, 4))
