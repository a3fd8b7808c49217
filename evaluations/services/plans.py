"""Writes on the plan van aanpak and its goals: drawing it up, its betrokkenen, adopting it."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Case
from casework.services import case_activate_plan, timeline_add
from core.edits import check_version, fmt, refuse_unknown

from ..models import Goal, Plan, Stakeholder
from ..rules import check_goal_deletable, check_goal_editable, check_plan_adoptable, check_plan_open
from .schedule import evaluations_follow_plan_date, evaluations_schedule

PLAN_FIELDS = (
    "drawn_up_on",
    "director_name",
    "director_organisation",
    "director_email",
    "director_phone",
    "pupil_view",
)
GOAL_FIELDS = ("description", "actions", "term", "responsible")


def current_plan(case: Case) -> Plan | None:
    return case.plans.filter(current=True).first()


@transaction.atomic
def plan_save(
    *,
    case: Case,
    by: User,
    expected_version: int | None = None,
    stakeholders: Iterable[Mapping] | None = None,
    **fields: Any,
) -> Plan:
    """Create the case's plan or change it. `stakeholders` (dicts of name, organisation,
    organisation_name, email, phone) replace the betrokkenen when given."""
    refuse_unknown(fields, PLAN_FIELDS, what="plan")
    case = Case.objects.select_for_update().get(pk=case.pk)
    check_plan_open(case)
    plan = Plan.objects.select_for_update().filter(case=case, current=True).first()
    created = plan is None
    if created:
        plan = Plan(case=case, current=True)
    else:
        check_version(plan, expected_version, fields, what=_("het plan van aanpak"))
        plan.version += 1
    old_date = plan.drawn_up_on
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    if not created and plan.is_adopted and old_date != plan.drawn_up_on:
        evaluations_follow_plan_date(plan, old_date, by=by)
    if stakeholders is not None:
        _stakeholders_replace(plan, stakeholders)
    timeline_add(
        case=case,
        by=by,
        kind="plan",
        text=_("Plan van aanpak opgesteld.") if created else _("Plan van aanpak gewijzigd."),
    )
    return plan


def _stakeholders_replace(plan: Plan, stakeholders: Iterable[Mapping]) -> None:
    plan.stakeholders.all().delete()
    for row in stakeholders:
        stakeholder = Stakeholder(plan=plan, **row)
        stakeholder.full_clean()
        stakeholder.save()


@transaction.atomic
def goal_add(*, plan: Plan, by: User, **fields: Any) -> Goal:
    check_plan_open(plan.case)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    last = plan.goals.aggregate(m=models.Max("position"))["m"] or 0
    goal = Goal(plan=plan, position=last + 1, **{k: fields.get(k, "") for k in GOAL_FIELDS})
    goal.full_clean()
    goal.save()
    timeline_add(
        case=plan.case, by=by, kind="goal", text=_("Doel toegevoegd: %(goal)s") % {"goal": goal}
    )
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, by: User, expected_version: int | None, **fields: Any) -> Goal:
    refuse_unknown(fields, GOAL_FIELDS, what="goal")
    goal = Goal.objects.select_for_update().select_related("plan__case").get(pk=goal.pk)
    check_plan_open(goal.plan.case)
    check_goal_editable(goal)
    check_version(goal, expected_version, fields, what=_("dit doel"))
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.version += 1
    goal.full_clean()
    goal.save()
    timeline_add(
        case=goal.plan.case, by=by, kind="goal", text=_("Doel gewijzigd: %(goal)s") % {"goal": goal}
    )
    return goal


def goal_new_version(*, goal: Goal, fields: Mapping) -> Goal:
    """The goal as adjusted at an evaluation: a new Goal in its place, the old one (with its
    reviews) inactive as history. A field left empty keeps the old goal's value."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    new = Goal(
        plan=goal.plan,
        position=goal.position,
        previous=goal,
        **{name: fields.get(name) or getattr(goal, name) for name in GOAL_FIELDS},
    )
    new.full_clean()
    goal.active = False
    goal.version += 1
    goal.save(update_fields=["active", "version", "updated_at"])
    new.save()
    return new


@transaction.atomic
def goal_delete(*, goal: Goal, by: User) -> None:
    """Only a goal of a plan that is not adopted yet, and never reviewed, may go."""
    goal = Goal.objects.select_for_update().select_related("plan__case").get(pk=goal.pk)
    check_goal_deletable(goal)
    text = _("Doel verwijderd: %(goal)s") % {"goal": goal}
    goal.delete()
    timeline_add(case=goal.plan.case, by=by, kind="goal", text=text)


@transaction.atomic
def plan_adopt(*, case: Case, by: User, plan: Plan | None = None) -> Plan:
    """Adopt the plan: needs at least one goal and a case in intake. Moves the case to
    *plan actief* and schedules the tussentijdse evaluatie (+6 weeks) and the evaluatie na
    3 maanden (+3 calendar months) from the date the plan was drawn up."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    plan = Plan.objects.select_for_update().filter(case=case, current=True).first()
    check_plan_adoptable(case, plan)
    plan.adopted_on = timezone.localdate()
    plan.adopted_by = by
    plan.version += 1
    plan.save()
    interim, final = evaluations_schedule(case=case, plan=plan)
    case_activate_plan(
        case=case,
        by=by,
        text=_(
            "Plan van aanpak vastgesteld. Tussentijdse evaluatie op %(interim)s, evaluatie na "
            "3 maanden op %(final)s."
        )
        % {"interim": fmt(interim.due_on), "final": fmt(final.due_on)},
    )
    return plan
