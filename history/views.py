"""The Geschiedenis tab of a case.

Shape: scoped fetch (casework.access.get_case_for_user, which logs) → render. A role that may
not use the page gets 404, never 403.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.access import get_case_for_user
from casework.models import AccessAction

from .selectors import case_history as build_case_history


@require_GET
def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Geschiedenis: the coördinator and the case's casemanager (the access table's "history"
    row: who may see every record's old values)."""
    case = get_case_for_user(
        request, pk, section="history", action=AccessAction.VIEW, detail="geschiedenis"
    )
    entries, truncated = build_case_history(case)
    return render(
        request,
        "history/case_history.html",
        {
            "case": case,
            "active_tab": "history",
            "entries": entries,
            "truncated": truncated,
        },
    )
