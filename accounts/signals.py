"""End a user's sessions when the account is deactivated or its role or password changes.

A receiver, not a service call, because the beheerder changes users through several doors
(the admin's change form and password form, `manage.py changepassword`, a password reset) and
the save is the one they share. The work itself is in accounts.services."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import User
from .services import SESSION_ENDING_FIELDS, user_session_ending_changes, user_sessions_end


@receiver(pre_save, sender=User, dispatch_uid="accounts_user_sessions_before")
def _remember_session_fields(sender, instance: User, raw: bool, update_fields=None, **kwargs):
    instance._session_ending_changes = []
    if raw or instance._state.adding:
        return
    if update_fields is not None and not set(update_fields) & set(SESSION_ENDING_FIELDS):
        return  # e.g. last_login on every login: no query
    before = User.objects.filter(pk=instance.pk).values(*SESSION_ENDING_FIELDS).first()
    if before is not None:
        instance._session_ending_changes = user_session_ending_changes(before=before, user=instance)


@receiver(post_save, sender=User, dispatch_uid="accounts_user_sessions_end")
def _end_sessions(sender, instance: User, created: bool, raw: bool, **kwargs):
    changes = getattr(instance, "_session_ending_changes", [])
    instance._session_ending_changes = []
    if changes:
        user_sessions_end(user=instance, reason=f"gewijzigd: {', '.join(changes)}")
