"""The beheerder keeps the application running but reads no case content (DESIGN.md, roles):
the follow-up admin says when and for which school a follow-up is due and whether it was
answered, never which case or pupil it is about, nor the school's answers. The admin writes
no access-log row, so a case read there would not be logged either."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from casework.models import Student
from followups.models import FollowUp, Outflow, Progression
from meetings import services as meeting_services
from meetings.models import MeetingKind
from notifications.models import Notification, NotificationKind
from tests.factories import CaseFactory
from tests.partners import make_shared_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(school, casemanager):
    case = CaseFactory(school=school, casemanager=casemanager)
    return FollowUp.objects.create(
        case=case,
        school=school,
        due_on=timezone.localdate(),
        progression=Progression.REPEATED,
        outflow=Outflow.SCHOOL,
        recorded_at=timezone.now(),
    )


def test_the_beheerder_sees_no_case_or_answers_in_the_follow_up_admin(
    login, administrator, answered
):
    client = login(administrator)
    case = answered.case
    for url in (
        reverse("admin:followups_followup_changelist"),
        reverse("admin:followups_followup_change", args=[answered.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Dollard College" in body  # the school and the date stay: is it answered?
        for secret in (
            case.reference,
            case.student.last_name,
            str(Progression.REPEATED.label),
            str(Outflow.SCHOOL.label),
        ):
            assert secret not in body, (url, secret)


def test_no_admin_page_shows_case_content(
    login, administrator, school, casemanager, coordinator, cjg, youth_care
):
    case = make_shared_case(
        school=school, casemanager=casemanager, covered=[cjg], involved=[cjg, youth_care]
    )
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=case.registered_on
    )
    meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
    Notification.objects.create(
        recipient=casemanager,
        case=case,
        kind=NotificationKind.EVALUATION_DUE,
        due_on=case.registered_on,
        text=f"Evaluatie van {case.reference} komt eraan",
    )
    # A surname no user can have by chance (Faker's names are shared by users and pupils).
    Student.objects.filter(pk=case.student_id).update(last_name="Xylander-Testleerling")
    secrets = [
        case.reference,
        "Xylander-Testleerling",
        "Ik wil weer naar school.",  # the pupil's view in the plan
        "Mohamed El Amrani",  # the casusregisseur
    ]
    secrets += [goal.description for goal in case.plans.get().goals.all()]
    client = login(administrator)
    pages = 0
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        try:
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        urls = [changelist]
        first = model_admin.get_queryset(None).first() if hasattr(model, "objects") else None
        if first is not None:
            urls.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            # The access log names the case by its reference, never more: who read which
            # dossier is what the beheerder audits there.
            audit = model._meta.label == "casework.AccessLogEntry"
            for secret in secrets[1:] if audit else secrets:
                assert secret not in body, (url, secret)
            pages += 1
    assert pages > 10
