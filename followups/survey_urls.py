"""Public (no login) questionnaire pages: /enquete/ is in core.middleware.PUBLIC_PREFIXES."""

from django.urls import path

from . import survey_views

app_name = "survey"

urlpatterns = [
    path("bedankt/", survey_views.survey_thanks, name="thanks"),
    path("<str:token>/", survey_views.survey_answer, name="answer"),
]
