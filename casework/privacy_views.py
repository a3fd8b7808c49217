"""Coördinator views for NEN 7513 and AVG art. 15: who accessed a pupil's dossier, and the
export of everything stored about the pupil."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Role

from .access import deny_case, get_case_for_user
from .models import AccessAction, AccessLogEntry
from .privacy import subject_access_export


def _coordinator_case(request: HttpRequest, pk: int, *, action: str, detail: str):
    if request.user.role != Role.COORDINATOR:
        # Same answer as for a case the user may not see; the row names the case.
        deny_case(request, pk, detail)
    return get_case_for_user(request, pk, action=action, detail=detail)


@require_GET
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    case = _coordinator_case(request, pk, action=AccessAction.VIEW, detail="toegangslog ingezien")
    entries = (
        AccessLogEntry.objects.filter(student_pseudonym=case.student.pseudonym)
        .select_related("case")
        .order_by("-at", "-id")[:500]
    )
    return render(
        request,
        "casework/privacy/access_log.html",
        {"case": case, "entries": entries, "active_tab": "access_log"},
    )


@require_GET
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    case = _coordinator_case(
        request, pk, action=AccessAction.EXPORT, detail="inzage-export (AVG art. 15)"
    )
    response = HttpResponse(
        subject_access_export(student=case.student), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{case.reference}.zip"'
    return response
