"""The start page: each role lands on its own page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.models import Role

START_PAGES = {
    Role.CASEMANAGER: "casework:dashboard",
    Role.COORDINATOR: "casework:dashboard",
    Role.BEHAVIOURAL_EXPERT: "intake:school_overview",
    Role.PARTNER: "casework:case_list",
    Role.ADMINISTRATOR: "admin:index",
}


def start(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own start page."""
    return redirect(START_PAGES.get(request.user.role, "account_logout"))
