from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluations"
    verbose_name = _("Plannen en evaluaties")

    def ready(self):
        from casework.signals import consent_rules, plan_dates

        from . import selectors

        plan_dates.next_due_dates = selectors.next_due_dates
        plan_dates.case_evaluation_dates = selectors.case_evaluation_dates
        plan_dates.next_due_expression = selectors.next_due_expression
        # Partner access needs the plan's betrokkenen beside the consent.
        consent_rules.cases_shared_with = selectors.cases_shared_with
