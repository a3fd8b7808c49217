"""The belastbaarheidsprofiel tab: versions, the school's part and comparing two versions. Not
shared with partners (issue 10)."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.access import get_case_for_user
from casework.models import Case

from .. import services
from ..forms import CompareForm, LoadProfileForm, SchoolPartForm
from ..models import PROFILE_FIELDS, SCHOOL_FIELDS, LoadProfile
from .editing import attempt_save, edited_fields


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


def _profile_context(request: HttpRequest, case: Case, **extra) -> dict[str, Any]:
    profile = LoadProfile.objects.filter(case=case).first()
    versions = list(profile.versions.select_related("saved_by")) if profile else []
    latest = versions[0] if versions else None
    version_number = profile.version if profile else 0
    may_write = case.access.offers("load_profile")
    may_add_school = case.access.offers("load_profile_school") and latest is not None
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


def _profile_save(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    service: Callable[..., Any],
    names: Iterable[str],
    done: str,
    *,
    form_name: str = "form",
) -> HttpResponse:
    """Save the valid `form`'s fields `names` (and its version) with `service` and go back to
    the tab, or show the tab with the form (`form_name`) and any edit conflict."""
    conflict = None
    if form.is_valid():
        save = partial(service, case=case, by=request.user, **edited_fields(form, names))
        attempt = attempt_save(request, form, save, done=done)
        if attempt.saved:
            return redirect("evaluations:load_profile", pk=case.pk)
        form, conflict = attempt.form, attempt.conflict
    context = _profile_context(request, case, **{form_name: form}, conflict=conflict)
    return render(request, "evaluations/load_profile.html", context)


@require_http_methods(["GET", "POST"])
def load_profile(request: HttpRequest, pk: int) -> HttpResponse:
    # The pupil's health: not shared with partners (issue 10), who get 404 (the table).
    if request.method == "GET":
        case = get_case_for_user(
            request, pk, section="load_profile", detail="belastbaarheidsprofiel"
        )
        return render(request, "evaluations/load_profile.html", _profile_context(request, case))
    case = get_case_for_user(
        request, pk, section="load_profile", write=True, detail="belastbaarheidsprofiel"
    )
    done = _("Het belastbaarheidsprofiel is opgeslagen als nieuwe versie.")
    form = LoadProfileForm(request.POST)
    return _profile_save(request, case, form, services.load_profile_save, PROFILE_FIELDS, done)


@require_POST
def load_profile_school(request: HttpRequest, pk: int) -> HttpResponse:
    """The school's part, by a gedragsdeskundige of the pupil's school (on top of visible_to)."""
    case = get_case_for_user(
        request,
        pk,
        section="load_profile_school",
        write=True,
        detail="belastbaarheidsprofiel school",
    )
    form = SchoolPartForm(request.POST, prefix="school")
    save = services.load_profile_add_school_part
    done = _("De aanvulling vanuit school is opgeslagen.")
    return _profile_save(request, case, form, save, SCHOOL_FIELDS, done, form_name="school_form")


@require_GET
def load_profile_compare(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="load_profile", detail="belastbaarheidsprofiel vergelijken"
    )
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
