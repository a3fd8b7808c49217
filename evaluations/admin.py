"""Read-only admin: every change goes through evaluations.services."""

from django.contrib import admin

from .models import (
    Evaluation,
    Goal,
    GoalReview,
    LoadProfile,
    LoadProfileVersion,
    Meeting,
    MeetingAction,
    MeetingItem,
    Plan,
    Stakeholder,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["case", "drawn_up_on", "adopted_on", "current"]
    list_select_related = ["case"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "due_on", "held_on"]
    list_filter = ["kind"]
    list_select_related = ["case"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "region", "place"]
    list_filter = ["kind", "region"]


for model in (
    Stakeholder,
    Goal,
    GoalReview,
    LoadProfile,
    LoadProfileVersion,
    MeetingItem,
    MeetingAction,
):
    admin.site.register(model, ReadOnlyAdmin)
