from django.contrib import admin

from core.admin import AppendOnlyAdmin

from .models import AccessLogEntry, Organisation, Region, School, SchoolBoard


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "partnership", "threshold_months", "retention_years")


@admin.register(SchoolBoard)
class SchoolBoardAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "brin", "board", "region", "municipality")
    list_filter = ("region", "board")
    search_fields = ("name", "brin")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "on_consent_form")
    list_filter = ("region", "kind", "on_consent_form")


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(AppendOnlyAdmin):
    """Read-only: the access log is append-only."""

    list_display = (
        "at",
        "username",
        "role",
        "organisation",
        "on_behalf_of",
        "action",
        "result",
        "case",
        "detail",
        "ip_address",
    )
    list_filter = ("action", "result", "role")
