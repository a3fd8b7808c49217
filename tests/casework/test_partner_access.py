"""Issue 10: a partner reads a case only while valid consent covers their organisation and
that organisation is among the plan's betrokkenen; never the consent tab, and the intake only
when the consent shares it (test_partner_intake.py; the fixtures' consent does not). The
case's minutes tab: tests/meetings/test_case_minutes.py."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import AccessAction, AccessLogEntry, Case
from casework.services import case_close
from consent.services import consent_withdraw
from evaluations.models import Goal, Plan

pytestmark = pytest.mark.django_db

READ_PAGES = [
    "casework:case_detail",
    "casework:timeline",
    "evaluations:plan_detail",
    "evaluations:evaluation_list",
    "meetings:case_minutes",
]


@pytest.mark.parametrize("name", READ_PAGES)
def test_partner_of_covered_and_involved_organisation_reads_the_case(
    login, partner, shared_case, name
):
    response = login(partner).get(reverse(name, args=[shared_case.pk]))
    assert response.status_code == 200
    assert shared_case.reference in response.content.decode()


def test_partner_sees_the_shared_case_in_the_list_and_not_another(
    login, partner, shared_case, school, casemanager
):
    other = Case.objects.exclude(pk=shared_case.pk)
    assert not other.exists()
    from tests.factories import CaseFactory

    unshared = CaseFactory(school=school, casemanager=casemanager, plan_active=True)
    visible = list(Case.objects.visible_to(partner))
    assert visible == [shared_case]
    client = login(partner)
    assert client.get(reverse("casework:case_detail", args=[unshared.pk])).status_code == 404
    page = client.get(reverse("casework:case_list")).content.decode()
    assert shared_case.reference in page
    assert unshared.reference not in page


def test_visible_to_is_one_query(partner, shared_case, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(Case.objects.visible_to(partner)) == [shared_case]


def test_partner_of_covered_organisation_not_among_betrokkenen_gets_404(
    login, truancy_partner, shared_case
):
    assert not Case.objects.visible_to(truancy_partner).exists()
    response = login(truancy_partner).get(reverse("evaluations:plan_detail", args=[shared_case.pk]))
    assert response.status_code == 404


def test_partner_among_betrokkenen_but_not_covered_by_consent_gets_404(
    login, youth_care_partner, shared_case
):
    response = login(youth_care_partner).get(
        reverse("evaluations:plan_detail", args=[shared_case.pk])
    )
    assert response.status_code == 404


def test_partner_of_another_region_gets_404(login, shared_case, db):
    from accounts.models import Role
    from tests.factories import OrganisationFactory, RegionFactory, UserFactory

    elsewhere = RegionFactory(name="Elders", code="EL")
    stranger = UserFactory(
        role=Role.PARTNER,
        region=elsewhere,
        organisation=OrganisationFactory(region=elsewhere, name="CJG Elders"),
    )
    response = login(stranger).get(reverse("casework:case_detail", args=[shared_case.pk]))
    assert response.status_code == 404


def test_withdrawal_ends_partner_access_at_once(login, partner, casemanager, shared_case):
    client = login(partner)
    url = reverse("evaluations:plan_detail", args=[shared_case.pk])
    assert client.get(url).status_code == 200
    consent_withdraw(
        case=shared_case,
        by=casemanager,
        withdrawn_on=timezone.localdate(),
        reason="Moeder wil niet meer dat er gedeeld wordt.",
    )
    assert client.get(url).status_code == 404
    assert client.get(reverse("casework:case_detail", args=[shared_case.pk])).status_code == 404
    assert (
        AccessLogEntry.objects.filter(user=partner, action=AccessAction.DENIED)
        .order_by("-id")
        .first()
        .detail.startswith(f"casus {shared_case.pk}")
    )


def test_closing_the_case_ends_partner_access(login, partner, coordinator, shared_case):
    client = login(partner)
    url = reverse("casework:case_detail", args=[shared_case.pk])
    assert client.get(url).status_code == 200
    case_close(
        case=shared_case, by=coordinator, outcome="back_at_school", agreements="Terug op school."
    )
    assert client.get(url).status_code == 404


def test_partner_cannot_open_intake_or_consent(login, partner, shared_case):
    client = login(partner)
    assert client.get(reverse("intake:intake_edit", args=[shared_case.pk])).status_code == 404
    assert client.get(reverse("consent:consent_detail", args=[shared_case.pk])).status_code == 404


def test_partner_overview_leaves_out_guardians_and_registration(
    login, partner, coordinator, shared_case
):
    from tests.factories import GuardianFactory

    GuardianFactory(student=shared_case.student, name="Ingrid Verzorger")
    url = reverse("casework:case_detail", args=[shared_case.pk])
    assert "Ingrid Verzorger" in login(coordinator).get(url).content.decode()
    page = login(partner).get(url).content.decode()
    assert "Ingrid Verzorger" not in page
    assert "Gezaghebbende ouders/verzorgers" not in page


def test_partner_cannot_write_the_plan(login, partner, shared_case):
    client = login(partner)
    plan = Plan.objects.get(case=shared_case, current=True)
    goals = Goal.objects.filter(plan=plan).count()
    response = client.post(
        reverse("evaluations:plan_detail", args=[shared_case.pk]),
        {"director_name": "Iemand anders"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("evaluations:goal_add", args=[shared_case.pk]),
        {"nieuw-doel-description": "Nieuw doel"},
    )
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.director_name == "Mohamed El Amrani"
    assert Goal.objects.filter(plan=plan).count() == goals


def test_partner_reads_an_evaluation_but_cannot_record_it(login, partner, shared_case):
    evaluation = shared_case.evaluations.first()
    url = reverse("evaluations:evaluation_record", args=[shared_case.pk, evaluation.pk])
    client = login(partner)
    assert client.get(url).status_code == 200
    assert client.post(url, {"held_on": "2026-01-01"}).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.held_on is None


def test_every_partner_read_is_access_logged(login, partner, shared_case):
    client = login(partner)
    before = AccessLogEntry.objects.filter(user=partner, case=shared_case).count()
    for name in READ_PAGES:
        client.get(reverse(name, args=[shared_case.pk]))
    rows = AccessLogEntry.objects.filter(user=partner, case=shared_case, action=AccessAction.VIEW)
    assert rows.count() - before == len(READ_PAGES)
    assert set(rows.values_list("role", flat=True)) == {"partner"}
