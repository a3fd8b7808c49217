"""The table of the database cache (config/settings.py CACHES without REDIS_URL).

Created here rather than by `manage.py createcachetable`, so every install has it after
`migrate`, whichever cache the settings chose at that moment; the statements are the ones
createcachetable writes for PostgreSQL (IF NOT EXISTS: an install that ran it keeps its table).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                'CREATE TABLE IF NOT EXISTS "django_cache" ('
                ' "cache_key" varchar(255) NOT NULL PRIMARY KEY,'
                ' "value" text NOT NULL,'
                ' "expires" timestamp with time zone NOT NULL)',
                'CREATE INDEX IF NOT EXISTS "django_cache_expires" ON "django_cache" ("expires")',
            ],
            reverse_sql=['DROP TABLE IF EXISTS "django_cache"'],
        ),
    ]
