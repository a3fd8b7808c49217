"""Issue 20: saving the intake ("Tussentijds opslaan") validates the answers once, and asks the
database nothing it checks itself on the write (the CheckConstraints, the foreign keys in hand)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake.models import Intake

from .factories import IntakeFactory

pytestmark = pytest.mark.django_db

# The session and the user; the case (access) and the access-log row; in the service's
# savepoint: the case locked, the stored intake, its update and the timeline line.
INTAKE_POST_QUERIES = 10


def test_saving_the_intake_in_between_runs_a_fixed_number_of_queries(login, casemanager, school):
    intake = IntakeFactory(
        case__school=school, case__casemanager=casemanager, completed=True, leisure="Judo"
    )
    client = login(casemanager)
    url = reverse("intake:intake_edit", args=[intake.case_id])

    def post(leisure):
        version = Intake.objects.values_list("version", flat=True).get(pk=intake.pk)
        data = {"action": "save", "version": version, "leisure": leisure, "happiness_score": 6}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
        assert response.status_code == 302
        return [query["sql"] for query in queries.captured_queries]

    post("Voetbal")  # warm: the session's renewal save and the like
    queries = post("Tekenen")

    assert len(queries) == INTAKE_POST_QUERIES, "\n".join(queries)
    assert not any('"_check"' in sql for sql in queries)  # no constraint asked in Python
    assert not any('SELECT 1 AS "a" FROM "accounts_user"' in sql for sql in queries)
    intake.refresh_from_db()
    assert intake.leisure == "Tekenen" and intake.happiness_score == 6
