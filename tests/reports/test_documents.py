import io
import logging
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry
from evaluations import pdf_cache
from evaluations import services as evaluation_services
from intake.models import Intake
from reports import documents

from .conftest import GOALS, XSS, make_plan_case


def pdf_pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))


def plan_url(case, document="plan"):
    return reverse("reports:case_pdf", args=[case.pk, document])


def make_load_profile(case, by):
    base = {
        "profile_date": date(2026, 11, 2),
        "student_name": case.student.full_name,
        "author_name": "Drs. P. Bakker",
        "author_function": "orthopedagoog-generalist",
        "general": "Eerste versie: halve dagen.",
    }
    evaluation_services.load_profile_save(case=case, by=by, **base)
    evaluation_services.load_profile_save(
        case=case, by=by, expected_version=1, **{**base, "general": "Tweede versie: hele dagen."}
    )


def test_plan_pdf_has_goals_dates_names_evaluations_and_page_numbers(
    evaluated_plan_case, casemanager, login
):
    response = login(casemanager).get(plan_url(evaluated_plan_case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    text = " ".join(pages)
    for goal in GOALS:
        assert goal in text
    assert "Sanne de Vries" in text
    assert "Mohamed El Amrani" in text and "Mevrouw Jansen" in text
    assert "5 oktober 2026" in text  # drawn up
    assert "16 november 2026" in text  # interim evaluation held
    assert "5 januari 2027" in text  # evaluatie na 3 maanden
    assert "Mentor haalt haar op bij de ingang." in text
    assert "Taskforce Veendam" in text and evaluated_plan_case.reference in text
    assert f"pagina 1 van {len(pages)}" in pages[0]
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1]
    # Running header and footer on every page: region, document title, case reference.
    for page in pages[1:]:
        assert "Taskforce Veendam" in page and "Plan van aanpak" in page
        assert evaluated_plan_case.reference in page
    entry = AccessLogEntry.objects.filter(action=AccessAction.PRINT).get()
    assert entry.case == evaluated_plan_case and "Plan van aanpak" in entry.detail


def test_plan_pdf_is_tagged_with_language_and_title(plan_case, coordinator, login):
    response = login(coordinator).get(plan_url(plan_case))
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") == "nl"
    assert "/StructTreeRoot" in catalog
    assert plan_case.reference in reader.metadata.title


def test_stored_xss_in_a_goal_is_literal_text_in_the_pdf_and_escaped_in_html(
    plan_case, casemanager, login
):
    text = pdf_text(login(casemanager).get(plan_url(plan_case)).content)
    assert f"Rooster wordt aangepast {XSS}" in text
    html = documents.document_html("plan", plan_case)
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_xss_in_a_school_name_is_escaped_on_the_reports_page(region, coordinator, login):
    from tests.factories import CaseFactory, SchoolFactory

    school = SchoolFactory(region=region, name=XSS, brin="66XX")
    CaseFactory(
        school=school, absent_since=timezone.localdate(), registered_on=timezone.localdate()
    )
    body = login(coordinator).get(reverse("reports:index")).content.decode()
    assert XSS not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_intake_pdf_has_questions_answers_and_page_numbers(plan_case, casemanager, login):
    Intake.objects.create(
        case=plan_case,
        support_question="Hoe komt Sanne weer op school?",
        signal_anxiety=True,
        signal_bullying=False,
        happiness_score=6,
    )
    response = login(casemanager).get(plan_url(plan_case, "intake"))
    assert response.status_code == 200
    pages = pdf_pages(response.content)
    text = " ".join(pages)
    assert "Hoe komt Sanne weer op school?" in text
    assert "Is er sprake van angst?" in text
    assert "Sanne de Vries" in text and "Karin de Vries" in text
    assert "Situatie thuis" in text and "Inhoud" in text
    assert f"pagina 1 van {len(pages)}" in pages[0]


def test_the_intake_pdf_asks_each_question_of_the_registration_and_intake_forms_once(plan_case):
    # Issue 16: the PDF's sections come from the forms' own field lists, not a copy of them.
    from collections import Counter

    from intake.forms import IntakeForm, RegistrationForm
    from intake.models import Registration
    from tests.intake.factories import RegistrationFactory

    Intake.objects.create(case=plan_case, support_question="Hoe komt Sanne weer op school?")
    RegistrationFactory(case=plan_case)
    registration, *answers = documents.intake_context(plan_case)["sections"]

    def labels(model, names):
        return [model._meta.get_field(name).verbose_name for name in names]

    assert [label for label, _q, _v in registration.rows] == labels(
        Registration, RegistrationForm.base_fields
    )
    asked = [name for name in IntakeForm.base_fields if name != "version"]
    shown = [label for section in answers for label, _q, _v in section.rows]
    assert Counter(shown) == Counter(labels(Intake, asked))
    assert [section.title for section in answers] == [
        "Ondersteuningsvraag",
        "Situatie leerling",
        "Situatie school",
        "Situatie thuis",
        "Belastbaarheidsprofiel en OPP",
    ]


def test_load_profile_pdf_latest_or_chosen_version(plan_case, casemanager, login):
    make_load_profile(plan_case, casemanager)
    client = login(casemanager)
    latest = pdf_text(client.get(plan_url(plan_case, "belastbaarheidsprofiel")).content)
    assert "Tweede versie: hele dagen." in latest and "versie 2" in latest
    assert "2 november 2026" in latest and "Drs. P. Bakker" in latest
    assert "pagina 1 van" in latest
    first = client.get(plan_url(plan_case, "belastbaarheidsprofiel"), {"version": 1})
    assert "Eerste versie: halve dagen." in pdf_text(first.content)
    missing = client.get(plan_url(plan_case, "belastbaarheidsprofiel"), {"version": 9})
    assert missing.status_code == 404
    assert "Versie 9 van het belastbaarheidsprofiel bestaat niet." in missing.content.decode()


def test_school_expert_prints_only_the_load_profile(
    plan_case, casemanager, behavioural_expert, login
):
    make_load_profile(plan_case, casemanager)
    client = login(behavioural_expert)
    assert client.get(plan_url(plan_case, "belastbaarheidsprofiel")).status_code == 200
    assert client.get(plan_url(plan_case)).status_code == 404
    page = client.get(reverse("reports:case_documents", args=[plan_case.pk]))
    assert page.status_code == 200
    assert plan_url(plan_case) not in page.content.decode()


def test_documents_tab_lists_available_pdfs(plan_case, casemanager, login):
    response = login(casemanager).get(reverse("reports:case_documents", args=[plan_case.pk]))
    assert response.status_code == 200
    assert response.context["active_tab"] == "documents"
    body = response.content.decode()
    assert plan_url(plan_case) in body
    assert f"{plan_url(plan_case)}?for=partner" in body
    assert reverse("consent:consent_form_pdf", args=[plan_case.pk]) in body
    assert "nog geen intake" in body


def test_document_that_does_not_exist_yet_gives_a_dutch_404(case, casemanager, login):
    response = login(casemanager).get(plan_url(case))
    assert response.status_code == 404
    assert "Er is nog geen plan van aanpak voor deze casus." in response.content.decode()
    assert login(casemanager).get(plan_url(case, "onbekend")).status_code == 404


def test_partner_pdf_without_valid_consent_is_refused_in_dutch(case, casemanager, login):
    response = login(casemanager).get(plan_url(case), {"for": "partner"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Dit document kan niet voor partners worden gemaakt." in body
    assert "Er is geen toestemming vastgelegd." in body
    assert not AccessLogEntry.objects.filter(action=AccessAction.PRINT).exists()


def test_partner_pdf_with_valid_consent_is_marked_confidential(plan_case, casemanager, login):
    response = login(casemanager).get(plan_url(plan_case), {"for": "partner"})
    assert response.status_code == 200
    assert "Vertrouwelijk" in pdf_text(response.content)
    assert "voor partners" in AccessLogEntry.objects.get(action=AccessAction.PRINT).detail


@pytest.mark.parametrize("persona", ["other_school_expert", "other_region_casemanager"])
def test_outsiders_get_404_on_every_case_bound_view(persona, plan_case, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("reports:case_documents", args=[plan_case.pk])).status_code == 404
    for key in documents.DOCUMENTS:
        assert client.get(plan_url(plan_case, key)).status_code == 404
        assert client.get(plan_url(plan_case, key), {"for": "partner"}).status_code == 404


def test_document_views_refuse_post(plan_case, coordinator, login):
    client = login(coordinator)
    assert client.post(reverse("reports:case_documents", args=[plan_case.pk])).status_code == 405
    assert client.post(plan_url(plan_case)).status_code == 405


def test_rendering_logs_no_error(evaluated_plan_case, casemanager, caplog):
    make_load_profile(evaluated_plan_case, casemanager)
    Intake.objects.create(case=evaluated_plan_case, support_question="Vraag", signal_anxiety=True)
    caplog.set_level(logging.WARNING)
    for key in documents.DOCUMENTS:
        assert documents.document_pdf(key, evaluated_plan_case).startswith(b"%PDF")
    assert documents.document_pdf("plan", evaluated_plan_case, for_partner=True)
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == [], [r.getMessage() for r in problems]


# --- meeting bundle ----------------------------------------------------------------------


def test_long_plan_gets_a_table_of_contents_with_page_numbers(school, casemanager, login):
    goals = [f"Doel nummer {n} met een langere omschrijving" for n in range(1, 10)]
    case = make_plan_case(school, casemanager, goals=goals)
    pages = pdf_pages(login(casemanager).get(plan_url(case)).content)
    assert "Inhoud" in pages[0]
    assert "Doel 9" in pages[0]


def test_changed_plan_gets_a_fresh_pdf(plan_case, casemanager, login):
    client = login(casemanager)
    client.get(plan_url(plan_case))
    goal = plan_case.plans.get().goals.filter(active=True).first()
    evaluation_services.goal_update(
        goal=goal, by=casemanager, expected_version=goal.version, description="Nieuw doel"
    )
    text = pdf_text(client.get(plan_url(plan_case)).content)
    assert "Nieuw doel" in text
    assert len(list(pdf_cache._cache_dir().glob("plan-*.pdf"))) == 1


def test_cached_pdfs_are_pruned_and_forgotten(plan_case, casemanager, login):
    import os
    import time

    login(casemanager).get(plan_url(plan_case))
    (cached,) = pdf_cache._cache_dir().glob("plan-*.pdf")
    assert pdf_cache.prune_cache() == 0
    old = time.time() - 8 * 24 * 60 * 60
    os.utime(cached, (old, old))
    assert pdf_cache.prune_cache() == 1
    login(casemanager).get(plan_url(plan_case))
    pdf_cache.forget_case_pdfs(plan_case.pk)
    assert list(pdf_cache._cache_dir().glob("plan-*.pdf")) == []


def test_issue_18_an_adjusted_goal_shows_the_evaluation_it_was_adjusted_after(
    evaluated_plan_case, casemanager, login
):
    from evaluations.models import Evaluation, EvaluationKind

    final = Evaluation.objects.get(case=evaluated_plan_case, kind=EvaluationKind.FINAL)
    goals = list(final.plan.goals.filter(active=True))
    evaluation_services.evaluation_record(
        evaluation=final,
        by=casemanager,
        expected_version=final.version,
        held_on=date(2026, 11, 20),
        participants="Sanne, moeder, mentor",
        reviews=[
            evaluation_services.ReviewInput(
                goal=goal,
                achieved=index != 0,
                explanation="Lukt nog niet zonder buddy." if index == 0 else "",
                adjust=index == 0,
                new_goal={"description": "Twee ochtenden per week met een buddy"}
                if index == 0
                else {},
            )
            for index, goal in enumerate(goals)
        ],
    )
    text = pdf_text(login(casemanager).get(plan_url(evaluated_plan_case)).content)
    adjusted = text.split("Twee ochtenden per week met een buddy", 1)[1].split("Doel 2", 1)[0]
    assert "Aangepast na de evaluatie van 20 november 2026: niet behaald" in adjusted
    assert "Lukt nog niet zonder buddy." in adjusted
    assert "Nog niet geëvalueerd" not in adjusted
