"""The user's own settings page, under /instellingen/."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.personal_settings, name="settings"),
    path("agendalink/", views.calendar_link_renew, name="calendar_link_renew"),
]
