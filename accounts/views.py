"""The start page (each role lands on its own page) and the user's own settings page: the
calendar feed's secret address and the weekly overview."""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import service_saved

from .forms import PersonalSettingsForm
from .models import Role
from .services import user_calendar_token_renew, user_weekly_overview_set

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


@require_http_methods(["GET", "POST"])
def personal_settings(request: HttpRequest) -> HttpResponse:
    """The user's own settings. The calendar feed and the weekly overview are for the roles
    with a caseload; for the others the page says so."""
    user = request.user
    form = None
    if user.has_caseload:
        data = request.POST if request.method == "POST" else None
        form = PersonalSettingsForm(data, initial={"weekly_overview": user.weekly_overview})
        if form.is_bound and form.is_valid():
            wanted = form.cleaned_data["weekly_overview"]
            save = partial(user_weekly_overview_set, user=user, wanted=wanted)
            done = (
                _("U ontvangt elke maandag het weekoverzicht.")
                if wanted
                else _("U ontvangt het weekoverzicht niet meer.")
            )
            if service_saved(request, form, save, done=done):
                return redirect("accounts:settings")
    elif request.method == "POST":
        raise Http404("Niet gevonden.")
    feed_url = None
    if user.has_caseload and user.calendar_token:
        feed_url = request.build_absolute_uri(
            reverse("meetings:calendar_feed", args=[user.calendar_token])
        )
    return render(request, "accounts/settings.html", {"form": form, "feed_url": feed_url})


@require_http_methods(["GET", "POST"])
def calendar_link_renew(request: HttpRequest) -> HttpResponse:
    """Make a (new) secret address for the calendar feed; a GET asks to confirm first when an
    address exists, since the old one then stops at once."""
    user = request.user
    if not user.has_caseload:
        raise Http404("Niet gevonden.")
    if request.method == "POST":
        user_calendar_token_renew(user=user)
        messages.success(
            request,
            _("Er is een nieuwe agendalink gemaakt; een eerdere link werkt niet meer."),
        )
        return redirect("accounts:settings")
    return render(
        request, "accounts/calendar_link_confirm.html", {"renewal": bool(user.calendar_token)}
    )
