"""The plan van aanpak tab: the plan with its betrokkenen, goals, and adopting the plan."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework.access import get_case_for_user
from casework.models import Case
from casework.workflow import Status
from core.forms import service_saved

from .. import selectors, services
from ..build_up import build_up_chart, case_markers
from ..forms import BuildUpFormSet, GoalForm, PlanForm, StakeholderFormSet
from ..models import Goal
from .editing import attempt_save, cleaned_fields, edited_fields


def _plan_context(request: HttpRequest, case: Case, **extra) -> dict[str, Any]:
    plan = selectors.plan_with_goals(case)
    may_write = case.access.offers("plan")
    goals = [g for g in plan.goals.all() if g.active] if plan else []
    history = [g for g in plan.goals.all() if not g.active] if plan else []
    context = {
        "case": case,
        "active_tab": "plan",
        "plan": plan,
        "goals": goals,
        "goal_history": history,
        "build_up": build_up_chart(
            list(plan.build_up_weeks.select_related("goal")),
            case_markers(case, plan, timezone.localdate()),
        )
        if plan
        else None,
        "may_write": may_write,
        "can_adopt": may_write
        and plan is not None
        and not plan.is_adopted
        and case.status == Status.INTAKE,
    }
    if may_write:
        context.setdefault(
            "plan_form",
            PlanForm(instance=plan, initial={"version": plan.version if plan else None}),
        )
        context.setdefault(
            "stakeholder_formset",
            StakeholderFormSet(
                prefix="betrokkenen",
                region=case.region,
                initial=[
                    {
                        "name": s.name,
                        "organisation": s.organisation_id,
                        "organisation_name": s.organisation_name,
                        "email": s.email,
                        "phone": s.phone,
                    }
                    for s in plan.stakeholders.all()
                ]
                if plan
                else [],
            ),
        )
        context.setdefault("goal_form", GoalForm(prefix="nieuw-doel"))
    context.update(extra)
    return context


# --- plan --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        case = get_case_for_user(request, pk, section="plan")
        return render(request, "evaluations/plan_detail.html", _plan_context(request, case))
    case = get_case_for_user(request, pk, section="plan", write=True, detail="plan van aanpak")
    plan = services.current_plan(case)
    form = PlanForm(request.POST, instance=plan)
    formset = StakeholderFormSet(request.POST, prefix="betrokkenen", region=case.region)
    conflict = None
    if form.is_valid() and formset.is_valid():
        save = partial(
            services.plan_save,
            case=case,
            by=request.user,
            expected_version=form.cleaned_data.get("version"),
            stakeholders=formset.rows(),
            **cleaned_fields(form, services.PLAN_FIELDS),
        )
        attempt = attempt_save(request, form, save, done=_("Het plan van aanpak is opgeslagen."))
        if attempt.saved:
            return redirect("evaluations:plan_detail", pk=case.pk)
        form, conflict = attempt.form, attempt.conflict
    context = _plan_context(
        request, case, plan_form=form, stakeholder_formset=formset, conflict=conflict
    )
    return render(request, "evaluations/plan_detail.html", context)


@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="plan", write=True, detail="doel toevoegen")
    plan = services.current_plan(case)
    if plan is None:
        messages.error(request, _("Stel eerst het plan van aanpak op."))
        return redirect("evaluations:plan_detail", pk=case.pk)
    form = GoalForm(request.POST, prefix="nieuw-doel")
    if form.is_valid():
        fields = cleaned_fields(form, services.GOAL_FIELDS)
        save = partial(services.goal_add, plan=plan, by=request.user, **fields)
        attempt = attempt_save(request, form, save, done=_("Het doel is toegevoegd."))
        if attempt.saved:
            return redirect("evaluations:plan_detail", pk=case.pk)
    context = _plan_context(request, case, goal_form=form)
    return render(request, "evaluations/plan_detail.html", context, status=200)


def _goal_for(case: Case, goal_pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("plan"), pk=goal_pk, plan__case=case)


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="plan", write=True, detail="doel wijzigen")
    goal = _goal_for(case, goal_pk)
    if not goal.active:
        raise Http404("Doel niet gevonden.")
    conflict = None
    if request.method == "POST":
        form = GoalForm(request.POST)  # no instance: keep `goal` as stored
        if form.is_valid():
            save = partial(
                services.goal_update,
                goal=goal,
                by=request.user,
                **edited_fields(form, services.GOAL_FIELDS),
            )
            attempt = attempt_save(request, form, save, done=_("Het doel is opgeslagen."))
            if attempt.saved:
                return redirect("evaluations:plan_detail", pk=case.pk)
            form, conflict = attempt.form, attempt.conflict
    else:
        form = GoalForm(instance=goal, initial={"version": goal.version})
    return render(
        request,
        "evaluations/goal_edit.html",
        {"case": case, "active_tab": "plan", "goal": goal, "form": form, "conflict": conflict},
    )


@require_POST
def goal_delete(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="plan", write=True, detail="doel verwijderen")
    goal = _goal_for(case, goal_pk)
    delete = partial(services.goal_delete, goal=goal, by=request.user)
    service_saved(request, None, delete, done=_("Het doel is verwijderd."))
    return redirect("evaluations:plan_detail", pk=case.pk)


@require_POST
def plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="plan", write=True, detail="plan vaststellen")
    adopt = partial(services.plan_adopt, case=case, by=request.user)
    done = _("Het plan is vastgesteld; de evaluaties zijn gepland.")
    if service_saved(request, None, adopt, done=done):
        return redirect("evaluations:evaluation_list", pk=case.pk)
    return redirect("evaluations:plan_detail", pk=case.pk)


# --- opbouwschema --------------------------------------------------------------------------


def _build_up_formset(plan, data=None) -> BuildUpFormSet:
    initial = [
        {name: getattr(week, name) for name in ("week_start", *services.WEEK_FIELDS)}
        for week in plan.build_up_weeks.all()
    ]
    return BuildUpFormSet(data, prefix="opbouw", plan=plan, initial=initial)


@require_http_methods(["GET", "POST"])
def build_up_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The opbouwschema as one table form: a row per week, planned and attended hours."""
    case = get_case_for_user(request, pk, section="plan", write=True, detail="opbouwschema")
    plan = services.current_plan(case)
    if plan is None:
        messages.error(request, _("Stel eerst het plan van aanpak op."))
        return redirect("evaluations:plan_detail", pk=case.pk)
    formset = _build_up_formset(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and formset.is_valid():
        save = partial(
            services.build_up_save,
            plan=plan,
            by=request.user,
            weeks=formset.rows(),
            removed=formset.removed(),
        )
        done = _("Het opbouwschema is opgeslagen.")
        if service_saved(request, None, save, done=done):
            return redirect(f"{reverse('evaluations:plan_detail', args=[case.pk])}#opbouwschema")
    context = {"case": case, "active_tab": "plan", "plan": plan, "formset": formset}
    return render(request, "evaluations/build_up_edit.html", context)
