"""The case's minutes tab (/casussen/<pk>/overleg/): the minutes of every meeting where the
case was discussed, for case staff and for a partner who reads the case (who does not see the
region's meetings themselves); 404 for outsiders, 405 for a POST (moved from
tests/quality/test_partner_access.py, now tests/casework/)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, MeetingItem

pytestmark = pytest.mark.django_db


def test_partner_does_not_see_the_region_meetings_but_reads_the_minutes_of_the_case(
    login, partner, coordinator, shared_case
):
    meeting = Meeting.objects.create(
        region=shared_case.region, date=timezone.localdate(), planned_by=coordinator
    )
    MeetingItem.objects.create(
        meeting=meeting, case=shared_case, minutes="School zoekt een time-outplek."
    )
    client = login(partner)
    detail = reverse("meetings:meeting_detail", args=[meeting.pk])
    assert client.get(detail).status_code == 404
    page = client.get(reverse("meetings:case_minutes", args=[shared_case.pk]))
    assert "School zoekt een time-outplek." in page.content.decode()


@pytest.mark.parametrize("who", ["casemanager", "coordinator"])
def test_case_staff_read_the_minutes_page(request, login, shared_case, who):
    url = reverse("meetings:case_minutes", args=[shared_case.pk])
    assert login(request.getfixturevalue(who)).get(url).status_code == 200


@pytest.mark.parametrize(
    "who", ["behavioural_expert", "other_school_expert", "other_region_casemanager"]
)
def test_minutes_page_is_404_for_outsiders(request, login, shared_case, who):
    url = reverse("meetings:case_minutes", args=[shared_case.pk])
    assert login(request.getfixturevalue(who)).get(url).status_code == 404


def test_minutes_page_refuses_post(login, partner, shared_case):
    url = reverse("meetings:case_minutes", args=[shared_case.pk])
    assert login(partner).post(url).status_code == 405
