"""Writes of the followups app: yearly follow-ups, survey invitations and answers, and the
daily run that ties the set-based scans together."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from casework.constants import CUSTODY_ROLES, CaseKind
from casework.models import Case
from casework.services import timeline_add
from casework.workflow import Status
from core.dates import age_on
from core.http import site_url
from core.outbox import outbox_enqueue

from .models import FollowUp, Outflow, Respondent, SurveyInvitation, SurveyResponse

logger = logging.getLogger(__name__)

# No pupil stays in secondary education longer than this after closing.
FOLLOW_UP_MAX_YEARS = 8
# A follow-up whose date passed while the scan did not run is still created within this time.
FOLLOW_UP_CATCH_UP_DAYS = 365
# Every closed case is about a pupil: an informatie & advies case too ("jaarlijks wordt
# gevolgd hoe de leerlingen binnen de Plusvoorziening hun schoolloopbaan vervolgen").
FOLLOW_UP_KINDS = (CaseKind.INTENSIVE, CaseKind.ADVICE)

SURVEY_VALID_DAYS = 30
# Cases closed this many days back still get their invitations (the scan may have missed days).
SURVEY_LOOKBACK_DAYS = 30


# --- yearly follow-up -----------------------------------------------------------------------


def follow_ups_create(*, today: date) -> int:
    """Create the follow-ups that are due (set-based, idempotent: the unique key
    (case, due_on) makes a second run, or a second worker, add nothing). One SELECT per
    year after closing and one INSERT per year; returns the number created."""
    before = FollowUp.objects.count()
    earliest = today - timedelta(days=FOLLOW_UP_CATCH_UP_DAYS)
    for years in range(1, FOLLOW_UP_MAX_YEARS + 1):
        latest_close = today - relativedelta(years=years)
        rows = Case.objects.filter(
            status=Status.CLOSED,
            kind__in=FOLLOW_UP_KINDS,
            anonymised_at__isnull=True,
            school__isnull=False,
            closed_on__lte=latest_close,
            closed_on__gt=earliest - relativedelta(years=years) - timedelta(days=3),
        ).values_list("pk", "closed_on", "school_id", "student__birth_date")
        new = []
        for case_id, closed_on, school_id, birth_date in rows.iterator(chunk_size=2000):
            due = closed_on + relativedelta(years=years)
            if not earliest < due <= today:
                continue
            if years > 1 and age_on(birth_date, due) >= settings.FOLLOW_UP_MAX_AGE:
                continue
            new.append(FollowUp(case_id=case_id, due_on=due, school_id=school_id))
        FollowUp.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return FollowUp.objects.count() - before


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    by: User,
    progression: str,
    exam_result: str,
    outflow: str,
) -> FollowUp:
    """The school's answer. Once recorded it is final (a correction goes through the
    coördinator, so the outcome figures do not shift silently)."""
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.is_recorded:
        raise ValidationError(_("Deze opvolging is al ingevuld."))
    if outflow == Outflow.SCHOOL and not progression:
        raise ValidationError(
            {"progression": _("Kies de doorstroom: de leerling zit nog op school.")}
        )
    locked.progression = progression
    locked.exam_result = exam_result
    locked.outflow = outflow
    locked.recorded_by = by
    locked.recorded_at = timezone.now()
    locked.full_clean()
    locked.save()
    timeline_add(
        case=locked.case,
        by=by,
        kind="follow_up",
        text=_("Opvolging na afsluiting ingevuld (peildatum %(day)s): %(outflow)s.")
        % {"day": date_format(locked.due_on, "j F Y"), "outflow": locked.get_outflow_display()},
    )
    follow_up.refresh_from_db()
    return locked


# --- satisfaction surveys -------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@dataclass(frozen=True)
class SurveyRecipient:
    respondent: str
    email: str
    guardian_id: int | None = None

    @property
    def key(self) -> tuple[str, int | None]:
        """Who the recipient is, as an invitation records it: (respondent, guardian_id)."""
        return (self.respondent, self.guardian_id)


def survey_recipients(case: Case) -> list[SurveyRecipient]:
    """Each parent with gezag and an e-mail address (one per address: each gets their own
    link, so both parents can answer) and the school's zorgcoördinator (the school's
    contact address)."""
    recipients, addresses = [], set()
    for guardian in case.student.guardians.all():
        address = guardian.email.lower()
        if guardian.role in CUSTODY_ROLES and address and address not in addresses:
            addresses.add(address)
            recipients.append(SurveyRecipient(Respondent.PARENT, guardian.email, guardian.pk))
    if case.school and case.school.contact_email:
        recipients.append(SurveyRecipient(Respondent.CARE_COORDINATOR, case.school.contact_email))
    return recipients


SURVEY_SUBJECT = _("Hoe was de hulp van de Plusvoorziening?")
SURVEY_BODY = _(
    "Beste %(who)s,\n\n"
    "U had contact met de Plusvoorziening. Die hulp is nu klaar.\n"
    "Wij willen graag weten wat u ervan vond. Dan kunnen wij beter worden.\n\n"
    "Er zijn 4 korte vragen. Het kost ongeveer 2 minuten.\n"
    "Uw antwoorden zijn anoniem: wij zien niet wie wat heeft ingevuld.\n\n"
    "Klik op deze link:\n%(link)s\n\n"
    "De link werkt één keer en tot %(until)s.\n\n"
    "Met vriendelijke groet,\n%(region)s"
)


def _send_invitation(invitation: SurveyInvitation, token: str, email: str) -> None:
    link = site_url(reverse("survey:answer", args=[token]))
    who = (
        _("ouder of verzorger")
        if invitation.respondent == Respondent.PARENT
        else _("zorgcoördinator")
    )
    send_mail(
        str(SURVEY_SUBJECT),
        str(SURVEY_BODY)
        % {
            "who": who,
            "link": link,
            "until": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
            "region": invitation.region.name,
        },
        None,
        [email],
    )
    SurveyInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def surveys_create_for_case(case: Case, *, now: datetime | None = None) -> list[SurveyInvitation]:
    """Invite each parent and the school's zorgcoördinator of a closed case, each with their
    own link, once (the unique keys per guardian and per school decide who sends when two
    runs race). The token exists only in the e-mail; the database keeps its hash. Parents
    who shared one link (invited before each had their own) are not asked again."""
    now = now or timezone.now()
    invited = {(i.respondent, i.guardian_id) for i in case.survey_invitations.all()}
    shared_link = (Respondent.PARENT, None) in invited
    made = []
    for recipient in survey_recipients(case):
        if recipient.key in invited or (shared_link and recipient.respondent == Respondent.PARENT):
            continue
        token = secrets.token_urlsafe(32)
        invitation, created = SurveyInvitation.objects.get_or_create(
            case=case,
            respondent=recipient.respondent,
            guardian_id=recipient.guardian_id,
            defaults={
                "region_id": case.region_id,
                "period": quarter_start(case.closed_on or timezone.localdate(now)),
                "token_hash": token_hash(token),
                "expires_at": now + timedelta(days=SURVEY_VALID_DAYS),
            },
        )
        if not created:
            continue
        made.append(invitation)
        try:
            _send_invitation(invitation, token, recipient.email)
        except Exception:  # a mail server hiccup: surveys_resend_unsent tries again
            logger.exception("Uitnodiging tevredenheidsonderzoek %s niet verstuurd", invitation.pk)
    return made


def _cases_to_survey():
    """Closed, not anonymised cases, with what surveys_create_for_case reads."""
    return (
        Case.objects.filter(status=Status.CLOSED, anonymised_at__isnull=True)
        .select_related("school", "region", "student")
        .prefetch_related("student__guardians", "survey_invitations")
    )


def surveys_enqueue_for_case(*, case: Case) -> None:
    """Invite at closing: the receiver of casework.signals.case_closed (QualityConfig.ready),
    inside the closing's transaction; the
    task is written to the outbox with it and sent once that commits (kept there if the broker
    is down: core/outbox.py). Sending is never the closing's problem (robust: logged, not
    raised); the daily run also invites whoever was missed."""
    from .tasks import send_survey_invitations

    outbox_enqueue(send_survey_invitations, case.pk)


def surveys_create_for_closed_case(*, case_id: int, now: datetime | None = None) -> int:
    """The invitations of one closed case (nothing for an open or anonymised one)."""
    case = _cases_to_survey().filter(pk=case_id).first()
    return len(surveys_create_for_case(case, now=now)) if case else 0


def surveys_create_due(*, today: date, now: datetime | None = None) -> int:
    """Invitations for cases closed in the last SURVEY_LOOKBACK_DAYS that lack one (the
    catch-up for the invitations sent at closing)."""
    cases = _cases_to_survey().filter(
        closed_on__gte=today - timedelta(days=SURVEY_LOOKBACK_DAYS), closed_on__lte=today
    )
    return sum(len(surveys_create_for_case(case, now=now)) for case in cases)


def surveys_resend_unsent(*, now: datetime | None = None) -> int:
    """Invitations whose e-mail failed get a new token (the old one was never delivered)."""
    now = now or timezone.now()
    sent = 0
    pending = SurveyInvitation.objects.filter(
        sent_at__isnull=True, used_at__isnull=True, expires_at__gt=now
    ).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            invitation = (
                SurveyInvitation.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("case__school", "case__student", "region")
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if invitation is None:
                continue
            key = (invitation.respondent, invitation.guardian_id)
            recipients = survey_recipients(invitation.case)
            recipient = next((r for r in recipients if r.key == key), None)
            if recipient is None:
                continue
            token = secrets.token_urlsafe(32)
            invitation.token_hash = token_hash(token)
            invitation.save(update_fields=["token_hash", "updated_at"])
            try:
                _send_invitation(invitation, token, recipient.email)
            except Exception:
                logger.exception("Uitnodiging %s opnieuw niet verstuurd", invitation.pk)
                continue
            sent += 1
    return sent


class SurveyUnavailable(Exception):
    """The link was used already or has expired; `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def survey_check(invitation: SurveyInvitation, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if invitation.used_at is not None:
        raise SurveyUnavailable("used")
    if invitation.expires_at <= now:
        raise SurveyUnavailable("expired")


@dataclass
class SurveyAnswers:
    satisfied: int
    listened: int
    clear: int
    better: int
    comment: str = ""


@transaction.atomic
def survey_answer(*, invitation: SurveyInvitation, answers: SurveyAnswers) -> SurveyResponse:
    """Store an anonymous answer and use up the link, in one transaction (row locked, so a
    double submit answers once)."""
    locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    survey_check(locked)
    response = SurveyResponse(
        region_id=locked.region_id,
        period=locked.period,
        respondent=locked.respondent,
        satisfied=answers.satisfied,
        listened=answers.listened,
        clear=answers.clear,
        better=answers.better,
        comment=answers.comment.strip(),
    )
    response.full_clean()
    response.save()
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at", "updated_at"])
    return response


# --- the daily run --------------------------------------------------------------------------


def followups_daily(*, today: date) -> dict[str, int]:
    """Follow-ups due, survey invitations for recently closed cases, unsent invitations,
    and the history of anonymised cases purged. Every step is idempotent."""
    from history.services import history_purge_anonymised

    return {
        "follow_ups": follow_ups_create(today=today),
        "invitations": surveys_create_due(today=today),
        "resent": surveys_resend_unsent(),
        "history_purged": history_purge_anonymised(),
    }
