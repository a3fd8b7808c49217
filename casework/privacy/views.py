"""Coördinator views for NEN 7513 and AVG art. 15: who accessed a pupil's dossier, and the
export of everything stored about the pupil."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..access import get_case_for_user
from ..models import AccessAction, AccessLogEntry
from .subject_access import subject_access_export


@require_GET
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="access_log", action=AccessAction.VIEW, detail="toegangslog ingezien"
    )
    entries = (
        AccessLogEntry.objects.filter(student_pseudonym=case.student.pseudonym)
        .select_related("case", "user")
        .order_by("-at", "-id")[:500]
    )
    return render(
        request,
        "casework/privacy/access_log.html",
        {"case": case, "entries": entries, "active_tab": "access_log"},
    )


@require_GET
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request,
        pk,
        section="subject_access",
        action=AccessAction.EXPORT,
        detail="inzage-export (AVG art. 15)",
    )
    response = HttpResponse(
        subject_access_export(student=case.student), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{case.reference}.zip"'
    return response
