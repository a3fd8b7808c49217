from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("<int:pk>/overleg/", views.case_minutes, name="case_minutes"),
]
