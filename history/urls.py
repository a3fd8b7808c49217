from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("<int:pk>/geschiedenis/", views.case_history, name="case_history"),
]
