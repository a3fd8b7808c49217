from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lijst/", views.case_list, name="case_list"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/tijdlijn/", views.timeline, name="timeline"),
    path("<int:pk>/situatie/", views.case_update_situation, name="case_update_situation"),
    path("<int:pk>/afsluiten/", views.case_close, name="case_close"),
    path("<int:pk>/niet-gestart/", views.case_mark_not_started, name="case_mark_not_started"),
    path("<int:pk>/toewijzen/", views.case_assign, name="case_assign"),
    path("<int:pk>/notitie/", views.partner_note, name="partner_note"),
]
