"""The meeting pages (overleg: not case-bound, the region and the role decide; they start with
selectors.get_meeting_for_user), the print of a meeting's bundle, and the case's minutes tab
(a case page: casework.access.get_case_for_user, section "minutes")."""

from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
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
from .bundle import bundle_job_start, bundle_path, meeting_items
from .calendar import meeting_ics
from .feed import feed_ics, feed_user
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


MEETING_FIELDS = ("kind", "date", "start_time", "place", "attendees", "other_attendees")


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_role(request, *selectors.PLANNER_ROLES, needs_region=True)
    region = request.user.region
    form = MeetingForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        fields = cleaned_fields(form, MEETING_FIELDS)
        save = partial(services.meeting_create, by=request.user, **fields)
        done = _("Het overleg is gepland. Zet nu de casussen op de agenda.")
        attempt = attempt_save(request, form, save, done=done)
        if attempt.saved:
            return redirect("meetings:meeting_detail", meeting_pk=attempt.result.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    form = MeetingForm(request.POST or None, instance=meeting, region=meeting.region)
    if request.method == "POST" and form.is_valid():
        fields = cleaned_fields(form, MEETING_FIELDS)
        save = partial(services.meeting_update, meeting=meeting, by=request.user, **fields)
        if attempt_save(request, form, save, done=_("Het overleg is gewijzigd.")).saved:
            return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
def meeting_delete(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """Cancel a meeting, after a confirmation page (GET), so the address is never dead."""
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    if request.method == "POST":
        items = list(meeting.items.select_related("case"))
        delete = partial(services.meeting_delete, meeting=meeting, by=request.user)
        if service_saved(request, None, delete, done=_("Het overleg is geannuleerd.")):
            for item in items:
                log_access(
                    request,
                    case=item.case,
                    action=AccessAction.CHANGE,
                    detail="overleg geannuleerd",
                )
            return redirect("meetings:meeting_list")
        return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_confirm_delete.html",
        {"meeting": meeting, "items": meeting.items.count()},
    )


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
        choices = selectors.agenda_choices(meeting, request.user)
        context.setdefault("agenda_form", AgendaForm(cases=choices))
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
    form = AgendaForm(request.POST, cases=selectors.agenda_choices(meeting, request.user))
    if form.is_valid():
        cases = list(form.cleaned_data["cases"])
        save = partial(services.meeting_add_cases, meeting=meeting, cases=cases, by=request.user)
        references = ", ".join(case.reference for case in cases)
        done = ngettext(
            "%(cases)s staat op de agenda.", "%(cases)s staan op de agenda.", len(cases)
        ) % {"cases": references}
        if attempt_save(request, form, save, done=done).saved:
            for case in cases:
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


@require_http_methods(["GET", "POST"])
def meeting_bundle(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The coördinator asks for the meeting's print (agenda plus every agenda case's plan):
    it is made in the background and its page shows how far it is. A GET (an old bookmark)
    goes to the meeting, where the button is."""
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    if request.method == "GET":
        return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)
    job = bundle_job_start(meeting=meeting, by=request.user)
    return redirect("meetings:meeting_bundle_job", meeting_pk=meeting.pk, job_pk=job.pk)


def _bundle_job(request: HttpRequest, meeting_pk: int, job_pk: int):
    meeting = get_meeting_for_user_or_404(request, meeting_pk, write=True)
    job = meeting.bundle_jobs.filter(pk=job_pk).first()
    if job is None:
        raise Http404("Overlegbundel niet gevonden.")
    return meeting, job


def _job_status(job) -> dict[str, Any]:
    if job.failed:
        text = _("Het maken van de overlegbundel is mislukt. Probeer het opnieuw.")
    elif job.ready:
        text = _("De overlegbundel is klaar: %(pages)s pagina's.") % {"pages": job.pages}
    elif job.plans_total is None:
        text = _("De overlegbundel staat in de wachtrij …")
    else:
        text = _("Plannen van aanpak: %(done)s van %(total)s klaar …") % {
            "done": job.plans_done,
            "total": job.plans_total,
        }
    return {
        "ready": job.ready,
        "failed": job.failed,
        "done": job.plans_done,
        "total": job.plans_total,
        "text": text,
    }


@require_GET
def meeting_bundle_job(request: HttpRequest, meeting_pk: int, job_pk: int) -> HttpResponse:
    """How far the bundle is, then the download; ?status gives the same as JSON (polled)."""
    meeting, job = _bundle_job(request, meeting_pk, job_pk)
    status = _job_status(job)
    if "status" in request.GET:
        return JsonResponse(status)
    return render(
        request, "meetings/meeting_bundle_job.html", {"meeting": meeting, "job": job, **status}
    )


@require_GET
def meeting_bundle_download(request: HttpRequest, meeting_pk: int, job_pk: int) -> HttpResponse:
    meeting, job = _bundle_job(request, meeting_pk, job_pk)
    path = bundle_path(job)
    if not job.ready or not path.exists():
        return redirect("meetings:meeting_bundle_job", meeting_pk=meeting.pk, job_pk=job.pk)
    for item in meeting_items(meeting):
        log_access(
            request, case=item.case, action=AccessAction.PRINT, detail=f"overlegbundel {meeting.pk}"
        )
    return pdf_response(path.read_bytes(), f"overlegbundel-{meeting.date:%Y-%m-%d}.pdf")


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
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's calendar feed, opened by its secret token without a session (the path is
    public in core.middleware). A wrong or renewed token is not found; each read is logged."""
    user = feed_user(token)
    if user is None:
        raise Http404("Agenda niet gevonden.")
    ics, count = feed_ics(user, today=timezone.localdate(), absolute=request.build_absolute_uri)
    log_access(
        request, user=user, case=None, action=AccessAction.EXPORT, detail=f"agendafeed ({count})"
    )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
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
