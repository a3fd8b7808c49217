"""Issue 16: FollowUp, SurveyInvitation and SurveyResponse move to the followups app. Here
they leave quality's state only; the tables stay as they are, and followups 0001 takes them
over (renames them to followups_*, with their rows)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('quality', '0009_history'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='surveyinvitation',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='surveyinvitation',
                    name='guardian',
                ),
                migrations.RemoveField(
                    model_name='surveyinvitation',
                    name='region',
                ),
                migrations.RemoveField(
                    model_name='surveyresponse',
                    name='region',
                ),
                migrations.DeleteModel(
                    name='FollowUp',
                ),
                migrations.DeleteModel(
                    name='SurveyInvitation',
                ),
                migrations.DeleteModel(
                    name='SurveyResponse',
                ),
            ],
            database_operations=[],
        ),
    ]
