"""The change history is pghistory's standard: @pghistory.track on the tracked models, whose
apps now hold the event models and their triggers (casework 0008, intake 0004, consent 0004,
evaluations 0003 copied every row of quality's history tables and dropped the hand-made
triggers as they installed pghistory's). Here the hand-made trigger functions and the old
history tables go.

Unapplied, the old tables come back (empty: the history then stays in the new tables until
those are unapplied too) and so do the old triggers (0003's SQL, with 0006's for the consent).
"""

import importlib

from django.db import migrations

import core.history_tables

TRACKED_TABLES = [
    "casework_case",
    "casework_student",
    "casework_guardian",
    "intake_registration",
    "intake_intake",
    "consent_consent",
    "evaluations_plan",
    "evaluations_stakeholder",
    "evaluations_goal",
    "evaluations_evaluation",
    "evaluations_goalreview",
    "evaluations_loadprofile",
    "evaluations_loadprofileversion",
    "evaluations_meeting",
    "evaluations_meetingitem",
    "evaluations_meetingaction",
]


def drop_old_triggers(apps, schema_editor):
    for table in TRACKED_TABLES:
        for name in core.history_tables.old_trigger_names(table):
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def reinstall_old_triggers(apps, schema_editor):
    for name in ("0003_statement_level_triggers", "0006_consent_history_shares_intake"):
        schema_editor.execute(importlib.import_module(f"quality.migrations.{name}").INSTALL)


class Migration(migrations.Migration):

    dependencies = [
        ('quality', '0008_encrypt_case_and_consent_history'),
        ('casework', '0008_history'),
        ('intake', '0004_history'),
        ('consent', '0004_history'),
        ('evaluations', '0003_history'),
    ]

    operations = [
        # Last on the way back: the old tables exist again when the triggers that fill them do.
        migrations.RunPython(drop_old_triggers, reinstall_old_triggers),
        migrations.RemoveField(
            model_name='consentevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='recorded_by',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='representative_1',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='representative_2',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='supersedes',
        ),
        migrations.RemoveField(
            model_name='consentevent',
            name='withdrawn_by',
        ),
        migrations.RemoveField(
            model_name='evaluationevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='evaluationevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='evaluationevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='evaluationevent',
            name='plan',
        ),
        migrations.RemoveField(
            model_name='evaluationevent',
            name='recorded_by',
        ),
        migrations.RemoveField(
            model_name='goalevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='goalevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='goalevent',
            name='plan',
        ),
        migrations.RemoveField(
            model_name='goalevent',
            name='previous',
        ),
        migrations.RemoveField(
            model_name='goalreviewevent',
            name='evaluation',
        ),
        migrations.RemoveField(
            model_name='goalreviewevent',
            name='goal',
        ),
        migrations.RemoveField(
            model_name='goalreviewevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='goalreviewevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='guardianevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='guardianevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='guardianevent',
            name='student',
        ),
        migrations.RemoveField(
            model_name='intakeevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='intakeevent',
            name='completed_by',
        ),
        migrations.RemoveField(
            model_name='intakeevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='intakeevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='intakeevent',
            name='updated_by',
        ),
        migrations.RemoveField(
            model_name='loadprofileevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='loadprofileevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='loadprofileevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='loadprofileversionevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='loadprofileversionevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='loadprofileversionevent',
            name='profile',
        ),
        migrations.RemoveField(
            model_name='loadprofileversionevent',
            name='saved_by',
        ),
        migrations.RemoveField(
            model_name='meetingactionevent',
            name='item',
        ),
        migrations.RemoveField(
            model_name='meetingactionevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='meetingactionevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='meetingevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='meetingevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='meetingevent',
            name='planned_by',
        ),
        migrations.RemoveField(
            model_name='meetingevent',
            name='region',
        ),
        migrations.RemoveField(
            model_name='meetingitemevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='meetingitemevent',
            name='meeting',
        ),
        migrations.RemoveField(
            model_name='meetingitemevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='meetingitemevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='planevent',
            name='adopted_by',
        ),
        migrations.RemoveField(
            model_name='planevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='planevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='planevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='registrationevent',
            name='case',
        ),
        migrations.RemoveField(
            model_name='registrationevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='registrationevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='registrationevent',
            name='submitted_by',
        ),
        migrations.RemoveField(
            model_name='stakeholderevent',
            name='organisation',
        ),
        migrations.RemoveField(
            model_name='stakeholderevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='stakeholderevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='stakeholderevent',
            name='plan',
        ),
        migrations.RemoveField(
            model_name='studentevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='studentevent',
            name='pgh_obj',
        ),
        migrations.DeleteModel(
            name='CaseEvent',
        ),
        migrations.DeleteModel(
            name='ConsentEvent',
        ),
        migrations.DeleteModel(
            name='EvaluationEvent',
        ),
        migrations.DeleteModel(
            name='GoalEvent',
        ),
        migrations.DeleteModel(
            name='GoalReviewEvent',
        ),
        migrations.DeleteModel(
            name='GuardianEvent',
        ),
        migrations.DeleteModel(
            name='IntakeEvent',
        ),
        migrations.DeleteModel(
            name='LoadProfileEvent',
        ),
        migrations.DeleteModel(
            name='LoadProfileVersionEvent',
        ),
        migrations.DeleteModel(
            name='MeetingActionEvent',
        ),
        migrations.DeleteModel(
            name='MeetingEvent',
        ),
        migrations.DeleteModel(
            name='MeetingItemEvent',
        ),
        migrations.DeleteModel(
            name='PlanEvent',
        ),
        migrations.DeleteModel(
            name='RegistrationEvent',
        ),
        migrations.DeleteModel(
            name='StakeholderEvent',
        ),
        migrations.DeleteModel(
            name='StudentEvent',
        ),
    ]
