"""The thuiszitter alarm: ok → nadert termijn → termijn overschreden, one notification per
level, the coördinator on overschreden; same rule as casework.clock."""

import random
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import Role
from casework.constants import ClockLevel
from casework.models import Case
from notifications.models import Notification, NotificationKind
from notifications.scans import reminders_scan
from notifications.services import reminders_run
from tests.factories import CaseFactory, UserFactory


def alarms(case_ids):
    """Per case, the clock level its notifications say (the scan stores no level)."""
    kinds = dict(
        Notification.objects.filter(case_id__in=case_ids, kind__startswith="clock_")
        .order_by("kind")  # clock_approaching before clock_exceeded: the later level wins
        .values_list("case_id", "kind")
    )
    return {pk: kinds.get(pk, "clock_ok").removeprefix("clock_") for pk in case_ids}


def notes(**filters):
    return list(
        Notification.objects.filter(**filters)
        .order_by("id")
        .values_list("recipient__username", "kind", "due_on")
    )


@pytest.fixture
def absent_case(school, casemanager, coordinator):
    # Threshold 10-04-2026 (3 months), warning 13-03-2026 (4 weeks before).
    return CaseFactory(
        school=school, casemanager=casemanager, plan_active=True, absent_since=date(2026, 1, 10)
    )


@pytest.mark.django_db
def test_case_walks_from_ok_to_approaching_to_exceeded_with_one_notification_per_level(
    absent_case, mailoutbox
):
    def run(day):
        reminders_run(as_of=day)
        return alarms([absent_case.pk])[absent_case.pk]

    assert run(date(2026, 3, 12)) == ClockLevel.OK
    assert notes() == []

    assert run(date(2026, 3, 13)) == ClockLevel.APPROACHING
    assert run(date(2026, 3, 13)) == ClockLevel.APPROACHING
    assert run(date(2026, 4, 10)) == ClockLevel.APPROACHING  # the threshold day itself
    assert notes() == [("cm", NotificationKind.CLOCK_APPROACHING, date(2026, 4, 10))]

    assert run(date(2026, 4, 11)) == ClockLevel.EXCEEDED
    assert run(date(2026, 4, 11)) == ClockLevel.EXCEEDED
    assert run(date(2026, 5, 30)) == ClockLevel.EXCEEDED
    assert notes(kind=NotificationKind.CLOCK_EXCEEDED) == [
        ("cm", NotificationKind.CLOCK_EXCEEDED, date(2026, 4, 10)),
        ("coord", NotificationKind.CLOCK_EXCEEDED, date(2026, 4, 10)),
    ]
    assert Notification.objects.count() == 3
    assert len(mailoutbox) == 3  # each e-mailed once


@pytest.mark.django_db
def test_fixed_dates_through_the_management_command_without_as_of(absent_case):
    for day, level in [
        (date(2026, 3, 1), ClockLevel.OK),
        (date(2026, 3, 20), ClockLevel.APPROACHING),
        (date(2026, 4, 20), ClockLevel.EXCEEDED),
    ]:
        with time_machine.travel(f"{day.isoformat()} 06:30 +0100", tick=False):
            call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert alarms([absent_case.pk]) == {absent_case.pk: level}
    assert sorted(Notification.objects.values_list("kind", flat=True)) == [
        NotificationKind.CLOCK_APPROACHING,
        NotificationKind.CLOCK_EXCEEDED,
        NotificationKind.CLOCK_EXCEEDED,
    ]


@pytest.mark.django_db
def test_a_case_without_casemanager_notifies_the_coordinators(school, coordinator):
    case = CaseFactory(school=school, casemanager=None, absent_since=date(2026, 1, 10))
    UserFactory(
        username="coord-inactief", role=Role.COORDINATOR, region=school.region, is_active=False
    )
    reminders_scan(date(2026, 3, 20))
    assert notes(case=case) == [("coord", NotificationKind.CLOCK_APPROACHING, date(2026, 4, 10))]


@pytest.mark.django_db
def test_a_passend_aanbod_resets_the_level_and_stops_the_alarm(absent_case):
    reminders_scan(date(2026, 3, 20))
    Case.objects.filter(pk=absent_case.pk).update(offer_since=date(2026, 3, 25))
    reminders_scan(date(2026, 4, 20))
    absent_case.refresh_from_db()
    assert absent_case.clock(date(2026, 4, 20)).level == ClockLevel.OK
    assert alarms([absent_case.pk]) == {absent_case.pk: ClockLevel.APPROACHING}
    assert Notification.objects.filter(kind=NotificationKind.CLOCK_EXCEEDED).count() == 0


@pytest.mark.django_db
def test_closed_cases_and_cases_without_absence_are_left_alone(school, casemanager):
    closed = CaseFactory(
        school=school,
        casemanager=casemanager,
        closed=True,
        registered_on=date(2026, 1, 1),
        absent_since=date(2025, 1, 10),
    )
    no_absence = CaseFactory(school=school, casemanager=casemanager, absent_since=None)
    reminders_scan(date(2026, 11, 1))
    assert alarms([closed.pk, no_absence.pk]) == {
        closed.pk: ClockLevel.OK,
        no_absence.pk: ClockLevel.OK,
    }
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_threshold_is_month_end_clamped(school, casemanager):
    # 30 Nov + 3 months = 28 Feb (2027 is no leap year).
    case = CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 11, 30))
    reminders_scan(date(2027, 2, 28))
    assert alarms([case.pk]) == {case.pk: ClockLevel.APPROACHING}
    reminders_scan(date(2027, 3, 1))
    assert alarms([case.pk]) == {case.pk: ClockLevel.EXCEEDED}
    assert set(Notification.objects.values_list("due_on", flat=True)) == {date(2027, 2, 28)}


@pytest.mark.django_db
def test_region_settings_drive_the_threshold_and_warning(school, casemanager):
    region = school.region
    region.threshold_months, region.warning_weeks = 2, 1
    region.save()
    case = CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 1, 31))
    # 31 Jan + 2 months = 31 Mar; warning 24 Mar.
    reminders_scan(date(2026, 3, 23))
    assert alarms([case.pk]) == {case.pk: ClockLevel.OK}
    reminders_scan(date(2026, 3, 24))
    assert alarms([case.pk]) == {case.pk: ClockLevel.APPROACHING}
    reminders_scan(date(2026, 4, 1))
    assert alarms([case.pk]) == {case.pk: ClockLevel.EXCEEDED}


@pytest.mark.django_db
def test_scan_agrees_with_casework_clock_on_many_cases(school, casemanager, coordinator):
    rng = random.Random(6)
    today = date(2026, 5, 31)
    cases = []
    for _ in range(120):
        absent = date(2026, 1, 1) + timedelta(days=rng.randint(-60, 150))
        if rng.random() < 0.1:
            absent = date(2026, rng.choice([1, 3, 8, 10, 12]), 31) if rng.random() < 0.5 else None
        offer = (
            absent + timedelta(days=rng.randint(0, 100)) if absent and rng.random() < 0.2 else None
        )
        cases.append(
            CaseFactory(
                school=school,
                casemanager=casemanager if rng.random() < 0.8 else None,
                absent_since=absent,
                offer_since=offer,
                status=rng.choice(["registered", "intake", "plan_active", "closed"]),
                closed_on=None,
            )
        )
    reminders_scan(today)
    stored = alarms([c.pk for c in cases])
    for case in Case.objects.filter(pk__in=stored).select_related("region"):
        expected = case.clock(today).level if case.is_open else ClockLevel.OK
        assert stored[case.pk] == expected, (case.absent_since, case.offer_since, case.status)


@pytest.mark.django_db
def test_scan_query_count_does_not_grow_with_the_number_of_cases(
    school, casemanager, coordinator, django_assert_num_queries
):
    def make(n):
        for i in range(n):
            CaseFactory(
                school=school,
                casemanager=casemanager,
                absent_since=date(2026, 1, 1) + timedelta(days=i),
            )

    make(5)
    result_small = reminders_scan(date(2026, 4, 15))
    make(60)
    result_big = reminders_scan(date(2026, 4, 15))
    assert result_small.queries == result_big.queries
    chunks = (result_big.queries - 2) // 2  # 2 bounds queries, then lock + statement per chunk
    with django_assert_num_queries(result_big.queries + 2 * chunks):  # + SAVEPOINT/RELEASE each
        reminders_scan(date(2026, 4, 16))


@pytest.mark.django_db
def test_notification_text_has_reference_and_dates_but_no_names(absent_case):
    reminders_scan(date(2026, 4, 11))
    note = Notification.objects.filter(recipient__username="cm").get()
    assert absent_case.reference in note.text
    assert "10-01-2026" in note.text and "10-04-2026" in note.text
    assert absent_case.student.last_name not in note.text
