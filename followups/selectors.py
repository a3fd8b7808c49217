"""Reads of the followups app: outcome figures from the follow-ups (for the reports app) and the
survey report."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Region

from .models import (
    SURVEY_QUESTIONS,
    ExamResult,
    FollowUp,
    Outflow,
    Progression,
    Respondent,
    SurveyInvitation,
    SurveyResponse,
)

# Below this many answers a group's averages are not shown (one parent's answer would show).
SURVEY_MIN_RESPONSES = 3


def follow_up_outcomes(cases: QuerySet[Case]) -> dict:
    """Outcome figures of the yearly follow-ups of these cases (pass a visible_to queryset,
    already narrowed to the report's period/region). Two queries.

    Returns {"due": n, "recorded": n, "open": n,
             "progression": {label: n}, "exam_result": {label: n}, "outflow": {label: n}}
    with every label present (0 when none), in the choices' order.
    """
    follow_ups = FollowUp.objects.filter(case__in=cases.values("pk"))
    totals = follow_ups.aggregate(due=Count("pk"), recorded=Count("pk", filter=~_open_q()))
    counts: dict[tuple[str, str], int] = {}
    recorded = follow_ups.exclude(_open_q())
    for name in ("progression", "exam_result", "outflow"):
        for row in recorded.values(name).annotate(n=Count("pk")).order_by():
            counts[(name, row[name])] = row["n"]
    result = {
        "due": totals["due"],
        "recorded": totals["recorded"],
        "open": totals["due"] - totals["recorded"],
    }
    for name, choices in (
        ("progression", Progression),
        ("exam_result", ExamResult),
        ("outflow", Outflow),
    ):
        result[name] = {str(c.label): counts.get((name, c.value), 0) for c in choices}
    return result


def _open_q() -> Q:
    return Q(recorded_at__isnull=True)


@dataclass
class SurveyGroup:
    label: str
    responses: int
    averages: list[tuple[str, float | None]] = field(default_factory=list)
    shown: bool = True


@dataclass
class SurveyReport:
    region: Region
    year: int
    invited: int
    responses: int
    groups: list[SurveyGroup]
    comments: list[str]

    @property
    def rows(self) -> list[tuple[str, list[float | None]]]:
        """Per question: its average in each group, in the order of `groups`."""
        return [
            (question, [group.averages[i][1] for group in self.groups])
            for i, (_name, question) in enumerate(SURVEY_QUESTIONS)
        ]

    @property
    def response_rate(self) -> float | None:
        return round(100 * self.responses / self.invited, 1) if self.invited else None


def survey_report(*, region: Region, year: int) -> SurveyReport:
    """Averages per question (per kind of respondent and together) and the response rate of
    the invitations sent for cases closed in `year`. Answers carry no case: only region and
    quarter. Four queries."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    invited = SurveyInvitation.objects.filter(
        region=region, period__range=(start, end), sent_at__isnull=False
    ).count()
    answers = SurveyResponse.objects.filter(region=region, period__range=(start, end))
    aggregates = {name: Avg(name) for name, _label in SURVEY_QUESTIONS}
    rows = {
        row["respondent"]: row
        for row in answers.values("respondent").annotate(n=Count("pk"), **aggregates).order_by()
    }
    overall = answers.aggregate(n=Count("pk"), **aggregates)
    groups = []
    for label, row in [
        *[(str(r.label), rows.get(r.value)) for r in Respondent],
        (str(_("samen")), overall),
    ]:
        n = row["n"] if row else 0
        shown = n >= SURVEY_MIN_RESPONSES
        groups.append(
            SurveyGroup(
                label=label,
                responses=n,
                shown=shown,
                averages=[
                    (str(question), round(row[name], 1) if shown and row[name] else None)
                    for name, question in SURVEY_QUESTIONS
                ],
            )
        )
    comments = (
        list(answers.exclude(comment="").order_by("?").values_list("comment", flat=True)[:50])
        if overall["n"] >= SURVEY_MIN_RESPONSES
        else []
    )
    return SurveyReport(
        region=region,
        year=year,
        invited=invited,
        responses=overall["n"],
        groups=groups,
        comments=comments,
    )
