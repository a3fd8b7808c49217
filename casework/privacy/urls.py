from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("<int:pk>/toegangslog/", views.access_log, name="access_log"),
    path("<int:pk>/inzage.zip", views.subject_access, name="subject_access"),
]
