from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consent"
    verbose_name = _("Toestemming")

    def ready(self):
        from casework.signals import case_ended, consent_rules

        from . import selectors
        from .services import consent_end_on_close

        consent_rules.intake_shared_with = selectors.intake_shared_with
        consent_rules.require_valid_consent = selectors.require_valid_consent

        def end_consent(sender, case, by, **kwargs):
            consent_end_on_close(case=case, by=by)

        case_ended.connect(end_consent, weak=False, dispatch_uid="consent.end_on_close")
