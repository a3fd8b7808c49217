"""Issue 20: a model's CheckConstraints are checked by PostgreSQL on the write, not by a
query per constraint in every full_clean; a write the database refuses comes back as the
constraint's Dutch message beside the field it names (core.models.DatabaseCheckedModel)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.services import case_update_situation
from intake.models import Intake
from tests.factories import CaseFactory
from tests.intake.factories import IntakeFactory

pytestmark = pytest.mark.django_db

OFFER_BEFORE_ABSENCE = "Passend aanbod kan niet beginnen voordat de leerling thuis kwam te zitten."


def test_full_clean_asks_no_constraint_query_and_the_database_refuses_the_write(school):
    intake = IntakeFactory(case__school=school)
    intake.happiness_score = 11  # past intake_happiness_score_0_10
    with CaptureQueriesContext(connection) as queries:
        intake.validate_constraints()
    assert queries.captured_queries == []

    with pytest.raises(ValidationError) as refused, transaction.atomic():
        intake.save()
    assert refused.value.message_dict == {
        "happiness_score": ["Het cijfer voor geluksgevoel ligt tussen 0 en 10."]
    }
    assert Intake.objects.get().happiness_score is None


def test_a_constraint_on_fields_the_form_lacks_is_refused_above_it(school):
    intake = IntakeFactory(case__school=school)
    intake.completed_at = timezone.now()  # without completed_by: intake_completed_with_by
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        intake.save()
    assert refused.value.message_dict == {
        "completed_at": ["Een afgeronde intake heeft een afronder."]
    }


def test_the_service_reports_the_databases_refusal_by_field(casemanager, school):
    case = CaseFactory(school=school, casemanager=casemanager)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        case_update_situation(
            case=case,
            by=casemanager,
            absent_since=today - timedelta(days=5),
            offer_since=today - timedelta(days=10),
        )
    assert refused.value.message_dict == {"offer_since": [OFFER_BEFORE_ABSENCE]}
    case.refresh_from_db()
    assert case.offer_since is None and not case.timeline.filter(kind="situation").exists()


def test_the_refusal_sits_beside_the_field_and_keeps_what_was_typed(login, casemanager, case):
    today = timezone.localdate()
    absent, offer = today - timedelta(days=5), today - timedelta(days=10)
    with CaptureQueriesContext(connection) as queries:
        response = login(casemanager).post(
            reverse("casework:case_update_situation", args=[case.pk]),
            {
                "situation-absent_since": absent.isoformat(),
                "situation-offer_since": offer.isoformat(),
                "situation-absence_kind": "relative",
            },
        )
    assert response.status_code == 200
    form = response.context["situation_form"]
    assert form.errors == {"offer_since": [OFFER_BEFORE_ABSENCE]}
    html = response.content.decode()
    assert OFFER_BEFORE_ABSENCE in html
    assert offer.isoformat() in html and absent.isoformat() in html
    assert not any('"_check"' in query["sql"] for query in queries.captured_queries)
    case.refresh_from_db()
    assert case.absent_since is None and case.absence_kind != "relative"
