from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Read-only: notifications come from the daily run, never from a form. The beheerder
    sees whether they were sent and read, not which case they are about nor their text
    (case content, DESIGN.md; the admin writes no access-log row)."""

    list_display = ("created_at", "kind", "recipient", "due_on", "read_at", "emailed_at")
    list_filter = (
        "kind",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("recipient",)
    fields = ("created_at", "kind", "recipient", "due_on", "read_at", "emailed_at")
    readonly_fields = fields
    date_hierarchy = "created_at"
