from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("casussen/<int:pk>/plan/", views.plan_detail, name="plan_detail"),
    path("casussen/<int:pk>/plan/opbouwschema/", views.build_up_edit, name="build_up_edit"),
    path("casussen/<int:pk>/plan/doel/", views.goal_add, name="goal_add"),
    path("casussen/<int:pk>/plan/vaststellen/", views.plan_adopt, name="plan_adopt"),
    path("casussen/<int:pk>/doel/<int:goal_pk>/", views.goal_edit, name="goal_edit"),
    path(
        "casussen/<int:pk>/doel/<int:goal_pk>/verwijderen/", views.goal_delete, name="goal_delete"
    ),
    path("casussen/<int:pk>/evaluaties/", views.evaluation_list, name="evaluation_list"),
    path(
        "casussen/<int:pk>/evaluaties/vervolg/",
        views.evaluation_followup,
        name="evaluation_followup",
    ),
    path(
        "casussen/<int:pk>/evaluaties/afsluiten/",
        views.evaluation_close_case,
        name="evaluation_close",
    ),
    path(
        "casussen/<int:pk>/evaluaties/<int:evaluation_pk>/",
        views.evaluation_record,
        name="evaluation_record",
    ),
    path(
        "casussen/<int:pk>/evaluaties/<int:evaluation_pk>/verzetten/",
        views.evaluation_reschedule,
        name="evaluation_reschedule",
    ),
    path("casussen/<int:pk>/belastbaarheidsprofiel/", views.load_profile, name="load_profile"),
    path(
        "casussen/<int:pk>/belastbaarheidsprofiel/school/",
        views.load_profile_school,
        name="load_profile_school",
    ),
    path(
        "casussen/<int:pk>/belastbaarheidsprofiel/vergelijken/",
        views.load_profile_compare,
        name="load_profile_compare",
    ),
]
