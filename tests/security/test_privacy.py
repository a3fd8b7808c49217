"""Issue 8: append-only access log, encryption at rest, retention, right of access."""

import io
import json
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from casework.models import AccessLogEntry, Case, Student
from casework.privacy import anonymise_expired, case_anonymise, retention_deadline
from tests.factories import CaseFactory, GuardianFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(school, casemanager):
    student = StudentFactory(first_name="Noor", last_name="Jansen", bsn="111222333")
    GuardianFactory(student=student, name="Ellen Jansen", email="ellen@example.nl")
    return CaseFactory(
        school=school,
        casemanager=casemanager,
        student=student,
        closed=True,
        registered_on=date(2022, 9, 1),
        closed_on=date(2023, 3, 15),
        closing_agreements="Mentor belt elke week met moeder.",
    )


def test_the_database_refuses_update_and_delete_on_the_access_log(client, coordinator, case):
    client.force_login(coordinator)
    client.get(f"/casussen/{case.pk}/")
    entry = AccessLogEntry.objects.filter(case=case).latest("at")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(detail="weggepoetst")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casework_accesslogentry SET username = 'x' WHERE id = %s", [entry.pk]
        )


def test_the_bsn_is_stored_as_ciphertext_and_found_by_keyed_hash(closed_case):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bsn, bsn_digest FROM casework_student WHERE id = %s", [closed_case.student_id]
        )
        raw_bsn, digest = cursor.fetchone()
    assert "111222333" not in raw_bsn
    assert digest and "111222333" not in digest
    assert Student.objects.get(pk=closed_case.student_id).bsn == "111222333"


def test_retention_is_refused_one_day_before_the_limit_and_done_one_day_after(closed_case):
    deadline = retention_deadline(closed_case)
    assert deadline == date(2026, 3, 15)  # 3 years, the region default
    with pytest.raises(ValidationError):
        case_anonymise(case=closed_case, today=deadline - timedelta(days=1))
    assert anonymise_expired(today=deadline - timedelta(days=1)) == []

    done = anonymise_expired(today=deadline + timedelta(days=1))
    assert [c.pk for c in done] == [closed_case.pk]
    case = Case.objects.get(pk=closed_case.pk)
    student = case.student
    assert case.anonymised_at is not None
    assert case.closing_agreements == ""
    assert student.first_name == "Geanonimiseerd" and student.last_name == ""
    assert student.bsn is None and student.bsn_digest == ""
    assert not student.guardians.exists()
    # Aggregate figures survive.
    assert case.closed_on == date(2023, 3, 15) and case.outcome == closed_case.outcome


def test_anonymisation_keeps_the_access_log_with_the_pseudonym(client, coordinator, closed_case):
    client.force_login(coordinator)
    client.get(f"/casussen/{closed_case.pk}/")
    pseudonym = closed_case.student.pseudonym
    case_anonymise(case=closed_case, today=date(2026, 3, 16))
    assert AccessLogEntry.objects.filter(student_pseudonym=pseudonym, case=closed_case).exists()


def test_anonymisation_of_a_case_with_several_survey_invitations(closed_case):
    """Every closed case gets survey invitations (one per parent and the school); their
    unique token hashes must survive the blanking of the case's records."""
    from followups.models import SurveyInvitation
    from followups.services import surveys_create_for_case

    GuardianFactory(student=closed_case.student, name="Karim Jansen", email="karim@example.nl")
    closed_case.school.contact_email = "zorg@dollard.example.nl"
    closed_case.school.save()
    assert len(surveys_create_for_case(closed_case)) == 3
    case_anonymise(case=closed_case, today=retention_deadline(closed_case) + timedelta(days=1))
    invitations = SurveyInvitation.objects.filter(case=closed_case)
    assert invitations.count() == 3
    assert not invitations.filter(guardian__isnull=False).exists()  # the parents are gone


def test_retention_dry_run_lists_without_changing(closed_case):
    out = io.StringIO()
    call_command("retention", "--dry-run", "--as-of", "2026-03-16", stdout=out)
    assert closed_case.reference in out.getvalue()
    assert Case.objects.get(pk=closed_case.pk).anonymised_at is None


def test_a_longer_region_term_keeps_the_case(closed_case):
    closed_case.region.retention_years = 20
    closed_case.region.save()
    assert anonymise_expired(today=date(2026, 3, 16)) == []


def test_the_access_export_holds_every_field_of_the_pupil(client, coordinator, closed_case):
    client.force_login(coordinator)
    response = client.get(f"/casussen/{closed_case.pk}/inzage.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"gegevens.json", "toegangslog.csv", "LEESMIJ.txt"} <= set(archive.namelist())
    rows = json.loads(archive.read("gegevens.json"))
    pupil = next(r for r in rows if r["model"] == "casework.Student")
    for field in Student._meta.concrete_fields:
        assert str(field.verbose_name) in pupil, field.name
    assert pupil["BSN"] == "111222333"
    assert any(r["model"] == "casework.Guardian" and r["naam"] == "Ellen Jansen" for r in rows)
    assert any(r["model"] == "casework.Case" for r in rows)
    assert "inzage-export" in archive.read("toegangslog.csv").decode()
    assert AccessLogEntry.objects.filter(case=closed_case, action="export").exists()


def test_the_access_export_speaks_words_not_codes(client, coordinator, closed_case):
    """Issue 19, finding 6: labels instead of choice codes, dates in words, local times, a
    LEESMIJ that says what the archive holds."""
    student = closed_case.student
    student.gender, student.level = "f", "vso_labour"
    student.birth_date = date(2011, 4, 9)
    student.save()
    client.force_login(coordinator)
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/casussen/{closed_case.pk}/inzage.zip").content)
    )
    text = archive.read("gegevens.json").decode()
    rows = json.loads(text)
    pupil = next(r for r in rows if r["model"] == "casework.Student")
    assert pupil["geslacht"] == "meisje"
    assert pupil["niveau"] == student.get_level_display() != "vso_labour"
    assert pupil["geboortedatum"] == "9 april 2011"
    case = next(r for r in rows if r["model"] == "casework.Case")
    assert case["datum afsluiting"] == "15 maart 2023"
    assert case["school van inschrijving"] == str(closed_case.school)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date or time in gegevens.json"
    readme = archive.read("LEESMIJ.txt").decode()
    assert "gegevens.json" in readme and "toegangslog.csv" in readme
    assert "geen documenten" in readme
    assert not [n for n in archive.namelist() if n.startswith("documenten/")]


def test_the_access_log_page_is_for_the_coordinator_and_is_itself_logged(
    client, coordinator, casemanager, closed_case
):
    client.force_login(coordinator)
    response = client.get(f"/casussen/{closed_case.pk}/toegangslog/")
    assert response.status_code == 200
    assert (
        "toegangslog ingezien" in response.content.decode()
        or AccessLogEntry.objects.filter(detail="toegangslog ingezien").exists()
    )
    assert (
        AccessLogEntry.objects.filter(case=closed_case, detail="toegangslog ingezien").count() == 1
    )
    client.force_login(casemanager)
    assert client.get(f"/casussen/{closed_case.pk}/toegangslog/").status_code == 404
    assert client.get(f"/casussen/{closed_case.pk}/inzage.zip").status_code == 404


def test_the_access_log_names_the_user_and_the_role_in_words(client, coordinator, closed_case):
    """Issue 19, finding 6: the name beside the username, the role's label, local time."""
    coordinator.first_name, coordinator.last_name = "Sjoerd", "Giselmeyer"
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(f"/casussen/{closed_case.pk}/toegangslog/").content.decode()
    row = f"<td>Sjoerd Giselmeyer ({coordinator.username})</td><td>Coördinator</td>"
    assert row in page
    export = client.get(f"/casussen/{closed_case.pk}/inzage.zip")
    log = zipfile.ZipFile(io.BytesIO(export.content)).read("toegangslog.csv").decode()
    [line] = [line for line in log.splitlines() if "toegangslog ingezien" in line]
    moment, user, role = line.split(";")[:3]
    assert (user, role) == (f"Sjoerd Giselmeyer ({coordinator.username})", "Coördinator")
    assert re.fullmatch(
        r"\d{1,2} [a-z]+ \d{4} \d{2}:\d{2}:\d{2}", moment
    )  # 3 december 2026 11:34:20


def test_privacy_views_answer_404_to_outsiders(
    client, other_region_casemanager, other_school_expert, closed_case
):
    for user in (other_region_casemanager, other_school_expert):
        client.force_login(user)
        assert client.get(f"/casussen/{closed_case.pk}/toegangslog/").status_code == 404
        assert client.get(f"/casussen/{closed_case.pk}/inzage.zip").status_code == 404
    assert AccessLogEntry.objects.filter(action="denied").count() >= 4


def test_anonymisation_drops_the_change_history_and_cached_pdfs(
    closed_case, django_capture_on_commit_callbacks
):
    from casework.models import CaseEvent, StudentEvent
    from evaluations import pdf_cache
    from evaluations.models import Plan

    plan = Plan.objects.create(
        case=closed_case,
        drawn_up_on=date(2022, 10, 1),
        director_name="Fatima",
        director_organisation="Plusvoorziening",
        director_email="f@example.nl",
    )
    cached = pdf_cache._cache_dir() / f"plan-{plan.pk}-test.pdf"
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(b"%PDF-")
    assert CaseEvent.objects.filter(pgh_obj_id=closed_case.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        case_anonymise(case=closed_case, today=date(2026, 3, 16))

    assert not cached.exists()
    assert not CaseEvent.objects.filter(pgh_obj_id=closed_case.pk).exists()
    assert not StudentEvent.objects.filter(pgh_obj_id=closed_case.student_id).exists()


def test_every_encrypted_field_shares_one_derivation_of_the_keys():
    from core.encryption import SharedKeysMixin
    from intake.models import Intake, Registration

    fields = [
        field
        for model in (Student, Intake, Registration)
        for field in model._meta.concrete_fields
        if isinstance(field, SharedKeysMixin)
    ]
    assert len(fields) > 30
    assert len({id(field.keys) for field in fields}) == 1


def test_a_refused_value_leaves_the_field_able_to_decrypt(closed_case):
    """django-fernet-encrypted-fields marks the field during clean and unmarks it only on
    success: a BSN refused by full_clean made every later read in the process return the
    token (found by a test order in CI)."""
    student = Student.objects.get(pk=closed_case.student_id)
    student.bsn = "123456789"  # fails the 11-proef
    with pytest.raises(ValidationError):
        student.full_clean()
    assert Student.objects.get(pk=closed_case.student_id).bsn == "111222333"
