"""allauth's forms for the second login step, with the lock of accounts.services (MFA_FORMS)."""

from allauth.core import context
from allauth.mfa.base import forms as mfa_forms

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
