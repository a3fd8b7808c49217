"""Trigram indexes for the name search of the case list (PostgreSQL only).

casework.selectors.search_cases matches words anywhere in a pupil's first or last name
(`icontains`, which Django writes as UPPER(column) LIKE UPPER('%word%')): without these
indexes every search reads the whole pupil table. The embedded SQLite mode has no pg_trgm
and goes without.
"""

from django.db import migrations

INDEXES = {
    "student_first_name_trgm": "first_name",
    "student_last_name_trgm": "last_name",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON casework_student '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_alter_student_bsn")]

    operations = [migrations.RunPython(create, drop)]
