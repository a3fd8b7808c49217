"""In the browser: the coördinator plans an overleg, picks a case with valid consent and an
adopted plan for the agenda, changes the meeting, has the overlegbundel (agenda plus plan van
aanpak) made by a Celery worker while the page shows how far it is, downloads it (its text read
back with pypdf), and finally cancels the meeting."""

import io
import re
import time
import uuid
from datetime import timedelta

import icalendar
import pytest
from celery.contrib.testing.worker import start_worker
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from pypdf import PdfReader

from casework.constants import Gender, GuardianRole, Route
from casework.models import AccessAction, AccessLogEntry, Guardian, Student
from casework.services import case_assign, case_register
from casework.workflow import Status
from consent.models import ConsentMethod
from consent.services import consent_record
from evaluations import services as evaluation_services
from meetings.models import Meeting, MeetingItem, MeetingKind
from tests.e2e.conftest import check_accessibility, dutch_date, log_in

GOAL = "Sanne gaat vier ochtenden per week naar school."


@pytest.fixture
def celery_worker():
    """A real Celery worker (in a thread of this process, on the broker of this run: Redis or
    the embedded folder) on a queue of its own, and tasks sent to it instead of run in-process."""
    from config.celery import app

    queue = f"e2e-{uuid.uuid4().hex[:8]}"
    before = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    app.amqp.__dict__.pop("queues", None)  # rebuilt with the new default queue
    try:
        with start_worker(app, perform_ping_check=False, queues=[queue], shutdown_timeout=60):
            yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = before
        app.amqp.__dict__.pop("queues", None)


def _case(*, users, region, school, first_name, age):
    """A registered case, assigned to the casemanager (so it waits for consent)."""
    today = timezone.localdate()
    student = Student(
        first_name=first_name,
        last_name="Bakker",
        birth_date=today - relativedelta(years=age, months=3),
        gender=Gender.FEMALE,
    )
    guardian = Guardian(name=f"Ouder van {first_name}", role=GuardianRole.PARENT_WITH_CUSTODY)
    case = case_register(
        by=users["gedrag"],
        region=region,
        school=school,
        student=student,
        guardians=[guardian],
        route=Route.SCHOOL,
        registered_on=today - timedelta(days=60),
    )
    return case_assign(case=case, casemanager=users["casemanager"], by=users["coordinator"])


def _with_consent_and_plan(case, *, casemanager, partner):
    """Valid consent (a pupil of 17 consents alone) and an adopted plan, via the services."""
    today = timezone.localdate()
    consent_record(
        case=case,
        by=casemanager,
        given_on=today - timedelta(days=50),
        method=ConsentMethod.CONVERSATION,
        organisations=[partner],
        youth_consented=True,
    )
    plan = evaluation_services.plan_save(
        case=case,
        by=casemanager,
        drawn_up_on=today - timedelta(days=40),
        director_name="Mohamed El Amrani",
        director_organisation="Taskforce Veendam",
        director_email="m.elamrani@example.nl",
        director_phone="0612345678",
        pupil_view="Ik wil weer naar school.",
        stakeholders=[],
    )
    evaluation_services.goal_add(
        plan=plan,
        by=casemanager,
        description=GOAL,
        actions="Opbouwrooster met de mentor.",
        term="6 weken",
        responsible="Mentor",
    )
    evaluation_services.plan_adopt(case=case, by=casemanager)
    case.refresh_from_db()
    assert case.status == Status.PLAN_ACTIVE
    return case


def _pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_coordinator_plans_a_meeting_and_downloads_the_bundle(
    page, e2e_users, region, school, e2e_partner, celery_worker
):
    coordinator, casemanager = e2e_users["coordinator"], e2e_users["casemanager"]
    ready = _with_consent_and_plan(
        _case(users=e2e_users, region=region, school=school, first_name="Sanne", age=17),
        casemanager=casemanager,
        partner=e2e_partner,
    )
    waiting = _case(users=e2e_users, region=region, school=school, first_name="Lotte", age=17)
    meeting_on = timezone.localdate() + timedelta(days=10)

    # 1. Plan the meeting.
    log_in(page, coordinator.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overleggen").click()
    page.wait_for_url(re.compile(r"/overleg/$"))
    assert "Geen overleggen." in page.content()
    check_accessibility(page)
    page.get_by_role("link", name="Overleg plannen").click()
    page.wait_for_url(re.compile(r"/overleg/nieuw/$"))
    check_accessibility(page)
    page.get_by_label("Soort overleg").select_option(MeetingKind.MPO.value)
    page.get_by_label("Datum").fill(meeting_on.isoformat())
    page.get_by_label("Tijd").fill("14:30")
    page.get_by_label("Plaats").fill("Gemeentehuis Veendam, kamer 2")
    page.get_by_label("Mohamed El Amrani").check()
    page.get_by_label("Overige deelnemers").fill("J. de Boer, Leerplicht Veendam")
    page.get_by_role("button", name="Overleg plannen").click()
    page.wait_for_url(re.compile(r"/overleg/\d+/$"))
    assert "Het overleg is gepland. Zet nu de casussen op de agenda." in page.content()
    meeting = Meeting.objects.get()
    assert (meeting.region, meeting.kind, meeting.date) == (region, MeetingKind.MPO, meeting_on)
    assert meeting.place == "Gemeentehuis Veendam, kamer 2"
    assert list(meeting.attendees.all()) == [casemanager]
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Meerpartijenoverleg (MPO) —") and dutch_date(meeting_on) in heading
    assert "Nog geen casussen op de agenda." in page.content()
    assert page.get_by_role("button", name="Overlegbundel maken (PDF)").count() == 0
    # Only the case with valid consent is offered, as a box to tick; the filter narrows the list.
    choices = page.locator("#div_id_cases .form-check")
    assert choices.count() == 1
    assert ready.reference in choices.inner_text() and "Sanne Bakker" in choices.inner_text()
    assert waiting.reference not in page.locator("#div_id_cases").inner_text()
    search = page.get_by_label("Zoeken op casusnummer, naam of casemanager")
    search.fill("Jansen")
    assert choices.first.is_hidden()
    assert page.locator("#agenda-filter-count").inner_text() == "0 van 1 casussen getoond"
    search.fill("sanne")
    assert choices.first.is_visible()
    check_accessibility(page)

    # 2. Nothing ticked: the message is beside the list, and a reload of the address lands on
    # the meeting, not on a dead page.
    page.get_by_role("button", name="Op de agenda zetten").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/agenda/$"))
    assert "Kies een of meer casussen." in page.locator("#div_id_cases").inner_text()
    assert not MeetingItem.objects.exists()
    check_accessibility(page)
    page.goto(page.url)
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/$"))

    # 3. The case with valid consent goes on the agenda.
    page.get_by_label(re.compile(ready.reference)).check()
    page.get_by_role("button", name="Op de agenda zetten").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/$"))
    assert f"{ready.reference} staat op de agenda." in page.locator(".messages").inner_text()
    item = page.get_by_role("article", name=re.compile(ready.reference))
    assert "Sanne Bakker" in item.inner_text() and "Mohamed El Amrani" in item.inner_text()
    assert list(meeting.items.values_list("case", flat=True)) == [ready.pk]
    assert "Er zijn geen lopende casussen met geldige toestemming meer" in page.content()
    check_accessibility(page)

    # The meeting moves to another room: changed, not planned again.
    page.get_by_role("link", name="Overleg wijzigen").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/wijzigen/$"))
    assert page.get_by_label("Plaats").input_value() == "Gemeentehuis Veendam, kamer 2"
    check_accessibility(page)
    page.get_by_label("Plaats").fill("Gemeentehuis Veendam, kamer 3")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/$"))
    assert "Het overleg is gewijzigd." in page.locator(".messages").inner_text()
    assert "kamer 3" in page.content()

    # 4. The overlegbundel is made in the background; its page shows how far it is and offers
    # the file when ready. Read it back: the attendees on the agenda, one page count across
    # agenda and plans.
    asked = time.monotonic()
    page.get_by_role("button", name="Overlegbundel maken (PDF)").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/bundel/\d+/$"))
    status = page.get_by_role("status")
    assert re.search(r"wachtrij|klaar", status.inner_text())
    download_link = page.get_by_role("link", name="Overlegbundel downloaden (PDF)")
    download_link.wait_for(state="visible", timeout=90_000)
    print(f"bundle ready in the browser {time.monotonic() - asked:.1f} s after asking")
    assert re.fullmatch(r"De overlegbundel is klaar: \d+ pagina's\.", status.inner_text())
    assert page.evaluate("document.activeElement.id") == "bundle-download"
    check_accessibility(page)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == f"overlegbundel-{meeting_on.isoformat()}.pdf"
    text = _pdf_text(download.path())
    agenda, _, plans = text.partition("Plan van aanpak")
    assert "Agenda" in agenda
    assert dutch_date(meeting_on) in agenda and "14:30 uur" in agenda
    assert "Gemeentehuis Veendam, kamer 3" in agenda
    assert "Deelnemers Mohamed El Amrani" in agenda and "J. de Boer" in agenda
    assert ready.reference in agenda and "Sanne Bakker" in agenda
    assert waiting.reference not in text
    assert ready.reference in plans and GOAL in plans
    pages = PdfReader(io.BytesIO(download.path().read_bytes())).pages
    assert len(pages) > 1
    for number, pdf_page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in pdf_page.extract_text()
    assert AccessLogEntry.objects.filter(
        case=ready, action=AccessAction.PRINT, detail=f"overlegbundel {meeting.pk}"
    ).exists()

    # 5. Put the meeting in one's own calendar: the .ics reads back with the same moment.
    page.get_by_role("link", name="Terug naar het overleg").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="In mijn agenda zetten (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"overleg-{meeting_on.isoformat()}.ics"
    with open(download.path(), "rb") as handle:
        [event] = icalendar.Calendar.from_ical(handle.read()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.date(), start.strftime("%H:%M")) == (meeting_on, "14:30")
    assert ready.reference in str(event["description"])
    assert "Sanne" not in str(event["description"])

    # 6. The meeting is called off: a confirmation page, then it is gone and the case knows.
    page.get_by_role("link", name="Overleg annuleren").click()
    page.wait_for_url(re.compile(rf"/overleg/{meeting.pk}/annuleren/$"))
    assert "Weet u zeker dat u het" in page.content()
    check_accessibility(page)
    page.get_by_role("button", name="Ja, overleg annuleren").click()
    page.wait_for_url(re.compile(r"/overleg/$"))
    assert "Het overleg is geannuleerd." in page.locator(".messages").inner_text()
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    # The timeline's text is encrypted (core.encryption): read, not filtered on.
    assert any(
        entry.text.startswith("Overleg vervallen")
        for entry in ready.timeline.filter(kind="meeting")
    )
