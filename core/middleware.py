import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

# Paths an anonymous visitor may open: login, password reset, health, static files, the survey,
# and the calendar feed (opened by its secret token: meetings.views.calendar_feed).
PUBLIC_PREFIXES = ("/account/", "/healthz", "/static/", "/enquete/", "/kalender/")


class LoginRequiredMiddleware:
    """Every page needs a login, except the public prefixes; sessions end after 12 hours
    whatever the activity (the idle timeout is the session cookie's age)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault("login_at", time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
        elif not request.path.startswith(PUBLIC_PREFIXES):
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for logged-in users hold case data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


class MFARequiredMiddleware:
    """With MFA_REQUIRED (production), a user without a second factor can only set one up
    (or log out) until they have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(("/account/", "/static/", "/healthz"))
        ):
            from allauth.mfa.utils import is_mfa_enabled

            if not is_mfa_enabled(request.user):
                return redirect("mfa_activate_totp")
        return self.get_response(request)
