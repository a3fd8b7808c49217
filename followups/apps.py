"""Opvolging en tevredenheid: the yearly follow-up of a closed case (where is the pupil now?)
and the satisfaction surveys sent at closing, with their report."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "followups"
    verbose_name = _("Opvolging en tevredenheid")

    def ready(self):
        from casework.signals import case_closed

        from .services import surveys_enqueue_for_case

        def invite(sender, case, **kwargs):
            surveys_enqueue_for_case(case=case)

        case_closed.connect(invite, weak=False, dispatch_uid="followups.surveys_on_close")
