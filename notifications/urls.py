from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/gelezen/", views.notification_mark_read_view, name="mark_read"),
    path("alles-gelezen/", views.notification_mark_all_read_view, name="mark_all_read"),
    path("bel/", views.bell, name="bell"),
]
