"""The project's URLs and one empty page: the framework floor of bench.pages (a logged-in
request through the whole middleware, with no view work: session and user lookups, CSRF,
CSP, the access checks of the middleware)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns

EMPTY_PATH = "/bench/leeg/"


def empty(request):
    return HttpResponse(b"", content_type="text/plain")


urlpatterns = [path(EMPTY_PATH.strip("/") + "/", empty), *project_urlpatterns]
