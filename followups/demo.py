"""Demo data for followups: partners among the betrokkenen (so partner logins see shared cases),
a few edits with an author (history; the inserts of the other apps' demo data are recorded by
the triggers already), yearly follow-ups, and survey invitations with anonymous answers.

Bulk inserts only; no e-mail is sent.
"""

from datetime import datetime, time, timedelta

import pghistory
from django.contrib.auth.hashers import make_password
from django.db.models import F
from django.utils import timezone

from accounts.models import Role, User
from casework.constants import CaseKind, Scenario
from casework.demo import DEMO_PASSWORD
from casework.models import Case, Student, TimelineEntry
from casework.workflow import Status
from consent.models import Consent
from evaluations.models import Goal, Plan, Stakeholder
from intake.models import Intake, Registration

from .models import (
    ExamResult,
    FollowUp,
    Outflow,
    Progression,
    Respondent,
    SurveyInvitation,
    SurveyResponse,
)
from .services import SURVEY_VALID_DAYS, follow_ups_create, quarter_start, survey_recipients

# (username, first name, last name, index in casework.demo.ORGANISATIONS); "partner"
# (leerplicht) already exists.
PARTNERS = [
    ("partner-cjg", "Noor", "Visser", 1),
    ("partner-jeugdhulp", "Daan", "Meijer", 4),
]
# Share of plans that name each partner organisation (by index) as betrokkene.
INVOLVED = {1: 0.5, 2: 0.45, 4: 0.3}
COMMENTS = [
    "Fijn dat er eindelijk iemand was die alles op een rij zette.",
    "Het duurde lang voordat er iets gebeurde.",
    "Duidelijke afspraken, en ze werden ook nagekomen.",
    "Ik had graag vaker iets gehoord.",
    "",
    "",
    "",
]


def seed(ctx) -> None:
    cases = ctx.data.get("cases", [])
    organisations = ctx.data.get("organisations", {})
    users = ctx.data.get("users", {})
    if not cases or not organisations:
        return
    _partners(ctx, organisations, users)
    _betrokkenen(ctx, organisations)
    _edits(ctx, users)
    _backdate_closed_cases(ctx)
    # The scan as it would have run on each of the last years (it catches up one year).
    for years_ago in (2, 1, 0):
        follow_ups_create(today=ctx.today - timedelta(days=365 * years_ago))
    _record_follow_ups(ctx, users)
    _surveys(ctx, [c.pk for c in cases if c.status == Status.CLOSED and c.closed_on])
    ctx.stdout.write(
        f"Kwaliteit: {FollowUp.objects.count()} opvolgingen, "
        f"{SurveyResponse.objects.count()} enquête-antwoorden; partners "
        + ", ".join(["partner", *[p[0] for p in PARTNERS]])
        + f" (wachtwoord {DEMO_PASSWORD})."
    )


# Dated fields moved back with a backdated case (its pupil's birth date too, so ages stay).
BACKDATED = [
    (Case, "pk", ("registered_on", "closed_on", "absent_since", "offer_since",
                  "truancy_reported_on", "created_at")),
    (Student, "cases", ("birth_date",)),
    (Registration, "case", ("submitted_at",)),
    (Intake, "case", ("completed_at",)),
    (Consent, "case", ("given_on", "ended_on", "superseded_at")),
    (TimelineEntry, "case", ("at",)),
]  # fmt: skip


def _backdate_closed_cases(ctx) -> list[int]:
    """Every demo case is younger than a year, so nothing would be due for follow-up. Move
    part of the closed informatie & advies cases (they have no plan or evaluations whose
    dates would have to follow) one or two years back, with every date on their records,
    in a few set-based UPDATEs; the number of cases stays what --cases asked."""
    rng = ctx.rng
    closed = [
        c.pk
        for c in ctx.data["cases"]
        if c.status == Status.CLOSED and c.kind == CaseKind.ADVICE and c.closed_on
    ]
    groups = {365: [], 730: []}
    for pk in closed:
        if rng.random() < 0.6:
            groups[rng.choice([365, 730])].append(pk)
    for days, ids in groups.items():
        if not ids:
            continue
        shift = timedelta(days=days)
        for model, lookup, fields in BACKDATED:
            model.objects.filter(**{f"{lookup}__in": ids}).update(
                **{name: F(name) - shift for name in fields}
            )
    for case in ctx.data["cases"]:
        if case.pk in groups[365] or case.pk in groups[730]:
            case.refresh_from_db(fields=["registered_on", "closed_on"])
    return groups[365] + groups[730]


def _partners(ctx, organisations, users) -> None:
    password = make_password(DEMO_PASSWORD)
    vd = organisations["VD"]
    for username, first, last, index in PARTNERS:
        users[username] = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            role=Role.PARTNER,
            region=vd[index].region,
            organisation=vd[index],
            password=password,
            email=f"{username}@plusdossier.local",
        )


def _betrokkenen(ctx, organisations) -> None:
    """Name partner organisations on the current plans (with an organisation, not just a
    name), so consent + betrokkene opens those cases to the partner."""
    rng = ctx.rng
    plans = Plan.objects.filter(current=True).values_list("pk", "case__region__code")
    rows = []
    for plan_id, code in plans.iterator(chunk_size=5000):
        for index, share in INVOLVED.items():
            if rng.random() < share:
                organisation = organisations[code][index]
                rows.append(
                    Stakeholder(
                        plan_id=plan_id,
                        name=ctx.fake.name(),
                        organisation=organisation,
                        # A kind like "youth_care": an underscore is not allowed in a domain.
                        email=f"contact@{organisation.kind.replace('_', '-')}.example",
                    )
                )
    Stakeholder.objects.bulk_create(rows, batch_size=5000)


def _edits(ctx, users) -> None:
    """A few changes by the casemanagers, as the history page would show them."""
    rng = ctx.rng
    for casemanager in [u for u in users.values() if u.role == Role.CASEMANAGER]:
        mine = list(
            Case.objects.filter(casemanager=casemanager, status=Status.PLAN_ACTIVE).values_list(
                "pk", flat=True
            )[:400]
        )
        changed = [pk for pk in mine if rng.random() < 0.3]
        with pghistory.context(user=casemanager.pk, url="demo"):
            for scenario in Scenario:
                part = [pk for pk in changed if rng.random() < 0.4]
                Case.objects.filter(pk__in=part).exclude(scenario=scenario).update(
                    scenario=scenario
                )
            Goal.objects.filter(plan__case_id__in=changed, position=1).update(term="8 weken")


def _record_follow_ups(ctx, users) -> None:
    """About two thirds answered by the school (by its demo gedragsdeskundige if it has one)."""
    rng = ctx.rng
    experts = {u.school_id: u for u in users.values() if u.role == Role.BEHAVIOURAL_EXPERT}
    outflows = [Outflow.SCHOOL] * 6 + [Outflow.MBO] * 3 + [Outflow.WORK, Outflow.NONE]
    progressions = [Progression.PROMOTED] * 5 + [Progression.REPEATED, Progression.LEVEL_CHANGED]
    answered = []
    for follow_up in FollowUp.objects.filter(recorded_at__isnull=True):
        if rng.random() > 0.65:
            continue
        follow_up.outflow = rng.choice(outflows)
        follow_up.progression = (
            rng.choice(progressions)
            if follow_up.outflow == Outflow.SCHOOL
            else Progression.NOT_APPLICABLE
        )
        follow_up.exam_result = (
            rng.choice([ExamResult.PASSED, ExamResult.PASSED, ExamResult.FAILED])
            if follow_up.outflow != Outflow.SCHOOL
            else ExamResult.NOT_APPLICABLE
        )
        follow_up.recorded_by = experts.get(follow_up.school_id)
        follow_up.recorded_at = timezone.make_aware(
            datetime.combine(follow_up.due_on + timedelta(days=rng.randint(1, 20)), time(10))
        )
        answered.append(follow_up)
    FollowUp.objects.bulk_update(
        answered,
        ["outflow", "progression", "exam_result", "recorded_by", "recorded_at"],
        batch_size=2000,
    )


def _surveys(ctx, closed_ids) -> None:
    """Invitations for closed cases as the closing sends them (one per parent with gezag and
    one for the school, services.survey_recipients), about half answered."""
    rng = ctx.rng
    invitations, responses = [], []
    closed = (
        Case.objects.filter(pk__in=closed_ids)
        .select_related("school")
        .prefetch_related("student__guardians")
        .order_by("pk")
    )
    for case in closed:
        sent = timezone.make_aware(datetime.combine(case.closed_on, time(6)))
        for recipient in survey_recipients(case):
            respondent = recipient.respondent
            used = rng.random() < (0.45 if respondent == Respondent.PARENT else 0.6)
            expires = sent + timedelta(days=SURVEY_VALID_DAYS)
            invitations.append(
                SurveyInvitation(
                    case=case,
                    respondent=respondent,
                    guardian_id=recipient.guardian_id,
                    region_id=case.region_id,
                    period=quarter_start(case.closed_on),
                    token_hash=f"{rng.getrandbits(256):064x}",
                    sent_at=sent,
                    expires_at=expires,
                    used_at=sent + timedelta(days=rng.randint(0, 20)) if used else None,
                )
            )
            if used:
                base = rng.choice([3, 4, 4, 5, 5])
                scores = [max(1, min(5, base + rng.choice([-1, 0, 0, 1]))) for _ in range(4)]
                responses.append(
                    SurveyResponse(
                        region_id=case.region_id,
                        period=quarter_start(case.closed_on),
                        respondent=respondent,
                        satisfied=scores[0],
                        listened=scores[1],
                        clear=scores[2],
                        better=scores[3],
                        comment=rng.choice(COMMENTS),
                    )
                )
    SurveyInvitation.objects.bulk_create(invitations, batch_size=5000)
    rng.shuffle(responses)  # no order shared with the invitations
    SurveyResponse.objects.bulk_create(responses, batch_size=5000)
