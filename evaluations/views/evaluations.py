"""The evaluations tab: the list, rescheduling, recording an evaluation with its goal
reviews, a follow-up evaluation and closing the case after one."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.access import get_case_for_user
from casework.forms import CloseForm
from casework.models import Case
from casework.services import CLOSE_FIELDS

from .. import selectors, services
from ..forms import EvaluationForm, FollowupForm, GoalReviewForm, RescheduleForm
from ..models import Evaluation, EvaluationKind
from ..rules import order_problem
from .editing import attempt_save, cleaned_fields


def _evaluation_context(request: HttpRequest, case: Case, **extra) -> dict[str, Any]:
    evaluations = list(selectors.evaluations_for(case))
    may_write = case.access.offers("evaluations")
    reschedule_forms = extra.pop("reschedule_forms", {})
    for evaluation in evaluations:
        evaluation.reschedule_form = reschedule_forms.get(evaluation.pk) or RescheduleForm(
            prefix=f"verzet-{evaluation.pk}",
            initial={"due_on": evaluation.due_on, "version": evaluation.version},
        )
    next_step = may_write and services.evaluation_next_step_open(case)
    context = {
        "case": case,
        "active_tab": "evaluations",
        "evaluations": evaluations,
        "may_write": may_write,
        "next_step": next_step,
        "followup_form": FollowupForm(prefix="vervolg"),
        "close_form": CloseForm(prefix="afsluiten"),
    }
    context.update(extra)
    return context


@require_GET
def evaluation_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="evaluations")
    return render(request, "evaluations/evaluation_list.html", _evaluation_context(request, case))


@require_POST
def evaluation_reschedule(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="evaluations", write=True, detail="evaluatie verzetten"
    )
    evaluation = get_object_or_404(Evaluation, pk=evaluation_pk, case=case)
    form = RescheduleForm(request.POST, prefix=f"verzet-{evaluation.pk}")
    conflict = None
    if form.is_valid():
        save = partial(
            services.evaluation_reschedule,
            evaluation=evaluation,
            by=request.user,
            due_on=form.cleaned_data["due_on"],
            expected_version=form.cleaned_data.get("version"),
        )
        attempt = attempt_save(
            request, form, save, done=_("De datum is verzet; de herinnering verschuift mee.")
        )
        if attempt.saved:
            return redirect("evaluations:evaluation_list", pk=case.pk)
        form, conflict = attempt.form, attempt.conflict
    context = _evaluation_context(
        request, case, reschedule_forms={evaluation.pk: form}, conflict=conflict
    )
    return render(request, "evaluations/evaluation_list.html", context)


def _review_inputs(review_forms: list[GoalReviewForm]) -> list[services.ReviewInput]:
    inputs = []
    for form in review_forms:
        data = form.cleaned_data
        inputs.append(
            services.ReviewInput(
                goal=form.goal,
                achieved=data["achieved"] == "ja",
                explanation=data.get("explanation", ""),
                extra_actions=data.get("extra_actions", ""),
                needed=data.get("needed", ""),
                adjust=bool(data.get("adjust")),
                new_goal=cleaned_fields(form, services.GOAL_FIELDS),
            )
        )
    return inputs


@require_http_methods(["GET", "POST"])
def evaluation_record(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    write = request.method == "POST"
    case = get_case_for_user(request, pk, section="evaluations", write=write, detail="evaluatie")
    evaluation = get_object_or_404(
        selectors.evaluations_for(case).select_related("plan"), pk=evaluation_pk
    )
    may_write = case.access.offers("evaluations") and not evaluation.is_held
    goals = list(evaluation.plan.goals.active()) if may_write else []
    data = request.POST if write else None
    form = EvaluationForm(data, initial={"version": evaluation.version})
    review_forms = [GoalReviewForm(data, goal=g, kind=evaluation.kind) for g in goals]
    conflict = None
    if write and not may_write:
        messages.error(request, _("Deze evaluatie kan niet (meer) worden vastgelegd."))
        return redirect("evaluations:evaluation_list", pk=case.pk)
    if write and form.is_valid() and all(f.is_valid() for f in review_forms):
        save = partial(
            services.evaluation_record,
            evaluation=evaluation,
            by=request.user,
            expected_version=form.cleaned_data.get("version"),
            held_on=form.cleaned_data["held_on"],
            participants=form.cleaned_data["participants"],
            pupil_view=form.cleaned_data["pupil_view"],
            notes=form.cleaned_data["notes"],
            reviews=_review_inputs(review_forms),
        )
        by_goal = {f"goal_{f.goal.pk}": f for f in review_forms}
        attempt = attempt_save(
            request, form, save, done=_("De evaluatie is vastgelegd."), keyed=by_goal
        )
        if attempt.saved:
            return redirect("evaluations:evaluation_list", pk=case.pk)
        form, conflict = attempt.form, attempt.conflict
    context = {
        "case": case,
        "active_tab": "evaluations",
        "evaluation": evaluation,
        "form": form,
        "review_forms": review_forms,
        "may_write": may_write,
        "conflict": conflict,
        "is_interim": evaluation.kind == EvaluationKind.INTERIM,
        "order_problem": order_problem(evaluation) if may_write else "",
    }
    return render(request, "evaluations/evaluation_record.html", context)


def _list_action(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    service: Callable[..., Any],
    fields: Iterable[str],
    done: str,
    *,
    form_name: str,
) -> HttpResponse:
    """A form on the evaluations list: call `service` (case, by and the form's `fields`) for
    the valid form and go back to the list, or show the list with the form (`form_name`)."""
    if form.is_valid():
        save = partial(service, case=case, by=request.user, **cleaned_fields(form, fields))
        if attempt_save(request, form, save, done=done).saved:
            return redirect("evaluations:evaluation_list", pk=case.pk)
    context = _evaluation_context(request, case, **{form_name: form})
    return render(request, "evaluations/evaluation_list.html", context)


@require_POST
def evaluation_followup(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="evaluations", write=True, detail="vervolgevaluatie"
    )
    form = FollowupForm(request.POST, prefix="vervolg")
    save, done = services.evaluation_schedule_followup, _("De vervolgevaluatie is gepland.")
    return _list_action(request, case, form, save, ("due_on",), done, form_name="followup_form")


@require_POST
def evaluation_close_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="close", write=True, detail="afsluiten na evaluatie"
    )
    form = CloseForm(request.POST, prefix="afsluiten")
    save, done = services.case_close_after_evaluation, _("De casus is afgesloten.")
    return _list_action(request, case, form, save, CLOSE_FIELDS, done, form_name="close_form")
