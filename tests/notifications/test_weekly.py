"""Issue 21 (4): the Monday overview. One e-mail per opted-in casemanager and coördinator per
week, with references, counts and links only (no names, no BSN): evaluations due this week,
cases nearing or past the Thuiszitterspact threshold, consents to ask again, and (for the
coördinator) registrations waiting for a casemanager. Sent once, however often it runs."""

import threading
import time
from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from accounts.models import Role
from casework.workflow import Status
from config.celery import app
from evaluations.models import Evaluation
from notifications import tasks, weekly
from notifications.weekly import weekly_overviews_send
from tests.factories import CaseFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)  # the clock of these tests (_monday_morning)
NAMES = ("Jan-Willem", "van der Berg", "Fenna", "Bakker", "123456782", "987654321")


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        yield


@pytest.fixture
def subscribed(casemanager, coordinator):
    for user in (casemanager, coordinator):
        user.weekly_overview = True
        user.save()


@pytest.fixture
def week_cases(school, casemanager, active_case):
    """One case for each section, all with named pupils."""
    active_case.student.first_name, active_case.student.last_name = "Fenna", "Bakker"
    active_case.student.set_bsn("987654321")
    active_case.student.save()
    evaluation = Evaluation.objects.filter(case=active_case, held_on__isnull=True).first()
    Evaluation.objects.filter(pk=evaluation.pk).update(due_on=date(2026, 11, 25))
    named = StudentFactory(first_name="Jan-Willem", last_name="van der Berg", bsn="123456782")
    return {
        "evaluation": active_case,
        "exceeded": CaseFactory(
            school=school, casemanager=casemanager, student=named, absent_since=date(2026, 7, 1)
        ),
        "approaching": CaseFactory(
            school=school, casemanager=casemanager, absent_since=date(2026, 8, 30)
        ),
        "turning_16": CaseFactory(
            school=school,
            casemanager=casemanager,
            student=StudentFactory(birth_date=date(2010, 12, 1)),
        ),
        "unassigned": CaseFactory(school=school, status=Status.REGISTERED, casemanager=None),
        "closed": CaseFactory(
            school=school,
            casemanager=casemanager,
            closed=True,
            registered_on=date(2026, 6, 1),
            absent_since=date(2026, 7, 1),
        ),
    }


def _mail_to(mailoutbox, user):
    [mail] = [m for m in mailoutbox if m.to == [user.email]]
    return mail


def test_the_overview_lists_references_and_counts_with_links_and_no_names(
    subscribed, week_cases, casemanager, mailoutbox
):
    assert weekly_overviews_send(as_of=MONDAY) == {"week_of": "2026-11-23", "sent": 2}
    mail = _mail_to(mailoutbox, casemanager)
    html = mail.alternatives[0][0]
    assert mail.subject == "Plusdossier: uw weekoverzicht van week 48"
    body = mail.body
    assert "voor de week van maandag 23 november 2026 (week 48)" in body
    case = week_cases["evaluation"]
    assert "Evaluaties deze week: 1" in body
    evaluations = f"https://plusdossier.example.nl/casussen/{case.pk}/evaluaties/"
    assert f"- {case.reference}: " in body and " op 25 november 2026 – " + evaluations in body
    assert "Casussen bij of over de termijn van het Thuiszitterspact: 2" in body
    exceeded, approaching = week_cases["exceeded"], week_cases["approaching"]
    assert f"- {exceeded.reference}: termijn verstreken op 1 oktober 2026" in body
    assert f"- {approaching.reference}: termijn verloopt op 30 november 2026" in body
    assert "Toestemming opnieuw vragen: 1" in body
    assert f"- {week_cases['turning_16'].reference}: de leerling wordt binnenkort 16" in body
    assert "wachten op toewijzing" not in body  # the casemanager's mail
    assert week_cases["closed"].reference not in body
    assert f'href="{evaluations}"' in html
    for text in (mail.subject, body, html):
        for name in (*NAMES, casemanager.first_name, casemanager.last_name):
            assert name not in text


def test_the_coordinator_also_sees_the_registrations_waiting(
    subscribed, week_cases, coordinator, mailoutbox
):
    weekly_overviews_send(as_of=MONDAY)
    body = _mail_to(mailoutbox, coordinator).body
    assert "Aanmeldingen die wachten op toewijzing: 1" in body
    assert f"- {week_cases['unassigned'].reference}: aangemeld op" in body
    for name in NAMES:
        assert name not in body


def test_run_twice_or_later_in_the_week_it_is_sent_once(subscribed, casemanager, mailoutbox):
    weekly_overviews_send(as_of=MONDAY)
    assert weekly_overviews_send(as_of=MONDAY)["sent"] == 0
    assert weekly_overviews_send(as_of=date(2026, 11, 26))["sent"] == 0
    assert len(mailoutbox) == 2
    casemanager.refresh_from_db()
    assert casemanager.weekly_overview_week == MONDAY
    # An older week never goes out after a newer one; the next week does.
    assert weekly_overviews_send(as_of=date(2026, 11, 16))["sent"] == 0
    assert weekly_overviews_send(as_of=date(2026, 11, 30))["sent"] == 2


def test_only_opted_in_casemanagers_and_coordinators_get_it(
    casemanager, coordinator, behavioural_expert, mailoutbox
):
    casemanager.weekly_overview = True
    casemanager.save()
    behavioural_expert.weekly_overview = True  # not for this role, even if set
    behavioural_expert.save()
    UserFactory(username="uit", role=Role.CASEMANAGER, weekly_overview=True, is_active=False)
    weekly_overviews_send(as_of=MONDAY)
    assert [m.to for m in mailoutbox] == [[casemanager.email]]


def test_a_failed_mail_is_sent_at_the_next_run(subscribed, casemanager, coordinator, mailoutbox):
    real_send = weekly.send_notification_email

    def failing_for_the_coordinator(message, connection):
        if message.to == [coordinator.email]:
            raise ConnectionError("smtp down")
        real_send(message, connection)

    with (
        mock.patch.object(weekly, "send_notification_email", failing_for_the_coordinator),
        pytest.raises(ConnectionError),
    ):
        weekly_overviews_send(as_of=MONDAY)
    assert [m.to for m in mailoutbox] == [[casemanager.email]]
    coordinator.refresh_from_db()
    assert coordinator.weekly_overview_week is None
    assert weekly_overviews_send(as_of=MONDAY)["sent"] == 1
    assert [m.to for m in mailoutbox] == [[casemanager.email], [coordinator.email]]


def test_the_task_runs_mondays_and_sends_the_week(subscribed, mailoutbox):
    entry = app.conf.beat_schedule["weekly-overview"]
    assert entry["task"] == tasks.send_weekly_overview.name
    assert entry["schedule"].day_of_week == {1}
    assert tasks.send_weekly_overview("2026-11-24") == {"week_of": "2026-11-23", "sent": 2}
    assert tasks.send_weekly_overview() == {"week_of": "2026-11-23", "sent": 0}


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_overview_once(subscribed, mailoutbox):
    real_send = weekly.send_notification_email

    def slow_send(message, mail_connection):
        time.sleep(0.3)  # both workers are inside the run at the same moment
        real_send(message, mail_connection)

    start = threading.Barrier(2)
    results = []

    def worker():
        try:
            start.wait()
            results.append(weekly_overviews_send(as_of=MONDAY)["sent"])
        finally:
            connection.close()

    with mock.patch.object(weekly, "send_notification_email", slow_send):
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(results) in ([0, 2], [1, 1])
    assert sorted(m.to[0] for m in mailoutbox) == ["cm@example.nl", "coord@example.nl"]
