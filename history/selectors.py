"""The change list of one case, read from pghistory's event models (`casework.CaseEvent` and
the others that @pghistory.track made in the apps that own the tracked models).

Consecutive events of one record are compared on the decrypted values: pghistory's `pgh_diff`
compares the stored (encrypted) columns, which differ on every save of an encrypted field.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import pghistory.models
from django.apps import apps
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.models import (
    Case,
    CaseEvent,
    GuardianEvent,
    Student,
    StudentEvent,
)
from consent.models import ConsentEvent
from core.formats import display_value
from evaluations.models import (
    BuildUpWeekEvent,
    Evaluation,
    EvaluationEvent,
    GoalEvent,
    GoalReviewEvent,
    LoadProfile,
    LoadProfileEvent,
    LoadProfileVersionEvent,
    Plan,
    PlanEvent,
    StakeholderEvent,
)
from intake.models import IntakeEvent, RegistrationEvent
from meetings.models import (
    MeetingActionEvent,
    MeetingEvent,
    MeetingItem,
    MeetingItemEvent,
)

# The models @pghistory.track follows (core.models.track_history), each with the event model
# it made in its own app: read from the app registry, so a newly tracked model is in without
# a list to keep up to date (and tests/history checks that case_event_querysets covers it).
TRACKED = {
    model.pgh_tracked_model: model
    for model in apps.get_models()
    if issubclass(model, pghistory.models.Event) and hasattr(model, "pgh_tracked_model")
}
EVENT_MODELS = tuple(TRACKED.values())


# --- the change list of one case ------------------------------------------------------------

# Never shown as a change: keys and counters that say nothing to a reader.
HIDDEN_FIELDS = {"id", "version", "case", "plan", "evaluation", "profile", "item", "meeting"}
# Versions of the belastbaarheidsprofiel are separate rows: compare each with the one before.
GROUPED_BY = {"LoadProfileVersionEvent": "profile_id"}
GROUP_HIDDEN = {"LoadProfileVersionEvent": {"number", "saved_at", "saved_by"}}
LABEL_FIELD = {
    "GuardianEvent": "name",
    "StakeholderEvent": "name",
    "GoalEvent": "description",
    "BuildUpWeekEvent": "week_start",
    "EvaluationEvent": "kind",
    "MeetingEvent": "date",
    "MeetingActionEvent": "description",
    "ConsentEvent": "version",
}
MAX_ENTRIES = 500


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    at: datetime
    order: int
    user: str
    record: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _child_ids(name: str, live, events, resolve: bool) -> Q:
    """`name` in the ids of live rows or of their events. With `resolve` (one case, for the
    page) the ids are fetched first, so each event table is read through its index; else
    (many cases, for the purge) two subqueries."""
    if resolve:
        ids = set(live.values_list("id", flat=True)) | set(
            events.values_list("pgh_obj_id", flat=True)
        )
        return Q(**{f"{name}__in": sorted(ids)})
    return Q(**{f"{name}__in": live.values("id")}) | Q(
        **{f"{name}__in": events.values("pgh_obj_id")}
    )


def case_event_querysets(case_ids) -> list:
    """Per event model, the events that belong to these cases (`case_ids`: a list or a
    values('id') subquery). Child records are found through both the live rows and their
    own events, so deleted goals or agenda items stay in the history."""
    resolve = isinstance(case_ids, list | tuple)

    def children(name, live_model, event_model):
        return _child_ids(
            name,
            live_model.objects.filter(case_id__in=case_ids),
            event_model.objects.filter(case_id__in=case_ids),
            resolve,
        )

    plans = children("plan_id", Plan, PlanEvent)
    evaluations = children("evaluation_id", Evaluation, EvaluationEvent)
    profiles = children("profile_id", LoadProfile, LoadProfileEvent)
    items = children("item_id", MeetingItem, MeetingItemEvent)
    students = Case.objects.filter(pk__in=case_ids).values("student_id")
    if resolve:
        students = list(students.values_list("student_id", flat=True))
    by_case = Q(case_id__in=case_ids)
    return [
        (CaseEvent, Q(pgh_obj_id__in=case_ids)),
        (StudentEvent, Q(pgh_obj_id__in=students)),
        (GuardianEvent, Q(student_id__in=students)),
        (RegistrationEvent, by_case),
        (IntakeEvent, by_case),
        (ConsentEvent, by_case),
        (PlanEvent, by_case),
        (StakeholderEvent, plans),
        (GoalEvent, plans),
        (BuildUpWeekEvent, plans),
        (EvaluationEvent, by_case),
        (GoalReviewEvent, evaluations),
        (LoadProfileEvent, by_case),
        (LoadProfileVersionEvent, profiles),
        (MeetingItemEvent, by_case),
        (MeetingActionEvent, items),
        (
            MeetingEvent,
            Q(
                pgh_obj_id__in=MeetingItemEvent.objects.filter(case_id__in=case_ids).values(
                    "meeting_id"
                )
            ),
        ),  # meetings are few; a subquery is fine
    ]


def _tracked_field(event_model, name):
    return event_model.pgh_tracked_model._meta.get_field(name)


def _data_fields(event_model) -> list:
    """The event model's copied fields (not pgh_*), as fields of the tracked model."""
    names = [
        f.name
        for f in event_model._meta.concrete_fields
        if not f.name.startswith("pgh_") and f.name not in HIDDEN_FIELDS
    ]
    hidden = GROUP_HIDDEN.get(event_model.__name__, set())
    return [_tracked_field(event_model, n) for n in names if n not in hidden]


class _Formatter:
    """Shows a stored value the way the forms show it; foreign keys by name (fetched in bulk,
    one query per related model)."""

    def __init__(self):
        self.wanted: dict = defaultdict(set)
        self.names: dict = {}

    def want(self, fld, value) -> None:
        if fld.is_relation and value is not None:
            self.wanted[fld.related_model].add(value)

    def load(self) -> None:
        for model, ids in self.wanted.items():
            queryset = model._default_manager.filter(pk__in=ids)
            if model is Student:
                # Never load (let alone show) the BSN.
                queryset = queryset.only("first_name", "last_name")
            self.names[model] = {obj.pk: str(obj) for obj in queryset}

    def __call__(self, fld, value) -> str:
        if fld.is_relation and value is not None:
            return self.names.get(fld.related_model, {}).get(value) or f"#{value}"
        return display_value(fld, value)


def _user_names(events) -> dict:
    ids = set()
    for event in events:
        metadata = event.pgh_context.metadata if event.pgh_context_id else {}
        if isinstance(metadata.get("user"), int):
            ids.add(metadata["user"])
    return {u.pk: str(u) for u in User.objects.filter(pk__in=ids)}


def case_history(case) -> tuple[list[Entry], bool]:
    """Who changed which field of the case's records, when, from what to what: newest first.

    Consecutive events of one record are compared; an event that changes nothing visible
    (a re-encrypted answer, a version counter) is left out. Returns (entries, truncated).
    """
    groups: dict[tuple, list] = defaultdict(list)
    all_events = []
    for event_model, condition in case_event_querysets([case.pk]):
        group_field = GROUPED_BY.get(event_model.__name__, "pgh_obj_id")
        for event in event_model.objects.filter(condition).select_related("pgh_context"):
            groups[(event_model, getattr(event, group_field))].append(event)
            all_events.append(event)
    users = _user_names(all_events)
    fmt = _Formatter()
    pending = []
    for (event_model, _key), events in groups.items():
        events.sort(key=lambda e: e.pgh_id)
        fields = _data_fields(event_model)
        previous = None
        for event in events:
            changes = []
            if previous is not None and event.pgh_label != "delete":
                for fld in fields:
                    old, new = getattr(previous, fld.attname), getattr(event, fld.attname)
                    if old != new:
                        fmt.want(fld, old)
                        fmt.want(fld, new)
                        changes.append((fld, old, new))
            pending.append((event_model, event, previous, changes))
            previous = event
    fmt.load()
    entries = []
    for event_model, event, previous, changes in pending:
        if previous is None or event.pgh_label == "delete":
            action = ACTIONS.get(event.pgh_label if previous is None else "delete")
        else:
            if not changes:
                continue
            action = ACTIONS["update"]
        if event_model.__name__ == "LoadProfileVersionEvent" and previous is not None:
            action = _("nieuwe versie")
        metadata = event.pgh_context.metadata if event.pgh_context_id else {}
        user = users.get(metadata.get("user")) or _("systeem of onbekend")
        entries.append(
            Entry(
                at=event.pgh_created_at,
                order=event.pgh_id,
                user=str(user),
                record=_record_label(event_model, event, fmt),
                action=str(action),
                changes=[
                    Change(str(fld.verbose_name), fmt(fld, old), fmt(fld, new))
                    for fld, old, new in changes
                ],
            )
        )
    entries.sort(key=lambda e: (e.at, e.order), reverse=True)
    return entries[:MAX_ENTRIES], len(entries) > MAX_ENTRIES


ACTIONS = {
    "insert": _("aangemaakt"),
    "update": _("gewijzigd"),
    "delete": _("verwijderd"),
}


def _record_label(event_model, event, fmt) -> str:
    label = str(event_model.pgh_tracked_model._meta.verbose_name)
    name = LABEL_FIELD.get(event_model.__name__)
    if name:
        value = fmt(_tracked_field(event_model, name), getattr(event, name))
        label = f"{label}: {Truncator(value).chars(60)}"
    return label[:1].upper() + label[1:]
