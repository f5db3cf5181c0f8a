import datetime

import rules

from medborgarloften.promises import services
from medborgarloften.promises.models import Extension
from tests.cast import CastTestCase, everyone_but

PERM = "promises.agree_to_extension"


def test_perm_exists():
    assert rules.perm_exists(PERM)


class AgreeToExtensionRuleTest(CastTestCase):
    def propose(self, promise, by):
        return services.propose_extension(promise, by=by, until=datetime.date(2018, 6, 30))

    def test_each_signing_partys_signatory_agrees_once(self):
        extension = self.propose(self.ostersund_published, self.ostersund_coordinator)
        signatories = ("ostersund_signatory", "lpo_ostersund_chief")
        self.assertPermission(PERM, extension, allowed=signatories, denied=everyone_but(*signatories))

    def test_a_signatory_who_proposed_has_agreed_already(self):
        extension = self.propose(self.berg_published, self.lpo_jh_chief)
        self.assertPermission(PERM, extension, allowed=["berg_signatory"], denied=everyone_but("berg_signatory"))

    def test_nobody_agrees_to_an_agreed_extension(self):
        extension = self.propose(self.berg_published, self.lpo_jh_chief)
        services.agree_to_extension(extension, person=self.berg_signatory)
        extension = Extension.objects.get(pk=extension.pk)
        self.assertEqual(extension.state, Extension.State.AGREED)
        self.assertPermission(PERM, extension, allowed=[], denied=everyone_but())
