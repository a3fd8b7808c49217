import pgtrigger
from django.db import migrations, models


def mark_old_refusals(apps, schema_editor):
    """Rows written before the result column existed: a refusal was action 'denied'.

    A one-time backfill of the new, derived column by the schema owner; nothing that was
    recorded changes. The append-only trigger is passed for this one statement only.
    """
    entry = apps.get_model("casework", "AccessLogEntry")
    with pgtrigger.ignore("casework.AccessLogEntry:access_log_append_only"):
        entry.objects.filter(action="denied").update(result="denied")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0004_student_name_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="on_behalf_of",
            field=models.CharField(
                blank=True,
                db_default="",
                help_text="Leeg, tenzij de gebruiker namens een ander handelde.",
                max_length=200,
                verbose_name="namens",
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="organisation",
            field=models.CharField(
                blank=True,
                db_default="",
                help_text="School, partnerorganisatie of werkgebied van de gebruiker.",
                max_length=200,
                verbose_name="organisatie",
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="result",
            field=models.CharField(
                choices=[("granted", "toegestaan"), ("denied", "geweigerd")],
                db_default="granted",
                db_index=True,
                max_length=16,
                verbose_name="resultaat",
            ),
        ),
        migrations.RunPython(mark_old_refusals, migrations.RunPython.noop, elidable=True),
    ]
