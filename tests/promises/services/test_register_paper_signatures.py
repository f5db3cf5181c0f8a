import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class RegisterPaperSignaturesTest(CastTestCase):
    def paper(self, promise, overrides=None):
        parties = [p for p in self.fresh(promise).parties.all() if p.signs]
        values = {parties[0]: ("Anna Berglund", "Kommunstyrelsens ordförande", datetime.date(2016, 2, 10)),
                  parties[1]: ("Johan Ek", "Lokalpolisområdeschef", datetime.date(2016, 2, 12))}
        values.update(overrides or {})
        return values

    def test_a_promise_signed_on_paper_is_registered_with_its_real_dates_and_published(self):
        draft = self.draft_promise(self.ostersund, self.ostersund_coordinator,
                                   valid_from=datetime.date(2016, 1, 1), valid_to=datetime.date(2016, 12, 31))
        services.register_paper_signatures(draft, by=self.ostersund_coordinator, signatures=self.paper(draft),
                                           published_on=datetime.date(2016, 3, 1))
        promise = self.fresh(draft)
        self.assertEqual((promise.state, promise.registered_afterwards), (Promise.State.PUBLISHED, True))
        self.assertEqual(promise.published_at.date(), datetime.date(2016, 3, 1))
        version = selectors.latest_version(promise)
        signatures = selectors.valid_signatures(version)
        self.assertEqual([(s.name, s.title, s.signed_at.date(), s.on_paper, s.person) for s in signatures], [
            ("Anna Berglund", "Kommunstyrelsens ordförande", datetime.date(2016, 2, 10), True, None),
            ("Johan Ek", "Lokalpolisområdeschef", datetime.date(2016, 2, 12), True, None),
        ])
        self.assertEqual({s.registered_by for s in signatures}, {self.ostersund_coordinator})
        self.assertEqual(self.last_audit(promise)[1], "promise.registered_afterwards")

    def test_every_signing_party_needs_a_name_title_and_date(self):
        draft = self.draft_promise(self.ostersund, self.ostersund_coordinator,
                                   valid_from=datetime.date(2016, 1, 1), valid_to=datetime.date(2016, 12, 31))
        police = [p for p in self.fresh(draft).parties.all() if p.signs][1]
        with self.assertInvalid("signature_required", "Give the name, title and date of Lokalpolisområde Östersund's signature."):
            services.register_paper_signatures(draft, by=self.ostersund_coordinator,
                                               signatures=self.paper(draft, {police: ("", "", None)}),
                                               published_on=datetime.date(2016, 3, 1))
        self.assertEqual(self.fresh(draft).state, Promise.State.DRAFT)

    def test_dates_must_be_in_the_past_and_publication_after_the_signatures(self):
        draft = self.draft_promise(self.ostersund, self.ostersund_coordinator,
                                   valid_from=datetime.date(2016, 1, 1), valid_to=datetime.date(2016, 12, 31))
        with self.assertInvalid("published_on_implausible", "The publication date must lie between the last signature and today.",
                                field="published_on"):
            services.register_paper_signatures(draft, by=self.ostersund_coordinator, signatures=self.paper(draft),
                                               published_on=datetime.date(2016, 2, 11))

    def test_only_the_drafts_editors_may(self):
        with self.assertRaises(PermissionDenied):
            services.register_paper_signatures(self.ostersund_draft, by=self.ostersund_signatory,
                                               signatures=self.paper(self.ostersund_draft), published_on=datetime.date(2016, 3, 1))
