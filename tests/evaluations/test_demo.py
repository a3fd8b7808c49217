"""seed_demo fills plans, goals, evaluations (due soon, overdue, held), profiles and meetings."""

from django.core.management import call_command
from django.utils import timezone

from evaluations.models import (
    BuildUpWeek,
    Evaluation,
    Goal,
    GoalReview,
    LoadProfileVersion,
    Plan,
)
from meetings.models import Meeting, MeetingItem


def test_seed_demo_fills_the_evaluations_tables(db):
    call_command("seed_demo", cases=150, seed=7)
    today = timezone.localdate()
    assert Plan.objects.exists()
    for plan in Plan.objects.prefetch_related("goals")[:20]:
        assert 2 <= len(plan.goals.all()) <= 4
    assert Evaluation.objects.open().filter(due_on__lt=today).exists()  # overdue
    assert Evaluation.objects.open().filter(due_on__gte=today).exists()  # still to come
    assert GoalReview.objects.exists()
    assert LoadProfileVersion.objects.filter(number=2).exists()
    # Issue 18: the seed form's last question is answered in the demo profiles.
    assert all(v.interim_adjustment for v in LoadProfileVersion.objects.all()[:20])
    assert Meeting.objects.exists() and MeetingItem.objects.exclude(minutes="").exists()
    assert Goal.objects.filter(active=True).count() == Goal.objects.count()
    # Issue 21: a demo plan with an opbouwschema and some weeks attended, one fell short.
    assert BuildUpWeek.objects.filter(attended_hours__isnull=False).exists()
    assert BuildUpWeek.objects.filter(attended_hours__isnull=True).exists()
    assert BuildUpWeek.objects.exclude(shortfall_reason="").exists()
    for week in BuildUpWeek.objects.select_related("goal", "plan")[:30]:
        week.full_clean()  # a Monday, a reason where fewer hours, the plan's own goal
