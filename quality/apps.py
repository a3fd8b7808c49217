from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = _("Kwaliteit")

    def ready(self):
        from casework.signals import case_anonymised

        from .history import history_purge_anonymised

        def purge(sender, case_id, **kwargs):
            history_purge_anonymised(case_id=case_id)

        case_anonymised.connect(purge, weak=False, dispatch_uid="quality.history_purge")
