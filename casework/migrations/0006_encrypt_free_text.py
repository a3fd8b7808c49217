"""Free text about the pupil encrypted at rest (policy: core.encryption), existing rows too:
the case's closing agreements and the timeline's texts (partner notes, reasons for not
starting or for a withdrawal, what changed). The case's history trigger skips the rewrite:
it is no change anyone made (the timeline has no history). quality 0008 does the history
table."""

import core.encryption
from django.db import migrations

# The free text about the pupil, per table (core.encryption's policy).
COLUMNS = {
    "casework_case": ["closing_agreements"],
    "casework_timelineentry": ["text"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_access_log_nen7513_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="closing_agreements",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="afspraken bij afsluiting"
            ),
        ),
        migrations.AlterField(
            model_name="timelineentry",
            name="text",
            field=core.encryption.EncryptedTextField(verbose_name="omschrijving"),
        ),
        core.encryption.encrypt_columns(COLUMNS),
    ]
