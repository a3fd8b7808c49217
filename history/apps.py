from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """The change history of a case's records: pghistory's events of the tracked models (the
    @pghistory.track decorators live on the models, in the apps that own them)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "history"
    verbose_name = _("Wijzigingsgeschiedenis")

    def ready(self):
        from casework.signals import case_anonymised

        def purge(sender, case_id, **kwargs):
            from .services import history_purge_anonymised

            history_purge_anonymised(case_id=case_id)

        case_anonymised.connect(purge, weak=False, dispatch_uid="history.purge_anonymised")
