from django.contrib import admin
from django.urls import include, path

from core import views as core_views

admin.site.site_header = "Plusdossier beheer"
admin.site.site_title = "Plusdossier beheer"

urlpatterns = [
    path("", core_views.start, name="start"),
    path("healthz", core_views.healthz, name="healthz"),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("casussen/", include("casework.urls")),
    path("casussen/", include("casework.privacy_urls")),
    path("aanmelding/", include("intake.urls")),
    path("toestemming/", include("consent.urls")),
    path("plannen/", include("evaluations.urls")),
    path("meldingen/", include("notifications.urls")),
    path("rapportages/", include("reports.urls")),
    path("kwaliteit/", include("quality.urls")),
    path("enquete/", include("quality.survey_urls")),
]
