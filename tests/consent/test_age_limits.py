"""Issue 21: a pupil who turns 12 or 16 during an open case (consent.rules). The 12th birthday
stops sharing on a consent without the youth's own; the 16th continues on the youth's consent
given at 12-15. Both show "toestemming opnieuw vragen" until a newer version is recorded; the
daily scan told the casemanager beforehand, once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casework.models import Case
from consent.models import Consent, ConsentMethod
from consent.rules import born_after_is_under, limit_passed, turns_on
from consent.selectors import cases_with_valid_consent, consent_gaps, consent_renewal
from consent.services import consent_record
from notifications.models import Notification, NotificationKind
from notifications.services import reminders_run

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: date):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 10, tzinfo=AMSTERDAM), tick=False
    )


def born(case, birth_date):
    case.student.birth_date = birth_date
    case.student.save(update_fields=["birth_date"])


def give(case, by, reps, *, youth, partners):
    from django.utils import timezone

    return consent_record(
        case=case,
        by=by,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        representative_1=reps[0],
        representative_2=reps[1] if len(reps) > 1 else None,
        youth_consented=youth,
        organisations=partners,
    )


def shared(case):
    return cases_with_valid_consent(Case.objects.filter(pk=case.pk)).exists()


def test_turns_on_and_born_after_agree_with_age_on_around_29_february():
    assert turns_on(date(2088, 2, 29), 12) == date(2100, 3, 1)
    assert turns_on(date(2084, 2, 29), 12) == date(2096, 2, 29)
    assert born_after_is_under(date(2100, 2, 28), 12) == date(2088, 2, 28)  # 29-02 is under 12
    assert (
        limit_passed(
            birth_date=date(2010, 12, 10), given_on=date(2026, 1, 5), on=date(2026, 12, 10)
        )
        == 16
    )
    assert (
        limit_passed(birth_date=date(2010, 12, 10), given_on=date(2026, 1, 5), on=date(2026, 12, 9))
        is None
    )


def test_a_pupil_turning_16_is_notified_once_and_sharing_continues_with_a_renewal_asked(
    client, case, casemanager, mother, father, partners
):
    born(case, date(2010, 12, 10))  # 16 on 10-12-2026
    with at(date(2026, 11, 1)):
        consent = give(case, casemanager, [mother, father], youth=True, partners=partners)
    assert consent.is_complete

    with at(date(2026, 11, 23)):
        reminders_run(as_of=date(2026, 11, 23), mail=False)
        reminders_run(as_of=date(2026, 11, 24), mail=False)
        assert consent_renewal(case) == ""
    assert list(
        Notification.objects.filter(kind=NotificationKind.CONSENT_AGE).values_list(
            "recipient", "due_on"
        )
    ) == [(casemanager.pk, date(2026, 12, 10))]

    with at(date(2026, 12, 10)):
        renewal = consent_renewal(case)
        assert renewal.startswith(
            "Toestemming opnieuw vragen: de leerling is op 10 december 2026 16"
        )
        assert "beslist de jongere zelf" in renewal
        # The rule: the youth's own consent (given at 15) holds on; sharing continues.
        assert consent_gaps(case) == []
        assert shared(case)
        client.force_login(casemanager)
        page = client.get(reverse("consent:consent_detail", args=[case.pk])).content.decode()
        overview = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
        assert "Toestemming opnieuw vragen" in page
        assert "Toestemming opnieuw vragen" in overview

        # The youth confirms alone: the renewal is gone.
        give(case, casemanager, [None], youth=True, partners=partners)
        assert consent_renewal(case) == ""
        assert shared(case)


def test_a_pupil_turning_12_stops_sharing_on_a_parents_only_consent_until_the_youth_consents(
    case, casemanager, mother, partners
):
    born(case, date(2014, 12, 10))  # 12 on 10-12-2026
    with at(date(2026, 11, 1)):
        give(case, casemanager, [mother], youth=False, partners=partners)
        assert shared(case)

    with at(date(2026, 12, 9)):
        assert consent_gaps(case) == [] and shared(case)
        assert consent_renewal(case) == ""

    with at(date(2026, 12, 10)):
        [gap] = consent_gaps(case)
        assert "12 geworden" in gap and "jongere zelf" in gap
        assert not shared(case)  # the SQL says what the words say
        assert not Consent.objects.valid().filter(case=case).exists()
        assert "12 geworden" in consent_renewal(case)

        give(case, casemanager, [mother], youth=True, partners=partners)
        assert consent_gaps(case) == [] and shared(case)
        assert consent_renewal(case) == ""


def test_the_overview_shows_no_renewal_to_whom_does_not_read_the_consent(
    client, case, casemanager, behavioural_expert, mother, father, partners
):
    born(case, date(2010, 12, 10))
    with at(date(2026, 11, 1)):
        give(case, casemanager, [mother, father], youth=True, partners=partners)
    with at(date(2026, 12, 11)):
        client.force_login(behavioural_expert)
        overview = client.get(reverse("casework:case_detail", args=[case.pk]))
    assert overview.status_code == 200
    assert "Toestemming opnieuw vragen" not in overview.content.decode()
