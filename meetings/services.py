"""Writes on meetings (overleggen) of a region: planning one, its agenda and the minutes per
case. A case is discussed only with valid consent today. Callers: `from meetings import
services`."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from casework.models import Case
from casework.services import timeline_add
from consent.selectors import consent_gaps
from core.edits import fmt

from .models import Meeting, MeetingAction, MeetingItem


@transaction.atomic
def meeting_create(
    *,
    by: User,
    kind: str,
    date: date,
    start_time=None,
    place: str = "",
    attendees: Iterable[User] = (),
    other_attendees: str = "",
) -> Meeting:
    if by.role != Role.COORDINATOR or by.region_id is None:
        raise ValidationError(_("Alleen de coördinator plant een overleg."))
    attendees = _region_attendees(attendees, by)
    meeting = Meeting(
        region_id=by.region_id,
        kind=kind,
        date=date,
        start_time=start_time,
        place=place,
        other_attendees=other_attendees,
        planned_by=by,
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def _region_attendees(attendees: Iterable[User], by: User) -> list[User]:
    attendees = list(attendees)
    if any(user.region_id != by.region_id for user in attendees):
        raise ValidationError({"attendees": _("Kies deelnemers uit dit werkgebied.")})
    return attendees


def _require_planner(meeting: Meeting, by: User) -> None:
    if by.role != Role.COORDINATOR or meeting.region_id != by.region_id:
        raise ValidationError(_("Alleen de coördinator van het werkgebied wijzigt een overleg."))


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by: User,
    kind: str,
    date: date,
    start_time=None,
    place: str = "",
    attendees: Iterable[User] = (),
    other_attendees: str = "",
) -> Meeting:
    """Change a planned meeting (kind, moment, place, attendees); a changed date or time goes
    on the timeline of each case on its agenda."""
    _require_planner(meeting, by)
    attendees = _region_attendees(attendees, by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = str(meeting), meeting.start_time
    meeting.kind, meeting.date, meeting.start_time = kind, date, start_time
    meeting.place, meeting.other_attendees = place, other_attendees
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    if (str(meeting), meeting.start_time) != before:
        for item in meeting.items.select_related("case"):
            if not item.case.is_open:
                continue  # closed means closed (casework.workflow.CHANGEABLE_WHEN_ENDED)
            timeline_add(
                case=item.case,
                by=by,
                kind="meeting",
                text=_("Overleg verzet: %(before)s is nu %(meeting)s.")
                % {"before": before[0], "meeting": meeting},
            )
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: User) -> None:
    """Cancel a meeting. One with minutes or agreed actions stays: they are part of the
    cases' dossiers. The cases on its agenda get a line on their timeline."""
    _require_planner(meeting, by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    items = list(meeting.items.select_related("case"))
    if (
        any(item.minutes for item in items)
        or MeetingAction.objects.filter(item__meeting=meeting).exists()
    ):
        raise ValidationError(
            _("Dit overleg heeft verslagen of afgesproken acties en blijft daarom bewaard.")
        )
    for item in items:
        if item.case.is_open:  # closed means closed (casework.workflow.CHANGEABLE_WHEN_ENDED)
            timeline_add(
                case=item.case,
                by=by,
                kind="meeting",
                text=_("Overleg vervallen: %(meeting)s.") % {"meeting": meeting},
            )
    meeting.delete()


def require_consent_to_discuss(case: Case, *, field: str | None = None) -> None:
    """A case is discussed in a meeting (put on the agenda, minutes recorded) only with valid
    consent today; withdrawn consent stops it at once."""
    gaps = consent_gaps(case)
    if gaps:
        message = _("%(case)s kan niet worden besproken zonder geldige toestemming: %(gaps)s") % {
            "case": case.reference,
            "gaps": "; ".join(str(g) for g in gaps),
        }
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def meeting_add_case(*, meeting: Meeting, case: Case, by: User) -> MeetingItem:
    """Put a case on the agenda: only a case of the region with valid consent."""
    _require_planner(meeting, by)
    if case.region_id != meeting.region_id or not case.is_open:
        raise ValidationError({"case": _("Kies een lopende casus uit dit werkgebied.")})
    require_consent_to_discuss(case, field="case")
    if meeting.items.filter(case=case).exists():
        raise ValidationError({"case": _("Deze casus staat al op de agenda.")})
    last = meeting.items.aggregate(m=models.Max("position"))["m"] or 0
    item = MeetingItem(meeting=meeting, case=case, position=last + 1)
    item.full_clean()
    item.save()
    timeline_add(
        case=case,
        by=by,
        kind="meeting",
        text=_("Geagendeerd voor %(meeting)s.") % {"meeting": meeting},
    )
    return item


@transaction.atomic
def meeting_add_cases(*, meeting: Meeting, cases: Iterable[Case], by: User) -> list[MeetingItem]:
    """Put several cases on the agenda at once: all of them, or none when one is refused."""
    return [meeting_add_case(meeting=meeting, case=case, by=by) for case in cases]


@transaction.atomic
def meeting_remove_case(*, item: MeetingItem, by: User) -> None:
    item = MeetingItem.objects.select_for_update().get(pk=item.pk)
    if item.minutes or item.actions.exists():
        raise ValidationError(_("Een besproken casus blijft op de agenda staan."))
    timeline_add(
        case=item.case,
        by=by,
        kind="meeting",
        text=_("Van de agenda gehaald: %(meeting)s.") % {"meeting": item.meeting},
    )
    item.delete()


@transaction.atomic
def meeting_record_minutes(
    *, item: MeetingItem, by: User, minutes: str, actions: Iterable[Mapping] = ()
) -> MeetingItem:
    """Minutes for one case and the actions agreed (description, owner, due_on); both go on
    the case's timeline."""
    item = MeetingItem.objects.select_for_update().select_related("meeting", "case").get(pk=item.pk)
    require_consent_to_discuss(item.case)
    item.minutes = minutes
    item.full_clean()
    item.save()
    made = []
    for row in actions:
        action = MeetingAction(item=item, **row)
        action.full_clean()
        action.save()
        made.append(action)
    lines = [_("Verslag %(meeting)s: %(minutes)s") % {"meeting": item.meeting, "minutes": minutes}]
    lines += [
        _("Actie: %(what)s — %(who)s, uiterlijk %(when)s.")
        % {"what": a.description, "who": a.owner, "when": fmt(a.due_on)}
        for a in made
    ]
    timeline_add(case=item.case, by=by, kind="meeting", text="\n".join(lines))
    return item
