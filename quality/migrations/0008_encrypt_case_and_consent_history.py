"""History keeps the case's and the consent's free text about the pupil encrypted too: the
event columns take the field class of the tracked models (core.encryption.EncryptedTextField,
text in the database like the tracked columns, so the history triggers copy them unchanged),
and the existing history rows are encrypted in place. The timeline has no history."""

import core.encryption
from django.db import migrations

# The history copies of the columns casework 0006 and consent 0003 encrypted.
COLUMNS = {
    "quality_caseevent": ["closing_agreements"],
    "quality_consentevent": ["missing_representative_reason", "end_note"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0007_encrypt_free_text_history"),
        ("casework", "0006_encrypt_free_text"),
        ("consent", "0003_encrypt_free_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="caseevent",
            name="closing_agreements",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="afspraken bij afsluiting"
            ),
        ),
        migrations.AlterField(
            model_name="consentevent",
            name="end_note",
            field=core.encryption.EncryptedTextField(
                blank=True, editable=False, verbose_name="toelichting beëindiging"
            ),
        ),
        migrations.AlterField(
            model_name="consentevent",
            name="missing_representative_reason",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Verplicht als een ouder met gezag niet tekent, bijvoorbeeld omdat deze onbereikbaar is.",
                verbose_name="reden ontbrekende handtekening",
            ),
        ),
        core.encryption.encrypt_columns(COLUMNS, pk="pgh_id", history=False),
    ]
