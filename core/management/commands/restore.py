from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import restore
from core.postgres import DatabaseOperationError


class Command(BaseCommand):
    help = (
        "Zet een backup terug in een nieuwe (of lege) database en een lege map voor de "
        "bestanden, op de server van de instellingen, en controleert de aantallen rijen."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Map met de backup.")
        parser.add_argument(
            "--database-name", required=True, help="Doeldatabase (wordt aangemaakt of is leeg)."
        )
        parser.add_argument(
            "--files-dir", type=Path, required=True, help="Doelmap voor de bestanden (leeg)."
        )

    def handle(self, *args, directory: Path, database_name: str, files_dir: Path, **options):
        if not database_name:
            raise CommandError("Geef de doeldatabase op (--database-name).")
        try:
            manifest = restore(directory, database=database_name, media_root=files_dir)
        except DatabaseOperationError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Teruggezet in {database_name}: {len(manifest['tables'])} tabellen, {rows} rijen "
            f"(aantallen gecontroleerd), {manifest['files']} bestand(en) in {files_dir}. "
            "Geef daarna de app-rol haar rechten: manage.py grant_app_role <rol>."
        )
