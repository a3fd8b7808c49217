"""Issue 10: at closing, each parent with gezag and the school's zorgcoördinator get their
own single-use survey link, sent once the closing commits; the daily run only catches up."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.constants import GuardianRole
from casework.services import case_close
from core.models import OutboxEntry
from followups.models import Respondent, SurveyInvitation, SurveyResponse
from followups.services import surveys_create_for_case, surveys_resend_unsent
from followups.tasks import create_follow_ups, send_survey_invitations
from tests.factories import GuardianFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/enquete/([A-Za-z0-9_-]{20,})/")
ANSWERS = {"satisfied": "4", "listened": "5", "clear": "3", "better": "4", "comment": ""}
PARENTS = ["ouder@example.nl", "tweede.ouder@example.nl"]
SCHOOL = "zorg@dollard.example"


@pytest.fixture
def closing_case(shared_case, monkeypatch):
    """The shared case with two parents with gezag, one without, and a school address; the
    Celery tasks run in-process, as in the embedded mode."""
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    student = shared_case.student
    GuardianFactory(student=student, role=GuardianRole.PARENT_WITH_CUSTODY, email=PARENTS[1])
    GuardianFactory(
        student=student, role=GuardianRole.PARENT_WITHOUT_CUSTODY, email="geen.gezag@example.nl"
    )
    shared_case.school.contact_email = SCHOOL
    shared_case.school.save()
    return shared_case


def close(case, by):
    case_close(case=case, by=by, outcome="back_at_school", agreements="Terug op school.")


def links(mailoutbox) -> dict[str, str]:
    """address → token, one message per address."""
    assert all(len(message.to) == 1 for message in mailoutbox)
    return {m.to[0]: LINK.search(m.body).group(1) for m in mailoutbox}


def test_closing_sends_each_parent_and_the_school_their_own_link_after_the_commit(
    closing_case, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        close(closing_case, coordinator)
    assert not SurveyInvitation.objects.exists() and mailoutbox == []  # nothing before commit
    for callback in callbacks:
        callback()
    parents = SurveyInvitation.objects.filter(case=closing_case, respondent=Respondent.PARENT)
    assert parents.count() == 2
    assert len({invitation.guardian_id for invitation in parents}) == 2
    assert SurveyInvitation.objects.filter(respondent=Respondent.CARE_COORDINATOR).count() == 1
    tokens = links(mailoutbox)
    assert sorted(tokens) == sorted([*PARENTS, SCHOOL])
    assert len(set(tokens.values())) == 3
    assert len(set(SurveyInvitation.objects.values_list("token_hash", flat=True))) == 3
    assert all(invitation.sent_at for invitation in SurveyInvitation.objects.all())


def test_each_parents_link_works_once(
    client, closing_case, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        close(closing_case, coordinator)
    tokens = links(mailoutbox)
    for address in PARENTS:  # the second parent is not told it was filled in already
        url = reverse("survey:answer", args=[tokens[address]])
        assert client.get(url).status_code == 200
        assert client.post(url, ANSWERS).status_code == 302
        again = client.post(url, ANSWERS)
        assert again.status_code == 410
        assert "al ingevuld" in again.content.decode()
    assert SurveyResponse.objects.filter(respondent=Respondent.PARENT).count() == 2


def test_the_daily_task_afterwards_creates_and_sends_nothing_new(
    closing_case, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        close(closing_case, coordinator)
    assert len(mailoutbox) == 3
    assert create_follow_ups()["invitations"] == 0
    assert SurveyInvitation.objects.count() == 3
    assert len(mailoutbox) == 3


def test_the_daily_task_catches_up_when_sending_at_closing_failed(
    closing_case, coordinator, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr("followups.tasks.send_survey_invitations.apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        close(closing_case, coordinator)  # the closing itself succeeds
    closing_case.refresh_from_db()
    assert closing_case.status == "closed"
    assert not SurveyInvitation.objects.exists()
    assert OutboxEntry.objects.filter(task_name=send_survey_invitations.name).exists()
    assert create_follow_ups()["invitations"] == 3
    assert sorted(links(mailoutbox)) == sorted([*PARENTS, SCHOOL])


def test_a_failed_mail_is_sent_again_to_that_parent_only(
    closing_case, coordinator, mailoutbox, monkeypatch
):
    close(closing_case, coordinator)  # in the test transaction: nothing is queued
    closing_case.refresh_from_db()
    monkeypatch.setattr("followups.services.send_mail", lambda *a, **k: 1 / 0)
    surveys_create_for_case(closing_case)
    monkeypatch.undo()
    assert SurveyInvitation.objects.filter(sent_at__isnull=True).count() == 3
    assert surveys_resend_unsent() == 3
    assert sorted(links(mailoutbox)) == sorted([*PARENTS, SCHOOL])


def test_parents_who_shared_one_link_before_are_not_asked_again(
    closing_case, coordinator, mailoutbox
):
    close(closing_case, coordinator)
    closing_case.refresh_from_db()
    SurveyInvitation.objects.create(  # as invited before each parent had their own link
        case=closing_case,
        respondent=Respondent.PARENT,
        region=closing_case.region,
        period=closing_case.closed_on,
        token_hash="0" * 64,
        expires_at=timezone.now(),
        sent_at=timezone.now(),
    )
    made = surveys_create_for_case(closing_case)
    assert [invitation.respondent for invitation in made] == [Respondent.CARE_COORDINATOR]
    assert [message.to for message in mailoutbox] == [[SCHOOL]]
