"""The follow-up pages and the survey report, under /opvolging/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "followups"

urlpatterns = [
    path("", views.follow_ups, name="follow_ups"),
    path("<int:follow_up_pk>/", views.follow_up_record, name="follow_up_record"),
    path("tevredenheid/", views.survey_report, name="survey_report"),
]
