"""Plan van aanpak, evaluations, belastbaarheidsprofiel and meetings.

Case pages start with casework.access.get_case_for_user (write=True for changes); meeting
pages with selectors.get_meeting_for_user. A refused save (EditConflict, ValidationError)
re-renders the form with everything the user typed.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from casework.access import deny, deny_case, get_case_for_user, log_access, user_may_write
from casework.models import AccessAction, Case
from casework.workflow import Status
from core.forms import form_errors_from

from . import selectors, services
from .forms import (
    ActionFormSet,
    AgendaForm,
    CloseForm,
    CompareForm,
    EvaluationForm,
    FollowupForm,
    GoalForm,
    GoalReviewForm,
    LoadProfileForm,
    MeetingForm,
    MinutesForm,
    PlanForm,
    RescheduleForm,
    SchoolPartForm,
    StakeholderFormSet,
)
from .models import (
    PROFILE_FIELDS,
    SCHOOL_FIELDS,
    Evaluation,
    EvaluationKind,
    Goal,
    LoadProfile,
    MeetingItem,
)

EDITABLE_PLAN_STATUSES = (Status.INTAKE, Status.PLAN_ACTIVE)


# --- helpers -----------------------------------------------------------------------------


def rebind_after_conflict(form: forms.Form, conflict: services.EditConflict) -> forms.Form:
    """The same form with the user's input and the current version, so that a second save
    is a deliberate one; the conflict message sits above the form."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(conflict.current_version)
    kwargs: dict[str, Any] = {"prefix": form.prefix}
    if isinstance(form, forms.ModelForm):
        kwargs["instance"] = form.instance
    for attr in ("region",):
        if hasattr(form, attr):
            kwargs[attr] = getattr(form, attr)
    new = type(form)(data, **kwargs)
    new.is_valid()
    new.add_error(None, conflict.message)
    return new


def _fields(form: forms.Form, names) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def _plan_context(request: HttpRequest, case: Case, **extra) -> dict[str, Any]:
    plan = selectors.plan_with_goals(case)
    may_write = user_may_write(request.user, case) and case.status in EDITABLE_PLAN_STATUSES
    goals = [g for g in plan.goals.all() if g.active] if plan else []
    history = [g for g in plan.goals.all() if not g.active] if plan else []
    context = {
        "case": case,
        "active_tab": "plan",
        "plan": plan,
        "goals": goals,
        "goal_history": history,
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
        case = get_case_for_user(request, pk)
        return render(request, "evaluations/plan_detail.html", _plan_context(request, case))
    case = get_case_for_user(request, pk, write=True, detail="plan van aanpak")
    plan = services.current_plan(case)
    form = PlanForm(request.POST, instance=plan)
    formset = StakeholderFormSet(request.POST, prefix="betrokkenen", region=case.region)
    conflict = None
    if form.is_valid() and formset.is_valid():
        try:
            services.plan_save(
                case=case,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                stakeholders=formset.rows(),
                **_fields(form, services.PLAN_FIELDS),
            )
        except services.EditConflict as exc:
            conflict = exc
            form = rebind_after_conflict(form, exc)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Het plan van aanpak is opgeslagen."))
            return redirect("evaluations:plan_detail", pk=case.pk)
    context = _plan_context(
        request, case, plan_form=form, stakeholder_formset=formset, conflict=conflict
    )
    return render(request, "evaluations/plan_detail.html", context)


@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="doel toevoegen")
    plan = services.current_plan(case)
    if plan is None:
        messages.error(request, _("Stel eerst het plan van aanpak op."))
        return redirect("evaluations:plan_detail", pk=case.pk)
    form = GoalForm(request.POST, prefix="nieuw-doel")
    if form.is_valid():
        try:
            services.goal_add(plan=plan, by=request.user, **_fields(form, services.GOAL_FIELDS))
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Het doel is toegevoegd."))
            return redirect("evaluations:plan_detail", pk=case.pk)
    context = _plan_context(request, case, goal_form=form)
    return render(request, "evaluations/plan_detail.html", context, status=200)


def _goal_for(case: Case, goal_pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("plan"), pk=goal_pk, plan__case=case)


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="doel wijzigen")
    goal = _goal_for(case, goal_pk)
    if not goal.active:
        raise Http404("Doel niet gevonden.")
    conflict = None
    if request.method == "POST":
        form = GoalForm(request.POST)  # no instance: keep `goal` as stored
        if form.is_valid():
            try:
                services.goal_update(
                    goal=goal,
                    by=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    **_fields(form, services.GOAL_FIELDS),
                )
            except services.EditConflict as exc:
                conflict = exc
                form = rebind_after_conflict(form, exc)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Het doel is opgeslagen."))
                return redirect("evaluations:plan_detail", pk=case.pk)
    else:
        form = GoalForm(instance=goal, initial={"version": goal.version})
    return render(
        request,
        "evaluations/goal_edit.html",
        {"case": case, "active_tab": "plan", "goal": goal, "form": form, "conflict": conflict},
    )


@require_POST
def goal_delete(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="doel verwijderen")
    goal = _goal_for(case, goal_pk)
    try:
        services.goal_delete(goal=goal, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het doel is verwijderd."))
    return redirect("evaluations:plan_detail", pk=case.pk)


@require_POST
def plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="plan vaststellen")
    try:
        services.plan_adopt(case=case, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluations:plan_detail", pk=case.pk)
    messages.success(request, _("Het plan is vastgesteld; de evaluaties zijn gepland."))
    return redirect("evaluations:evaluation_list", pk=case.pk)


# --- evaluations -------------------------------------------------------------------------


def _evaluation_context(request: HttpRequest, case: Case, **extra) -> dict[str, Any]:
    evaluations = list(selectors.evaluations_for(case))
    may_write = user_may_write(request.user, case) and case.status == Status.PLAN_ACTIVE
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
    case = get_case_for_user(request, pk)
    return render(request, "evaluations/evaluation_list.html", _evaluation_context(request, case))


@require_POST
def evaluation_reschedule(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="evaluatie verzetten")
    evaluation = get_object_or_404(Evaluation, pk=evaluation_pk, case=case)
    form = RescheduleForm(request.POST, prefix=f"verzet-{evaluation.pk}")
    conflict = None
    if form.is_valid():
        try:
            services.evaluation_reschedule(
                evaluation=evaluation,
                by=request.user,
                due_on=form.cleaned_data["due_on"],
                expected_version=form.cleaned_data.get("version"),
            )
        except services.EditConflict as exc:
            conflict = exc
            form = rebind_after_conflict(form, exc)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De datum is verzet; de herinnering verschuift mee."))
            return redirect("evaluations:evaluation_list", pk=case.pk)
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
                new_goal=_fields(form, services.GOAL_FIELDS),
            )
        )
    return inputs


@require_http_methods(["GET", "POST"])
def evaluation_record(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    write = request.method == "POST"
    case = get_case_for_user(request, pk, write=write, detail="evaluatie")
    evaluation = get_object_or_404(
        selectors.evaluations_for(case).select_related("plan"), pk=evaluation_pk
    )
    may_write = (
        user_may_write(request.user, case)
        and case.status == Status.PLAN_ACTIVE
        and not evaluation.is_held
    )
    goals = list(evaluation.plan.goals.active()) if may_write else []
    data = request.POST if write else None
    # No instance: a bound ModelForm would write the typed values onto `evaluation`.
    form = EvaluationForm(data, initial={"version": evaluation.version})
    review_forms = [GoalReviewForm(data, goal=g, kind=evaluation.kind) for g in goals]
    conflict = None
    if write and not may_write:
        messages.error(request, _("Deze evaluatie kan niet (meer) worden vastgelegd."))
        return redirect("evaluations:evaluation_list", pk=case.pk)
    if write and form.is_valid() and all(f.is_valid() for f in review_forms):
        try:
            services.evaluation_record(
                evaluation=evaluation,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                held_on=form.cleaned_data["held_on"],
                participants=form.cleaned_data["participants"],
                pupil_view=form.cleaned_data["pupil_view"],
                notes=form.cleaned_data["notes"],
                reviews=_review_inputs(review_forms),
            )
        except services.EditConflict as exc:
            conflict = exc
            form = rebind_after_conflict(form, exc)
        except ValidationError as exc:
            by_goal = {f"goal_{f.goal.pk}": f for f in review_forms}
            form_errors_from(form, exc, keyed=by_goal)
        else:
            messages.success(request, _("De evaluatie is vastgelegd."))
            return redirect("evaluations:evaluation_list", pk=case.pk)
    context = {
        "case": case,
        "active_tab": "evaluations",
        "evaluation": evaluation,
        "form": form,
        "review_forms": review_forms,
        "may_write": may_write,
        "conflict": conflict,
        "is_interim": evaluation.kind == EvaluationKind.INTERIM,
    }
    return render(request, "evaluations/evaluation_record.html", context)


@require_POST
def evaluation_followup(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="vervolgevaluatie")
    form = FollowupForm(request.POST, prefix="vervolg")
    if form.is_valid():
        try:
            services.evaluation_schedule_followup(
                case=case, by=request.user, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De vervolgevaluatie is gepland."))
            return redirect("evaluations:evaluation_list", pk=case.pk)
    context = _evaluation_context(request, case, followup_form=form)
    return render(request, "evaluations/evaluation_list.html", context)


@require_POST
def evaluation_close_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="afsluiten na evaluatie")
    form = CloseForm(request.POST, prefix="afsluiten")
    if form.is_valid():
        try:
            services.case_close_after_evaluation(
                case=case,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                agreements=form.cleaned_data["agreements"],
                closed_on=form.cleaned_data["closed_on"],
                case_direction_continues=form.cleaned_data["case_direction_continues"],
                case_direction_by=form.cleaned_data["case_direction_by"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De casus is afgesloten."))
            return redirect("evaluations:evaluation_list", pk=case.pk)
    context = _evaluation_context(request, case, close_form=form)
    return render(request, "evaluations/evaluation_list.html", context)


# --- belastbaarheidsprofiel --------------------------------------------------------------


def _profile_initial(case: Case, latest) -> dict[str, Any]:
    if latest is not None:
        return {name: getattr(latest, name) for name in PROFILE_FIELDS}
    student = case.student
    level = " ".join(x for x in (student.class_name, student.get_level_display()) if x)
    return {
        "student_name": student.full_name,
        "residence": student.residence,
        "birth_date": student.birth_date,
        "class_level": level,
        "school_location": case.school.name if case.school else "",
    }


def _refuse_partner(request: HttpRequest, pk: int) -> None:
    """The belastbaarheidsprofiel is about the pupil's health: not shared with partners
    (issue 10), who get 404 as for a case they may not see."""
    if request.user.role == Role.PARTNER:
        deny_case(request, pk, "belastbaarheidsprofiel")


def _profile_context(request: HttpRequest, case: Case, **extra) -> dict[str, Any]:
    profile = LoadProfile.objects.filter(case=case).first()
    versions = list(profile.versions.select_related("saved_by")) if profile else []
    latest = versions[0] if versions else None
    version_number = profile.version if profile else 0
    may_write = user_may_write(request.user, case) and case.is_open
    may_add_school = services.may_add_school_part(request.user, case) and latest is not None
    context = {
        "case": case,
        "active_tab": "load_profile",
        "profile": profile,
        "versions": versions,
        "latest": latest,
        "latest_rows": [
            (latest._meta.get_field(n).verbose_name, getattr(latest, n)) for n in PROFILE_FIELDS
        ]
        if latest
        else [],
        "may_write": may_write,
        "may_add_school": may_add_school,
        "qualified_functions": services.qualified_functions(),
    }
    if may_write:
        initial = _profile_initial(case, latest) | {"version": version_number}
        context.setdefault("form", LoadProfileForm(initial=initial))
    if may_add_school:
        initial = {n: getattr(latest, n) for n in SCHOOL_FIELDS} | {"version": version_number}
        context.setdefault("school_form", SchoolPartForm(prefix="school", initial=initial))
    if len(versions) >= 2:
        context["compare_form"] = CompareForm(
            numbers=[v.number for v in versions],
            initial={"a": versions[1].number, "b": versions[0].number},
        )
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
def load_profile(request: HttpRequest, pk: int) -> HttpResponse:
    _refuse_partner(request, pk)
    if request.method == "GET":
        case = get_case_for_user(request, pk, detail="belastbaarheidsprofiel")
        return render(request, "evaluations/load_profile.html", _profile_context(request, case))
    case = get_case_for_user(request, pk, write=True, detail="belastbaarheidsprofiel")
    form = LoadProfileForm(request.POST)
    conflict = None
    if form.is_valid():
        try:
            services.load_profile_save(
                case=case,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                **_fields(form, PROFILE_FIELDS),
            )
        except services.EditConflict as exc:
            conflict = exc
            form = rebind_after_conflict(form, exc)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("Het belastbaarheidsprofiel is opgeslagen als nieuwe versie.")
            )
            return redirect("evaluations:load_profile", pk=case.pk)
    context = _profile_context(request, case, form=form, conflict=conflict)
    return render(request, "evaluations/load_profile.html", context)


@require_POST
def load_profile_school(request: HttpRequest, pk: int) -> HttpResponse:
    """The school's part, by a gedragsdeskundige of the pupil's school (on top of visible_to)."""
    _refuse_partner(request, pk)
    case = get_case_for_user(request, pk, detail="belastbaarheidsprofiel school")
    if not services.may_add_school_part(request.user, case):
        deny_case(request, pk, "school")
    log_access(
        request, case=case, action=AccessAction.CHANGE, detail="belastbaarheidsprofiel school"
    )
    form = SchoolPartForm(request.POST, prefix="school")
    conflict = None
    if form.is_valid():
        try:
            services.load_profile_add_school_part(
                case=case,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                **_fields(form, SCHOOL_FIELDS),
            )
        except services.EditConflict as exc:
            conflict = exc
            form = rebind_after_conflict(form, exc)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De aanvulling vanuit school is opgeslagen."))
            return redirect("evaluations:load_profile", pk=case.pk)
    context = _profile_context(request, case, school_form=form, conflict=conflict)
    return render(request, "evaluations/load_profile.html", context)


@require_GET
def load_profile_compare(request: HttpRequest, pk: int) -> HttpResponse:
    _refuse_partner(request, pk)
    case = get_case_for_user(request, pk, detail="belastbaarheidsprofiel vergelijken")
    profile = get_object_or_404(LoadProfile, case=case)
    versions = {v.number: v for v in profile.versions.select_related("saved_by")}
    form = CompareForm(request.GET or None, numbers=sorted(versions, reverse=True))
    rows, older, newer = [], None, None
    if form.is_valid():
        a, b = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
        older, newer = versions[a], versions[b]
        rows = services.load_profile_compare(older, newer)
    return render(
        request,
        "evaluations/load_profile_compare.html",
        {
            "case": case,
            "active_tab": "load_profile",
            "form": form,
            "rows": rows,
            "older": older,
            "newer": newer,
        },
    )


# --- meetings ----------------------------------------------------------------------------


def _require_meeting_role(request: HttpRequest) -> None:
    if request.user.role not in (Role.COORDINATOR, Role.CASEMANAGER):
        raise Http404("Overleg niet gevonden.")


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    _require_meeting_role(request)
    meetings = selectors.meetings_visible_to(request.user).prefetch_related("items")[:100]
    return render(
        request,
        "evaluations/meeting_list.html",
        {"meetings": meetings, "may_plan": request.user.role == Role.COORDINATOR},
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    if request.user.role != Role.COORDINATOR or request.user.region_id is None:
        raise Http404("Niet gevonden.")
    region = request.user.region
    form = MeetingForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                by=request.user,
                **{
                    name: form.cleaned_data[name]
                    for name in (
                        "kind",
                        "date",
                        "start_time",
                        "place",
                        "attendees",
                        "other_attendees",
                    )
                },
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Het overleg is gepland. Zet nu de casussen op de agenda."))
            return redirect("evaluations:meeting_detail", meeting_pk=meeting.pk)
    return render(request, "evaluations/meeting_form.html", {"form": form})


def _meeting_context(request: HttpRequest, meeting, **extra) -> dict[str, Any]:
    items = selectors.with_consent_state(list(selectors.meeting_items_for(meeting, request.user)))
    is_coordinator = request.user.role == Role.COORDINATOR
    context = {
        "meeting": meeting,
        "items": items,
        "is_coordinator": is_coordinator,
        "attendees": meeting.attendees.all(),
    }
    if is_coordinator:
        context.setdefault("agenda_form", AgendaForm())
        context["agenda_suggestions"] = selectors.agenda_suggestions(meeting, request.user)
    context.update(extra)
    return context


@require_GET
def meeting_detail(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user_or_404(request, meeting_pk)
    context = _meeting_context(request, meeting)
    selectors.log_meeting_view(request, meeting, context["items"])
    return render(request, "evaluations/meeting_detail.html", context)


def get_meeting_for_user_or_404(request: HttpRequest, meeting_pk: int, *, write: bool = False):
    return selectors.get_meeting_for_user(request, meeting_pk, write=write)


@require_POST
def meeting_add_case(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    # Any open case of the region may be named; the service refuses one without consent.
    form = AgendaForm(request.POST, cases=selectors.agenda_cases(meeting, request.user))
    if form.is_valid():
        case = form.cleaned_data["case"]
        try:
            services.meeting_add_case(meeting=meeting, case=case, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            log_access(request, case=case, action=AccessAction.CHANGE, detail="agenda overleg")
            messages.success(request, _("%(case)s staat op de agenda.") % {"case": case.reference})
            return redirect("evaluations:meeting_detail", meeting_pk=meeting.pk)
    context = _meeting_context(request, meeting, agenda_form=form)
    return render(request, "evaluations/meeting_detail.html", context)


def _item_for(request: HttpRequest, meeting, item_pk: int) -> MeetingItem:
    """An agenda item of a case the user may see; else, as for a case, a logged 404."""
    item = selectors.meeting_items_for(meeting, request.user).filter(pk=item_pk).first()
    if item is None:
        deny(request, f"agendapunt {item_pk} van overleg {meeting.pk}", "Agendapunt niet gevonden.")
    return item


@require_POST
def meeting_remove_case(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    item = _item_for(request, meeting, item_pk)
    try:
        services.meeting_remove_case(item=item, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De casus is van de agenda gehaald."))
    return redirect("evaluations:meeting_detail", meeting_pk=meeting.pk)


@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """Minutes and agreed actions for one case: the coördinator, or the case's casemanager."""
    meeting = get_meeting_for_user_or_404(request, meeting_pk)
    item = _item_for(request, meeting, item_pk)
    if not user_may_write(request.user, item.case):
        raise Http404("Agendapunt niet gevonden.")
    form = MinutesForm(request.POST or None, initial={"minutes": item.minutes})
    formset = ActionFormSet(request.POST or None, prefix="acties")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.meeting_record_minutes(
                item=item,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                actions=formset.rows(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            log_access(
                request, case=item.case, action=AccessAction.CHANGE, detail="verslag overleg"
            )
            messages.success(request, _("Het verslag is opgeslagen en staat op de tijdlijn."))
            return redirect("evaluations:meeting_detail", meeting_pk=meeting.pk)
    log_access(request, case=item.case, action=AccessAction.VIEW, detail=f"overleg {meeting.pk}")
    return render(
        request,
        "evaluations/meeting_minutes.html",
        {"meeting": meeting, "item": item, "form": form, "formset": formset},
    )
