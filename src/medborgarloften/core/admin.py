"""Admin helpers every app shares."""


class ReadOnlyAdminMixin:
    """Show the records in the admin but allow no add, change or delete.

    For what changes only through services (which check the rules and write
    the audit log) and for what never changes at all (the audit log, signed
    versions).
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
