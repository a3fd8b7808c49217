from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Meldingen")

    def ready(self):
        from casework.signals import case_assigned

        from .receivers import notify_assigned

        case_assigned.connect(notify_assigned, dispatch_uid="notifications.notify_assigned")
