from django.contrib import admin
from django.http import Http404
from django.urls import include, path

from accounts import views as accounts_views
from core import views as core_views
from core.errors import page_not_found

admin.site.site_header = "Plusdossier beheer"
admin.site.site_title = "Plusdossier beheer"

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
# Not Django's: allauth's rate limits look it up here.
handler429 = "core.errors.too_many_requests"
handler500 = "core.errors.server_error"

urlpatterns = [
    path("", accounts_views.start, name="start"),
    path("healthz", core_views.healthz, name="healthz"),
    # allauth's e-mail management: the login is by username and the beheerder keeps the
    # addresses, so the page is not found, for everyone (matched before allauth's own route;
    # the name account_email still reverses, as allauth's middleware needs).
    path("account/email/", page_not_found, {"exception": Http404()}),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("instellingen/", include("accounts.urls")),
    # Every page of a case lives under casussen/<pk>/, whichever app serves it.
    path("casussen/", include("casework.urls")),
    path("casussen/", include("casework.privacy.urls")),
    path("casussen/", include("history.urls")),
    path("", include("intake.urls")),
    path("casussen/", include("consent.urls")),
    path("", include("evaluations.urls")),
    path("", include("meetings.urls")),
    path("meldingen/", include("notifications.urls")),
    path("", include("reports.urls")),
    path("opvolging/", include("followups.urls")),
    # Old addresses of pages that moved: permanent redirects.
    path("", include("config.legacy_urls")),
    path("enquete/", include("followups.survey_urls")),
]
