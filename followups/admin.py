"""The beheerder's read-only view of the follow-ups and the survey invitations (never the
answers, never the case)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import FollowUp, SurveyInvitation


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    """Read-only: follow-ups are made by the daily scan and answered by the school. The
    beheerder reads no case content (and the admin logs no access): when and for which
    school, and whether it was answered; never the case nor the school's answers."""

    list_display = ("due_on", "school", "recorded_at")
    date_hierarchy = "due_on"
    fields = ("due_on", "school", "recorded_at")
    readonly_fields = ("recorded_at",)


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    """Shows who was invited and whether the link was used; never the answers (those are
    anonymous and have no admin)."""

    list_display = ("region", "respondent", "period", "sent_at", "used_at", "expires_at")
    list_filter = ("region", "respondent", "period")
    exclude = ("token_hash", "case")
