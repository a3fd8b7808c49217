"""Issue 19, finding 11: assigning a case tells the casemanager (bell and daily mail)."""

import pytest
from django.core import mail
from django.urls import reverse

from casework.services import case_assign
from notifications.models import Notification, NotificationKind
from notifications.services import notifications_mail_unsent
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def assign(client, case, casemanager):
    return client.post(
        reverse("casework:case_assign", args=[case.pk]),
        {"assign-casemanager": casemanager.pk, "assign-next": "detail"},
    )


def test_a_new_registration_assigned_notifies_the_casemanager(
    login, coordinator, casemanager, school
):
    coordinator.first_name, coordinator.last_name = "Sjoerd", "Giselmeyer"
    coordinator.save()
    registration = CaseFactory(school=school, casemanager=None, registered_by=coordinator)
    assign(login(coordinator), registration, casemanager)

    notification = Notification.objects.get(recipient=casemanager)
    assert notification.kind == NotificationKind.CASE_ASSIGNED
    assert notification.case == registration
    assert notification.text == (
        f"Casus {registration.reference} is aan u toegewezen door Sjoerd Giselmeyer."
    )
    bell = login(casemanager).get(reverse("notifications:list")).content.decode()
    assert registration.reference in bell and "toegewezen" in bell


def test_a_reassigned_case_notifies_the_new_casemanager_once_a_day(
    login, coordinator, region, case
):
    other = UserFactory(role="casemanager", region=region, email="nieuw@example.nl")
    client = login(coordinator)
    assign(client, case, other)
    assign(client, case, other)
    assert Notification.objects.filter(recipient=other, case=case).count() == 1
    assert not Notification.objects.filter(recipient=case.casemanager).exists()

    assert notifications_mail_unsent() == 1
    assert mail.outbox[0].to == ["nieuw@example.nl"]
    assert case.reference in mail.outbox[0].subject and "casus toegewezen" in mail.outbox[0].subject
    assert case.student.last_name not in mail.outbox[0].body


def test_taking_a_case_yourself_is_no_news(casemanager, school):
    registration = CaseFactory(school=school, casemanager=None, registered_by=casemanager)
    case_assign(case=registration, casemanager=casemanager, by=casemanager)
    assert not Notification.objects.exists()
