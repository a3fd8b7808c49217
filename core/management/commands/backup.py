from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import backup
from core.postgres import DatabaseOperationError


class Command(BaseCommand):
    help = "Maakt een backup van de database (pg_dump) en de geüploade bestanden in een map."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Map voor de backup (nieuw of leeg).")

    def handle(self, *args, directory: Path, **options):
        try:
            manifest = backup(directory)
        except DatabaseOperationError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backup van {manifest['database']} in {directory}: {len(manifest['tables'])} "
            f"tabellen, {rows} rijen, {manifest['files']} bestand(en)."
        )
