"""allauth's forms for the second login step, with the lock of accounts.services (MFA_FORMS),
and the form of the user's own settings page."""

from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from .services import second_factor_attempt


class SecondFactorLockMixin:
    """allauth checks the code in clean_code, throttled by ACCOUNT_RATE_LIMITS["login_failed"],
    which is off here because django-axes throttles passwords; this puts the code check behind
    the per-user lock instead."""

    def clean_code(self) -> str:
        return second_factor_attempt(
            user=self.user, request=context.request, validate=super().clean_code
        )


class AuthenticateForm(SecondFactorLockMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(SecondFactorLockMixin, mfa_forms.ReauthenticateForm):
    pass


class PersonalSettingsForm(forms.Form):
    """The user's own settings page: the Monday overview (for the roles with a caseload)."""

    weekly_overview = forms.BooleanField(
        label=_("Wekelijks overzicht per e-mail (maandag)"),
        required=False,
        help_text=_(
            "Elke maandag een e-mail met de casusnummers en aantallen van wat deze week "
            "aandacht vraagt, zonder namen."
        ),
    )
