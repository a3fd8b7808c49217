"""Writes on the plan's opbouwschema: the weeks planned, and what happened in each."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from casework.services import timeline_add
from core.edits import fmt

from ..models import BuildUpWeek, Plan
from ..rules import check_plan_open

WEEK_FIELDS = ("planned_hours", "goal", "attended_hours", "shortfall_reason")


@transaction.atomic
def build_up_save(
    *, plan: Plan, by: User, weeks: Iterable[Mapping], removed: Iterable = ()
) -> list[BuildUpWeek]:
    """Set the weeks of the plan's opbouwschema. Each row of `weeks` holds week_start and
    WEEK_FIELDS: a week already in the schedule is changed, a new one added; the weeks whose
    Monday is in `removed` are taken out. Returns the schedule as stored, in week order."""
    plan = Plan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    check_plan_open(plan.case)
    stored = {week.week_start: week for week in plan.build_up_weeks.select_for_update()}
    weeks = list(weeks)
    # A week moved to another Monday is removed from its old one, unless a row takes it.
    kept = {row["week_start"] for row in weeks}
    gone = [stored.pop(day) for day in sorted(set(removed) - kept) if day in stored]
    for week in gone:
        week.delete()
    changed: list[str] = []
    for row in weeks:
        week = stored.get(row["week_start"]) or BuildUpWeek(plan=plan, week_start=row["week_start"])
        before = {name: getattr(week, name) for name in WEEK_FIELDS}
        for name in WEEK_FIELDS:
            setattr(week, name, row.get(name, before[name] if week.pk else None))
        week.shortfall_reason = week.shortfall_reason or ""
        if week.pk and before == {name: getattr(week, name) for name in WEEK_FIELDS}:
            continue
        try:
            week.full_clean(exclude=["plan"])
        except ValidationError as error:
            raise ValidationError(
                {
                    f"week-{fmt(week.week_start)}": [
                        f"{_('Week van')} {fmt(week.week_start)}: {message}"
                        for message in error.messages
                    ]
                }
            ) from error
        week.save()
        stored[week.week_start] = week
        changed.append(fmt(week.week_start))
    if changed or gone:
        lines = []
        if changed:
            lines.append(
                _("Opbouwschema bijgewerkt, week van %(weeks)s.") % {"weeks": ", ".join(changed)}
            )
        if gone:
            lines.append(
                _("Uit het opbouwschema gehaald: week van %(weeks)s.")
                % {"weeks": ", ".join(fmt(week.week_start) for week in gone)}
            )
        # The "goal" kind: the schedule serves the goals ("plan" is the status change
        # a school sees).
        timeline_add(case=plan.case, by=by, kind="goal", text=" ".join(lines))
    return sorted(stored.values(), key=lambda week: week.week_start)
