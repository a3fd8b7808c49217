"""Admin bases for what the beheerder reads but does not write: rows made by the application
(logs, notifications, follow-ups), never typed in the admin."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """The beheerder views, and may delete, but adds and changes nothing."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AppendOnlyAdmin(ReadOnlyAdmin):
    """A record that is kept whole (a log): not even deleted from the admin."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
