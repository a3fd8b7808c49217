"""Satisfaction survey: a single-use link for parents and the school's zorgcoördinator,
valid 30 days, no login, no personal data; anonymous answers with the response rate."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casework.constants import GuardianRole
from casework.services import case_close
from casework.workflow import Status
from followups.models import Respondent, SurveyInvitation, SurveyResponse
from followups.services import (
    SurveyAnswers,
    followups_daily,
    survey_answer,
    surveys_create_for_case,
    surveys_resend_unsent,
    token_hash,
)
from tests.factories import CaseFactory, GuardianFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/enquete/([A-Za-z0-9_-]{20,})/")
ANSWERS = {"satisfied": "4", "listened": "5", "clear": "3", "better": "4", "comment": "Fijn."}


@pytest.fixture
def closed_case(shared_case, coordinator):
    shared_case.school.contact_email = "zorg@dollard.example"
    shared_case.school.save()
    case_close(case=shared_case, by=coordinator, outcome="back_at_school", agreements="Klaar.")
    shared_case.refresh_from_db()
    return shared_case


def tokens(mailoutbox) -> dict[str, str]:
    """respondent e-mail → token from the link in the message."""
    return {m.to[0]: LINK.search(m.body).group(1) for m in mailoutbox}


def test_closing_invites_parents_and_the_zorgcoordinator_once(closed_case, mailoutbox):
    made = surveys_create_for_case(closed_case)
    assert {i.respondent for i in made} == {Respondent.PARENT, Respondent.CARE_COORDINATOR}
    assert sorted(m.to[0] for m in mailoutbox) == ["ouder@example.nl", "zorg@dollard.example"]
    for message in mailoutbox:
        assert closed_case.student.first_name not in message.body
        assert closed_case.reference not in message.body
    # Only a hash is stored.
    for token in tokens(mailoutbox).values():
        assert not SurveyInvitation.objects.filter(token_hash=token).exists()
        assert SurveyInvitation.objects.filter(token_hash=token_hash(token)).exists()
    assert all(i.sent_at for i in SurveyInvitation.objects.all())
    assert surveys_create_for_case(closed_case) == []
    assert len(mailoutbox) == 2


def test_the_daily_run_invites_recently_closed_cases_and_is_idempotent(closed_case, mailoutbox):
    today = timezone.localdate()
    assert followups_daily(today=today)["invitations"] == 2
    assert followups_daily(today=today)["invitations"] == 0
    assert len(mailoutbox) == 2
    old = CaseFactory(
        school=closed_case.school,
        status=Status.CLOSED,
        registered_on=today - timedelta(days=200),
        closed_on=today - timedelta(days=100),
    )
    GuardianFactory(student=old.student, role=GuardianRole.PARENT_WITH_CUSTODY)
    followups_daily(today=today)
    assert not SurveyInvitation.objects.filter(case=old).exists()


def test_a_failed_mail_is_sent_again_with_a_new_token(closed_case, mailoutbox, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("followups.services.send_mail", broken)
    surveys_create_for_case(closed_case)
    assert SurveyInvitation.objects.filter(sent_at__isnull=True).count() == 2
    monkeypatch.undo()
    assert surveys_resend_unsent() == 2
    assert len(mailoutbox) == 2
    assert surveys_resend_unsent() == 0


def test_a_link_works_once_without_login_and_shows_no_personal_data(
    client, closed_case, mailoutbox
):
    surveys_create_for_case(closed_case)
    token = tokens(mailoutbox)["ouder@example.nl"]
    url = reverse("survey:answer", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    student = closed_case.student
    for personal in (
        student.first_name,
        student.last_name,
        closed_case.reference,
        closed_case.school.name,
        "ouder@example.nl",
        "Mohamed",
    ):
        assert personal not in html
    assert "Luisterden wij goed naar u?" in html
    response = client.post(url, ANSWERS)
    assert response.status_code == 302
    assert response["Location"] == reverse("survey:thanks")
    assert client.get(response["Location"]).status_code == 200
    answer = SurveyResponse.objects.get()
    assert (answer.satisfied, answer.listened, answer.clear, answer.better) == (4, 5, 3, 4)
    assert answer.respondent == Respondent.PARENT
    assert answer.region == closed_case.region
    again = client.get(url)
    assert again.status_code == 410
    assert "al ingevuld" in again.content.decode()
    assert client.post(url, ANSWERS).status_code == 410
    assert SurveyResponse.objects.count() == 1


def test_an_expired_link_says_so(client, closed_case, mailoutbox):
    surveys_create_for_case(closed_case)
    url = reverse("survey:answer", args=[tokens(mailoutbox)["ouder@example.nl"]])
    with time_machine.travel(timezone.now() + timedelta(days=29, hours=23), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1), tick=False):
        page = client.get(url)
        assert page.status_code == 410
        assert "verlopen" in page.content.decode()
        assert client.post(url, ANSWERS).status_code == 410
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "token", ["a" * 43, "kort", "x" * 101, "abc$def-ghijklmnopqrstuvwxyz01234567"]
)
def test_a_wrong_token_is_404(client, closed_case, token):
    surveys_create_for_case(closed_case)
    assert client.get(f"/enquete/{token}/").status_code == 404


def test_missing_answers_are_asked_again_and_the_link_stays_valid(client, closed_case, mailoutbox):
    surveys_create_for_case(closed_case)
    url = reverse("survey:answer", args=[tokens(mailoutbox)["ouder@example.nl"]])
    response = client.post(url, {"satisfied": "9", "comment": "Mijn tekst blijft staan."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een cijfer van 1 tot 5." in html
    assert "Mijn tekst blijft staan." in html
    assert not SurveyResponse.objects.exists()
    assert client.post(url, ANSWERS).status_code == 302


def test_survey_page_refuses_other_methods(client, closed_case, mailoutbox):
    surveys_create_for_case(closed_case)
    url = reverse("survey:answer", args=[tokens(mailoutbox)["ouder@example.nl"]])
    assert client.put(url).status_code == 405
    assert client.post(reverse("survey:thanks")).status_code == 405


def test_the_answer_has_no_link_to_the_case():
    names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not {"case", "invitation", "created_at", "updated_at"} & names


# --- the report -----------------------------------------------------------------------------


def _answer(invitation, score):
    survey_answer(
        invitation=invitation,
        answers=SurveyAnswers(satisfied=score, listened=score, clear=score, better=score),
    )


def test_report_shows_averages_and_response_rate(login, coordinator, closed_case, mailoutbox):
    surveys_create_for_case(closed_case)
    today = timezone.localdate()
    for n in range(3):
        other = CaseFactory(
            school=closed_case.school,
            status=Status.CLOSED,
            registered_on=today - timedelta(days=20),
            closed_on=today,
        )
        GuardianFactory(student=other.student, email=f"ouder{n}@example.nl")
        surveys_create_for_case(other)
    invitations = list(SurveyInvitation.objects.filter(respondent=Respondent.PARENT))
    assert len(invitations) == 4 and SurveyInvitation.objects.count() == 8
    for invitation, score in zip(invitations[:3], (3, 4, 5), strict=True):
        _answer(invitation, score)
    page = login(coordinator).get(reverse("followups:survey_report"), {"jaar": today.year})
    assert page.status_code == 200
    report = page.context["report"]
    assert (report.invited, report.responses, report.response_rate) == (8, 3, 37.5)
    parents = report.groups[0]
    assert parents.shown and parents.responses == 3
    assert parents.averages[0][1] == 4.0
    coordinators = report.groups[1]
    assert coordinators.responses == 0 and not coordinators.shown
    html = page.content.decode()
    assert "37,5" in html or "37.5" in html
    assert closed_case.reference not in html


def test_report_hides_averages_of_fewer_than_three_answers(
    login, coordinator, closed_case, mailoutbox
):
    surveys_create_for_case(closed_case)
    _answer(SurveyInvitation.objects.get(respondent=Respondent.PARENT), 1)
    report = login(coordinator).get(reverse("followups:survey_report")).context["report"]
    assert report.responses == 1
    assert all(value is None for _q, value in report.groups[0].averages)


def test_report_year_input_is_checked(login, coordinator):
    client = login(coordinator)
    for value in ("abc", "1999", "99999", str(timezone.localdate().year + 5)):
        assert client.get(reverse("followups:survey_report"), {"jaar": value}).status_code == 200


@pytest.mark.parametrize("who", ["casemanager", "behavioural_expert", "partner", "administrator"])
def test_report_is_404_for_other_roles(request, login, who):
    response = login(request.getfixturevalue(who)).get(reverse("followups:survey_report"))
    assert response.status_code == 404


def test_report_of_another_region_counts_nothing_of_this_one(login, closed_case, mailoutbox, db):
    from accounts.models import Role
    from tests.factories import RegionFactory, UserFactory

    surveys_create_for_case(closed_case)
    elsewhere = UserFactory(role=Role.COORDINATOR, region=RegionFactory(name="Elders", code="EL"))
    report = login(elsewhere).get(reverse("followups:survey_report")).context["report"]
    assert (report.invited, report.responses) == (0, 0)


def test_report_refuses_post(login, coordinator):
    assert login(coordinator).post(reverse("followups:survey_report")).status_code == 405
