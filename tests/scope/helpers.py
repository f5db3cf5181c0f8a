from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import Organisation
from tests.cast import CastTestCase, person


class ScopeTestCase(CastTestCase):
    """The cast, plus a national administrator (kept out of CAST so the promises' matrices stay as they are)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        national = Organisation.objects.get(kind=Organisation.Kind.NATIONAL)
        # Keeps the police structure and may register organisations anywhere.
        cls.national_admin = person("nationell.forvaltare", "Nora", "Riks", (national, Membership.Role.ADMINISTRATOR, ""))
