"""History triggers (SQL for quality's migrations) and the per-case change list.

The triggers come from pghistory's own trigger class, under names of our own ("quality_h_…")
so that `manage.py pgtrigger prune` does not take them for stale pgtrigger triggers.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import pgtrigger
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from pghistory.trigger import Event


class HistoryTrigger(Event):
    def get_pgid(self, model) -> str:
        return f"quality_h_{model._meta.db_table}_{self.label}"[:63].lower()


def _triggers(event_model):
    for tracker in event_model.pgh_trackers:
        yield HistoryTrigger(
            event_model=event_model,
            label=tracker.label,
            name=tracker.trigger_name,
            row=tracker.row,
            operation=tracker.operation,
            condition=tracker.condition,
            # Per statement: one INSERT … SELECT from the transition tables, and one (not one
            # per row) of the subtransactions that pghistory's and pgtrigger's functions open.
            level=pgtrigger.Statement,
        )


def trigger_sql(event_models) -> tuple[str, str]:
    """(install, uninstall) SQL for the history triggers of these event models."""
    install, uninstall = [], []
    for event_model in event_models:
        tracked = event_model.pgh_tracked_model
        for trigger in _triggers(event_model):
            compiled = trigger.compile(tracked)
            install.append(str(compiled.install_sql))
            pgid = trigger.get_pgid(tracked)
            uninstall.append(
                f'DROP TRIGGER IF EXISTS {pgid} ON "{tracked._meta.db_table}"; '
                f"DROP FUNCTION IF EXISTS {pgid}();"
            )
    return "\n".join(install), "\n".join(uninstall)


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
    from casework.models import Case
    from evaluations.models import Evaluation, LoadProfile, MeetingItem, Plan

    from . import models as m

    resolve = isinstance(case_ids, list | tuple)

    def children(name, live_model, event_model):
        return _child_ids(
            name,
            live_model.objects.filter(case_id__in=case_ids),
            event_model.objects.filter(case_id__in=case_ids),
            resolve,
        )

    plans = children("plan_id", Plan, m.PlanEvent)
    evaluations = children("evaluation_id", Evaluation, m.EvaluationEvent)
    profiles = children("profile_id", LoadProfile, m.LoadProfileEvent)
    items = children("item_id", MeetingItem, m.MeetingItemEvent)
    students = Case.objects.filter(pk__in=case_ids).values("student_id")
    if resolve:
        students = list(students.values_list("student_id", flat=True))
    by_case = Q(case_id__in=case_ids)
    return [
        (m.CaseEvent, Q(pgh_obj_id__in=case_ids)),
        (m.StudentEvent, Q(pgh_obj_id__in=students)),
        (m.GuardianEvent, Q(student_id__in=students)),
        (m.RegistrationEvent, by_case),
        (m.IntakeEvent, by_case),
        (m.ConsentEvent, by_case),
        (m.PlanEvent, by_case),
        (m.StakeholderEvent, plans),
        (m.GoalEvent, plans),
        (m.EvaluationEvent, by_case),
        (m.GoalReviewEvent, evaluations),
        (m.LoadProfileEvent, by_case),
        (m.LoadProfileVersionEvent, profiles),
        (m.MeetingItemEvent, by_case),
        (m.MeetingActionEvent, items),
        (
            m.MeetingEvent,
            Q(
                pgh_obj_id__in=m.MeetingItemEvent.objects.filter(case_id__in=case_ids).values(
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
        from casework.models import Student

        for model, ids in self.wanted.items():
            queryset = model._default_manager.filter(pk__in=ids)
            if model is Student:
                # Never load (let alone show) the BSN.
                queryset = queryset.only("first_name", "last_name")
            self.names[model] = {obj.pk: str(obj) for obj in queryset}

    def __call__(self, fld, value) -> str:
        if value is None or value == "":
            return "—"
        if fld.is_relation:
            return self.names.get(fld.related_model, {}).get(value) or f"#{value}"
        if fld.choices:
            return str(dict(fld.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("ja") if value else _("nee"))
        if isinstance(value, datetime):
            return date_format(timezone.localtime(value), "j F Y H:i")
        if isinstance(value, date):
            return date_format(value, "j F Y")
        return str(value)


def _user_names(events) -> dict:
    from accounts.models import User

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


# --- retention ------------------------------------------------------------------------------


def history_purge_anonymised(*, case_id: int | None = None) -> int:
    """Delete the history of anonymised cases (it holds the personal data the anonymisation
    blanked): of the one case `case_id` (just anonymised), or of all of them (the daily
    retention run catches any an earlier purge missed). Set-based and idempotent; meetings'
    own events are not a case's and stay. Students and guardians only when every case of the
    pupil is anonymised."""
    from casework.models import Case

    anonymised = Case.objects.filter(anonymised_at__isnull=False)
    if case_id is not None:
        anonymised = anonymised.filter(pk=case_id)
    anonymised = anonymised.values("id")
    shared_students = Case.objects.filter(anonymised_at__isnull=True).values("student_id")
    deleted = 0
    for event_model, condition in case_event_querysets(anonymised):
        queryset = event_model.objects.filter(condition)
        if event_model.__name__ in ("StudentEvent", "GuardianEvent"):
            column = "pgh_obj_id" if event_model.__name__ == "StudentEvent" else "student_id"
            queryset = queryset.exclude(**{f"{column}__in": shared_students})
        if event_model.__name__ == "MeetingEvent":
            continue
        deleted += queryset.delete()[0]
    return deleted
