from django.urls import path

from history import views as history_views

from . import views

app_name = "quality"

urlpatterns = [
    # The history moved to the history app, beside the case's other tabs.
    path("<int:pk>/geschiedenis/", history_views.old_case_history),
    path("<int:pk>/notitie/", views.partner_note, name="partner_note"),
    path("opvolging/", views.follow_ups, name="follow_ups"),
    path("opvolging/<int:follow_up_pk>/", views.follow_up_record, name="follow_up_record"),
    path("tevredenheid/", views.survey_report, name="survey_report"),
]
