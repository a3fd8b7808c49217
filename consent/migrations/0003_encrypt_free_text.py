"""Free text about the pupil encrypted at rest (policy: core.encryption), existing rows too:
why a parent with gezag did not sign, and the note on a withdrawal. The history trigger
skips the rewrite: it is no change anyone made. quality 0008 does the history table."""

import core.encryption
from django.db import migrations

TABLE, COLUMNS = "consent_consent", ["missing_representative_reason", "end_note"]


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
        core.encryption.encrypt_columns({TABLE: COLUMNS}),
    ]
