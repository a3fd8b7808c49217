"""Issue 16: the follow-ups and the surveys come over from the quality app, with every row.

The models are created in the state only; in the database quality's tables are renamed
(quality_followup → followups_followup, …), with their id sequences, so the names are what
Django would have made here. Constraint and index names stay (they name no app). The content
types follow (quality → followups), so the permissions on them stay the same rows."""

import django.core.validators
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models

MODELS = ("followup", "surveyinvitation", "surveyresponse")
SEQUENCES = ("followup", "surveyinvitation")  # surveyresponse has a uuid key


def _rename(old: str, new: str) -> list[str]:
    tables = [f"ALTER TABLE {old}_{m} RENAME TO {new}_{m};" for m in MODELS]
    sequences = [f"ALTER SEQUENCE {old}_{m}_id_seq RENAME TO {new}_{m}_id_seq;" for m in SEQUENCES]
    return tables + sequences


def _content_types(apps, old: str, new: str) -> None:
    """Relabel the old rows (their permissions keep pointing at them). A row under the new
    label already there was made by a post_migrate run in between and has nothing of its own."""
    content_type = apps.get_model("contenttypes", "ContentType")
    moving = content_type.objects.filter(app_label=old, model__in=MODELS)
    taken = moving.values("model")
    content_type.objects.filter(app_label=new, model__in=taken).delete()
    moving.update(app_label=new)


def content_types_forwards(apps, schema_editor):
    _content_types(apps, "quality", "followups")


def content_types_backwards(apps, schema_editor):
    _content_types(apps, "followups", "quality")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('quality', '0010_move_followups_and_surveys'),
        ('casework', '0008_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FollowUp',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                        ('due_on', models.DateField(verbose_name='peildatum')),
                        ('progression', models.CharField(blank=True, choices=[('promoted', 'over naar het volgende leerjaar'), ('repeated', 'blijven zitten (leerjaar overgedaan)'), ('level_changed', 'naar een ander niveau'), ('not_applicable', 'niet van toepassing (niet meer op school)')], max_length=16, verbose_name='doorstroom')),
                        ('exam_result', models.CharField(blank=True, choices=[('not_applicable', 'niet van toepassing (geen examenjaar)'), ('passed', 'geslaagd'), ('failed', 'gezakt')], max_length=16, verbose_name='examenresultaat')),
                        ('outflow', models.CharField(blank=True, choices=[('school', 'op school (voortgezet onderwijs)'), ('mbo', 'mbo'), ('work', 'werk'), ('none', 'geen school en geen werk')], max_length=16, verbose_name='uitstroom')),
                        ('recorded_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='ingevuld op')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='casework.case', verbose_name='casus')),
                        ('recorded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ingevuld door')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_ups', to='casework.school', verbose_name='school van inschrijving')),
                    ],
                    options={
                        'verbose_name': 'opvolging na afsluiting',
                        'verbose_name_plural': 'opvolgingen na afsluiting',
                        'ordering': ['due_on', 'id'],
                        'indexes': [models.Index(condition=models.Q(('recorded_at__isnull', True)), fields=['school', 'due_on'], name='follow_up_open_school')],
                        'constraints': [models.UniqueConstraint(fields=('case', 'due_on'), name='follow_up_once_per_case_and_date', violation_error_message='Voor deze casus en peildatum is er al een opvolging.'), models.CheckConstraint(condition=models.Q(('recorded_at__isnull', True), models.Q(('outflow', ''), _negated=True), _connector='OR'), name='follow_up_recorded_complete', violation_error_message='Een ingevulde opvolging heeft een uitstroom.')],
                    },
                ),
                migrations.CreateModel(
                    name='SurveyInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                        ('respondent', models.CharField(choices=[('parent', 'ouder/verzorger'), ('care_coordinator', 'zorgcoördinator school')], max_length=20, verbose_name='respondent')),
                        ('period', models.DateField(help_text='Eerste dag van het kwartaal.', verbose_name='kwartaal')),
                        ('token_hash', models.CharField(max_length=64, unique=True, verbose_name='hash van de code')),
                        ('expires_at', models.DateTimeField(verbose_name='verloopt op')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='verstuurd op')),
                        ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='gebruikt op')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='survey_invitations', to='casework.case', verbose_name='casus')),
                        ('guardian', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casework.guardian', verbose_name='ouder/verzorger')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.region', verbose_name='werkgebied')),
                    ],
                    options={
                        'verbose_name': 'uitnodiging tevredenheidsonderzoek',
                        'verbose_name_plural': 'uitnodigingen tevredenheidsonderzoek',
                        'indexes': [models.Index(fields=['region', 'period'], name='survey_invitation_period')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('guardian__isnull', False)), fields=('case', 'guardian'), name='survey_invitation_once_per_guardian'), models.UniqueConstraint(condition=models.Q(('respondent', 'care_coordinator')), fields=('case',), name='survey_invitation_once_per_school')],
                    },
                ),
                migrations.CreateModel(
                    name='SurveyResponse',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('period', models.DateField(verbose_name='kwartaal')),
                        ('respondent', models.CharField(choices=[('parent', 'ouder/verzorger'), ('care_coordinator', 'zorgcoördinator school')], max_length=20, verbose_name='respondent')),
                        ('satisfied', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='tevreden over de hulp')),
                        ('listened', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='goed geluisterd')),
                        ('clear', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='duidelijke afspraken')),
                        ('better', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='gaat het nu beter op school')),
                        ('comment', models.TextField(blank=True, max_length=2000, verbose_name='opmerking')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.region', verbose_name='werkgebied')),
                    ],
                    options={
                        'verbose_name': 'antwoord tevredenheidsonderzoek',
                        'verbose_name_plural': 'antwoorden tevredenheidsonderzoek',
                        'indexes': [models.Index(fields=['region', 'period'], name='survey_response_period')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('satisfied__gte', 1), ('satisfied__lte', 5)), name='survey_satisfied_1_to_5'), models.CheckConstraint(condition=models.Q(('listened__gte', 1), ('listened__lte', 5)), name='survey_listened_1_to_5'), models.CheckConstraint(condition=models.Q(('clear__gte', 1), ('clear__lte', 5)), name='survey_clear_1_to_5'), models.CheckConstraint(condition=models.Q(('better__gte', 1), ('better__lte', 5)), name='survey_better_1_to_5')],
                    },
                ),
            ],
            database_operations=[
                migrations.RunSQL(_rename("quality", "followups"), _rename("followups", "quality")),
            ],
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
