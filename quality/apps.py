from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = _("Kwaliteit")

    def ready(self):
        from casework.signals import case_closed

        from .services import surveys_enqueue_for_case

        def invite(sender, case, **kwargs):
            surveys_enqueue_for_case(case=case)

        case_closed.connect(invite, weak=False, dispatch_uid="quality.surveys_on_close")
