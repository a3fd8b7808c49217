"""Casemanager and coördinator screens: dashboard, case list, case overview, timeline, the
POST-only actions on a case, and the partner's note on the timeline. Shape: scoped fetch → form → service → redirect/render."""

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from core.formats import display_value
from core.forms import cleaned_fields, form_errors_from, service_saved

from . import selectors, services
from .access import get_case_for_user, log_access
from .constants import STATUS_TIMELINE_KINDS
from .filters import CaseFilter
from .forms import (
    AssignForm,
    CloseForm,
    NotStartedForm,
    PartnerNoteForm,
    SearchForm,
    SituationForm,
)
from .models import AccessAction, Case, TimelineEntry
from .workflow import Status

TIMELINE_PAGE_SIZE = 100


# --- Dashboard and list -------------------------------------------------------------------


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    visible = Case.objects.visible_to(user)
    regions = selectors.regions_for(user)
    counts = selectors.status_counts(visible, regions, today)
    context = {
        "counts": counts,
        "status_rows": [(status, status.label, counts[status.value]) for status in Status],
        "is_coordinator": user.role == Role.COORDINATOR,
        "today": today,
    }
    cases = selectors.dashboard_cases(visible)
    if user.role == Role.COORDINATOR:
        unassigned = list(selectors.unassigned_registrations(visible)[:50])
        casemanagers = selectors.caseload(user.region_id, counts["per_casemanager"])
        context.update(
            unassigned=selectors.registration_rows(unassigned),
            casemanagers=casemanagers,
            # The same choice in every row: rendered once, not once per registration.
            casemanager_options=render_to_string(
                "casework/includes/casemanager_options.html", {"casemanagers": casemanagers}
            )
            if unassigned
            else "",
        )
    due = selectors.next_due_dates([case.pk for case in cases])
    context["cases"] = selectors.with_rows(cases, today, due)
    if cases or context.get("unassigned"):
        # The dashboard lists pupils by name: one row for the page.
        shown = len(cases) + len(context.get("unassigned", []))
        log_access(
            request,
            case=None,
            action=AccessAction.VIEW,
            detail=selectors.list_log_detail("dashboard", request.GET, shown=shown),
        )
    return render(request, "casework/dashboard.html", context)


@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """Filters by GET (bookmarkable); the search box by POST, rendered without a redirect, so
    a BSN typed into it never appears in a URL, a server log or the browser history."""
    user, today = request.user, timezone.localdate()
    data = request.POST if request.method == "POST" else request.GET
    search = SearchForm(request.POST if request.method == "POST" else None)
    filterset = CaseFilter(data or None, queryset=Case.objects.visible_to(user), request=request)
    queryset = filterset.qs
    text = ""
    if request.method == "POST" and search.is_valid():
        text = search.cleaned_data["q"]
        queryset = selectors.search_cases(queryset, text)
    count, more = selectors.capped_count(queryset)
    sort = filterset.sort
    page = selectors.keyset_page(
        queryset, after=data.get("na") or None, before=data.get("voor") or None, sort=sort
    )
    # The list shows pupils by name: one row per request, the search (never a BSN) or the
    # filters as its detail.
    log_access(
        request,
        case=None,
        action=AccessAction.SEARCH if text.strip() else AccessAction.VIEW,
        detail=selectors.search_log_detail(text)
        if text.strip()
        else selectors.list_log_detail(
            "casuslijst", data, names=filterset.filters, shown=len(page.cases)
        ),
    )
    due = selectors.next_due_dates([case.pk for case in page.cases])
    filter_values = [
        (name, value)
        for name in filterset.filters
        if (value := data.get(name)) not in (None, "") and len(value) <= 40
    ]
    return render(
        request,
        "casework/case_list.html",
        {
            "filter": filterset,
            "search": search,
            "searched": bool(text.strip()),
            "cases": selectors.with_rows(page.cases, today, due),
            "page": page,
            "count": count,
            "more": more,
            "cap": selectors.COUNT_CAP,
            "filter_values": filter_values,
            "page_method": "post" if request.method == "POST" else "get",
            "q": text,
            "today": today,
            "sort": sort,
            "sort_label": selectors.LIST_SORTS[sort].label,
            "sort_links": {
                key: "?"
                + urlencode(
                    [*((n, v) for n, v in filter_values if n != "sorteer"), ("sorteer", key)]
                )
                for key in selectors.LIST_SORTS
            },
        },
    )


# --- Case pages ---------------------------------------------------------------------------


def _registration_rows(case: Case) -> list[tuple[str, str]]:
    """The school's registration (intake app), field by field, when it exists."""
    try:
        registration = case.registration
    except (AttributeError, ObjectDoesNotExist):
        return []
    rows = []
    for field in registration._meta.concrete_fields:
        if field.primary_key or field.is_relation or not field.editable:
            continue
        value = getattr(registration, field.name)
        if value not in (None, ""):
            rows.append((str(field.verbose_name), display_value(field, value)))
    return rows


def _detail_context(request: HttpRequest, case: Case, **forms) -> dict:
    access = case.access
    # Partners read the overview, plan and evaluations, not the family's and health details
    # of the registration (the consent form covers sharing the plan, not those).
    show_family = access.reads("family")
    may_write = access.writes("overview")
    context = {
        "case": case,
        "active_tab": "overview",
        "limited": not access.reads("case_details"),
        "clock": case.clock(timezone.localdate()),
        "dates": selectors.case_dates(case),
        "registration_rows": _registration_rows(case) if access.reads("registration") else [],
        "show_family": show_family,
        "may_write": may_write,
        "may_assign": access.offers("assign"),
    }
    if show_family:
        context["guardians"] = list(case.student.guardians.all())
    if may_write:
        context["situation_form"] = forms.get("situation_form") or SituationForm(
            initial=SituationForm.initial_for(case)
        )
        context["close_form"] = forms.get("close_form") or CloseForm()
        context["not_started_form"] = forms.get("not_started_form") or NotStartedForm()
        if context["may_assign"]:
            context["assign_form"] = forms.get("assign_form") or AssignForm(
                region_id=case.region_id,
                initial={"casemanager": case.casemanager_id, "next": "detail"},
            )
    return context


@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    return render(request, "casework/case_detail.html", _detail_context(request, case))


def _render_invalid(request: HttpRequest, case: Case, form) -> HttpResponse:
    """Show the page again with the form's errors beside its fields; a refusal that belongs
    to no field (the lifecycle's) also goes on top, as the form may not be shown any more."""
    problems = list(form.non_field_errors())
    messages.error(
        request, " ".join(problems) or _("Het formulier is niet opgeslagen; zie de meldingen.")
    )
    name = f"{form.prefix}_form"
    return render(
        request, "casework/case_detail.html", _detail_context(request, case, **{name: form})
    )


@require_POST
def case_update_situation(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True, detail="thuiszitsituatie wijzigen")
    form = SituationForm(request.POST)
    if form.is_valid():
        save = partial(
            services.case_update_situation, case=case, by=request.user, **form.cleaned_data
        )
        if service_saved(request, form, save, done=_("De thuiszitsituatie is bijgewerkt.")):
            return redirect("casework:case_detail", pk=case.pk)
    return _render_invalid(request, case, form)


@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="close", write=True, detail="casus afsluiten")
    form = CloseForm(request.POST)
    if form.is_valid():
        fields = cleaned_fields(form, services.CLOSE_FIELDS)
        save = partial(services.case_close, case=case, by=request.user, **fields)
        if service_saved(request, form, save, done=_("De casus is afgesloten.")):
            return redirect("casework:case_detail", pk=case.pk)
    return _render_invalid(request, case, form)


@require_POST
def case_mark_not_started(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="close", write=True, detail="niet gestart")
    form = NotStartedForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        save = partial(services.case_mark_not_started, case=case, by=request.user, reason=reason)
        if service_saved(request, form, save, done=_("De casus is gemarkeerd als niet gestart.")):
            return redirect("casework:case_detail", pk=case.pk)
    return _render_invalid(request, case, form)


@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Coördinator only: (re)assign the casemanager, from the dashboard or the case page."""
    case = get_case_for_user(
        request, pk, section="assign", write=True, detail="casemanager toewijzen"
    )
    form = AssignForm(request.POST, region_id=case.region_id)
    back_to_dashboard = request.POST.get("assign-next") == "dashboard"
    if form.is_valid():
        try:
            services.case_assign(
                case=case, casemanager=form.cleaned_data["casemanager"], by=request.user
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("%(reference)s is toegewezen aan %(name)s.")
                % {"reference": case.reference, "name": form.cleaned_data["casemanager"]},
            )
            if back_to_dashboard:
                return redirect("casework:dashboard")
            return redirect("casework:case_detail", pk=case.pk)
    if back_to_dashboard:
        problems = " ".join(str(message) for errors in form.errors.values() for message in errors)
        messages.error(
            request,
            _("%(reference)s is niet toegewezen: %(problems)s")
            % {"reference": case.reference, "problems": problems},
        )
        return redirect("casework:dashboard")
    return _render_invalid(request, case, form)


@require_GET
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="timeline")
    # A gedragsdeskundige sees the status changes only, without the texts.
    limited = not case.access.reads("case_details")
    entries = TimelineEntry.objects.filter(case=case).select_related("user")
    if limited:
        entries = entries.filter(kind__in=STATUS_TIMELINE_KINDS)
    page = Paginator(entries, TIMELINE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "casework/timeline.html",
        {"case": case, "active_tab": "timeline", "page": page, "limited": limited},
    )


@require_http_methods(["GET", "POST"])
def partner_note(request: HttpRequest, pk: int) -> HttpResponse:
    write = request.method == "POST"
    case = get_case_for_user(
        request,
        pk,
        section="note",
        write=write,
        action=AccessAction.CREATE if write else AccessAction.VIEW,
        detail="notitie partner",
    )
    form = PartnerNoteForm(request.POST if write else None)
    if write and form.is_valid():
        text = form.cleaned_data["text"]
        save = partial(services.partner_note_add, case=case, by=request.user, text=text)
        if service_saved(request, form, save, done=_("Uw notitie staat op de tijdlijn.")):
            return redirect("casework:timeline", pk=case.pk)
    return render(
        request,
        "casework/partner_note.html",
        {"case": case, "active_tab": "note", "form": form},
    )
