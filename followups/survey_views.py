"""The public questionnaire: no login, a single-use link, no personal data on the page."""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import SurveyForm
from .models import SurveyInvitation

# secrets.token_urlsafe(32) gives 43 characters from this alphabet.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def _invitation(token: str) -> SurveyInvitation:
    if not TOKEN_PATTERN.match(token):
        raise Http404
    invitation = (
        SurveyInvitation.objects.select_related("region")
        .filter(token_hash=services.token_hash(token))
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


@never_cache
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    try:
        services.survey_check(invitation)
    except services.SurveyUnavailable as exc:
        return render(request, "followups/survey_closed.html", {"reason": exc.reason}, status=410)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                invitation=invitation, answers=services.SurveyAnswers(**form.cleaned_data)
            )
        except services.SurveyUnavailable as exc:
            return render(
                request, "followups/survey_closed.html", {"reason": exc.reason}, status=410
            )
        return redirect("survey:thanks")
    return render(
        request,
        "followups/survey_form.html",
        {"form": form, "region": invitation.region, "expires_at": invitation.expires_at},
    )


@never_cache
@require_GET
def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "followups/survey_thanks.html")
