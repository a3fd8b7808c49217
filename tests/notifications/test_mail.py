"""E-mail: plain text and HTML, a link to the case, no BSN, no names; each notification
mailed once; a crash midway loses nothing."""

from datetime import date
from unittest import mock

import pytest

from notifications import services
from notifications.models import Notification
from notifications.services import notifications_mail_unsent, reminders_run
from tests.factories import CaseFactory, StudentFactory


@pytest.fixture
def named_case(school, casemanager, coordinator):
    student = StudentFactory(first_name="Jan-Willem", last_name="van der Berg", bsn="123456782")
    return CaseFactory(
        school=school,
        student=student,
        casemanager=casemanager,
        plan_active=True,
        absent_since=date(2026, 1, 10),
    )


@pytest.mark.django_db
def test_mail_has_text_html_and_link_but_no_bsn_and_no_name(named_case, mailoutbox):
    reminders_run(as_of=date(2026, 4, 20))
    assert len(mailoutbox) == 2
    mail = next(m for m in mailoutbox if m.to == ["cm@example.nl"])
    html = mail.alternatives[0][0]
    assert mail.alternatives[0][1] == "text/html"
    link = f"https://plusdossier.example.nl/casussen/{named_case.pk}/"
    for body in (mail.body, html, mail.subject):
        assert "123456782" not in body and "*****6782" not in body
        assert "Jan-Willem" not in body and "van der Berg" not in body and "Berg" not in body
    assert named_case.reference in mail.subject and "termijn overschreden" in mail.subject
    assert link in mail.body and f'href="{link}"' in html
    assert "(J.B.)" in mail.body
    coordinator_mail = next(m for m in mailoutbox if m.to == ["coord@example.nl"])
    assert "als coördinator" in coordinator_mail.body


@pytest.mark.django_db
def test_running_twice_mails_nothing_twice(named_case, mailoutbox):
    first = reminders_run(as_of=date(2026, 4, 20))
    second = reminders_run(as_of=date(2026, 4, 20))
    assert first["emailed"] == 2 and second["emailed"] == 0
    assert second["inserted"] == 0
    assert len(mailoutbox) == 2
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_crash_in_the_mail_step_loses_nothing(school, casemanager, coordinator, mailoutbox):
    for day in range(1, 6):
        CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 1, day))
    real_send = services.send_notification_email
    calls = {"n": 0}

    def flaky(message, connection):
        calls["n"] += 1
        if calls["n"] == 4:
            raise ConnectionError("SMTP weg")
        real_send(message, connection)

    with (
        mock.patch.object(services, "send_notification_email", flaky),
        pytest.raises(ConnectionError),
    ):
        reminders_run(as_of=date(2026, 4, 20))
    assert Notification.objects.count() == 10  # 5 cases × (casemanager + coördinator)
    assert len(mailoutbox) == 3
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 3

    summary = reminders_run(as_of=date(2026, 4, 20))
    assert summary["inserted"] == 0 and summary["emailed"] == 7
    assert len(mailoutbox) == 10
    sent = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert len(sent) == len(set(sent))


@pytest.mark.django_db
def test_a_crash_between_insert_and_mail_is_made_good_by_the_next_run(named_case, mailoutbox):
    with (
        mock.patch.object(services, "notifications_mail_unsent", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        reminders_run(as_of=date(2026, 4, 20))
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2
    assert mailoutbox == []
    reminders_run(as_of=date(2026, 4, 21))
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_users_without_email_keep_the_in_app_notification(named_case, casemanager, mailoutbox):
    casemanager.email = ""
    casemanager.save()
    reminders_run(as_of=date(2026, 4, 20))
    assert Notification.objects.filter(recipient=casemanager).count() == 1
    assert [m.to for m in mailoutbox] == [["coord@example.nl"]]


@pytest.mark.django_db
def test_mail_batches_cover_everything(school, casemanager, coordinator, mailoutbox):
    for day in range(1, 8):
        CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 1, day))
    reminders_run(as_of=date(2026, 4, 20), mail=False)
    assert notifications_mail_unsent(batch_size=3) == 14
    assert len(mailoutbox) == 14
