import io
import logging
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry, Case
from evaluations import services as evaluation_services
from evaluations.models import MeetingKind
from intake.models import Intake
from reports import bundle, documents, pdf_cache

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
    assert client.post(reverse("reports:meeting_bundle", args=[1])).status_code == 405


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


@pytest.fixture
def meeting_with_20_cases(school, casemanager, coordinator):
    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3), place="Stadhuis"
    )
    cases = []
    for n in range(20):
        case = make_plan_case(
            school, casemanager, first_name=f"Leerling{n:02d}", last_name="Bundel", goals=GOALS[:4]
        )
        evaluation_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
        cases.append(case)
    return meeting, cases


def test_meeting_bundle_has_agenda_then_20_plans(meeting_with_20_cases, coordinator, login):
    meeting, cases = meeting_with_20_cases
    client = login(coordinator)
    response = client.get(reverse("reports:meeting_bundle", args=[meeting.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    starts = [i for i, page in enumerate(pages) if "Gegevens" in page and "pagina 1 van" in page]
    assert len(starts) == 20
    agenda = " ".join(pages[: starts[0]])
    assert "Agenda" in pages[0] and "3 december 2026" in pages[0]
    for case, start in zip(cases, starts, strict=True):
        assert f"{case.reference} {case.student.full_name}" in agenda
        assert f"plan actief {start + 1} " in agenda.split(case.reference, 1)[1][:120]
    bookmarks = [entry for entry in reader.outline if not isinstance(entry, list)]
    assert len(bookmarks) == 21  # agenda + one per plan
    assert bookmarks[1].title == f"{cases[0].reference} — plan van aanpak"
    for case, start in zip(cases, starts, strict=True):
        assert case.student.full_name in pages[start]
        assert GOALS[0] in " ".join(pages[start : start + 3])
    assert AccessLogEntry.objects.filter(action=AccessAction.PRINT).count() == 20
    # The second print reuses each plan's cached PDF.
    cached = sorted(pdf_cache._cache_dir().glob("plan-*.pdf"))
    assert len(cached) == 20
    again = client.get(reverse("reports:meeting_bundle", args=[meeting.pk]))
    assert len(PdfReader(io.BytesIO(again.content)).pages) == len(pages)
    assert sorted(pdf_cache._cache_dir().glob("plan-*.pdf")) == cached


@pytest.mark.parametrize(("first_page", "renders"), [(18, 1), (100, 2)])
def test_the_agenda_is_rendered_once_when_its_length_is_guessed_right(
    meeting_with_20_cases, monkeypatch, first_page, renders
):
    # 20 one-line rows fill the agenda's first page (18) and part of a second. A wrong guess
    # (everything on one page) costs a second render, never wrong page numbers.
    meeting, cases = meeting_with_20_cases
    bundle.meeting_bundle_warm(meeting)  # the plans are cached: only the agenda renders
    monkeypatch.setattr(bundle, "AGENDA_ROWS_FIRST_PAGE", first_page)
    rendered = []
    html_to_pdf = bundle.html_to_pdf
    monkeypatch.setattr(
        bundle,
        "html_to_pdf",
        lambda html, **kw: rendered.append(html) or html_to_pdf(html, **kw),
    )
    pages = pdf_pages(bundle.meeting_bundle_pdf(meeting, bundle.meeting_items(meeting)))
    assert len(rendered) == renders
    starts = [i for i, page in enumerate(pages) if "Gegevens" in page and "pagina 1 van" in page]
    assert starts[0] == 2  # the agenda takes two pages
    agenda = " ".join(pages[:2])
    for case, start in zip(cases, starts, strict=True):
        assert f"plan actief {start + 1} " in agenda.split(case.reference, 1)[1][:120]


@pytest.fixture
def render_spy(monkeypatch):
    """The htmls the plan cache sends to WeasyPrint (render_many still renders them)."""
    rendered: list[str] = []
    render_many = pdf_cache.render_many

    def spy(htmls, **options):
        rendered.extend(htmls)
        return render_many(htmls, **options)

    monkeypatch.setattr(pdf_cache, "render_many", spy)
    return rendered


def test_bundle_warmed_the_day_before_renders_no_plan_on_the_print_day(
    school, casemanager, coordinator, render_spy
):
    # Issue 7: the print date in the plan parts made every part stale the next day.
    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    cases = [
        make_plan_case(school, casemanager, first_name=name, goals=GOALS[:2])
        for name in ("Anna", "Bram")
    ]
    for case in cases:
        evaluation_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
    assert bundle.meeting_bundle_warm(meeting) == 2
    cached = sorted(pdf_cache._cache_dir().glob("plan-*.pdf"))
    print_day = timezone.localtime() + timedelta(days=1)
    render_spy.clear()
    with time_machine.travel(print_day, tick=False):
        assert bundle.meeting_bundle_warm(meeting) == 0
        pages = pdf_pages(bundle.meeting_bundle_pdf(meeting, bundle.meeting_items(meeting)))
    assert render_spy == []
    assert sorted(pdf_cache._cache_dir().glob("plan-*.pdf")) == cached
    # The agenda page carries the print date, the cached plan parts none.
    assert f"afgedrukt op {date_format(print_day.date(), 'j F Y')}" in pages[0]
    assert not any("afgedrukt op" in page for page in pages[1:])

    goal = cases[0].plans.get().goals.filter(active=True).first()
    evaluation_services.goal_update(
        goal=goal, by=casemanager, expected_version=goal.version, description="Nieuw doel"
    )
    text = pdf_text(bundle.meeting_bundle_pdf(meeting, bundle.meeting_items(meeting)))
    assert len(render_spy) == 1 and "Nieuw doel" in render_spy[0]
    assert "Nieuw doel" in text
    assert len(list(pdf_cache._cache_dir().glob("plan-*.pdf"))) == 2


def test_a_new_print_stylesheet_renders_the_cached_plans_again(
    school, casemanager, coordinator, render_spy, monkeypatch
):
    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    case = make_plan_case(school, casemanager, first_name="Anna", goals=GOALS[:1])
    evaluation_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
    assert bundle.meeting_bundle_warm(meeting) == 1
    assert bundle.meeting_bundle_warm(meeting) == 0
    monkeypatch.setattr(pdf_cache, "stylesheet_version", lambda: "another-layout")
    assert bundle.meeting_bundle_warm(meeting) == 1
    assert len(list(pdf_cache._cache_dir().glob("plan-*.pdf"))) == 1  # the old one is gone


def test_bundle_leaves_out_the_plan_of_a_case_whose_consent_was_withdrawn(
    school, casemanager, coordinator
):
    # Issue 7: consent withdrawn after the case went on the agenda.
    from consent.services import consent_withdraw

    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    kept = make_plan_case(school, casemanager, first_name="Anna", goals=["Anna fietst zelf"])
    withdrawn = make_plan_case(school, casemanager, first_name="Bram", goals=["Bram leest voor"])
    for case in (kept, withdrawn):
        evaluation_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
    assert bundle.meeting_bundle_warm(meeting) == 2
    consent_withdraw(
        case=withdrawn, by=casemanager, withdrawn_on=timezone.localdate(), reason="Ouders"
    )
    content = bundle.meeting_bundle_pdf(meeting, bundle.meeting_items(meeting))
    pages = pdf_pages(content)
    text = " ".join(pages)
    assert "Anna fietst zelf" in text
    assert "Bram leest voor" not in text
    agenda = pages[0]
    assert withdrawn.student.full_name in agenda
    row = agenda.split(withdrawn.reference, 1)[1][:200]
    assert "geen geldige toestemming — plan niet in de bundel" in row
    assert "plan actief 2 " in agenda.split(kept.reference, 1)[1][:120]
    assert len(pages) == 1 + len(pdf_pages(documents.document_pdf("plan", kept)))
    outline = PdfReader(io.BytesIO(content)).outline
    bookmarks = [entry.title for entry in outline if not isinstance(entry, list)]
    assert bookmarks == ["Agenda", f"{kept.reference} — plan van aanpak"]


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


@pytest.mark.parametrize(
    "persona", ["casemanager", "behavioural_expert", "other_region_casemanager"]
)
def test_meeting_bundle_is_for_the_regions_coordinator_only(persona, request, login, coordinator):
    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("reports:meeting_bundle", args=[meeting.pk])).status_code == 404


def test_coordinator_of_another_region_gets_404_for_the_bundle(coordinator, login):
    from accounts.models import Role
    from tests.factories import RegionFactory, UserFactory

    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    other = UserFactory(role=Role.COORDINATOR, region=RegionFactory(name="Ander", code="AN"))
    assert login(other).get(reverse("reports:meeting_bundle", args=[meeting.pk])).status_code == 404


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


def test_warm_task_renders_missing_plan_pdfs_once(plan_case, coordinator):
    from reports.tasks import warm_meeting_bundle

    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    evaluation_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    assert warm_meeting_bundle(meeting.pk) == 1
    assert warm_meeting_bundle(meeting.pk) == 0
    assert warm_meeting_bundle(999999) == 0


def test_daily_task_warms_the_bundles_of_the_coming_meetings_only(
    school, casemanager, coordinator, render_spy
):
    from config.celery import app
    from reports.tasks import warm_coming_meeting_bundles

    today = timezone.localdate()
    names = {"Anna": today + timedelta(days=1), "Bram": today + timedelta(days=5)}
    names["Cees"] = today - timedelta(days=1)
    for name, day in names.items():
        meeting = evaluation_services.meeting_create(
            by=coordinator, kind=MeetingKind.BIWEEKLY, date=day
        )
        case = make_plan_case(school, casemanager, first_name=name, goals=[f"{name} fietst"])
        evaluation_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)

    assert warm_coming_meeting_bundles() == 1
    assert len(render_spy) == 1 and "Anna fietst" in render_spy[0]
    assert warm_coming_meeting_bundles() == 0  # cached: nothing rendered twice

    anna = Case.objects.get(student__first_name="Anna")
    goal = anna.plans.get().goals.get()
    evaluation_services.goal_update(
        goal=goal, by=casemanager, expected_version=goal.version, description="Anna loopt"
    )
    assert warm_coming_meeting_bundles() == 1  # the plan changed after it went on the agenda
    assert "Anna loopt" in render_spy[-1]
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "reports.tasks.warm_coming_meeting_bundles" in tasks


@pytest.fixture
def eager_celery():
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_putting_a_case_on_the_agenda_warms_the_bundle_after_commit(
    plan_case, coordinator, django_capture_on_commit_callbacks, eager_celery
):
    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        evaluation_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    assert list(pdf_cache._cache_dir().glob("plan-*.pdf")) == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(list(pdf_cache._cache_dir().glob("plan-*.pdf"))) == 1


def test_the_meeting_page_offers_the_bundle_to_the_coordinator(plan_case, coordinator, login):
    meeting = evaluation_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    evaluation_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    page = login(coordinator).get(reverse("evaluations:meeting_detail", args=[meeting.pk]))
    assert reverse("reports:meeting_bundle", args=[meeting.pk]) in page.content.decode()
