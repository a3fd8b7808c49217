"""Writes on plans, goals, evaluations, load profiles and meetings.

Every service runs in one transaction, locks the row it changes and writes a timeline entry.
Edits of Plan, Goal, Evaluation and LoadProfile are optimistic: the caller passes the
`expected_version` the editor started from; when someone else saved in between, EditConflict
is raised with the stored values next to the submitted ones, and nothing is written. Without a
version an edit of a stored record is refused (MISSING_VERSION): a client that leaves the
hidden field out must not overwrite silently. Only creating (nothing stored yet) needs none.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from casework.models import Case
from casework.services import case_activate_plan, case_close, timeline_add
from casework.workflow import Status

from .models import (
    PROFILE_FIELDS,
    SCHOOL_FIELDS,
    Evaluation,
    EvaluationKind,
    Goal,
    GoalReview,
    LoadProfile,
    LoadProfileVersion,
    Meeting,
    MeetingAction,
    MeetingItem,
    Plan,
    Stakeholder,
    qualified_functions,
)

PLAN_FIELDS = (
    "drawn_up_on",
    "director_name",
    "director_organisation",
    "director_email",
    "director_phone",
    "pupil_view",
)
GOAL_FIELDS = ("description", "actions", "term", "responsible")


# --- dates -------------------------------------------------------------------------------


def interim_due_on(plan_date: date) -> date:
    """Tussentijdse evaluatie: plan date + 6 weeks."""
    return plan_date + relativedelta(weeks=6)


def final_due_on(plan_date: date) -> date:
    """Evaluatie na 3 maanden: plan date + 3 calendar months, clamped to the month's end
    (30 Nov → 28/29 Feb; 31 Jan → 30 Apr)."""
    return plan_date + relativedelta(months=3)


def fmt(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return str(value)


# --- optimistic locking ------------------------------------------------------------------


@dataclass
class Change:
    label: str
    stored: str
    theirs: str


@dataclass
class EditConflict(Exception):
    """Someone else saved this object after the editor opened it."""

    message: str
    current_version: int
    changes: list[Change] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


def _differences(model: type[models.Model], stored: Mapping, theirs: Mapping) -> list[Change]:
    changes = []
    for name, value in theirs.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:
            label = name
        current = stored.get(name)
        if current != value:
            changes.append(Change(label=label, stored=fmt(current), theirs=fmt(value)))
    return changes


MISSING_VERSION = gettext_lazy(
    "Het formulier mist de versie waarmee u begon, dus kan niet worden nagegaan of iemand "
    "anders intussen heeft opgeslagen. Uw wijzigingen zijn niet opgeslagen; laad de pagina "
    "opnieuw en vul ze nog eens in."
)


def require_version(expected_version: int | None) -> None:
    """Refuse an edit of a stored record that does not say which version it started from."""
    if expected_version is None:
        raise ValidationError(MISSING_VERSION, code="missing_version")


def _check_version(
    obj: models.Model, expected_version: int | None, submitted: Mapping, *, what: str
) -> None:
    require_version(expected_version)
    if obj.version == expected_version:
        return
    stored = {name: getattr(obj, name) for name in submitted}
    raise EditConflict(
        message=_(
            "Iemand anders heeft %(what)s intussen opgeslagen. Uw wijzigingen zijn niet "
            "opgeslagen; hieronder ziet u de opgeslagen waarden naast de uwe. Neem over wat "
            "nodig is en sla opnieuw op."
        )
        % {"what": what},
        current_version=obj.version,
        changes=_differences(type(obj), stored, submitted),
    )


# --- plan --------------------------------------------------------------------------------


def current_plan(case: Case) -> Plan | None:
    return case.plans.filter(current=True).first()


def _check_plan_open(case: Case) -> None:
    if case.status not in (Status.INTAKE, Status.PLAN_ACTIVE):
        raise ValidationError(
            _(
                "Een plan van aanpak kan alleen worden gewijzigd in de intake of bij een actief plan."
            )
        )


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
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not a plan field: {sorted(unknown)}")
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_plan_open(case)
    plan = Plan.objects.select_for_update().filter(case=case, current=True).first()
    created = plan is None
    if created:
        plan = Plan(case=case, current=True)
    else:
        _check_version(plan, expected_version, fields, what=_("het plan van aanpak"))
        plan.version += 1
    old_date = plan.drawn_up_on
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    if not created and plan.is_adopted and old_date != plan.drawn_up_on:
        _follow_plan_date(plan, old_date, by=by)
    if stakeholders is not None:
        plan.stakeholders.all().delete()
        for row in stakeholders:
            stakeholder = Stakeholder(plan=plan, **row)
            stakeholder.full_clean()
            stakeholder.save()
    timeline_add(
        case=case,
        by=by,
        kind="plan",
        text=_("Plan van aanpak opgesteld.") if created else _("Plan van aanpak gewijzigd."),
    )
    return plan


def _follow_plan_date(plan: Plan, old_date: date, *, by: User) -> None:
    """The plan's date was corrected after adoption: an evaluation not held yet and still on
    the date suggested from the old plan date moves to the one from the new date; one the
    casemanager moved stays where it was put."""
    suggested = {EvaluationKind.INTERIM: interim_due_on, EvaluationKind.FINAL: final_due_on}
    for evaluation in plan.evaluations.filter(held_on__isnull=True):
        due_on = suggested.get(evaluation.kind)  # a vervolgevaluatie has no suggested date
        if due_on and evaluation.due_on == due_on(old_date):
            evaluation_reschedule(
                evaluation=evaluation,
                by=by,
                due_on=due_on(plan.drawn_up_on),
                expected_version=evaluation.version,
            )


@transaction.atomic
def goal_add(*, plan: Plan, by: User, **fields: Any) -> Goal:
    _check_plan_open(plan.case)
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
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"not a goal field: {sorted(unknown)}")
    goal = Goal.objects.select_for_update().select_related("plan__case").get(pk=goal.pk)
    _check_plan_open(goal.plan.case)
    if not goal.active:
        raise ValidationError(_("Dit doel is aangepast; wijzig de nieuwe versie."))
    _check_version(goal, expected_version, fields, what=_("dit doel"))
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.version += 1
    goal.full_clean()
    goal.save()
    timeline_add(
        case=goal.plan.case, by=by, kind="goal", text=_("Doel gewijzigd: %(goal)s") % {"goal": goal}
    )
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, by: User) -> None:
    """Only a goal of a plan that is not adopted yet, and never reviewed, may go."""
    goal = Goal.objects.select_for_update().select_related("plan__case").get(pk=goal.pk)
    if goal.plan.is_adopted or goal.reviews.exists():
        raise ValidationError(
            _("Een doel van een vastgesteld plan blijft bewaard; pas het aan bij de evaluatie.")
        )
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
    if plan is None:
        raise ValidationError(_("Stel eerst een plan van aanpak op."))
    if plan.is_adopted:
        raise ValidationError(_("Dit plan is al vastgesteld."))
    if case.status != Status.INTAKE:
        raise ValidationError(
            _("Een plan wordt vastgesteld tijdens de intake (status nu: %(status)s).")
            % {"status": case.get_status_display()}
        )
    if not plan.goals.active().exists():
        raise ValidationError(_("Een plan van aanpak heeft minstens één doel nodig."))
    plan.adopted_on = timezone.localdate()
    plan.adopted_by = by
    plan.version += 1
    plan.save()
    interim = Evaluation(
        case=case, plan=plan, kind=EvaluationKind.INTERIM, due_on=interim_due_on(plan.drawn_up_on)
    )
    final = Evaluation(
        case=case, plan=plan, kind=EvaluationKind.FINAL, due_on=final_due_on(plan.drawn_up_on)
    )
    for evaluation in (interim, final):
        evaluation.full_clean()
        evaluation.save()
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


# --- evaluations -------------------------------------------------------------------------


@transaction.atomic
def evaluation_reschedule(
    *, evaluation: Evaluation, by: User, due_on: date, expected_version: int | None = None
) -> Evaluation:
    """Move the date. Reminders are keyed on due_on, so they follow."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_held:
        raise ValidationError(_("Een gehouden evaluatie wordt niet meer verzet."))
    _check_version(evaluation, expected_version, {"due_on": due_on}, what=_("deze evaluatie"))
    old = evaluation.due_on
    if old == due_on:
        return evaluation
    evaluation.due_on = due_on
    evaluation.version += 1
    evaluation.full_clean()
    evaluation.save()
    timeline_add(
        case=evaluation.case,
        by=by,
        kind="evaluation",
        text=_("%(kind)s verzet van %(old)s naar %(new)s.")
        % {"kind": evaluation.get_kind_display(), "old": fmt(old), "new": fmt(due_on)},
    )
    return evaluation


@dataclass
class ReviewInput:
    goal: Goal
    achieved: bool
    explanation: str = ""
    extra_actions: str = ""
    needed: str = ""
    adjust: bool = False
    new_goal: dict = field(default_factory=dict)


@transaction.atomic
def evaluation_record(
    *,
    evaluation: Evaluation,
    by: User,
    held_on: date,
    participants: str,
    pupil_view: str = "",
    notes: str = "",
    reviews: Sequence[ReviewInput],
    expected_version: int | None = None,
) -> Evaluation:
    """Record an evaluation with a review of every goal in force.

    Interim: a goal not reached needs the extra actions. Final/followup: a goal not reached
    needs what is needed to still reach it, or an adjusted goal; the adjusted goal is a new
    Goal version and the old one (with its reviews) stays as history.
    """
    evaluation = (
        Evaluation.objects.select_for_update().select_related("case", "plan").get(pk=evaluation.pk)
    )
    case = evaluation.case
    submitted = {"held_on": held_on, "participants": participants, "pupil_view": pupil_view}
    _check_version(evaluation, expected_version, submitted, what=_("deze evaluatie"))
    if evaluation.is_held:
        raise ValidationError(_("Deze evaluatie is al vastgelegd."))
    if case.status != Status.PLAN_ACTIVE:
        raise ValidationError(_("Alleen bij een actief plan wordt geëvalueerd."))
    if held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("Een evaluatie kan niet in de toekomst gehouden zijn.")}
        )
    goals = list(evaluation.plan.goals.active())
    by_goal = {review.goal.pk: review for review in reviews}
    errors: dict[str, list[str]] = {}
    missing = [goal for goal in goals if goal.pk not in by_goal]
    if missing:
        raise ValidationError(_("Beoordeel elk doel van het plan."))
    interim = evaluation.kind == EvaluationKind.INTERIM
    for goal in goals:
        review = by_goal[goal.pk]
        key = f"goal_{goal.pk}"
        if review.adjust and interim:
            errors.setdefault(key, []).append(
                _("Een doel wordt pas bij de evaluatie na 3 maanden aangepast.")
            )
        if review.achieved:
            continue
        if interim and not review.extra_actions.strip():
            errors.setdefault(key, []).append(
                _("Doel niet behaald: vul in welke aanvullende acties nodig zijn.")
            )
        if not interim and not review.needed.strip() and not review.adjust:
            errors.setdefault(key, []).append(
                _("Doel niet behaald: vul in wat er nodig is, of pas het doel aan.")
            )
        if review.adjust and not (review.new_goal.get("description") or "").strip():
            errors.setdefault(key, []).append(_("Vul het aangepaste doel in."))
    if errors:
        raise ValidationError(errors)

    evaluation.held_on = held_on
    evaluation.participants = participants
    evaluation.pupil_view = pupil_view
    evaluation.notes = notes
    evaluation.recorded_by = by
    evaluation.version += 1
    evaluation.full_clean()
    evaluation.save()
    adjusted = []
    for goal in goals:
        review = by_goal[goal.pk]
        GoalReview(
            evaluation=evaluation,
            goal=goal,
            achieved=review.achieved,
            explanation=review.explanation,
            extra_actions=review.extra_actions if interim else "",
            needed="" if interim else review.needed,
            adjusted=review.adjust and not interim,
        ).save()
        if review.adjust and not interim:
            adjusted.append(_goal_new_version(goal=goal, fields=review.new_goal))
    reached = sum(1 for r in reviews if r.achieved)
    text = _("%(kind)s gehouden op %(date)s: %(reached)s van %(total)s doelen behaald.") % {
        "kind": evaluation.get_kind_display(),
        "date": fmt(held_on),
        "reached": reached,
        "total": len(goals),
    }
    if adjusted:
        text += " " + _("%(count)s doel(en) aangepast.") % {"count": len(adjusted)}
    timeline_add(case=case, by=by, kind="evaluation", text=text)
    return evaluation


def _goal_new_version(*, goal: Goal, fields: Mapping) -> Goal:
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


def _final_held(case: Case) -> bool:
    return case.evaluations.filter(
        kind__in=[EvaluationKind.FINAL, EvaluationKind.FOLLOWUP], held_on__isnull=False
    ).exists()


def evaluation_next_step_open(case: Case) -> bool:
    """After the 3-month (or a follow-up) evaluation, with nothing open: close or plan again."""
    return (
        case.status == Status.PLAN_ACTIVE
        and _final_held(case)
        and not case.evaluations.open().exists()
    )


@transaction.atomic
def evaluation_schedule_followup(*, case: Case, by: User, due_on: date) -> Evaluation:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not evaluation_next_step_open(case):
        raise ValidationError(_("Een vervolgevaluatie wordt gepland na de evaluatie na 3 maanden."))
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("Kies een datum in de toekomst.")})
    plan = current_plan(case)
    evaluation = Evaluation(case=case, plan=plan, kind=EvaluationKind.FOLLOWUP, due_on=due_on)
    evaluation.full_clean()
    evaluation.save()
    timeline_add(
        case=case,
        by=by,
        kind="evaluation",
        text=_("Vervolgevaluatie gepland op %(date)s.") % {"date": fmt(due_on)},
    )
    return evaluation


def case_close_after_evaluation(*, case: Case, by: User, **close_fields: Any) -> Case:
    """Close the case after its final evaluation (casework.services.case_close does the rest)."""
    if not evaluation_next_step_open(case):
        raise ValidationError(
            _(
                "Sluit de casus af na de evaluatie na 3 maanden, als er geen evaluatie meer open staat."
            )
        )
    return case_close(case=case, by=by, **close_fields)


# --- belastbaarheidsprofiel --------------------------------------------------------------


def is_qualified_function(value: str) -> bool:
    normalised = " ".join((value or "").lower().replace("-", " ").split())
    return normalised in {
        " ".join(f.lower().replace("-", " ").split()) for f in qualified_functions()
    }


def _unqualified_error() -> ValidationError:
    return ValidationError(
        {
            "author_function": _(
                "Een belastbaarheidsprofiel kan alleen worden opgesteld door een %(functions)s."
            )
            % {"functions": _(" of ").join(qualified_functions())}
        }
    )


def _profile_conflict(profile: LoadProfile, expected_version: int | None, submitted: Mapping):
    if expected_version is None and profile.version == 0:
        return  # nothing saved yet: nothing to overwrite
    require_version(expected_version)
    if profile.version == expected_version:
        return
    latest = profile.latest
    stored = {name: getattr(latest, name) for name in submitted} if latest else {}
    raise EditConflict(
        message=_(
            "Iemand anders heeft het belastbaarheidsprofiel intussen opgeslagen (versie "
            "%(version)s). Uw wijzigingen zijn niet opgeslagen; hieronder ziet u de opgeslagen "
            "waarden naast de uwe. Neem over wat nodig is en sla opnieuw op."
        )
        % {"version": profile.version},
        current_version=profile.version,
        changes=_differences(LoadProfileVersion, stored, submitted),
    )


def _profile_new_version(*, profile: LoadProfile, by: User, values: Mapping, school: bool):
    profile.version += 1
    profile.save()
    version = LoadProfileVersion(
        profile=profile, number=profile.version, saved_by=by, school_part_only=school, **values
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def load_profile_save(
    *, case: Case, by: User, expected_version: int | None = None, **fields: Any
) -> LoadProfileVersion:
    """Save the profile as a new version (groeidocument). The author's function must be one
    of the qualified functions (settings.LOAD_PROFILE_QUALIFIED_FUNCTIONS)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not a profile field: {sorted(unknown)}")
    if not is_qualified_function(fields.get("author_function", "")):
        raise _unqualified_error()
    profile, _created = LoadProfile.objects.get_or_create(case=case)
    profile = LoadProfile.objects.select_for_update().get(pk=profile.pk)
    _profile_conflict(profile, expected_version, fields)
    latest = profile.latest
    values = {name: getattr(latest, name) for name in PROFILE_FIELDS} if latest else {}
    values.update(fields)
    version = _profile_new_version(profile=profile, by=by, values=values, school=False)
    timeline_add(
        case=case,
        by=by,
        kind="load_profile",
        text=_("Belastbaarheidsprofiel opgeslagen (versie %(n)s).") % {"n": version.number},
    )
    return version


def may_add_school_part(user: User, case: Case) -> bool:
    """The one place a gedragsdeskundige writes in a case: their own school's profile part."""
    return (
        user.role == Role.BEHAVIOURAL_EXPERT
        and case.school_id is not None
        and case.school_id == user.school_id
    )


@transaction.atomic
def load_profile_add_school_part(
    *, case: Case, by: User, expected_version: int | None = None, **fields: Any
) -> LoadProfileVersion:
    """A gedragsdeskundige of the pupil's school adds the school's part (only SCHOOL_FIELDS)
    to the profile drawn up by jeugdhulp; the rest is copied from the latest version."""
    unknown = set(fields) - set(SCHOOL_FIELDS)
    if unknown:
        raise ValueError(f"not a school field: {sorted(unknown)}")
    if not may_add_school_part(by, case):
        raise ValidationError(_("Alleen een gedragsdeskundige van de school vult dit deel aan."))
    profile = LoadProfile.objects.select_for_update().filter(case=case).first()
    latest = profile.latest if profile else None
    if latest is None:
        raise ValidationError(
            _("Er is nog geen belastbaarheidsprofiel van de jeugdhulp om aan te vullen.")
        )
    _profile_conflict(profile, expected_version, fields)
    values = {name: getattr(latest, name) for name in PROFILE_FIELDS}
    values.update(fields)
    version = _profile_new_version(profile=profile, by=by, values=values, school=True)
    timeline_add(
        case=case,
        by=by,
        kind="load_profile",
        text=_("Belastbaarheidsprofiel aangevuld door school (versie %(n)s).")
        % {"n": version.number},
    )
    return version


def load_profile_compare(
    older: LoadProfileVersion, newer: LoadProfileVersion
) -> list[dict[str, Any]]:
    rows = []
    for name in PROFILE_FIELDS:
        a, b = getattr(older, name), getattr(newer, name)
        rows.append(
            {
                "name": name,
                "label": LoadProfileVersion._meta.get_field(name).verbose_name,
                "a": fmt(a),
                "b": fmt(b),
                "changed": a != b,
            }
        )
    return rows


# --- meetings ----------------------------------------------------------------------------


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
    attendees = list(attendees)
    if any(user.region_id != by.region_id for user in attendees):
        raise ValidationError({"attendees": _("Kies deelnemers uit dit werkgebied.")})
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


def require_consent_to_discuss(case: Case, *, field: str | None = None) -> None:
    """A case is discussed in a meeting (put on the agenda, minutes recorded) only with valid
    consent today; withdrawn consent stops it at once."""
    from consent.selectors import consent_gaps

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
    if by.role != Role.COORDINATOR or meeting.region_id != by.region_id:
        raise ValidationError(_("Alleen de coördinator van het werkgebied stelt de agenda op."))
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
