"""The access log refuses TRUNCATE as well (pgtrigger's Protect covers UPDATE and DELETE).

A statement trigger, so it also holds on an install that runs the app as the table's owner
(one database role); the owner can still drop it, which is why production runs the app as a
separate role without those rights (core.postgres.grant_app_role, README "Operations").
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION plusdossier_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Table % is append-only: TRUNCATE is refused', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON casework_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION plusdossier_refuse_truncate();
"""

REVERSE = """
DROP TRIGGER IF EXISTS access_log_no_truncate ON casework_accesslogentry;
DROP FUNCTION IF EXISTS plusdossier_refuse_truncate();
"""


class Migration(migrations.Migration):
    dependencies = [("casework", "0004_student_name_trigram_indexes")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
