from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("<int:pk>/notitie/", views.partner_note, name="partner_note"),
    path("opvolging/", views.follow_ups, name="follow_ups"),
    path("opvolging/<int:follow_up_pk>/", views.follow_up_record, name="follow_up_record"),
    path("tevredenheid/", views.survey_report, name="survey_report"),
]
