from django.urls import path

from history import views as history_views

from . import views

app_name = "quality"

urlpatterns = [
    # The history moved to the history app, beside the case's other tabs.
    path("<int:pk>/geschiedenis/", history_views.old_case_history),
    path("<int:pk>/overleg/", views.case_minutes, name="case_minutes"),
]
