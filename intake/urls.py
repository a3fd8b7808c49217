from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("aanmelding/school/", views.school_overview, name="school_overview"),
    path("aanmelding/school/nieuw/", views.school_register, name="school_register"),
    path("aanmelding/nieuw/", views.register, name="register"),
    path("casussen/<int:pk>/intake/", views.intake_edit, name="intake_edit"),
]
