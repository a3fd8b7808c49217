"""One policy (core.encryption): every free text about a pupil is encrypted at rest, in its own
table and in its history copy. The raw PostgreSQL column never holds the clear text, the model
reads it back, and the history triggers still copy the columns (same types on both sides)."""

from datetime import date

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from core.encryption import (
    EncryptedCharField,
    EncryptedTextField,
    encrypt_in_place,
    history_update_triggers,
)
from evaluations import services
from evaluations.models import (
    Evaluation,
    EvaluationKind,
    Goal,
    GoalReview,
    LoadProfileVersion,
    Plan,
)
from history.selectors import EVENT_MODELS
from intake.models import Registration
from meetings import services as meeting_services
from meetings.models import MeetingAction, MeetingItem, MeetingKind
from tests.intake.factories import RegistrationFactory

ENCRYPTED = {
    Plan: ["pupil_view"],
    Goal: ["description", "actions"],
    Evaluation: ["participants", "pupil_view", "notes"],
    GoalReview: ["explanation", "extra_actions", "needed"],
    LoadProfileVersion: [
        "general",
        "development_perspective",
        "functioning",
        "schedule_load",
        "free_moments_load",
        "specific_agreements",
        "home_load",
        "overload_signals",
        "signal_judged_by",
        "school_addition",
        "joint_goals",
        "agreed_with",
        "evaluated_with",
        "interim_adjustment",
    ],
    MeetingItem: ["minutes"],
    MeetingAction: ["description"],
    Registration: ["opp_exit_destination"],
}
# Free text in these apps that is not about a pupil (see the policy in core.encryption).
NOT_ABOUT_THE_PUPIL = {
    ("meetings", "Meeting", "other_attendees"),
    ("meetings", "MeetingEvent", "other_attendees"),  # its history copy, as plain
}


def _raw(table: str, column: str, pk_column: str, pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{pk_column}" = %s', [pk])
        return cursor.fetchone()[0]


def _event_model(model):
    return next(e for e in EVENT_MODELS if e.pgh_tracked_model is model)


@pytest.fixture
def dossier(active_case, casemanager, coordinator):
    """One row of every model with free text about the pupil."""
    evaluation = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    services.evaluation_record(
        evaluation=evaluation,
        by=casemanager,
        expected_version=evaluation.version,
        held_on=timezone.localdate(),
        participants="mentor",
        reviews=[
            services.ReviewInput(goal=goal, achieved=False, explanation="x", extra_actions="y")
            for goal in evaluation.plan.goals.active()
        ],
    )
    services.load_profile_save(
        case=active_case,
        by=casemanager,
        profile_date=active_case.registered_on,
        student_name="Anna",
        author_name="Drs. P. Bakker",
        author_function="gz-psycholoog",
        general="x",
    )
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    item = meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    meeting_services.meeting_record_minutes(
        item=item,
        by=coordinator,
        minutes="besproken",
        actions=[{"description": "bellen", "owner": "mentor", "due_on": date(2026, 12, 10)}],
    )
    RegistrationFactory(case=active_case)
    return active_case


def test_the_policy_covers_every_free_text_field_of_evaluations_meetings_and_intake():
    unencrypted = []
    for app_label in ("evaluations", "meetings", "intake"):
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.concrete_fields:
                encrypted = isinstance(field, EncryptedTextField | EncryptedCharField)
                # pghistory's own columns of the event models (the label) say nothing of the pupil.
                if field.name == "pgh_label":
                    continue
                if isinstance(field, models.TextField) and not encrypted:
                    unencrypted.append((app_label, model.__name__, field.name))
    assert set(unencrypted) == NOT_ABOUT_THE_PUPIL
    for model, names in ENCRYPTED.items():
        for name in names:
            field = model._meta.get_field(name)
            assert isinstance(field, EncryptedTextField | EncryptedCharField), (model, name)
            event_field = _event_model(model)._meta.get_field(name)
            assert type(event_field) is type(field), (model, name)


def test_free_text_is_encrypted_in_the_table_and_in_its_history(dossier):
    checked = 0
    for model, names in ENCRYPTED.items():
        obj = model.objects.filter(**_case_filter(model, dossier)).first()
        assert obj is not None, model
        clear = {name: f"Geheim over de leerling {model.__name__}.{name}" for name in names}
        model.objects.filter(pk=obj.pk).update(**clear)  # one statement: one history row
        stored = model.objects.get(pk=obj.pk)
        event_model = _event_model(model)
        event = event_model.objects.filter(pgh_obj_id=obj.pk).order_by("-pgh_id").first()
        assert event is not None and event.pgh_label == "update", model
        for name, text in clear.items():
            column = model._meta.get_field(name).column
            raw = _raw(model._meta.db_table, column, "id", obj.pk)
            assert raw and text not in raw and "Geheim" not in raw, (model, name)
            assert getattr(stored, name) == text
            raw_history = _raw(event_model._meta.db_table, column, "pgh_id", event.pgh_id)
            assert raw_history and "Geheim" not in raw_history, (model, name)
            assert getattr(event, name) == text
            checked += 1
    assert checked == sum(len(names) for names in ENCRYPTED.values()) == 26


def _case_filter(model, case) -> dict:
    paths = {
        Plan: "case",
        Goal: "plan__case",
        Evaluation: "case",
        GoalReview: "evaluation__case",
        LoadProfileVersion: "profile__case",
        MeetingItem: "case",
        MeetingAction: "item__case",
        Registration: "case",
    }
    return {paths[model]: case}


def test_an_empty_text_stays_empty_and_filterable(active_case):
    plan = active_case.plans.get()
    Plan.objects.filter(pk=plan.pk).update(pupil_view="")
    assert _raw("evaluations_plan", "pupil_view", "id", plan.pk) == ""
    assert Plan.objects.get(pk=plan.pk).pupil_view == ""
    assert not Plan.objects.filter(pk=plan.pk).exclude(pupil_view="").exists()


def test_history_columns_have_the_types_of_the_tracked_columns(db):
    """The triggers copy column to column: a type mismatch (varchar(200) against a ciphertext
    in text) would break every write of the tracked table."""

    def types(table):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name, data_type, character_maximum_length "
                "FROM information_schema.columns WHERE table_name = %s",
                [table],
            )
            return {name: (kind, length) for name, kind, length in cursor.fetchall()}

    mismatches = []
    for event_model in EVENT_MODELS:
        tracked = event_model.pgh_tracked_model
        tracked_types, event_types = (
            types(tracked._meta.db_table),
            types(event_model._meta.db_table),
        )
        for field in event_model._meta.concrete_fields:
            if field.name.startswith("pgh_"):
                continue
            if tracked_types.get(field.column) != event_types[field.column]:
                mismatches.append((event_model.__name__, field.column))
    assert mismatches == []
    assert types("intake_registration")["opp_exit_destination"] == ("text", None)


def test_the_data_migration_encrypts_clear_rows_once_and_records_no_history(active_case):
    plan = active_case.plans.get()
    events = _event_model(Plan).objects.filter(pgh_obj_id=plan.pk)
    with connection.cursor() as cursor:  # a row from before the migration: clear text
        cursor.execute(
            "UPDATE evaluations_plan SET pupil_view = %s WHERE id = %s",
            ["Oude tekst in klare taal", plan.pk],
        )
    before = events.count()
    triggers = history_update_triggers("evaluations_plan")
    assert encrypt_in_place(
        connection, "evaluations_plan", ["pupil_view"], ignore_triggers=triggers
    )
    raw = _raw("evaluations_plan", "pupil_view", "id", plan.pk)
    assert "klare taal" not in raw
    assert Plan.objects.get(pk=plan.pk).pupil_view == "Oude tekst in klare taal"
    assert events.count() == before  # the rewrite is no change anyone made
    assert encrypt_in_place(connection, "evaluations_plan", ["pupil_view"]) == 0  # idempotent

    # The history rows the same way.
    event = events.order_by("-pgh_id").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE evaluations_planevent SET pupil_view = %s WHERE pgh_id = %s",
            ["Oude geschiedenis", event.pgh_id],
        )
    encrypt_in_place(connection, "evaluations_planevent", ["pupil_view"], pk="pgh_id")
    assert "Oude" not in _raw("evaluations_planevent", "pupil_view", "pgh_id", event.pgh_id)
    assert _event_model(Plan).objects.get(pgh_id=event.pgh_id).pupil_view == "Oude geschiedenis"
