"""The Monday overview: one e-mail per week to every casemanager and coördinator who asked for
it on their settings page (User.weekly_overview). References and counts only, with links: no
names, no BSN, as every mail of Plusdossier.

What it counts, for the cases the user sees (Case.objects.visible_to) that are open:
evaluations due this week (Monday to Sunday), cases nearing or past the Thuiszitterspact
threshold on Monday (casework.selectors.clock_level_q, the clock's one rule), pupils who reach
an age at which consent.rules asks someone else to consent within RENEW_AHEAD (the consent
must be asked again), and, for the coördinator, new registrations waiting for a casemanager.

Exactly once per user and ISO week, even with two workers: the user's row is locked (SKIP
LOCKED: another worker takes other users) and `weekly_overview_week` set to the week's Monday
in the same transaction that sends the mail; a mail that fails rolls its claim back, so the
next run sends it. A week never goes out after a later one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import CASELOAD_ROLES, Role, User
from casework.clock import threshold_date
from casework.constants import ClockLevel
from casework.models import Case
from casework.selectors import clock_level_q, regions_for, unassigned_registrations
from consent.rules import AGE_LIMITS, YOUTH_ALONE_FROM, YOUTH_CONSENTS_FROM, turns_on
from core.formats import long_date
from core.http import site_url
from evaluations.models import Evaluation

from .services import case_url, send_notification_email

logger = logging.getLogger(__name__)

RENEW_AHEAD = timedelta(weeks=4)
LISTED = 25  # references listed per section; the count says how many there are


@dataclass
class Line:
    reference: str
    note: str
    url: str


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.lines)

    @property
    def listed(self) -> list[Line]:
        return self.lines[:LISTED]

    @property
    def unlisted(self) -> int:
        return max(self.count - LISTED, 0)


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _evaluations_due(cases, monday: date) -> Section:
    section = Section(_("Evaluaties deze week"))
    evaluations = (
        Evaluation.objects.filter(
            case__in=cases,
            plan__current=True,
            held_on__isnull=True,
            due_on__range=(monday, monday + timedelta(days=6)),
        )
        .select_related("case")
        .order_by("due_on", "case__reference", "id")
    )
    for evaluation in evaluations:
        section.lines.append(
            Line(
                evaluation.case.reference,
                _("%(kind)s op %(day)s")
                % {"kind": evaluation.get_kind_display(), "day": long_date(evaluation.due_on)},
                site_url(reverse("evaluations:evaluation_list", args=[evaluation.case_id])),
            )
        )
    return section


def _pact_threshold(user: User, cases, monday: date) -> Section:
    section = Section(_("Casussen bij of over de termijn van het Thuiszitterspact"))
    regions = regions_for(user)
    levels = (
        (ClockLevel.EXCEEDED, _("termijn verstreken op %(day)s")),
        (ClockLevel.APPROACHING, _("termijn verloopt op %(day)s")),
    )
    for level, note in levels:
        rows = (
            cases.filter(clock_level_q(level, regions, monday))
            .select_related("region")
            .order_by("absent_since", "reference")
        )
        for case in rows:
            day = threshold_date(case.absent_since, case.region.threshold_months)
            section.lines.append(
                Line(case.reference, note % {"day": long_date(day)}, case_url(case))
            )
    return section


def _consents_to_renew(cases, monday: date) -> Section:
    """Pupils who turn YOUTH_CONSENTS_FROM or YOUTH_ALONE_FROM between Monday and RENEW_AHEAD
    later: from that birthday someone else must consent (consent.rules: AGE_LIMITS, turns_on,
    the same birthdays as the daily scan's notice)."""
    section = Section(_("Toestemming opnieuw vragen"))
    last = monday + RENEW_AHEAD
    rows = (
        cases.filter(
            # A wide window on the index; turns_on below decides to the day.
            student__birth_date__gt=monday - relativedelta(years=YOUTH_ALONE_FROM + 1),
            student__birth_date__lt=last - relativedelta(years=YOUTH_CONSENTS_FROM - 1),
        )
        .values_list("pk", "reference", "student__birth_date")
        .order_by("reference")
    )
    for pk, reference, birth_date in rows:
        for age in AGE_LIMITS:  # the birthdays on which who consents changes
            if monday <= turns_on(birth_date, age) <= last:
                section.lines.append(
                    Line(
                        reference,
                        _("de leerling wordt binnenkort %(age)s") % {"age": age},
                        site_url(reverse("casework:case_detail", args=[pk])),
                    )
                )
    return section


def _waiting_for_assignment(cases) -> Section:
    section = Section(_("Aanmeldingen die wachten op toewijzing"))
    for case in unassigned_registrations(cases):
        section.lines.append(
            Line(
                case.reference,
                _("aangemeld op %(day)s") % {"day": long_date(case.registered_on)},
                case_url(case),
            )
        )
    return section


def weekly_overview(user: User, *, monday: date) -> list[Section]:
    """The sections of `user`'s overview for the week starting `monday`."""
    cases = Case.objects.visible_to(user).open()
    sections = [
        _evaluations_due(cases, monday),
        _pact_threshold(user, cases, monday),
        _consents_to_renew(cases, monday),
    ]
    if user.role == Role.COORDINATOR:
        sections.append(_waiting_for_assignment(cases))
    return sections


def weekly_overview_email(user: User, *, monday: date) -> EmailMultiAlternatives:
    week = monday.isocalendar().week
    context = {
        "sections": weekly_overview(user, monday=monday),
        "monday": long_date(monday),
        "week": week,
        "settings_url": site_url(reverse("accounts:settings")),
        "list_url": site_url(reverse("casework:case_list")),
    }
    message = EmailMultiAlternatives(
        subject=_("Plusdossier: uw weekoverzicht van week %(week)s") % {"week": week},
        body=render_to_string("notifications/email_weekly.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("notifications/email_weekly.html", context), "text/html"
    )
    return message


def weekly_recipients(monday: date):
    """The users still to receive the overview of the week of `monday`."""
    return (
        User.objects.filter(weekly_overview=True, is_active=True, role__in=CASELOAD_ROLES)
        .exclude(email="")
        .filter(Q(weekly_overview_week__isnull=True) | Q(weekly_overview_week__lt=monday))
    )


def weekly_overviews_send(*, as_of: date) -> dict:
    """Send the overview of the week of `as_of` to everyone who wants it and has not had it.
    Safe to run twice or on two workers at once. The first failed mail is raised after the
    others went out; its user gets it at the next run."""
    monday = week_monday(as_of)
    mail_connection = get_connection()
    sent, error = 0, None
    for pk in list(weekly_recipients(monday).order_by("pk").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                user = (
                    weekly_recipients(monday).select_for_update(skip_locked=True).filter(pk=pk)
                ).first()
                if user is None:  # another worker has it, or has sent it
                    continue
                User.objects.filter(pk=pk).update(weekly_overview_week=monday)
                send_notification_email(weekly_overview_email(user, monday=monday), mail_connection)
        except Exception as exc:  # noqa: BLE001 - the others still go out; raised below
            logger.error("Weekoverzicht voor gebruiker %s niet verstuurd: %s", pk, exc)
            error = error or exc
            continue
        sent += 1
    if error is not None:
        raise error
    return {"week_of": monday.isoformat(), "sent": sent}
