"""For the migrations that move a tracked model's change history onto pghistory's own event
model (issue 16): the rows of the hand-made history table are copied into the new event
table, and the hand-made triggers on the tracked table are dropped, in the same migration (so
in the same transaction) that installs the new triggers: no write is tracked twice or not at
all. quality's next migration drops the old tables and the trigger functions."""

LABELS = ("insert", "update", "delete")


def old_trigger_names(tracked_table: str) -> list[str]:
    """The names the hand-made triggers (and their functions) had: quality_h_<table>_<label>."""
    return [f"quality_h_{tracked_table}_{label}"[:63].lower() for label in LABELS]


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def copy_events(cursor, old_table: str, new_table: str) -> int:
    """Every row of `old_table` into `new_table`, same pgh_id, pgh_created_at, pgh_label,
    pgh_obj_id, pgh_context_id and values (the columns both have; a column the tracked model
    has since lost stays behind); then the id sequence is moved past the copied ids."""
    old = set(_columns(cursor, old_table))
    columns = ", ".join(f'"{c}"' for c in _columns(cursor, new_table) if c in old)
    cursor.execute(
        f'INSERT INTO "{new_table}" ({columns}) SELECT {columns} FROM "{old_table}" '
        f'ORDER BY "pgh_id"'
    )
    copied = cursor.rowcount
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'pgh_id'), "
        f'COALESCE((SELECT max("pgh_id") FROM "{new_table}"), 1), '
        f'(SELECT max("pgh_id") IS NOT NULL FROM "{new_table}"))',
        [f'"{new_table}"'],
    )
    return copied


def adopt_history(tables: dict[str, tuple[str, str]]):
    """The migration step for one app: `tables` maps each tracked table to (old event table,
    new event table). Runs after the new event models and their triggers are created. Undone,
    it does nothing: unapplying quality's next migration reinstalls the old triggers and
    tables."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for tracked, (old_table, new_table) in tables.items():
                for name in old_trigger_names(tracked):
                    cursor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{tracked}"')
                copy_events(cursor, old_table, new_table)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
