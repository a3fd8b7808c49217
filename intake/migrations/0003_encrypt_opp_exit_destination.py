"""The expected exit destination is free text about the pupil: encrypted like the rest of the
registration (policy: core.encryption), existing rows too; varchar(200) becomes text."""

import core.encryption
from django.db import migrations

TABLE, COLUMNS = "intake_registration", ["opp_exit_destination"]


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_alter_intake_childhood_experiences_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="registration",
            name="opp_exit_destination",
            field=core.encryption.EncryptedCharField(
                blank=True,
                help_text="Volgens het OPP, bijvoorbeeld 'vmbo-tl diploma, daarna mbo niveau 3'.",
                max_length=200,
                verbose_name="verwachte uitstroombestemming",
            ),
        ),
        core.encryption.encrypt_columns({TABLE: COLUMNS}),
    ]
