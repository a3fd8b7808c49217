"""Registration (aanmelding) by a school or on behalf of CJG/SWV/leerplicht, and the intake tab."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from casework.access import get_case_for_user, require_role
from casework.constants import Route
from casework.models import Case
from core.forms import service_saved

from .forms import (
    INTAKE_SECTIONS,
    IntakeForm,
    RegistrationForms,
    intake_display,
    section_anchor,
    section_menu,
)
from .models import Intake, Registration
from .services import (
    REQUIRED_FOR_COMPLETION,
    intake_editable,
    intake_missing_answers,
    intake_not_editable_message,
    intake_save,
    registration_submit,
)

CASE_STAFF = (Role.CASEMANAGER, Role.COORDINATOR)


@require_GET
def school_overview(request: HttpRequest) -> HttpResponse:
    """Start page of the gedragsdeskundige: the own school's registrations and their status.

    Other roles see the same short list of whatever Case.objects.visible_to gives them.
    """
    cases = (
        Case.objects.visible_to(request.user)
        .select_related("student")
        .only(
            "id",
            "reference",
            "status",
            "registered_on",
            "student__first_name",
            "student__last_name",
        )
        .order_by("-registered_on", "-id")
    )
    page = Paginator(cases, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "intake/school_overview.html",
        {
            "page": page,
            "cases": page.object_list,
            "school": request.user.school,
            "may_register": request.user.role == Role.BEHAVIOURAL_EXPERT,
        },
    )


def _register(request: HttpRequest, *, on_behalf: bool) -> HttpResponse:
    user = request.user
    region = user.region if on_behalf else user.school.region
    forms = RegistrationForms(request.POST or None, region=region, on_behalf=on_behalf)
    if request.method == "POST" and forms.is_valid():
        if on_behalf:
            route = forms.route.cleaned_data["route"]
            school = forms.route.cleaned_data["school"]
        else:
            route, school = Route.SCHOOL, user.school
        situation = dict(forms.situation.cleaned_data)
        try:
            registration = registration_submit(
                by=user,
                region=region,
                school=school,
                route=route,
                kind=situation.pop("kind"),
                student_data=forms.student.cleaned_data,
                guardians=forms.guardians,
                situation=situation,
                registration_data=forms.registration.cleaned_data,
                request=request,
            )
        except ValidationError as error:
            forms.add_service_error(error)
        else:
            case = registration.case
            messages.success(
                request,
                _("%(name)s is aangemeld onder casusnummer %(reference)s.")
                % {"name": case.student.full_name, "reference": case.reference},
            )
            if not on_behalf:
                return redirect("intake:school_overview")
            if Case.objects.visible_to(user).filter(pk=case.pk).exists():
                return redirect("casework:case_detail", pk=case.pk)
            return redirect("casework:dashboard")
    return render(
        request,
        "intake/register.html",
        {
            "forms": forms,
            "on_behalf": on_behalf,
            "school": None if on_behalf else user.school,
        },
    )


@require_http_methods(["GET", "POST"])
def school_register(request: HttpRequest) -> HttpResponse:
    """Short registration form of a gedragsdeskundige; the school is their own, not a field."""
    require_role(request, Role.BEHAVIOURAL_EXPERT)
    return _register(request, on_behalf=False)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """A casemanager or coördinator registers on behalf of CJG, SWV, leerplicht or a
    jeugdprofessional."""
    require_role(request, *CASE_STAFF, needs_region=True)
    return _register(request, on_behalf=True)


@require_http_methods(["GET", "POST"])
def intake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The Intake tab. Family and health details: casemanager and coördinator; a partner
    reads it (never changes it) only when the consent shares the intake with their
    organisation; a gedragsdeskundige (who may see the registration and status) gets 404."""
    write = request.method == "POST"
    case = get_case_for_user(request, pk, section="intake", write=write, detail="intake")
    partner_reads = not case.access.writes("intake")
    form = None
    if write:
        # Not bound to the stored intake: the service loads it (locked) and validates it.
        form = IntakeForm(request.POST)
        action = request.POST.get("action", "save")
        complete = action == "complete"
        if form.is_valid():
            save = partial(
                intake_save,
                case=case,
                by=request.user,
                data=form.cleaned_data,
                complete=complete,
                version=form.cleaned_data.get("version"),
            )
            done = _("De intake is afgerond.") if complete else _("De intake is opgeslagen.")
            if service_saved(request, form, save, done=done):
                url = reverse("intake:intake_edit", args=[case.pk])
                section = action.removeprefix("save:")
                if section.isdigit() and int(section) < len(INTAKE_SECTIONS):
                    url += "#" + section_anchor(int(section))  # back where the user was
                return redirect(url)
    intake = Intake.objects.filter(case=case).select_related("completed_by").first()
    editable = intake_editable(case) and not partner_reads
    if not write and editable:
        form = IntakeForm(instance=intake or Intake(case=case))
    registration = Registration.objects.filter(case=case).select_related("submitted_by").first()
    return render(
        request,
        "intake/intake_edit.html",
        {
            "case": case,
            "active_tab": "intake",
            "intake": intake,
            "registration": registration,
            "form": form,
            "editable": editable,
            "not_editable_message": None
            if intake_editable(case) or partner_reads
            else intake_not_editable_message(case),
            "partner_reads": partner_reads,
            "sections": None if form is not None else intake_display(intake),
            "menu": section_menu(
                intake_missing_answers(intake) if intake else REQUIRED_FOR_COMPLETION
            )
            if form is not None
            else None,
        },
    )
