from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = _("Kwaliteit")

    def ready(self):
        from casework.signals import case_anonymised, case_closed

        from .history import history_purge_anonymised
        from .services import surveys_enqueue_for_case

        def purge(sender, case_id, **kwargs):
            history_purge_anonymised(case_id=case_id)

        case_anonymised.connect(purge, weak=False, dispatch_uid="quality.history_purge")

        def invite(sender, case, **kwargs):
            surveys_enqueue_for_case(case=case)

        case_closed.connect(invite, weak=False, dispatch_uid="quality.surveys_on_close")
