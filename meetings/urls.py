"""The meeting pages under /overleg/ (not case-bound: region and role decide) and the case's
minutes tab under /casussen/<pk>/overleg/; included at the site's root."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("overleg/", views.meeting_list, name="meeting_list"),
    path("overleg/nieuw/", views.meeting_create, name="meeting_create"),
    path("overleg/<int:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path("overleg/<int:meeting_pk>/wijzigen/", views.meeting_edit, name="meeting_edit"),
    path("overleg/<int:meeting_pk>/annuleren/", views.meeting_delete, name="meeting_delete"),
    path("overleg/<int:meeting_pk>/agenda/", views.meeting_add_case, name="meeting_add_case"),
    path(
        "overleg/<int:meeting_pk>/agenda/<int:item_pk>/",
        views.meeting_minutes,
        name="meeting_minutes",
    ),
    path(
        "overleg/<int:meeting_pk>/agenda/<int:item_pk>/verwijderen/",
        views.meeting_remove_case,
        name="meeting_remove_case",
    ),
    path("overleg/<int:meeting_pk>/bundel/", views.meeting_bundle, name="meeting_bundle"),
    path(
        "overleg/<int:meeting_pk>/bundel/<int:job_pk>/",
        views.meeting_bundle_job,
        name="meeting_bundle_job",
    ),
    path(
        "overleg/<int:meeting_pk>/bundel/<int:job_pk>/overlegbundel.pdf",
        views.meeting_bundle_download,
        name="meeting_bundle_download",
    ),
    # Public (core.middleware.PUBLIC_PREFIXES): the token is the key.
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("overleg/<int:meeting_pk>/overleg.ics", views.meeting_calendar, name="meeting_calendar"),
    path("casussen/<int:pk>/overleg/", views.case_minutes, name="case_minutes"),
]
