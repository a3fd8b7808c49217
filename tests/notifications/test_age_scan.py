"""Issue 21: the daily scan tells the casemanager, once, that a pupil turns 12 or 16 within the
region's age_notice_days (what the new consent needs, consent.rules), and that a vrijstelling
art. 5 onder a runs out (one year from absent_since)."""

from datetime import date

import pytest

from casework.constants import AbsenceKind
from notifications.models import Notification, NotificationKind
from notifications.scans import DATES_SQL, reminders_scan
from notifications.services import reminders_run
from tests.factories import CaseFactory

TODAY = date(2026, 11, 23)


def notes(kind):
    return list(
        Notification.objects.filter(kind=kind)
        .order_by("id")
        .values_list("recipient__username", "case_id", "due_on", "text")
    )


def pupil_case(casemanager, school, birth_date, **fields):
    case = CaseFactory(school=school, casemanager=casemanager, plan_active=True, **fields)
    case.student.birth_date = birth_date
    case.student.save(update_fields=["birth_date"])
    return case


@pytest.mark.django_db
def test_a_pupil_turning_16_within_30_days_gives_the_casemanager_one_notice(
    casemanager, school, mailoutbox
):
    case = pupil_case(casemanager, school, date(2010, 12, 20))  # 16 on 20-12-2026: 27 days

    reminders_run(as_of=TODAY)
    reminders_run(as_of=TODAY)
    reminders_run(as_of=date(2026, 12, 20))  # the birthday itself: still the same notice

    [(who, case_id, due_on, text)] = notes(NotificationKind.CONSENT_AGE)
    assert (who, case_id, due_on) == ("cm", case.pk, date(2026, 12, 20))
    assert text.startswith(f"Casus {case.reference}: de leerling wordt 16 op 20-12-2026;")
    assert "beslist de jongere zelf" in text
    assert case.student.last_name not in text  # no names in what is mailed
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_pupil_turning_12_is_told_with_what_the_youth_must_now_add(casemanager, school):
    case = pupil_case(casemanager, school, date(2014, 12, 1))  # 12 on 01-12-2026

    reminders_scan(TODAY)

    [(_who, _case, due_on, text)] = notes(NotificationKind.CONSENT_AGE)
    assert due_on == date(2014 + 12, 12, 1)
    assert "wordt 12 op 01-12-2026" in text and "jongere zelf ook toestemming" in text
    assert case.reference in text


@pytest.mark.django_db
def test_only_birthdays_within_the_regions_days_and_of_open_cases_count(
    casemanager, school, region
):
    pupil_case(casemanager, school, date(2010, 12, 24))  # 16 in 31 days: outside 30
    pupil_case(casemanager, school, date(2010, 11, 22))  # turned 16 yesterday: past
    pupil_case(casemanager, school, date(2010, 12, 1), closed=True, registered_on=date(2026, 1, 5))
    pupil_case(casemanager, school, date(2012, 12, 1))  # 14: no limit

    assert reminders_scan(TODAY).inserted[NotificationKind.CONSENT_AGE] == 0

    region.age_notice_days = 31
    region.save(update_fields=["age_notice_days"])
    assert reminders_scan(TODAY).inserted[NotificationKind.CONSENT_AGE] == 1


@pytest.mark.django_db
def test_a_29_february_pupil_turns_12_on_1_march_in_a_non_leap_year(casemanager, school):
    pupil_case(casemanager, school, date(2088, 2, 29))

    reminders_scan(date(2100, 2, 15))

    assert [due for _w, _c, due, _t in notes(NotificationKind.CONSENT_AGE)] == [date(2100, 3, 1)]


@pytest.mark.django_db
def test_without_a_casemanager_the_coordinators_are_told(school, coordinator):
    case = CaseFactory(school=school, casemanager=None)
    case.student.birth_date = date(2010, 12, 1)
    case.student.save(update_fields=["birth_date"])

    reminders_scan(TODAY)

    assert [who for who, *_ in notes(NotificationKind.CONSENT_AGE)] == [coordinator.username]


@pytest.mark.django_db
def test_a_vrijstelling_5a_is_reminded_once_before_its_year_runs_out(casemanager, school):
    case = pupil_case(
        casemanager,
        school,
        date(2012, 5, 17),
        absence_kind=AbsenceKind.EXEMPTION_5A,
        absent_since=date(2025, 12, 10),
    )
    pupil_case(  # another vrijstelling: no one-year rule here
        casemanager,
        school,
        date(2012, 5, 17),
        absence_kind=AbsenceKind.EXEMPTION_OTHER,
        absent_since=date(2025, 12, 10),
    )
    pupil_case(  # runs out in 47 days
        casemanager,
        school,
        date(2012, 5, 17),
        absence_kind=AbsenceKind.EXEMPTION_5A,
        absent_since=date(2026, 1, 10),
    )

    reminders_scan(TODAY)
    reminders_scan(TODAY)

    [(who, case_id, due_on, text)] = notes(NotificationKind.EXEMPTION_EXPIRING)
    assert (who, case_id, due_on) == ("cm", case.pk, date(2026, 12, 9))
    assert "geldt tot en met 09-12-2026" in text


def test_the_dates_scan_is_one_statement_per_chunk():
    assert DATES_SQL.count("INSERT INTO") == 1
    assert DATES_SQL.count(";") == 0


@pytest.mark.django_db
def test_the_bench_floor_makes_the_same_rows_as_the_scan(casemanager, school, coordinator):
    from django.db import connection

    from bench.reminder_scan import FINGERPRINT_SQL, FLOOR_SQL, floor_params

    pupil_case(casemanager, school, date(2010, 12, 20))
    pupil_case(casemanager, school, date(2014, 12, 1))
    orphan = CaseFactory(school=school, casemanager=None)
    orphan.student.birth_date = date(2010, 12, 1)
    orphan.student.save(update_fields=["birth_date"])
    pupil_case(
        casemanager,
        school,
        date(2012, 5, 17),
        absence_kind=AbsenceKind.EXEMPTION_5A,
        absent_since=date(2025, 12, 10),
    )

    def fingerprint():
        with connection.cursor() as cursor:
            cursor.execute(FINGERPRINT_SQL)
            return cursor.fetchone()

    reminders_scan(TODAY)
    by_app = fingerprint()
    Notification.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, floor_params(TODAY))
    assert fingerprint() == by_app
    assert by_app[0] >= 4
