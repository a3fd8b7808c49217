from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from casework.signals import case_anonymised
        from evaluations.pdf_cache import forget_case_pdfs

        def forget(sender, case_id, **kwargs):
            forget_case_pdfs(case_id)

        case_anonymised.connect(forget, weak=False, dispatch_uid="reports.forget_case_pdfs")
