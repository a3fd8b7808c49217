"""The retention purge of the history of anonymised cases."""

from casework.models import Case, GuardianEvent, StudentEvent
from meetings.models import MeetingEvent

from .selectors import case_event_querysets


def history_purge_anonymised(*, case_id: int | None = None) -> int:
    """Delete the history of anonymised cases (it holds the personal data the anonymisation
    blanked): of the one case `case_id` (just anonymised), or of all of them (the daily
    retention run catches any an earlier purge missed). Set-based and idempotent; meetings'
    own events are not a case's and stay. Students and guardians only when every case of the
    pupil is anonymised."""
    anonymised = Case.objects.filter(anonymised_at__isnull=False)
    if case_id is not None:
        anonymised = anonymised.filter(pk=case_id)
    anonymised = anonymised.values("id")
    shared_students = Case.objects.filter(anonymised_at__isnull=True).values("student_id")
    deleted = 0
    for event_model, condition in case_event_querysets(anonymised):
        if event_model is MeetingEvent:
            continue
        queryset = event_model.objects.filter(condition)
        if event_model is StudentEvent:
            queryset = queryset.exclude(pgh_obj_id__in=shared_students)
        elif event_model is GuardianEvent:
            queryset = queryset.exclude(student_id__in=shared_students)
        deleted += queryset.delete()[0]
    return deleted
