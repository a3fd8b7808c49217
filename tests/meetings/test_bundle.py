"""The meeting bundle (overlegbundel): agenda then plans, the plan cache behind it, who may
print it, and the tasks that warm it (moved from tests/reports/test_documents.py)."""

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry, Case
from evaluations import pdf_cache
from evaluations import services as evaluation_services
from meetings import bundle
from meetings import services as meeting_services
from meetings.bundle import bundle_job_start
from meetings.models import BundleJob, MeetingKind
from reports import documents
from tests.meetings.bundles import bundle_pdf
from tests.reports.conftest import GOALS, make_plan_case
from tests.reports.test_documents import pdf_pages, pdf_text


@pytest.fixture
def meeting_with_20_cases(school, casemanager, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3), place="Stadhuis"
    )
    cases = []
    for n in range(20):
        case = make_plan_case(
            school, casemanager, first_name=f"Leerling{n:02d}", last_name="Bundel", goals=GOALS[:4]
        )
        meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
        cases.append(case)
    return meeting, cases


def test_meeting_bundle_has_agenda_then_20_plans(meeting_with_20_cases, coordinator, login):
    meeting, cases = meeting_with_20_cases
    client = login(coordinator)
    response = bundle_pdf(client, meeting)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    starts = plan_starts(pages)
    assert len(starts) == 20
    # One page count across the bundle, not one per part ("pagina 1 van 1", "pagina 1 van 3").
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"pagina {number} van {len(pages)}"), page[-60:]
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
    again = bundle_pdf(client, meeting)
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
    starts = plan_starts(pages)
    assert starts[0] == 2  # the agenda takes two pages
    agenda = " ".join(pages[:2])
    for case, start in zip(cases, starts, strict=True):
        assert f"plan actief {start + 1} " in agenda.split(case.reference, 1)[1][:120]


def plan_starts(pages: list[str]) -> list[int]:
    """The indexes of the pages where a plan starts: its first page has its facts table."""
    return [i for i, page in enumerate(pages) if "Gegevens" in page and "Datum opstellen" in page]


def test_the_agenda_lists_the_attendees_and_why_a_case_has_no_plan(
    coordinator, casemanager, login, intake_case, plan_case
):
    """Issue 19, finding 9: the bundle left out the attendees picked from the user list and
    said "geen plan" without saying why."""
    meeting = meeting_services.meeting_create(
        by=coordinator,
        kind=MeetingKind.BIWEEKLY,
        date=date(2026, 12, 3),
        attendees=[casemanager],
        other_attendees="Mevrouw Bakker (leerplicht)",
    )
    for case in (plan_case, intake_case):
        meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
    response = bundle_pdf(login(coordinator), meeting)
    agenda = pdf_pages(response.content)[0]
    assert f"Deelnemers {casemanager}" in agenda
    assert "Mevrouw Bakker (leerplicht)" in agenda
    assert "plan actief 2 " in agenda.split(plan_case.reference, 1)[1][:150]
    assert "nog geen plan vastgesteld" in agenda.split(intake_case.reference, 1)[1][:150]


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
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    cases = [
        make_plan_case(school, casemanager, first_name=name, goals=GOALS[:2])
        for name in ("Anna", "Bram")
    ]
    for case in cases:
        meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
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
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    case = make_plan_case(school, casemanager, first_name="Anna", goals=GOALS[:1])
    meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
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

    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    kept = make_plan_case(school, casemanager, first_name="Anna", goals=["Anna fietst zelf"])
    withdrawn = make_plan_case(school, casemanager, first_name="Bram", goals=["Bram leest voor"])
    for case in (kept, withdrawn):
        meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
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


@pytest.mark.parametrize(
    "persona", ["casemanager", "behavioural_expert", "other_region_casemanager"]
)
def test_meeting_bundle_is_for_the_regions_coordinator_only(persona, request, login, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    job = bundle_job_start(meeting=meeting, by=coordinator)
    client = login(request.getfixturevalue(persona))
    for url in (
        reverse("meetings:meeting_bundle", args=[meeting.pk]),
        reverse("meetings:meeting_bundle_job", args=[meeting.pk, job.pk]),
        reverse("meetings:meeting_bundle_download", args=[meeting.pk, job.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("meetings:meeting_bundle", args=[meeting.pk])).status_code == 404
    assert BundleJob.objects.count() == 1


def test_coordinator_of_another_region_gets_404_for_the_bundle(coordinator, login):
    from accounts.models import Role
    from tests.factories import RegionFactory, UserFactory

    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    other = UserFactory(role=Role.COORDINATOR, region=RegionFactory(name="Ander", code="AN"))
    assert (
        login(other).get(reverse("meetings:meeting_bundle", args=[meeting.pk])).status_code == 404
    )


def test_warm_task_renders_missing_plan_pdfs_once(plan_case, coordinator):
    from meetings.tasks import warm_meeting_bundle

    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    meeting_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    assert warm_meeting_bundle(meeting.pk) == 1
    assert warm_meeting_bundle(meeting.pk) == 0
    assert warm_meeting_bundle(999999) == 0


def test_daily_task_warms_the_bundles_of_the_coming_meetings_only(
    school, casemanager, coordinator, render_spy
):
    from config.celery import app
    from meetings.tasks import warm_coming_meeting_bundles

    today = timezone.localdate()
    names = {"Anna": today + timedelta(days=1), "Bram": today + timedelta(days=5)}
    names["Cees"] = today - timedelta(days=1)
    for name, day in names.items():
        meeting = meeting_services.meeting_create(
            by=coordinator, kind=MeetingKind.BIWEEKLY, date=day
        )
        case = make_plan_case(school, casemanager, first_name=name, goals=[f"{name} fietst"])
        meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)

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
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    assert list(pdf_cache._cache_dir().glob("plan-*.pdf")) == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(list(pdf_cache._cache_dir().glob("plan-*.pdf"))) == 1


def test_the_meeting_page_offers_the_bundle_to_the_coordinator(plan_case, coordinator, login):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    meeting_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    page = login(coordinator).get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    body = page.content.decode()
    assert f'action="{reverse("meetings:meeting_bundle", args=[meeting.pk])}"' in body
    assert "Overlegbundel maken (PDF)" in body


def test_an_old_bookmark_of_the_bundle_goes_to_the_meeting(coordinator, login):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    client = login(coordinator)
    detail = reverse("meetings:meeting_detail", args=[meeting.pk])
    response = client.get(f"/overleg/{meeting.pk}/bundel.pdf", follow=True)
    assert response.redirect_chain[-1][0] == detail


def test_the_bundle_is_made_in_the_background_with_its_progress_shown(
    meeting_with_20_cases, coordinator, login
):
    """Issue 19, finding 12: the print took seconds with nothing on screen but a spinner."""
    meeting, cases = meeting_with_20_cases
    client = login(coordinator)
    job = bundle_job_start(meeting=meeting, by=coordinator)  # queued, no worker yet
    page_url = reverse("meetings:meeting_bundle_job", args=[meeting.pk, job.pk])
    queued = client.get(page_url)
    assert "De overlegbundel staat in de wachtrij" in queued.content.decode()
    assert client.get(page_url + "?status").json()["ready"] is False
    download = reverse("meetings:meeting_bundle_download", args=[meeting.pk, job.pk])
    assert client.get(download)["Location"] == page_url  # not ready: back to its page

    assert bundle.bundle_job_run(job.pk) is True  # what the worker does
    job.refresh_from_db()
    assert (job.plans_done, job.plans_total) == (20, 20) and job.ready
    status = client.get(page_url + "?status").json()
    assert status == {
        "ready": True,
        "failed": False,
        "done": 20,
        "total": 20,
        "text": f"De overlegbundel is klaar: {job.pages} pagina's.",
    }
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == job.pages
    assert AccessLogEntry.objects.filter(action=AccessAction.PRINT).count() == 20
    assert bundle.bundle_job_run(job.pk) is False  # run again: nothing happens


def test_progress_is_recorded_while_the_plans_are_rendered(plan_case, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    meeting_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    calls = []
    bundle.meeting_bundle_pdf(
        meeting, bundle.meeting_items(meeting), progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(0, 1), (1, 1)]


def test_bundles_made_for_download_are_removed_after_some_hours(plan_case, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3)
    )
    meeting_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    job = bundle_job_start(meeting=meeting, by=coordinator)
    bundle.bundle_job_run(job.pk)
    assert bundle.bundle_path(job).exists()
    later = timezone.now() + timedelta(hours=bundle.BUNDLE_KEEP_HOURS, minutes=1)
    with time_machine.travel(later, tick=False):
        assert bundle.prune_bundle_jobs() == 1
    assert not bundle.bundle_path(job).exists() and not BundleJob.objects.exists()


def test_the_bundle_job_pages_refuse_post(coordinator, login):
    client = login(coordinator)
    for name in ("meetings:meeting_bundle_job", "meetings:meeting_bundle_download"):
        assert client.post(reverse(name, args=[1, 1])).status_code == 405
