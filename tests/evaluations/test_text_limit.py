"""Issue 18: every free text has one limit (core.free_text.TEXT_LIMIT). More is refused beside
the field with all of the typed text kept; the limit itself prints whole, wrapped, in the PDFs."""

import io
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.encryption import EncryptedTextField
from core.free_text import TEXT_LIMIT, FreeTextField
from evaluations import services
from evaluations.models import EvaluationKind, Goal, LoadProfileVersion, Plan
from intake.models import Intake
from reports import documents
from tests.evaluations.conftest import make_plan
from tests.evaluations.test_flow import plan_post, review_post
from tests.evaluations.test_load_profile import profile_data

# One unbroken string (a pasted link, a row of characters) and ordinary words, each exactly at
# the limit, each with an end of its own to look for.
UNBROKEN = ("a1b2c3d4e5" * (TEXT_LIMIT // 10))[:-10] + "EINDESTUKX"
SENTENCE = "De leerling komt om negen uur op school en gaat om twaalf uur naar huis. "
WORDS = (SENTENCE * (TEXT_LIMIT // len(SENTENCE) + 1))[: TEXT_LIMIT - 20] + " Einde van de tekst."
TOO_LONG = "b" * (TEXT_LIMIT - 10) + " elf tekens"
MESSAGE = f"Maximaal {TEXT_LIMIT} tekens (u typte er {TEXT_LIMIT + 1})."


def test_the_texts_are_exactly_at_the_limit_and_one_over():
    assert len(UNBROKEN) == len(WORDS) == TEXT_LIMIT
    assert len(TOO_LONG) == TEXT_LIMIT + 1


def _refused_beside(response, html_id: str, text: str) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    error = re.search(rf'<[^>]+id="error_1_id_{re.escape(html_id)}"[^>]*>(.*?)</', page, re.S)
    assert error is not None, f"no error beside {html_id}"
    assert MESSAGE in " ".join(error.group(1).split())
    assert text in page  # all of it, to shorten and send again


def test_a_too_long_profile_text_is_refused_beside_the_field_and_kept(
    active_case, casemanager, login
):
    response = login(casemanager).post(
        reverse("evaluations:load_profile", args=[active_case.pk]),
        profile_data(general=TOO_LONG),
    )
    _refused_beside(response, "general", TOO_LONG)
    assert not LoadProfileVersion.objects.exists()


def test_a_too_long_pupil_view_of_the_plan_is_refused_beside_the_field(
    intake_case, casemanager, login
):
    response = login(casemanager).post(
        reverse("evaluations:plan_detail", args=[intake_case.pk]), plan_post(pupil_view=TOO_LONG)
    )
    _refused_beside(response, "pupil_view", TOO_LONG)
    assert not Plan.objects.filter(case=intake_case).exists()


def test_a_too_long_goal_is_refused_beside_the_field(intake_case, casemanager, login):
    make_plan(intake_case, casemanager, goals=0)
    response = login(casemanager).post(
        reverse("evaluations:goal_add", args=[intake_case.pk]),
        {
            "nieuw-doel-description": TOO_LONG,
            "nieuw-doel-actions": "Acties",
            "nieuw-doel-term": "6 weken",
            "nieuw-doel-responsible": "Mentor",
        },
    )
    _refused_beside(response, "nieuw-doel-description", TOO_LONG)
    assert not Goal.objects.exists()


def test_too_long_evaluation_texts_are_refused_beside_their_fields(active_case, casemanager, login):
    goals = list(active_case.plans.get().goals.all())
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    reviews = [{"achieved": "ja", "explanation": TOO_LONG}, {"achieved": "ja"}, {"achieved": "ja"}]
    response = login(casemanager).post(
        reverse("evaluations:evaluation_record", args=[active_case.pk, interim.pk]),
        review_post(interim, goals, reviews, participants=TOO_LONG),
    )
    _refused_beside(response, "participants", TOO_LONG)
    _refused_beside(response, f"goal-{goals[0].pk}-explanation", TOO_LONG)
    interim.refresh_from_db()
    assert interim.held_on is None


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    field = FreeTextField()
    typed = "a" * (TEXT_LIMIT - 2) + "\r\nb"  # the browser sends CR LF for one line break
    assert field.clean(typed) == "a" * (TEXT_LIMIT - 2) + "\nb"


def test_every_encrypted_text_of_the_product_refuses_more_than_the_limit():
    """The model rule, for writes that do not come through a form (services call full_clean):
    every free text about the pupil is an EncryptedTextField (core.encryption's policy)."""
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]
    assert len(fields) > 50  # intake, evaluations, casework, consent, meetings and histories
    for field in fields:
        field.run_validators("x" * TEXT_LIMIT)
        with pytest.raises(ValidationError) as refused:
            field.run_validators("x" * (TEXT_LIMIT + 1))
        assert refused.value.messages == [MESSAGE], field
        assert isinstance(field.formfield(), FreeTextField), field


def test_the_intake_form_refuses_a_too_long_answer(db):
    from intake.forms import IntakeForm

    form = IntakeForm(data={"support_question": TOO_LONG})
    assert not form.is_valid()
    assert form.errors["support_question"] == [MESSAGE]
    assert Intake._meta.get_field("support_question").formfield().max_length == TEXT_LIMIT


# --- the PDFs: the end of a text at the limit is printed, and every line fits the page ---------


def _lines(pdf: bytes) -> list[str]:
    return [
        line
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().split("\n")
    ]


def _assert_printed_whole_and_wrapped(pdf: bytes, *texts: str) -> None:
    lines = _lines(pdf)
    # A line of the A4 text column holds about 90 characters; an unbroken string that does
    # not wrap runs off the page as one line of 5000.
    longest = max(lines, key=len)
    assert len(longest) < 120, longest[:80]
    squeezed = re.sub(r"\s", "", "".join(lines))
    for text in texts:
        assert re.sub(r"\s", "", text[-300:]) in squeezed


def test_a_profile_with_texts_at_the_limit_prints_them_whole(active_case, casemanager):
    services.load_profile_save(
        case=active_case,
        by=casemanager,
        profile_date=timezone.localdate(),
        student_name="Anna de Vries",
        author_name="Dr. P. Bakker",
        author_function="gz-psycholoog",
        general=UNBROKEN,
        functioning=WORDS,
        interim_adjustment=UNBROKEN,
    )
    pdf = documents.document_pdf("belastbaarheidsprofiel", active_case)
    _assert_printed_whole_and_wrapped(pdf, UNBROKEN, WORDS)


def test_a_plan_with_texts_at_the_limit_prints_them_whole(intake_case, casemanager):
    plan = make_plan(intake_case, casemanager, goals=0)
    services.plan_save(
        case=intake_case,
        by=casemanager,
        expected_version=plan.version,
        pupil_view=WORDS,
    )
    services.goal_add(
        plan=plan,
        by=casemanager,
        description=UNBROKEN,
        actions=WORDS,
        term="6 weken",
        responsible="Mentor",
    )
    pdf = documents.document_pdf("plan", intake_case)
    _assert_printed_whole_and_wrapped(pdf, UNBROKEN, WORDS)
