"""Dutch error pages: 400, 403 (also a failed CSRF check, and a change `Refused` for a
reason the page names), 404, 405, 429 (allauth's rate limits) and 500, one template
(`errors/page.html`; 500 stands alone, as it must render when the database does not answer).

A reload or a bookmark of a form's POST-only address (the address bar keeps it after an error)
is a GET there: it goes back to the page the form lives on (the nearest address above it that
exists), with a message that nothing was saved, never to an empty browser page. Other wrong
methods get the 405 page, which links back to the case.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

# Shown on the page a reload of a POST-only address goes back to.
RELOAD_MESSAGE = _(
    "Dit adres verwerkt alleen een verstuurd formulier; u bent teruggebracht naar de pagina "
    "ervan. Er is niets opgeslagen of gewijzigd."
)

PAGES = {
    400: (
        _("Ongeldig verzoek"),
        _("Dit verzoek kon niet worden verwerkt. Probeer het opnieuw vanaf de vorige pagina."),
    ),
    403: (
        _("Geen toegang"),
        _(
            "U hebt geen toegang tot deze pagina. Denkt u dat dit niet klopt, neem dan contact "
            "op met de coördinator van uw regio."
        ),
    ),
    404: (
        _("Pagina niet gevonden"),
        _(
            "Deze pagina bestaat niet, of u hebt geen toegang tot de casus waar ze bij hoort. "
            "Controleer het adres of ga terug naar uw overzicht."
        ),
    ),
    405: (
        _("Deze pagina kan niet rechtstreeks worden geopend"),
        _(
            "Dit adres verwerkt dit soort verzoek niet. Er is niets opgeslagen of gewijzigd; ga "
            "terug naar de pagina en probeer het opnieuw."
        ),
    ),
    429: (
        _("Te veel pogingen"),
        _(
            "Vanaf uw adres zijn in korte tijd te veel pogingen gedaan. Wacht een minuut en "
            "probeer het dan opnieuw."
        ),
    ),
    "csrf": (
        _("Het formulier is verlopen"),
        _(
            "Om uw gegevens te beschermen is het formulier niet verwerkt: het was te lang open, "
            "of u bent intussen opnieuw ingelogd. Ga terug, laad de pagina opnieuw en verstuur "
            "het nog eens."
        ),
    ),
}


class Refused(PermissionDenied):
    """A change refused for a reason the user may know (the case is closed): the 403 page
    says `explanation` instead of the general text, with a link back (`back_url`)."""

    def __init__(self, explanation: str, *, back_url: str = ""):
        super().__init__(explanation)
        self.explanation = explanation
        self.back_url = back_url


REFUSED_HEADING = _("Niet opgeslagen")


def error_page(
    request: HttpRequest,
    kind,
    *,
    status: int | None = None,
    back_url: str = "",
    heading: str = "",
    explanation: str = "",
):
    default_heading, default_explanation = PAGES[kind]
    heading, explanation = heading or default_heading, explanation or default_explanation
    status = status or kind
    context = {
        "heading": heading,
        "explanation": explanation,
        "status": status,
        "back_url": back_url,
    }
    return render(request, "errors/page.html", context, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, Refused):
        return error_page(
            request,
            403,
            heading=REFUSED_HEADING,
            explanation=exception.explanation,
            back_url=exception.back_url,
        )
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return error_page(request, 404)


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """allauth's rate limits (login, password change, second step) answer with this page:
    it looks up `handler429` in the root URLconf."""
    return error_page(request, 429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(request, "csrf", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def _case_url(request: HttpRequest) -> str:
    """The case page, when the address is one of a case's (a 405 comes only after the access
    check would have run for the same address with the right method, so the link tells
    nothing the user could not see)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    if match.route.startswith("casussen/<int:pk>/") and "pk" in match.kwargs:
        return reverse("casework:case_detail", args=[match.kwargs["pk"]])
    return ""


def _page_above(request: HttpRequest) -> str:
    """The nearest address above this one that exists: /casussen/5/toestemming/vastleggen/
    → /casussen/5/toestemming/, /meldingen/5/gelezen/ → /meldingen/. The same for every id
    (whoever may not see the case meets that page's 404)."""
    path = request.path_info
    while path != "/":
        path = path.rstrip("/").rsplit("/", 1)[0] + "/"
        try:
            resolve(path)
        except Resolver404:
            continue
        return request.META.get("SCRIPT_NAME", "").rstrip("/") + path
    return reverse("start")


class MethodNotAllowedPage:
    """What the empty 405 of `require_http_methods` becomes: a GET goes back to the form's
    page, other methods get the Dutch page (the Allow header stays)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        if request.method in ("GET", "HEAD"):
            messages.info(request, RELOAD_MESSAGE)
            return HttpResponseRedirect(_page_above(request))
        page = error_page(request, 405, back_url=_case_url(request))
        page["Allow"] = response["Allow"]
        return page
