"""TimelineEntry.kind is one of TimelineKind's choices (it was a free string in 17 places)."""

import pytest

from casework.constants import STATUS_TIMELINE_KINDS, TimelineKind
from casework.models import TimelineEntry
from casework.services import timeline_add
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_kind_is_refused(casemanager):
    case = CaseFactory(casemanager=casemanager, school__region=casemanager.region)
    with pytest.raises(ValueError):
        timeline_add(case=case, by=casemanager, kind="registerd", text="tikfout")
    assert not TimelineEntry.objects.filter(case=case, kind="registerd").exists()


def test_every_stored_kind_has_a_dutch_label(casemanager):
    case = CaseFactory(casemanager=casemanager, school__region=casemanager.region)
    for kind in TimelineKind:
        timeline_add(case=case, by=casemanager, kind=kind.value, text="x")
    labels = {entry.kind: entry.get_kind_display() for entry in case.timeline.all()}
    assert set(labels) == set(TimelineKind.values)
    assert all(label and label != kind for kind, label in labels.items())
    assert set(TimelineKind) > STATUS_TIMELINE_KINDS
