"""followups.demo: partners with shared cases, history, follow-ups and survey answers."""

import io
import random

import pytest
from django.db.models import Count
from django.utils import timezone
from faker import Faker

from accounts.models import Role, User
from casework import demo as casework_demo
from casework.models import Case, CaseEvent
from consent import demo as consent_demo
from demo.management.commands.seed_demo import DemoContext
from evaluations import demo as evaluations_demo
from followups import demo as followups_demo
from followups.models import FollowUp, SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    ctx = DemoContext(
        rng=random.Random(10),
        fake=Faker("nl_NL"),
        today=timezone.localdate(),
        cases=300,
        stdout=io.StringIO(),
    )
    for module in (casework_demo, consent_demo, evaluations_demo, followups_demo):
        module.seed(ctx)
    return ctx


def test_demo_partners_see_shared_cases_only(seeded):
    partners = User.objects.filter(role=Role.PARTNER)
    assert partners.count() == 3
    for partner in partners:
        shared = Case.objects.visible_to(partner)
        assert shared.exists(), partner.username
        for case in shared[:20]:
            assert case.is_open
            assert case.plans.filter(
                current=True, stakeholders__organisation=partner.organisation
            ).exists()


def test_demo_has_follow_ups_and_anonymous_answers(seeded):
    assert FollowUp.objects.open().exists()
    assert FollowUp.objects.recorded().exists()
    assert SurveyResponse.objects.exists()
    assert (
        SurveyResponse.objects.count()
        == SurveyInvitation.objects.filter(used_at__isnull=False).count()
    )
    assert "Kwaliteit:" in seeded.stdout.getvalue()


def test_demo_invites_each_parent_with_their_own_link(seeded):
    parents = SurveyInvitation.objects.filter(respondent="parent")
    assert parents.exists()
    assert not parents.filter(guardian__isnull=True).exists()
    per_case = parents.values("case").annotate(n=Count("pk"))
    assert per_case.filter(n__gte=2).exists()
    assert SurveyInvitation.objects.filter(respondent="care_coordinator").exists()


def test_demo_leaves_history_with_authors(seeded):
    assert CaseEvent.objects.filter(pgh_label="insert").exists()
    edited = CaseEvent.objects.filter(pgh_label="update", pgh_context__isnull=False)
    assert edited.exists()
    user_ids = {e.pgh_context.metadata["user"] for e in edited.select_related("pgh_context")}
    assert User.objects.filter(pk__in=user_ids, role=Role.CASEMANAGER).exists()
