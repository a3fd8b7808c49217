"""The whole way through the screens: plan with three goals → two evaluation dates → 6-week
evaluation (one goal not reached, extra action) → 3-month evaluation with one goal adjusted →
case closed with agreements."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from casework.models import TimelineEntry
from evaluations.models import Evaluation, EvaluationKind, Goal, GoalReview, Plan
from evaluations.services import final_due_on, interim_due_on


def plan_post(**overrides):
    data = {
        "drawn_up_on": timezone.localdate().isoformat(),
        "director_name": "Mohamed El Amrani",
        "director_organisation": "Taskforce Veendam",
        "director_email": "m.elamrani@example.nl",
        "director_phone": "06 123 456 78",
        "pupil_view": "Ik wil eerst twee ochtenden per week.",
        "version": "",
        "betrokkenen-TOTAL_FORMS": "2",
        "betrokkenen-INITIAL_FORMS": "0",
        "betrokkenen-MIN_NUM_FORMS": "0",
        "betrokkenen-MAX_NUM_FORMS": "1000",
        "betrokkenen-0-name": "Mevrouw Jansen",
        "betrokkenen-0-organisation_name": "Dollard College",
        "betrokkenen-0-email": "jansen@dollard.example",
        "betrokkenen-0-phone": "+31612345679",
        "betrokkenen-1-name": "",
    }
    data.update(overrides)
    return data


def review_post(evaluation, goals, reviews, **overrides):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "participants": "Leerling, moeder, mentor, casemanager",
        "pupil_view": "Het gaat beter dan ik dacht.",
        "notes": "",
        "version": str(evaluation.version),
    }
    for goal, review in zip(goals, reviews, strict=True):
        for key, value in review.items():
            data[f"goal-{goal.pk}-{key}"] = value
    data.update(overrides)
    return data


def test_plan_to_closure_through_the_screens(intake_case, casemanager, login):
    client = login(casemanager)
    case = intake_case
    plan_url = reverse("evaluations:plan_detail", args=[case.pk])

    # Plan van aanpak with casusregisseur, a betrokkene and three goals.
    response = client.post(plan_url, plan_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.get(case=case, current=True)
    assert plan.director_phone == "0612345678"
    assert plan.stakeholders.get().phone == "0612345679"
    for n in (1, 2, 3):
        response = client.post(
            reverse("evaluations:goal_add", args=[case.pk]),
            {
                "nieuw-doel-description": f"Doel {n}: weer naar school",
                "nieuw-doel-actions": f"Acties {n}, criterium: 3 ochtenden aanwezig",
                "nieuw-doel-term": "6 weken",
                "nieuw-doel-responsible": "Mentor",
            },
        )
        assert response.status_code == 302
    assert plan.goals.count() == 3

    # Adopt → plan actief and the two dates appear.
    response = client.post(reverse("evaluations:plan_adopt", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "plan_active"
    response = client.get(reverse("evaluations:evaluation_list", args=[case.pk]))
    page = response.content.decode()
    today = timezone.localdate()
    from django.utils.formats import date_format

    assert date_format(interim_due_on(today), "j F Y") in page
    assert date_format(final_due_on(today), "j F Y") in page

    # 6-week evaluation: goal 2 not reached, with an extra action.
    goals = list(plan.goals.order_by("position"))
    interim = case.evaluations.get(kind=EvaluationKind.INTERIM)
    url = reverse("evaluations:evaluation_record", args=[case.pk, interim.pk])
    assert client.get(url).status_code == 200
    reviews = [
        {"achieved": "ja", "explanation": "Gaat goed."},
        {"achieved": "nee", "explanation": "Nog te spannend.", "extra_actions": "Buddy regelen."},
        {"achieved": "ja", "explanation": ""},
    ]
    response = client.post(url, review_post(interim, goals, reviews))
    assert response.status_code == 302, response.content.decode()[:3000]
    interim.refresh_from_db()
    assert interim.held_on == today
    assert GoalReview.objects.get(evaluation=interim, goal=goals[1]).extra_actions == (
        "Buddy regelen."
    )

    # 3-month evaluation: goal 2 adjusted (a new version), goal 3 not reached with what's needed.
    final = case.evaluations.get(kind=EvaluationKind.FINAL)
    url = reverse("evaluations:evaluation_record", args=[case.pk, final.pk])
    reviews = [
        {"achieved": "ja"},
        {
            "achieved": "nee",
            "adjust": "on",
            "description": "Doel 2 aangepast: twee ochtenden met buddy",
            "actions": "Buddy en mentor",
            "term": "4 weken",
            "responsible": "Mentor",
        },
        {"achieved": "nee", "needed": "Meer begeleiding in de pauze."},
    ]
    response = client.post(url, review_post(final, goals, reviews))
    assert response.status_code == 302, response.content.decode()[:3000]
    old = Goal.objects.get(pk=goals[1].pk)
    assert not old.active
    new = old.next_version
    assert new.active and new.description.startswith("Doel 2 aangepast")
    assert old.reviews.count() == 2  # both reviews of the old version stay
    page = client.get(plan_url).content.decode()
    assert "Eerdere versies van aangepaste doelen" in page
    assert "Doel 2: weer naar school" in page
    assert "Doel 2 aangepast" in page

    # A closing date in the future is refused in the closing's own words (issue 19, finding 5:
    # it said "De datum van intrekking …", the consent's end date).
    tomorrow = (today + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("evaluations:evaluation_close", args=[case.pk]),
        {
            "afsluiten-outcome": "back_at_school",
            "afsluiten-agreements": "Mentor houdt contact.",
            "afsluiten-closed_on": tomorrow,
        },
    )
    assert response.status_code == 200
    assert "De datum van afsluiting kan niet in de toekomst liggen." in response.content.decode()
    assert "intrekking" not in response.content.decode()

    # Issue 18: the same closing form as the case page, with the seed's fields: when
    # casusregie continues, the casusregisseur's e-mail address and a valid 06 number.
    closing = {
        "afsluiten-outcome": "back_at_school",
        "afsluiten-agreements": "Mentor houdt wekelijks contact; evaluatie op school.",
        "afsluiten-closed_on": "",
        "afsluiten-case_direction_continues": "on",
        "afsluiten-case_direction_email": "geen e-mailadres",
        "afsluiten-case_direction_phone": "0598 123456",
    }
    response = client.post(reverse("evaluations:evaluation_close", args=[case.pk]), closing)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Voer een geldig e-mailadres in." in page
    assert "Vul een 06-nummer in van tien cijfers, bijvoorbeeld 06 12345678." in page
    assert 'name="afsluiten-case_direction_phone"' in page
    assert 'name="afsluiten-case_direction_by"' not in page

    # Close with agreements.
    closing["afsluiten-case_direction_email"] = "casusregie@cjg-veendam.nl"
    closing["afsluiten-case_direction_phone"] = "+31 6 1234 5678"
    response = client.post(reverse("evaluations:evaluation_close", args=[case.pk]), closing)
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.status == "closed"
    assert "wekelijks contact" in case.closing_agreements
    assert (case.case_direction_email, case.case_direction_phone) == (
        "casusregie@cjg-veendam.nl",
        "0612345678",
    )
    kinds = set(TimelineEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert {"plan", "goal", "evaluation", "closed"} <= kinds


def test_followup_instead_of_closing(active_case, casemanager, login):
    client = login(casemanager)
    plan = active_case.plans.get()
    goals = list(plan.goals.all())
    for kind in (EvaluationKind.INTERIM, EvaluationKind.FINAL):
        evaluation = active_case.evaluations.get(kind=kind)
        reviews = [{"achieved": "ja"} for _ in goals]
        response = client.post(
            reverse("evaluations:evaluation_record", args=[active_case.pk, evaluation.pk]),
            review_post(evaluation, goals, reviews),
        )
        assert response.status_code == 302
    next_date = timezone.localdate() + timezone.timedelta(days=30)
    response = client.post(
        reverse("evaluations:evaluation_followup", args=[active_case.pk]),
        {"vervolg-due_on": next_date.isoformat()},
    )
    assert response.status_code == 302
    assert Evaluation.objects.get(case=active_case, kind=EvaluationKind.FOLLOWUP).due_on == (
        next_date
    )


def test_closing_before_the_final_evaluation_is_refused(active_case, casemanager, login):
    client = login(casemanager)
    response = client.post(
        reverse("evaluations:evaluation_close", args=[active_case.pk]),
        {"afsluiten-outcome": "back_at_school", "afsluiten-agreements": "Mijn afspraken"},
    )
    assert response.status_code == 200
    assert "na de evaluatie na 3 maanden" in response.content.decode()
    assert "Mijn afspraken" in response.content.decode()
    active_case.refresh_from_db()
    assert active_case.status == "plan_active"


def test_goal_not_reached_without_extra_action_keeps_what_was_typed(
    active_case, casemanager, login
):
    client = login(casemanager)
    goals = list(active_case.plans.get().goals.all())
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    reviews = [
        {"achieved": "nee", "explanation": "Mijn eigen toelichting"},
        {"achieved": "ja"},
        {"achieved": "ja"},
    ]
    response = client.post(
        reverse("evaluations:evaluation_record", args=[active_case.pk, interim.pk]),
        review_post(interim, goals, reviews, participants="Deelnemers die ik typte"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "welke aanvullende acties nodig zijn" in page
    assert "Mijn eigen toelichting" in page
    assert "Deelnemers die ik typte" in page
    interim.refresh_from_db()
    assert interim.held_on is None


def test_bad_plan_input_is_shown_beside_the_field_and_kept(intake_case, casemanager, login):
    client = login(casemanager)
    response = client.post(
        reverse("evaluations:plan_detail", args=[intake_case.pk]),
        plan_post(
            director_phone="0598123456", director_email="geen-email", pupil_view="Mijn mening"
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul een 06-nummer in" in page
    assert "Mijn mening" in page
    assert "0598123456" in page
    assert not Plan.objects.filter(case=intake_case).exists()
