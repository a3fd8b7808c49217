"""The follow-up pages of the gedragsdeskundige (the list and one answer) and the
coördinator's survey report.

Shape: scoped fetch (casework.access.get_case_for_user, which logs) → form → service →
redirect or render. A role that may not use a page gets 404, never 403.
"""

from datetime import date
from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from casework.access import deny, get_case_for_user, require_role
from casework.models import AccessAction, Case
from core.forms import service_saved
from core.http import query_int

from . import selectors, services
from .forms import FollowUpForm
from .models import FollowUp

# --- follow-ups -----------------------------------------------------------------------------


def _follow_ups_for(user):
    return FollowUp.objects.for_school_of(user).filter(
        case__in=Case.objects.visible_to(user).values("pk")
    )


@require_GET
def follow_ups(request: HttpRequest) -> HttpResponse:
    require_role(request, Role.BEHAVIOURAL_EXPERT, detail="opvolgingen")
    mine = _follow_ups_for(request.user).select_related("case__student")
    return render(
        request,
        "followups/follow_ups.html",
        {
            "open": list(mine.open().filter(due_on__lte=timezone.localdate())[:200]),
            "recorded": list(mine.recorded().order_by("-recorded_at")[:50]),
        },
    )


@require_http_methods(["GET", "POST"])
def follow_up_record(request: HttpRequest, follow_up_pk: int) -> HttpResponse:
    require_role(request, Role.BEHAVIOURAL_EXPERT, detail=f"opvolging {follow_up_pk}")
    follow_up = _follow_ups_for(request.user).filter(pk=follow_up_pk).first()
    if follow_up is None:
        deny(request, f"opvolging {follow_up_pk}")
    write = request.method == "POST"
    case = get_case_for_user(
        request,
        follow_up.case_id,
        section="follow_up",
        write=write,
        action=AccessAction.CHANGE if write else AccessAction.VIEW,
        detail="opvolging na afsluiting",
    )
    form = FollowUpForm(request.POST if write else None)
    if write and follow_up.is_recorded:
        messages.error(request, _("Deze opvolging is al ingevuld."))
        return redirect("followups:follow_ups")
    if write and form.is_valid():
        save = partial(
            services.follow_up_record, follow_up=follow_up, by=request.user, **form.cleaned_data
        )
        if service_saved(request, form, save, done=_("Dank u wel. De opvolging is opgeslagen.")):
            return redirect("followups:follow_ups")
    return render(
        request,
        "followups/follow_up_record.html",
        {"case": case, "follow_up": follow_up, "form": form},
    )


# --- survey report --------------------------------------------------------------------------


@require_GET
def survey_report(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_role(request, Role.COORDINATOR, detail="tevredenheidsonderzoek", needs_region=True)
    this_year = timezone.localdate().year
    year = query_int(request, "jaar", this_year, minimum=2000, maximum=this_year)
    report = selectors.survey_report(region=user.region, year=year)
    return render(
        request,
        "followups/survey_report.html",
        {
            "report": report,
            "years": range(this_year, max(2000, this_year - 5) - 1, -1),
            "year": year,
            "min_responses": selectors.SURVEY_MIN_RESPONSES,
            "start": date(year, 1, 1),
        },
    )
