"""The beheerder keeps the application running but reads no case content (DESIGN.md, roles):
the follow-up admin says when and for which school a follow-up is due and whether it was
answered, never which case or pupil it is about, nor the school's answers. The admin writes
no access-log row, so a case read there would not be logged either."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quality.models import FollowUp, Outflow, Progression
from tests.factories import CaseFactory

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
        reverse("admin:quality_followup_changelist"),
        reverse("admin:quality_followup_change", args=[answered.pk]),
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
