"""Meldingen: the list, marking as read, and the bell fragment.

A user only ever sees their own notifications; anyone else's answers 404. The texts hold a
case reference and dates only, so the list writes no access-log row; opening the case does.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .models import Notification
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 25


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("notifications:list")


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    only_unread = request.GET.get("filter") == "ongelezen"
    notifications = Notification.objects.for_user(request.user).select_related("case")
    if only_unread:
        notifications = notifications.unread()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "only_unread": only_unread},
    )


@require_POST
def notification_mark_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(
        Notification.objects.for_user(request.user).select_related("case"), pk=pk
    )
    notification_mark_read(notification=notification, by=request.user)
    if request.htmx:
        response = render(
            request,
            "notifications/notification_list.html#notification_row",
            {"notification": notification, "next": request.POST.get("next", "")},
        )
        response["HX-Trigger"] = "notificationsChanged"
        return response
    return redirect(_back(request))


@require_POST
def notification_mark_all_read_view(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(by=request.user)
    return redirect(_back(request))


@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The navbar bell alone, refreshed by htmx after marking read (no polling: polling
    would keep the session alive past its idle timeout)."""
    return render(request, "notifications/bell.html")
