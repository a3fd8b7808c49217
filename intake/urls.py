from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("school/", views.school_overview, name="school_overview"),
    path("school/nieuw/", views.school_register, name="school_register"),
    path("nieuw/", views.register, name="register"),
    path("<int:pk>/intake/", views.intake_edit, name="intake_edit"),
]
