"""The meeting pages (overleg: not case-bound, the region and the role decide; they start with
selectors.get_meeting_for_user), the print of a meeting's bundle, and the case's minutes tab
(a case page: casework.access.get_case_for_user, section "minutes")."""

from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.access import (
    can,
    deny,
    get_case_for_user,
    log_access,
    refuse_read_only,
    require_role,
)
from casework.models import AccessAction
from casework.workflow import is_read_only
from core.forms import service_saved
from core.pdf import pdf_response
from evaluations.views.editing import attempt_save, cleaned_fields

from . import selectors, services
from .bundle import meeting_bundle_pdf, meeting_items
from .calendar import meeting_ics
from .forms import ActionFormSet, AgendaForm, MeetingForm, MinutesForm
from .models import MeetingItem


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_role(request, *selectors.MEETING_ROLES, message="Overleg niet gevonden.")
    meetings = selectors.meetings_visible_to(request.user).prefetch_related("items")[:100]
    return render(
        request,
        "meetings/meeting_list.html",
        {"meetings": meetings, "may_plan": selectors.plans_meetings(request.user)},
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_role(request, *selectors.PLANNER_ROLES, needs_region=True)
    region = request.user.region
    form = MeetingForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        fields = cleaned_fields(
            form, ("kind", "date", "start_time", "place", "attendees", "other_attendees")
        )
        save = partial(services.meeting_create, by=request.user, **fields)
        done = _("Het overleg is gepland. Zet nu de casussen op de agenda.")
        attempt = attempt_save(request, form, save, done=done)
        if attempt.saved:
            return redirect("meetings:meeting_detail", meeting_pk=attempt.result.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _meeting_context(request: HttpRequest, meeting, **extra) -> dict[str, Any]:
    items = selectors.with_consent_state(list(selectors.meeting_items_for(meeting, request.user)))
    is_coordinator = selectors.plans_meetings(request.user)
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
    return render(request, "meetings/meeting_detail.html", context)


def get_meeting_for_user_or_404(request: HttpRequest, meeting_pk: int, *, write: bool = False):
    return selectors.get_meeting_for_user(request, meeting_pk, write=write)


@require_POST
def meeting_add_case(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    # Any open case of the region may be named; the service refuses one without consent.
    form = AgendaForm(request.POST, cases=selectors.agenda_cases(meeting, request.user))
    if form.is_valid():
        case = form.cleaned_data["case"]
        save = partial(services.meeting_add_case, meeting=meeting, case=case, by=request.user)
        done = _("%(case)s staat op de agenda.") % {"case": case.reference}
        if attempt_save(request, form, save, done=done).saved:
            log_access(request, case=case, action=AccessAction.CHANGE, detail="agenda overleg")
            return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)
    context = _meeting_context(request, meeting, agenda_form=form)
    return render(request, "meetings/meeting_detail.html", context)


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
    remove = partial(services.meeting_remove_case, item=item, by=request.user)
    service_saved(request, None, remove, done=_("De casus is van de agenda gehaald."))
    return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)


@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, meeting_pk: int, item_pk: int) -> HttpResponse:
    """Minutes and agreed actions for one case: the coördinator, or the case's casemanager."""
    meeting = get_meeting_for_user_or_404(request, meeting_pk)
    item = _item_for(request, meeting, item_pk)
    if not can(request.user, item.case, "minutes", "write"):
        raise Http404("Agendapunt niet gevonden.")
    if request.method == "POST" and is_read_only(item.case, "minutes"):
        refuse_read_only(request, item.case, f"verslag overleg {meeting.pk}")
    form = MinutesForm(request.POST or None, initial={"minutes": item.minutes})
    formset = ActionFormSet(request.POST or None, prefix="acties")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        save = partial(
            services.meeting_record_minutes,
            item=item,
            by=request.user,
            minutes=form.cleaned_data["minutes"],
            actions=formset.rows(),
        )
        done = _("Het verslag is opgeslagen en staat op de tijdlijn.")
        if attempt_save(request, form, save, done=done).saved:
            log_access(
                request, case=item.case, action=AccessAction.CHANGE, detail="verslag overleg"
            )
            return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)
    log_access(request, case=item.case, action=AccessAction.VIEW, detail=f"overleg {meeting.pk}")
    return render(
        request,
        "meetings/meeting_minutes.html",
        {"meeting": meeting, "item": item, "form": form, "formset": formset},
    )


@require_GET
def meeting_bundle(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The coördinator's print of a meeting: agenda plus every agenda case's plan."""
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    items = meeting_items(meeting)
    pdf = meeting_bundle_pdf(meeting, items)
    for item in items:
        log_access(
            request, case=item.case, action=AccessAction.PRINT, detail=f"overlegbundel {meeting.pk}"
        )
    return pdf_response(pdf, f"overlegbundel-{meeting.date:%Y-%m-%d}.pdf")


@require_GET
def meeting_calendar(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The meeting for the user's own calendar (.ics): kind, time, case references, link."""
    meeting = get_meeting_for_user_or_404(request, meeting_pk)
    items = list(selectors.meeting_items_for(meeting, request.user).order_by("position", "id"))
    link = request.build_absolute_uri(reverse("meetings:meeting_detail", args=[meeting.pk]))
    ics = meeting_ics(meeting, references=[item.case.reference for item in items], link=link)
    for item in items:
        log_access(
            request,
            case=item.case,
            action=AccessAction.EXPORT,
            detail=f"overleg {meeting.pk} (.ics)",
        )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overleg-{meeting.date:%Y-%m-%d}.ics"'
    return response


@require_GET
def case_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes of every meeting where the case was discussed, read-only. For partners,
    who do not see the region's meetings themselves, and for case staff."""
    case = get_case_for_user(request, pk, section="minutes", detail="verslagen overleg")
    return render(
        request,
        "meetings/case_minutes.html",
        {"case": case, "active_tab": "minutes", "items": selectors.case_minutes(case)},
    )
