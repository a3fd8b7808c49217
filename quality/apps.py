from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    """The migration history of the former quality app; it holds no code — its tables moved
    to followups, casework's event models and the history app; kept so databases built before
    issue 16 migrate on. The case's minutes tab moved to meetings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = _("Kwaliteit")
