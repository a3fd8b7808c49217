from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = _("Overleggen")

    def ready(self):
        from django.db.models.signals import post_save

        from core.outbox import outbox_enqueue

        from .models import MeetingItem
        from .tasks import warm_meeting_bundle

        def warm(sender, instance, created, **kwargs):
            # The coördinator prints the bundle shortly before the meeting: render the plans
            # of the agenda's cases in the background as soon as they are put on it.
            # Through the outbox: sent once the agenda change commits, kept if Redis is down.
            if created:
                outbox_enqueue(warm_meeting_bundle, instance.meeting_id)

        post_save.connect(
            warm, sender=MeetingItem, weak=False, dispatch_uid="reports.warm_meeting_bundle"
        )
