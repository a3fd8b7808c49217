"""The Geschiedenis page: who changed which field when, old and new value; never the BSN."""

import pghistory
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from casework.models import AccessAction, AccessLogEntry, Case, CaseEvent, Student, StudentEvent
from consent.models import Consent, ConsentEvent
from evaluations.models import BuildUpWeek, GoalEvent, PlanEvent
from history.selectors import EVENT_MODELS, TRACKED, case_event_querysets, case_history
from history.services import history_purge_anonymised
from meetings.models import Meeting
from tests.factories import CaseFactory, StudentFactory

pytestmark = pytest.mark.django_db

BSN = "123456782"


def test_a_change_made_through_the_ui_shows_field_old_new_author_and_time(
    login, casemanager, coordinator, shared_case
):
    client = login(casemanager)
    response = client.post(
        reverse("casework:case_update_situation", args=[shared_case.pk]),
        {"situation-scenario": "b"},
    )
    assert response.status_code == 302
    shared_case.refresh_from_db()
    assert shared_case.scenario == "b"

    page = login(coordinator).get(reverse("history:case_history", args=[shared_case.pk]))
    assert page.status_code == 200
    entry = next(e for e in page.context["entries"] if e.record == "Casus")
    assert entry.action == "gewijzigd"
    assert entry.user == str(casemanager)
    assert (timezone.now() - entry.at).total_seconds() < 60
    change = next(c for c in entry.changes if c.label == "scenario")
    assert change.old == "—"
    assert change.new.startswith("B")  # the label, "B terug-naar-school"
    html = page.content.decode()
    assert "scenario" in html.lower() and str(casemanager) in html


def test_consecutive_versions_are_compared_and_unchanged_saves_left_out(casemanager, shared_case):
    from evaluations.models import Goal

    goal = Goal.objects.get(plan__case=shared_case)
    with pghistory.context(user=casemanager.pk):
        Goal.objects.filter(pk=goal.pk).update(term="8 weken")
        goal.refresh_from_db()
        goal.save()  # no change: no event
    entries, truncated = case_history(shared_case)
    assert not truncated
    goal_entries = [e for e in entries if e.record.startswith("Doel")]
    assert [e.action for e in goal_entries] == ["gewijzigd", "aangemaakt"]
    assert [(c.label, c.old, c.new) for c in goal_entries[0].changes] == [
        ("tijdspad/termijn", "6 weken", "8 weken")
    ]
    assert goal_entries[0].user == str(casemanager)


def test_history_never_holds_or_shows_the_bsn(login, coordinator, shared_case):
    student = shared_case.student
    student.set_bsn(BSN)
    student.save()
    Student.objects.filter(pk=student.pk).update(class_name="3C")
    field_names = {f.name for f in StudentEvent._meta.fields}
    assert not {"bsn", "bsn_digest"} & field_names
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM casework_studentevent")
        rows = cursor.fetchall()
    assert rows and not any(BSN in str(value) for row in rows for value in row)
    html = login(coordinator).get(reverse("history:case_history", args=[shared_case.pk]))
    text = html.content.decode()
    assert "3C" in text
    assert BSN not in text and BSN[-4:] not in text


def test_no_event_model_has_a_bsn_column():
    for event_model in EVENT_MODELS:
        columns = {f.column for f in event_model._meta.fields}
        assert not {"bsn", "bsn_digest"} & columns, event_model


# Never in a history table: the BSN (even encrypted), its search digest and the pseudonym; the
# consent's derived fields; row timestamps (the event has its own), so that touching a row
# without changing it records nothing.
ALWAYS_EXCLUDED = {"created_at", "updated_at"}
EXCLUDED = {
    Student: {"bsn", "bsn_digest", "pseudonym"},
    Consent: {"missing", "signed_file_type"},
}


def test_every_field_of_a_tracked_model_is_tracked_or_deliberately_left_out():
    """Every field a tracked model has is in its event model (pghistory copies them all; the
    @pghistory.track(exclude=...) of the model leaves out exactly these)."""
    for event_model in EVENT_MODELS:
        tracked = event_model.pgh_tracked_model
        kept = {f.name for f in event_model._meta.fields if not f.name.startswith("pgh_")}
        left_out = ALWAYS_EXCLUDED | EXCLUDED.get(tracked, set())
        local = {f.name for f in tracked._meta.local_fields}
        assert local - kept == left_out & local, tracked.__name__


def test_triggers_are_installed_for_every_event_model():
    """Insert, update and delete, per statement (pghistory's, installed by pgtrigger's
    migrations), and none of the hand-made ones of before."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE p.prosrc LIKE '%%_pgh_attach_context%%' "
            "AND t.tgtype & 1 = 0"  # bit 0 clear: FOR EACH STATEMENT
        )
        assert cursor.fetchone()[0] == 3 * len(EVENT_MODELS)
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'quality_h_%%'")
        assert cursor.fetchone()[0] == 0


def test_bulk_create_records_insert_events(db):
    students = StudentFactory.build_batch(3)
    Student.objects.bulk_create(students)
    assert StudentEvent.objects.filter(pgh_label="insert").count() >= 3


def test_history_of_anonymised_cases_is_purged(shared_case, casemanager):
    other = CaseFactory(school=shared_case.school, casemanager=casemanager)
    assert CaseEvent.objects.filter(pgh_obj_id=shared_case.pk).exists()
    Case.objects.filter(pk=shared_case.pk).update(anonymised_at=timezone.now())
    assert history_purge_anonymised() > 0
    assert not CaseEvent.objects.filter(pgh_obj_id=shared_case.pk).exists()
    assert not PlanEvent.objects.filter(case_id=shared_case.pk).exists()
    assert not GoalEvent.objects.filter(plan__case=shared_case).exists()
    assert CaseEvent.objects.filter(pgh_obj_id=other.pk).exists()
    assert history_purge_anonymised() == 0


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "casemanager"])
def test_history_page_for_coordinator_and_casemanager_and_logged(request, login, shared_case, who):
    user = request.getfixturevalue(who)
    response = login(user).get(reverse("history:case_history", args=[shared_case.pk]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(
        user=user, case=shared_case, action=AccessAction.VIEW, detail="geschiedenis"
    ).exists()


@pytest.mark.parametrize(
    "who",
    ["behavioural_expert", "partner", "other_school_expert", "other_region_casemanager"],
)
def test_history_page_is_404_for_others(request, login, shared_case, who):
    url = reverse("history:case_history", args=[shared_case.pk])
    assert login(request.getfixturevalue(who)).get(url).status_code == 404


def test_history_page_of_another_casemanagers_case_is_404(login, region, shared_case):
    from accounts.models import Role
    from tests.factories import UserFactory

    colleague = UserFactory(role=Role.CASEMANAGER, region=region)
    url = reverse("history:case_history", args=[shared_case.pk])
    assert login(colleague).get(url).status_code == 404


def test_history_page_refuses_post(login, coordinator, shared_case):
    url = reverse("history:case_history", args=[shared_case.pk])
    assert login(coordinator).post(url).status_code == 405


def test_history_page_query_count_does_not_grow_with_the_changes(
    login, coordinator, casemanager, shared_case, django_assert_max_num_queries
):
    from evaluations.models import Goal

    client = login(coordinator)
    url = reverse("history:case_history", args=[shared_case.pk])
    goal = Goal.objects.get(plan__case=shared_case)
    with pghistory.context(user=casemanager.pk):
        Goal.objects.filter(pk=goal.pk).update(term="7 weken")
    client.get(url)
    with django_assert_max_num_queries(45) as first:
        client.get(url)
    with pghistory.context(user=casemanager.pk):
        for term in ("8 weken", "9 weken"):
            Goal.objects.filter(pk=goal.pk).update(term=term)
        shared_case.student.class_name = "4A"
        shared_case.student.save()
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url)
    assert "9 weken" in page.content.decode()


def test_the_consents_choice_to_share_the_intake_is_in_the_history(casemanager, shared_case):
    consent = Consent.objects.valid().get(case=shared_case)
    with pghistory.context(user=casemanager.pk):
        Consent.objects.filter(pk=consent.pk).update(shares_intake=True)
    event = ConsentEvent.objects.filter(pgh_obj_id=consent.pk).latest("pgh_id")
    assert event.shares_intake is True
    entries, _truncated = case_history(shared_case)
    entry = next(e for e in entries if e.record.startswith("Toestemming"))
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("ook de intake delen", "nee", "ja")
    ]


def test_the_anonymisation_signal_purges_only_that_cases_history(shared_case, casemanager):
    """The receiver of case_anonymised purges the one case; another anonymised case whose
    purge is still due is left to the daily retention run."""
    from casework.signals import case_anonymised

    earlier = CaseFactory(school=shared_case.school, casemanager=casemanager)
    Case.objects.filter(pk__in=[shared_case.pk, earlier.pk]).update(anonymised_at=timezone.now())
    case_anonymised.send(sender=Case, case_id=shared_case.pk)
    assert not CaseEvent.objects.filter(pgh_obj_id=shared_case.pk).exists()
    assert CaseEvent.objects.filter(pgh_obj_id=earlier.pk).exists()
    assert history_purge_anonymised() > 0
    assert not CaseEvent.objects.filter(pgh_obj_id=earlier.pk).exists()


def test_the_old_address_redirects_permanently_to_the_new_one(login, coordinator, shared_case):
    old = f"/kwaliteit/{shared_case.pk}/geschiedenis/"
    new = reverse("history:case_history", args=[shared_case.pk])
    assert new == f"/casussen/{shared_case.pk}/geschiedenis/"
    response = login(coordinator).get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_old_address_is_404_for_others(login, partner, shared_case):
    old = f"/kwaliteit/{shared_case.pk}/geschiedenis/"
    assert login(partner).get(old, follow=True).status_code == 404


def test_every_tracked_model_is_in_the_registry_and_in_the_case_history():
    """TRACKED is read from the app registry: a model that gets @track_history later is in
    it, and must then be linked to its case in case_event_querysets, or this test fails."""
    assert len(TRACKED) == 17
    assert {Case, Consent, Meeting, BuildUpWeek} <= set(TRACKED)
    assert {event_model for event_model, _condition in case_event_querysets([1])} == set(
        EVENT_MODELS
    )
