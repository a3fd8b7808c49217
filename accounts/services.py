"""Writes of the accounts app: the lock on the second login step, ending a user's sessions, and
the personal settings (calendar feed token, weekly overview)."""

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from allauth.core import context
from allauth.usersessions.models import UserSession
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format

from .models import SecondFactorFailure, SecondFactorOutcome, User

logger = logging.getLogger(__name__)


def second_factor_limits() -> tuple[int, timedelta]:
    """How many wrong codes lock the second step, and for how long: the figures of the password
    lockout (django-axes), so both steps of the login follow one rule."""
    return settings.AXES_FAILURE_LIMIT, get_cool_off()


def second_factor_locked_until(*, user: User, now: datetime | None = None) -> datetime | None:
    """When the second step opens again for `user`, or None if it is open.

    At most `limit` wrong codes count in any `cool_off`: once that many lie within it, the step
    stays locked until the oldest of them is `cool_off` old. Codes refused while locked are not
    counted, so they neither lengthen the lock nor use up the tries after it."""
    limit, cool_off = second_factor_limits()
    now = now or timezone.now()
    recent = list(
        SecondFactorFailure.objects.filter(
            user=user, outcome=SecondFactorOutcome.WRONG_CODE, reset=False, at__gt=now - cool_off
        )
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    return recent[-1] + cool_off


def second_factor_attempt(
    *, user: User, request: HttpRequest | None, validate: Callable[[], str]
) -> str:
    """Check a code of the second login step with `validate` (allauth's check, which raises
    ValidationError for a wrong code), unless the step is locked for `user`.

    Every wrong or refused code is stored and logged; a right one resets the count. The
    attempts of one user take turns on a row lock, so parallel requests (on any worker) cannot
    try more codes than the limit. Raises ValidationError with the Dutch lock message."""
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        locked_until = second_factor_locked_until(user=user)
        if locked_until is None:
            try:
                code = validate()
            except ValidationError as wrong:
                error = wrong
                _second_factor_failure_record(user, request, SecondFactorOutcome.WRONG_CODE)
                locked_until = second_factor_locked_until(user=user)
                if locked_until is not None:
                    logger.warning(
                        "Tweede inlogstap geblokkeerd tot %s: gebruiker %s (id %s)",
                        locked_until.isoformat(),
                        user.get_username(),
                        user.pk,
                    )
                    error = _locked_error(locked_until)
            else:
                second_factor_unlock(user=user)
                return code
        else:
            _second_factor_failure_record(user, request, SecondFactorOutcome.REFUSED)
            error = _locked_error(locked_until)
    # Raised outside the transaction, so the failure rows are kept.
    raise error


def second_factor_unlock(*, user: User) -> int:
    """Let the wrong codes of `user` count no more (after a right code, or by the beheerder)."""
    return SecondFactorFailure.objects.filter(user=user, reset=False).update(reset=True)


def _second_factor_failure_record(
    user: User, request: HttpRequest | None, outcome: SecondFactorOutcome
) -> SecondFactorFailure:
    ip_address = (request.META.get("REMOTE_ADDR") or None) if request is not None else None
    failure = SecondFactorFailure.objects.create(user=user, outcome=outcome, ip_address=ip_address)
    logger.warning(
        "Tweestapscode geweigerd (%s): gebruiker %s (id %s), IP-adres %s",
        outcome.label,
        user.get_username(),
        user.pk,
        ip_address,
    )
    return failure


def _locked_error(until: datetime) -> ValidationError:
    return ValidationError(
        "U heeft te vaak een onjuiste code ingevoerd. De tweede stap van het inloggen is "
        "geblokkeerd tot %(until)s uur; ook een juiste code wordt tot dan geweigerd. Probeer "
        "het daarna opnieuw, of neem contact op met de beheerder.",
        code="second_factor_locked",
        params={"until": date_format(timezone.localtime(until), "H:i")},
    )


# Changes after which every session of the user ends: the user may no longer be who the
# session says (password), may no longer log in (deactivation), or may see other things (role).
SESSION_ENDING_FIELDS = ("is_active", "role", "password")


def user_session_ending_changes(*, before: dict, user: User) -> list[str]:
    """The fields of SESSION_ENDING_FIELDS whose change in `user` (from the stored values
    `before`) ends the user's sessions; activating an account ends nothing."""
    changed = [field for field in SESSION_ENDING_FIELDS if before[field] != getattr(user, field)]
    if "is_active" in changed and user.is_active:
        changed.remove("is_active")
    return changed


def user_sessions_end(*, user: User, reason: str) -> int:
    """End every session of `user`: allauth's UserSession rows with their Django sessions, and
    any other stored Django session logged in as the user. A session of the current request that
    is the user's is flushed rather than deleted, so the response can still save it. Runs in the
    caller's transaction (the sessions are rows in the same database). Returns how many ended."""
    request = context.request
    session = getattr(request, "session", None)
    current_key = session.session_key if session is not None else None
    keys = set(UserSession.objects.filter(user_id=user.pk).values_list("session_key", flat=True))
    for stored in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if stored.get_decoded().get(SESSION_KEY) == str(user.pk):
            keys.add(stored.session_key)
    Session.objects.filter(session_key__in=keys - {current_key}).delete()
    UserSession.objects.filter(user_id=user.pk).delete()
    if current_key in keys:
        session.flush()
    if keys:
        logger.info(
            "%s sessie(s) van gebruiker %s (id %s) beëindigd: %s",
            len(keys),
            user.get_username(),
            user.pk,
            reason,
        )
    return len(keys)


# --------------------------------------------------------------------------- personal settings


def user_calendar_token_renew(*, user: User) -> User:
    """Give `user` a new secret for their calendar feed (meetings.feed): the old address stops
    at once, as the token is the feed's only key. Returns the user with the new token."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.calendar_token = secrets.token_urlsafe(32)
        locked.save(update_fields=["calendar_token"])
    user.calendar_token = locked.calendar_token
    logger.info("Agendalink vernieuwd: gebruiker %s (id %s)", user.get_username(), user.pk)
    return user


def user_weekly_overview_set(*, user: User, wanted: bool) -> User:
    """Subscribe `user` to the Monday overview (notifications.weekly) or unsubscribe. Only the
    roles of CASELOAD_ROLES may subscribe."""
    if wanted and not user.has_caseload:
        raise ValidationError(
            "Het wekelijks overzicht is er alleen voor casemanagers en coördinatoren.",
            code="weekly_overview_role",
        )
    User.objects.filter(pk=user.pk).update(weekly_overview=wanted)
    user.weekly_overview = wanted
    return user
