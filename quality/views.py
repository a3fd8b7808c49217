"""The meetings' minutes tab of a case (case_minutes); the rest of the former quality app
moved to followups and casework (issue 16).

Shape: scoped fetch (casework.access.get_case_for_user, which logs) → render. A role that may
not use a page gets 404, never 403.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.access import get_case_for_user
from evaluations.models import MeetingItem


@require_GET
def case_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes of every meeting where the case was discussed, read-only. For partners,
    who do not see the region's meetings themselves, and for case staff."""
    case = get_case_for_user(request, pk, section="minutes", detail="verslagen overleg")
    items = (
        MeetingItem.objects.filter(case=case)
        .select_related("meeting")
        .prefetch_related("actions")
        .order_by("-meeting__date", "-id")
    )
    return render(
        request,
        "quality/case_minutes.html",
        {"case": case, "active_tab": "minutes", "items": items},
    )
