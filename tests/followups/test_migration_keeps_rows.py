"""Issue 16: moving the follow-ups and the surveys from quality to followups keeps every row.
The database goes back to before the move (quality 0009, followups unapplied: the tables are
quality_* again), gets one more row of each table the old way, and goes forward again: every
row is there under followups_*, the id sequences go on after the copied ids, and the content
types (and so the permissions on them) are the same rows, relabelled."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from followups.models import FollowUp, Respondent, SurveyInvitation, SurveyResponse

# Each worker of pytest-xdist has its own test database, so going back and forth is private.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("followups", None), ("quality", "0009_history")]
MODELS = (FollowUp, SurveyInvitation, SurveyResponse)


def _migrate(targets=None) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def _rows(cursor, table: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY id')
    return cursor.fetchall()


def _seed(case) -> None:
    today = timezone.localdate()
    FollowUp.objects.create(case=case, due_on=today, school=case.school)
    SurveyInvitation.objects.create(
        case=case,
        respondent=Respondent.CARE_COORDINATOR,
        region=case.region,
        period=today.replace(day=1),
        token_hash="a" * 64,
        expires_at=timezone.now() + timedelta(days=30),
    )
    SurveyResponse.objects.create(
        region=case.region,
        period=today.replace(day=1),
        respondent=Respondent.PARENT,
        satisfied=4,
        listened=5,
        clear=3,
        better=4,
        comment="Fijn geholpen.",
    )


def _seed_the_old_way(cursor, case) -> None:
    """One more row of each table, into quality's tables, by their old names."""
    cursor.execute(
        "INSERT INTO quality_followup (created_at, updated_at, case_id, due_on, school_id, "
        "progression, exam_result, outflow) "
        "VALUES (now(), now(), %s, current_date + 365, %s, '', '', '')",
        [case.pk, case.school_id],
    )
    cursor.execute(
        "INSERT INTO quality_surveyinvitation (created_at, updated_at, case_id, respondent, "
        "region_id, period, token_hash, expires_at) "
        "VALUES (now(), now(), %s, 'parent', %s, current_date, %s, now())",
        [case.pk, case.region_id, "b" * 64],
    )
    cursor.execute(
        "INSERT INTO quality_surveyresponse (id, region_id, period, respondent, satisfied, "
        "listened, clear, better, comment) "
        "VALUES (gen_random_uuid(), %s, current_date, 'parent', 1, 2, 3, 4, '')",
        [case.region_id],
    )


def test_the_move_to_the_followups_app_keeps_every_row(shared_case):
    _seed(shared_case)
    content_types = {m: ContentType.objects.get_for_model(m).pk for m in MODELS}
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'followups_%%'")
            assert cursor.fetchone()[0] == 0
            _seed_the_old_way(cursor, shared_case)
            before = {m: _rows(cursor, f"quality_{m._meta.model_name}") for m in MODELS}
        assert all(len(rows) == 2 for rows in before.values())

        _migrate()

        with connection.cursor() as cursor:
            for model, rows in before.items():
                assert _rows(cursor, model._meta.db_table) == rows, model
            cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'quality_%%'")
            assert cursor.fetchone()[0] == 0
        ContentType.objects.clear_cache()
        assert {m: ContentType.objects.get_for_model(m).pk for m in MODELS} == content_types
        assert not ContentType.objects.filter(app_label="quality").exists()
        # New rows get new ids after the copied ones (the sequences came along).
        newest = FollowUp.objects.create(
            case=shared_case,
            due_on=timezone.localdate() + timedelta(days=730),
            school=shared_case.school,
        )
        assert newest.pk > max(row[0] for row in before[FollowUp])
        assert SurveyInvitation.objects.filter(token_hash="b" * 64).exists()
    finally:
        _migrate()
