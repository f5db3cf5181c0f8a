import rules

from medborgarloften.promises import services
from tests.cast import CastTestCase, everyone_but

PERM = "promises.sign_promiseversion"

OSTERSUND_SIGNATORIES = ("ostersund_signatory", "lpo_ostersund_chief")
BERG_SIGNATORIES = ("berg_signatory", "lpo_jh_chief")


def test_perm_exists():
    assert rules.perm_exists(PERM)


class SignPromiseVersionRuleTest(CastTestCase):
    def assertNobodySigns(self, *promises):
        for promise in promises:
            self.assertPermission(PERM, self.latest_version(promise), allowed=[], denied=everyone_but())

    def test_draft(self):
        # Nothing to sign until the text is sent for signing.
        self.assertIsNone(self.latest_version(self.ostersund_draft))
        self.assertIsNone(self.latest_version(self.berg_draft))

    def test_approved(self):
        self.assertIsNone(self.latest_version(self.ostersund_approved))
        self.assertIsNone(self.latest_version(self.berg_approved))

    def test_awaiting_signatures(self):
        # Each party's signatory, and nobody else: not the editors, not the
        # other municipality's signatories.
        self.assertPermission(PERM, self.latest_version(self.ostersund_awaiting), allowed=OSTERSUND_SIGNATORIES,
                              denied=everyone_but(*OSTERSUND_SIGNATORIES))
        self.assertPermission(PERM, self.latest_version(self.berg_awaiting), allowed=BERG_SIGNATORIES,
                              denied=everyone_but(*BERG_SIGNATORIES))

    def test_awaiting_signatures_after_the_police_signed(self):
        # The LPO chief signed for the police and cannot sign again (nor for
        # the municipality); the municipality's signatory still can.
        self.assertPermission(PERM, self.latest_version(self.ostersund_partly_signed), allowed=["ostersund_signatory"],
                              denied=everyone_but("ostersund_signatory"))

    def test_awaiting_signatures_on_an_earlier_version(self):
        old = self.latest_version(self.ostersund_awaiting)
        services.update_promise(self.ostersund_awaiting, by=self.ostersund_coordinator, situation="Ny problembild.")
        new = self.latest_version(self.ostersund_awaiting)
        self.assertEqual(new.number, old.number + 1)

        self.assertPermission(PERM, self.fresh(self.ostersund_awaiting).versions.get(pk=old.pk), allowed=[],
                              denied=everyone_but())
        self.assertPermission(PERM, new, allowed=OSTERSUND_SIGNATORIES, denied=everyone_but(*OSTERSUND_SIGNATORIES))

    def test_signed(self):
        self.assertNobodySigns(self.ostersund_signed, self.berg_signed)

    def test_published(self):
        self.assertNobodySigns(self.ostersund_published, self.berg_published)

    def test_withdrawn(self):
        # Withdrawn while awaiting signatures: the version is unsigned, yet closed.
        self.assertNobodySigns(self.ostersund_withdrawn, self.berg_withdrawn)
