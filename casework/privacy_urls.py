from django.urls import path

from . import privacy_views

app_name = "privacy"

urlpatterns = [
    path("<int:pk>/toegangslog/", privacy_views.access_log, name="access_log"),
    path("<int:pk>/inzage.zip", privacy_views.subject_access, name="subject_access"),
]
