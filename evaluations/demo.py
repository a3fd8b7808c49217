"""Demo data: plans with goals, evaluations (due soon, overdue, held with reviews), a few
opbouwschema's with attended weeks, and load profiles with two versions. Bulk inserts only."""

from datetime import date, timedelta

from casework.constants import CaseKind
from casework.models import Case, TimelineEntry
from casework.workflow import Status

from .models import (
    BuildUpWeek,
    Evaluation,
    EvaluationKind,
    Goal,
    GoalReview,
    LoadProfile,
    LoadProfileVersion,
    Plan,
    Stakeholder,
)
from .rules import SUGGESTED_DUE_ON

GOALS = [
    (
        "{name} gaat weer twee ochtenden per week naar school.",
        "Rooster aanpassen; mentor haalt op bij de ingang. Criterium: 4 weken op rij aanwezig.",
        "6 weken",
        "Mentor",
    ),
    (
        "{name} heeft een vast aanspreekpunt op school.",
        "Ondersteuningscoördinator plant wekelijks een gesprek. Criterium: 6 gesprekken gevoerd.",
        "3 maanden",
        "Zorgcoördinator",
    ),
    (
        "Ouders en school stemmen wekelijks af.",
        "Korte belafspraak op vrijdag. Criterium: ouders geven aan dat zij op de hoogte zijn.",
        "doorlopend",
        "Casemanager",
    ),
    (
        "{name} start met behandeling voor angstklachten.",
        "Aanmelding bij jeugdhulp; intake binnen 4 weken.",
        "4 weken",
        "CJG",
    ),
    (
        "{name} maakt een plan voor de overstap naar het mbo.",
        "Loopbaangesprekken, open dag bezoeken. Criterium: aanmelding verstuurd.",
        "3 maanden",
        "Decaan",
    ),
]


def _plan_date(ctx, case: Case):
    """A plan date after registration; for open cases spread so that evaluations are due
    soon, overdue, or already held."""
    today = ctx.today
    earliest = case.registered_on + timedelta(days=ctx.rng.randint(7, 30))
    if case.status == Status.CLOSED and case.closed_on:
        latest = max(case.registered_on, case.closed_on - timedelta(days=100))
        return min(earliest, latest)
    return min(today, max(earliest, today - timedelta(days=ctx.rng.randint(0, 140))))


def seed(ctx) -> None:
    cases = [
        c
        for c in ctx.data.get("cases", [])
        if c.status in (Status.PLAN_ACTIVE, Status.CLOSED) and c.kind == CaseKind.INTENSIVE
    ]
    if not cases:
        return
    ctx.data["plan_cases"] = cases  # meetings.demo puts some of their region's cases on agendas
    students = {c.pk: c.student for c in cases}
    plans = _plans(ctx, cases)
    goals_by_plan = _stakeholders_and_goals(ctx, plans, students)
    evaluations, timeline = _evaluations(ctx, plans)
    _reviews(ctx, evaluations, goals_by_plan)
    _build_ups(ctx, plans, goals_by_plan)
    _load_profiles(ctx, cases, students)
    TimelineEntry.objects.bulk_create(timeline, batch_size=5000)


def _plans(ctx, cases: list[Case]) -> list[Plan]:
    """An adopted plan per case, drawn up on _plan_date."""
    rng = ctx.rng
    plans = []
    for case in cases:
        drawn_up_on = _plan_date(ctx, case)
        cm = case.casemanager
        plans.append(
            Plan(
                case=case,
                drawn_up_on=drawn_up_on,
                director_name=str(cm) if cm else "Casemanager",
                director_organisation=case.region.name,
                director_email=cm.email if cm else "casemanager@plusdossier.local",
                director_phone=f"06{rng.randint(10000000, 99999999)}",
                pupil_view=rng.choice(
                    [
                        "Ik wil het proberen, maar niet meteen hele dagen.",
                        "Ik vind het spannend. Een vast iemand op school helpt.",
                        "Ik wil liever naar een andere school.",
                    ]
                ),
                adopted_on=drawn_up_on,
                adopted_by=cm,
            )
        )
    Plan.objects.bulk_create(plans, batch_size=2000)
    return plans


def _stakeholders_and_goals(ctx, plans: list[Plan], students: dict) -> dict[int, list[Goal]]:
    """A betrokkene from the school and two to four goals per plan; the goals by plan."""
    rng = ctx.rng
    stakeholders, goals = [], []
    for plan in plans:
        case = plan.case
        stakeholders.append(
            Stakeholder(
                plan=plan,
                name=ctx.fake.name(),
                organisation_name=case.school.name if case.school else "School",
                email="zorg@school.example",
                phone=f"06{rng.randint(10000000, 99999999)}",
            )
        )
        name = students[case.pk].first_name
        for position, (desc, actions, term, who) in enumerate(
            rng.sample(GOALS, rng.randint(2, 4)), start=1
        ):
            goals.append(
                Goal(
                    plan=plan,
                    position=position,
                    description=desc.format(name=name),
                    actions=actions,
                    term=term,
                    responsible=who,
                )
            )
    Stakeholder.objects.bulk_create(stakeholders, batch_size=5000)
    Goal.objects.bulk_create(goals, batch_size=5000)
    goals_by_plan: dict[int, list[Goal]] = {}
    for goal in goals:
        goals_by_plan.setdefault(goal.plan_id, []).append(goal)
    return goals_by_plan


def _held_on(ctx, case: Case, due: date) -> date | None:
    """A closed case held each evaluation; an open one held most of those already due."""
    rng, today = ctx.rng, ctx.today
    if case.status == Status.CLOSED:
        return min(due, case.closed_on or today)
    if due < today and rng.random() < 0.7:
        return min(today, due + timedelta(days=rng.randint(0, 6)))
    return None


def _evaluations(ctx, plans: list[Plan]) -> tuple[list[Evaluation], list[TimelineEntry]]:
    """Both evaluations of each plan on their suggested dates, and the plan's timeline entry."""
    evaluations, timeline = [], []
    for plan in plans:
        case = plan.case
        for kind, due_on in SUGGESTED_DUE_ON.items():
            due = due_on(plan.drawn_up_on)
            held_on = _held_on(ctx, case, due)
            evaluations.append(
                Evaluation(
                    case=case,
                    plan=plan,
                    kind=kind,
                    due_on=due,
                    held_on=held_on,
                    participants="Leerling, ouder, mentor, casemanager" if held_on else "",
                    pupil_view="Het gaat beter; de ochtenden lukken." if held_on else "",
                    recorded_by=case.casemanager if held_on else None,
                )
            )
        timeline.append(
            TimelineEntry(
                case=case,
                user=case.casemanager,
                kind="plan",
                text="Plan van aanpak vastgesteld (demo).",
            )
        )
    Evaluation.objects.bulk_create(evaluations, batch_size=5000)
    return evaluations, timeline


def _reviews(ctx, evaluations: list[Evaluation], goals_by_plan: dict[int, list[Goal]]) -> None:
    """A review of every goal at each held evaluation, about 60% reached."""
    rng = ctx.rng
    reviews = []
    for evaluation in evaluations:
        if not evaluation.held_on:
            continue
        interim = evaluation.kind == EvaluationKind.INTERIM
        for goal in goals_by_plan[evaluation.plan_id]:
            achieved = rng.random() < 0.6
            reviews.append(
                GoalReview(
                    evaluation=evaluation,
                    goal=goal,
                    achieved=achieved,
                    explanation="Volgens afspraak verlopen." if achieved else "Lukt nog niet.",
                    extra_actions="" if achieved or not interim else "Extra begeleiding in pauzes.",
                    needed="" if achieved or interim else "Meer tijd en een buddy.",
                )
            )
    GoalReview.objects.bulk_create(reviews, batch_size=5000)


# The opbouwschema of a demo plan: planned hours per week, the way back to full days.
BUILD_UP_HOURS = (6, 8, 10, 12, 15, 18, 20, 24, 26, 28)
SHORTFALL_REASONS = (
    "Buikpijn op maandagochtend; thuisgebleven.",
    "Spanning rond een toets; twee ochtenden niet gegaan.",
    "Afspraak bij de behandelaar onder schooltijd.",
)
BUILD_UP_PLANS = 3


def _build_ups(ctx, plans: list[Plan], goals_by_plan: dict[int, list[Goal]]) -> None:
    """An opbouwschema for a few open plans at least five weeks old: the hours planned per
    week from the plan's week on, and for the weeks past what was attended, now and then
    less than planned, with the reason."""
    rng, today = ctx.rng, ctx.today
    open_plans = [
        p
        for p in plans
        if p.case.status == Status.PLAN_ACTIVE and (today - p.drawn_up_on).days >= 35
    ]
    weeks = []
    for plan in sorted(open_plans, key=lambda p: p.drawn_up_on)[-BUILD_UP_PLANS:]:
        monday = plan.drawn_up_on - timedelta(days=plan.drawn_up_on.weekday())
        goal = goals_by_plan[plan.pk][0]
        for n, planned in enumerate(BUILD_UP_HOURS):
            week_start = monday + timedelta(weeks=n)
            attended, reason = None, ""
            if week_start + timedelta(days=7) <= today:
                attended = planned
                if rng.random() < 0.3:
                    attended = max(0, planned - rng.randint(2, 6))
                    reason = rng.choice(SHORTFALL_REASONS)
            weeks.append(
                BuildUpWeek(
                    plan=plan,
                    week_start=week_start,
                    planned_hours=planned,
                    goal=goal,
                    attended_hours=attended,
                    shortfall_reason=reason,
                )
            )
    BuildUpWeek.objects.bulk_create(weeks, batch_size=5000)


def _load_profiles(ctx, cases: list[Case], students: dict) -> None:
    """Load profiles with two versions (the second the school's part) for about a quarter of
    the cases."""
    rng, users = ctx.rng, ctx.data.get("users", {})
    profile_cases = [c for c in cases if rng.random() < 0.25]
    profiles = [LoadProfile(case=c, version=2) for c in profile_cases]
    LoadProfile.objects.bulk_create(profiles, batch_size=2000)
    versions = []
    for profile in profiles:
        student = students[profile.case_id]
        base = dict(
            profile_date=profile.case.registered_on + timedelta(days=14),
            student_name=student.full_name,
            residence=student.residence,
            birth_date=student.birth_date,
            class_level=student.class_name,
            author_name=ctx.fake.name(),
            author_function=rng.choice(["gz-psycholoog", "orthopedagoog-generalist"]),
            author_big=f"{rng.randint(10**10, 10**11 - 1)}",
            mentor=ctx.fake.name(),
            school_location=profile.case.school.name if profile.case.school else "",
            general="Vaststellen welke aanpassingen in uren en programma nodig zijn.",
            functioning="Heeft sturing nodig bij plannen; kan aangeven wanneer het te veel wordt.",
            schedule_load="Start om 10.00 uur; geen 8e uur.",
            free_moments_load="Mag pauze in de mediatheek houden.",
            home_load="Wekelijks behandelcontact op woensdag.",
            overload_signals="Hoofdpijn, terugtrekken, niet meer reageren.",
            signal_judged_by="Mentor, in overleg met ouders en jeugdarts.",
            interim_adjustment=(
                "De mentor belt de casusregisseur; bijstellen in een kort overleg met ouders, "
                "leerling en jeugdhulp, in dit ene plan."
            ),
        )
        versions.append(
            LoadProfileVersion(profile=profile, number=1, saved_by=profile.case.casemanager, **base)
        )
        second = base | {
            "schedule_load": "Start om 9.00 uur; drie dagen per week volledig rooster.",
            "school_addition": "Vaste plek in het lokaal bij de deur.",
        }
        versions.append(
            LoadProfileVersion(
                profile=profile,
                number=2,
                saved_by=users.get("gedrag") if profile.case.region.code == "VD" else None,
                school_part_only=True,
                **second,
            )
        )
    LoadProfileVersion.objects.bulk_create(versions, batch_size=2000)
