"""Search by name, reference and exact BSN; the BSN never enters a URL or the access log."""

import re

import pytest
from django.urls import reverse

from casework.models import AccessAction, AccessLogEntry
from casework.selectors import search_log_detail
from tests.factories import CaseFactory, StudentFactory

pytestmark = pytest.mark.django_db

BSN = "123456782"


@pytest.fixture
def pupil_case(school, casemanager):
    student = StudentFactory(first_name="Femke", last_name="Hofstra", bsn=BSN)
    return CaseFactory(
        school=school, casemanager=casemanager, student=student, reference="VD-2026-0042"
    )


@pytest.fixture
def other_case(school, casemanager):
    student = StudentFactory(first_name="Daan", last_name="Kuipers", bsn="111222333")
    return CaseFactory(school=school, casemanager=casemanager, student=student)


def test_search_by_exact_bsn_finds_the_case_and_keeps_the_bsn_out_of_urls_and_logs(
    login, coordinator, pupil_case, other_case
):
    response = login(coordinator).post(reverse("casework:case_list"), {"q": BSN})

    assert response.status_code == 200  # rendered, not redirected to a URL with the BSN
    assert [c.pk for c in response.context["cases"]] == [pupil_case.pk]
    assert BSN not in response.wsgi_request.get_full_path()
    html = response.content.decode()
    for url in re.findall(r'(?:href|action)="([^"]*)"', html):
        assert BSN not in url
    assert 'method="post"' in html
    rows = AccessLogEntry.objects.filter(action=AccessAction.SEARCH)
    assert rows.count() == 1
    assert all(BSN not in row.detail for row in AccessLogEntry.objects.all())
    assert rows.get().detail == "zoeken op BSN"


def test_bsn_with_dots_and_spaces_is_found(login, coordinator, pupil_case, other_case):
    response = login(coordinator).post(reverse("casework:case_list"), {"q": "1234.56 782"})
    assert [c.pk for c in response.context["cases"]] == [pupil_case.pk]


def test_a_bsn_does_not_find_a_case_the_user_may_not_see(
    login, other_region_casemanager, pupil_case
):
    response = login(other_region_casemanager).post(reverse("casework:case_list"), {"q": BSN})
    assert list(response.context["cases"]) == []


def test_a_bsn_in_the_query_string_is_not_searched(login, coordinator, pupil_case, other_case):
    response = login(coordinator).get(reverse("casework:case_list"), {"q": BSN})
    assert len(response.context["cases"]) == 2  # ignored: search only by POST
    assert not AccessLogEntry.objects.filter(action=AccessAction.SEARCH).exists()


def test_search_by_name_and_reference(login, coordinator, pupil_case, other_case):
    client = login(coordinator)
    by_name = client.post(reverse("casework:case_list"), {"q": "femke hofs"})
    assert [c.pk for c in by_name.context["cases"]] == [pupil_case.pk]
    by_reference = client.post(reverse("casework:case_list"), {"q": "vd-2026-0042"})
    assert [c.pk for c in by_reference.context["cases"]] == [pupil_case.pk]
    details = list(
        AccessLogEntry.objects.filter(action=AccessAction.SEARCH).values_list("detail", flat=True)
    )
    assert sorted(details) == ["zoeken: femke hofs", "zoeken: vd-2026-0042"]


def test_search_combines_with_filters_and_pages_by_post(login, coordinator, pupil_case, other_case):
    response = login(coordinator).post(
        reverse("casework:case_list"), {"q": "Hofstra", "status": "intake"}
    )
    assert list(response.context["cases"]) == []


def test_search_log_detail_hides_long_digit_runs():
    assert search_log_detail("12345678") == "zoeken op BSN"  # old 8-digit BSN
    assert search_log_detail("1234567") == "zoeken: …"
    assert search_log_detail("123456782") == "zoeken op BSN"
    assert search_log_detail("Jansen") == "zoeken: Jansen"


def test_empty_search_writes_no_log_row(login, coordinator, pupil_case):
    login(coordinator).post(reverse("casework:case_list"), {"q": "  "})
    assert not AccessLogEntry.objects.filter(action=AccessAction.SEARCH).exists()
