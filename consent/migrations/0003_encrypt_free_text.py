"""Free text about the pupil encrypted at rest (policy: core.encryption), existing rows too:
why a parent with gezag did not sign, and the note on a withdrawal. The history trigger
skips the rewrite: it is no change anyone made. quality 0008 does the history table."""

import core.encryption
from django.db import migrations

TABLE, COLUMNS = "consent_consent", ["missing_representative_reason", "end_note"]


def _each(rewrite):
    def run(apps, schema_editor):
        rewrite(
            schema_editor.connection,
            TABLE,
            COLUMNS,
            ignore_triggers=core.encryption.history_update_triggers(TABLE),
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0002_consent_shares_intake"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consent",
            name="end_note",
            field=core.encryption.EncryptedTextField(
                blank=True, editable=False, verbose_name="toelichting beëindiging"
            ),
        ),
        migrations.AlterField(
            model_name="consent",
            name="missing_representative_reason",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Verplicht als een ouder met gezag niet tekent, bijvoorbeeld omdat deze onbereikbaar is.",
                verbose_name="reden ontbrekende handtekening",
            ),
        ),
        migrations.RunPython(
            _each(core.encryption.encrypt_in_place), _each(core.encryption.decrypt_in_place)
        ),
    ]
