"""Named permissions on the register of organisations and the police structure."""

import rules

from medborgarloften.accounts.models import Membership

from .predicates import acts_for_any, is_editor_anywhere, is_national_administrator, is_staff_administrator

REGISTRARS = (Membership.Role.EDITOR, Membership.Role.ADMINISTRATOR)


@rules.predicate
def registers_for_partner(person, partner):
    """The person edits or administers at the police or a municipality where ``partner`` works."""
    if partner is None:
        return False
    return acts_for_any(person, [m.pk for m in partner.operates_in.all()], *REGISTRARS)


# Coordinators meet partners first (often while writing an activity), so
# editors register them as well as administrators; where it works is checked
# by the service against the municipalities the person acts for.
rules.add_perm("scope.add_partner", is_editor_anywhere | is_staff_administrator | is_national_administrator)
rules.add_perm("scope.change_partner", registers_for_partner | is_national_administrator)
rules.add_perm("scope.change_police_structure", is_national_administrator)
