"""Named permissions on statistics, shared by views, templates, services and the workspace section."""

import rules

from medborgarloften.scope.predicates import is_national_administrator

from .predicates import (
    imports_for,
    imports_somewhere,
    is_local_source,
    is_municipal_staff_for,
    started_import,
)

# May open the import page at all (the workspace section and menu ask this).
rules.add_perm("statistics.add_importrun", imports_somewhere | is_national_administrator)
# May import from ``source`` (a Source value): SCB's population only nationally.
rules.add_perm("statistics.import_source", is_national_administrator | (imports_somewhere & is_local_source))
# May import figures for ``municipality``.
rules.add_perm("statistics.import_for_municipality", is_national_administrator | imports_for)
# May see an import's preview and history entry: who started it and national administrators.
rules.add_perm("statistics.view_importrun", started_import | is_national_administrator)
# May import or discard a checked file: who uploaded it, or a national administrator.
rules.add_perm("statistics.commit_importrun", started_import | is_national_administrator)
# May give another population for rates (the Åre case): the municipality itself.
rules.add_perm("statistics.change_denominator", is_national_administrator | is_municipal_staff_for)
