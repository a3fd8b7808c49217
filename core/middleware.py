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
    whatever the activity, and after 30 idle minutes: the session's expiry (SESSION_COOKIE_AGE
    from its last save) is renewed by a save at most once a SESSION_RENEW_AFTER seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault("login_at", now)
            if now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - request.session.get("renewed_at", 0) >= settings.SESSION_RENEW_AFTER:
                request.session["renewed_at"] = now  # saved after the view: expiry renewed
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
