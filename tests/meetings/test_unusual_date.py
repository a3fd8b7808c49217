"""Issue 18 (2): a meeting dated more than 14 days back is saved only once the coördinator
confirms the date (core.forms.ConfirmUnusualDateMixin); any date ahead is planning."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

CONFIRM = "Ja, deze datum klopt"


def days_back(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def unusual() -> str:
    return f"Deze datum ligt meer dan 14 dagen terug (vóór {long_date(days_back(14))})."


def _post(client, day, **extra):
    return client.post(
        reverse("meetings:meeting_create"),
        {"kind": "mpo", "date": day, "start_time": "14:30", "place": "Gemeentehuis", **extra},
    )


def test_a_meeting_a_year_ago_asks_for_confirmation(coordinator, login):
    client = login(coordinator)
    assert CONFIRM not in client.get(reverse("meetings:meeting_create")).content.decode()

    a_year_ago = days_back(365).isoformat()
    response = _post(client, a_year_ago)
    assert response.status_code == 200
    body = response.content.decode()
    assert unusual() in body
    assert CONFIRM in body and 'type="checkbox" name="confirm_date"' in body
    assert f'value="{a_year_ago}"' in body and "Gemeentehuis" in body
    assert not Meeting.objects.exists()

    response = _post(client, a_year_ago, confirm_date="on")
    assert response.status_code == 302
    assert Meeting.objects.get().date == days_back(365)


@pytest.mark.parametrize("back", [14, 0, -100])
def test_a_meeting_of_the_last_two_weeks_or_ahead_saves_without_the_box(coordinator, login, back):
    response = _post(login(coordinator), days_back(back).isoformat())
    assert response.status_code == 302
    assert Meeting.objects.get().date == days_back(back)


def test_a_meeting_15_days_back_is_unusual(coordinator, login):
    response = _post(login(coordinator), days_back(15).isoformat())
    assert response.status_code == 200
    assert unusual() in response.content.decode()
    assert not Meeting.objects.exists()
