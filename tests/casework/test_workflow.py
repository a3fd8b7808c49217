"""The lifecycle table (casework.workflow.MOVES) is what the services do: every allowed and
every refused status change, and the signals each move sends."""

import pytest
from django.core.exceptions import ValidationError

from casework.models import Case
from casework.services import case_move
from casework.signals import case_closed, case_ended
from casework.workflow import MOVES, Status, allowed_targets
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

# The lifecycle as the design describes it (../shared/DESIGN.md): written out here, once, so
# that a change to the table is a visible change to this test.
EXPECTED_TARGETS = {
    Status.REGISTERED: {Status.AWAITING_CONSENT, Status.NOT_STARTED, Status.CLOSED},
    Status.AWAITING_CONSENT: {Status.INTAKE, Status.NOT_STARTED},
    Status.INTAKE: {Status.PLAN_ACTIVE, Status.CLOSED, Status.NOT_STARTED},
    Status.PLAN_ACTIVE: {Status.CLOSED, Status.NOT_STARTED},
    Status.CLOSED: set(),
    Status.NOT_STARTED: set(),
}


def test_the_table_allows_exactly_the_designed_moves():
    assert {status: allowed_targets(status) for status in Status} == EXPECTED_TARGETS


# Moves whose own check passes on a plain case of the factory (start_intake needs a valid
# consent, close from registered an adviesvraag: tested in test_case_actions and consent).
PLAIN_MOVES = ["adopt_plan", "mark_not_started"]


@pytest.mark.parametrize("name", PLAIN_MOVES)
@pytest.mark.parametrize("status", list(Status))
def test_a_move_runs_from_its_sources_and_is_refused_in_dutch_elsewhere(
    casemanager, school, status, name
):
    case = CaseFactory(school=school, casemanager=casemanager, registered_by=casemanager)
    Case.objects.filter(pk=case.pk).update(status=status)
    move = MOVES[name]
    if status in move.sources:
        moved = case_move(case=case, move=name, by=casemanager, text="test")
        assert moved.status == move.target
        # (the text is encrypted: compared after reading, not in SQL)
        assert [entry.text for entry in moved.timeline.filter(kind=move.timeline)] == ["test"]
    else:
        with pytest.raises(ValidationError) as refused:
            case_move(case=case, move=name, by=casemanager, text="test")
        assert "kan niet naar" in str(refused.value) or "tijdens de intake" in str(refused.value)
        case.refresh_from_db()
        assert case.status == status


def test_each_move_sends_the_signals_the_table_names(casemanager, school):
    heard = []

    def listen(sender, case, by, **kwargs):
        heard.append((kwargs["signal"], case.pk, by.pk))

    case_ended.connect(listen, weak=False, dispatch_uid="test_workflow")
    case_closed.connect(listen, weak=False, dispatch_uid="test_workflow_closed")
    try:
        case = CaseFactory(school=school, casemanager=casemanager, registered_by=casemanager)
        Case.objects.filter(pk=case.pk).update(status=Status.INTAKE)
        case_move(case=case, move="close", by=casemanager, text="dicht", outcome="other")
        other = CaseFactory(school=school, casemanager=casemanager, registered_by=casemanager)
        case_move(case=other, move="mark_not_started", by=casemanager, text="niet")
    finally:
        case_ended.disconnect(dispatch_uid="test_workflow")
        case_closed.disconnect(dispatch_uid="test_workflow_closed")
    assert heard == [
        (case_ended, case.pk, casemanager.pk),
        (case_closed, case.pk, casemanager.pk),
        (case_ended, other.pk, casemanager.pk),
    ]
