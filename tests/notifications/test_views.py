"""Bell, list and mark-as-read: own notifications only (404 otherwise), POST only (405)."""

from datetime import date

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.notifications.factories import NotificationFactory


@pytest.fixture
def own(case, casemanager):
    return NotificationFactory(recipient=casemanager, case=case, text="Casus X nadert de termijn.")


@pytest.fixture
def others(case, coordinator):
    return NotificationFactory(recipient=coordinator, case=case, kind="clock_exceeded")


@pytest.mark.django_db
def test_list_shows_own_notifications_only(login, casemanager, own, others):
    response = login(casemanager).get(reverse("notifications:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Casus X nadert de termijn." in page
    assert f"notification-{others.pk}" not in page
    assert reverse("casework:case_detail", args=[own.case_id]) in page


@pytest.mark.django_db
def test_bell_shows_the_unread_count_on_every_page(login, casemanager, own, case):
    NotificationFactory(recipient=casemanager, case=case, kind="clock_exceeded")
    NotificationFactory(
        recipient=casemanager, case=case, kind="evaluation_due", read_at="2026-01-01T10:00Z"
    )
    response = login(casemanager).get(reverse("casework:dashboard"))
    page = response.content.decode()
    assert 'id="notification-bell"' in page
    assert 'data-unread-count="2"' in page
    bell = login(casemanager).get(reverse("notifications:bell"))
    assert bell.status_code == 200 and 'data-unread-count="2"' in bell.content.decode()


@pytest.mark.django_db
def test_bell_costs_one_query(login, casemanager, own, case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(casemanager)
    for _ in range(3):
        NotificationFactory(recipient=casemanager, case=case, due_on=None, kind="clock_exceeded")
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("casework:dashboard"))
    ours = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(ours) == 1 and "COUNT" in ours[0]


@pytest.mark.django_db
def test_mark_read_marks_own_notification_and_redirects(login, casemanager, own):
    response = login(casemanager).post(reverse("notifications:mark_read", args=[own.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
    own.refresh_from_db()
    assert own.read_at is not None


@pytest.mark.django_db
def test_mark_read_with_htmx_returns_the_row_and_triggers_the_bell(login, casemanager, own):
    response = login(casemanager).post(
        reverse("notifications:mark_read", args=[own.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notificationsChanged"
    assert f'id="notification-{own.pk}"' in response.content.decode()
    assert "Gelezen op" in response.content.decode()


@pytest.mark.django_db
def test_mark_read_refuses_an_unsafe_next(login, casemanager, own):
    response = login(casemanager).post(
        reverse("notifications:mark_read", args=[own.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:list")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "outsider", ["coordinator", "other_region_casemanager", "other_school_expert"]
)
def test_someone_elses_notification_answers_404(login, own, outsider, request):
    user = request.getfixturevalue(outsider)
    response = login(user).post(reverse("notifications:mark_read", args=[own.pk]))
    assert response.status_code == 404
    own.refresh_from_db()
    assert own.read_at is None


@pytest.mark.django_db
def test_mark_all_read_touches_only_own(login, casemanager, own, others, case):
    NotificationFactory(recipient=casemanager, case=case, kind="clock_exceeded")
    response = login(casemanager).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=casemanager, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


@pytest.mark.django_db
def test_unread_filter(login, casemanager, own, case):
    NotificationFactory(
        recipient=casemanager,
        case=case,
        kind="clock_exceeded",
        text="al gelezen",
        read_at="2026-01-01T10:00Z",
    )
    page = login(casemanager).get(reverse("notifications:list") + "?filter=ongelezen")
    assert "al gelezen" not in page.content.decode()
    assert "Casus X nadert" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("notifications:mark_read", [1], "put"),
        ("notifications:mark_all_read", [], "put"),
        ("notifications:list", [], "post"),
        ("notifications:bell", [], "post"),
    ],
)
def test_wrong_method_answers_405(login, casemanager, name, args, method):
    response = getattr(login(casemanager), method)(reverse(name, args=args))
    assert response.status_code == 405


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/account/" in response["Location"]


@pytest.mark.django_db
def test_list_paginates(login, casemanager, case):
    for day in range(1, 31):
        NotificationFactory(recipient=casemanager, case=case, due_on=date(2026, 1, day))
    page = login(casemanager).get(reverse("notifications:list") + "?pagina=2")
    assert page.status_code == 200
    assert "Pagina 2 van 2" in page.content.decode()


@pytest.mark.django_db
def test_admin_lists_notifications_read_only(login, administrator, own):
    client = login(administrator)
    response = client.get(reverse("admin:notifications_notification_changelist"))
    assert response.status_code == 200
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
