from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from casework.privacy import anonymise_expired, retention_deadline


class Command(BaseCommand):
    help = "Anonimiseert afgesloten casussen na de bewaartermijn. Met --dry-run: alleen tonen."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Toon wat zou verdwijnen.")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="Peildatum JJJJ-MM-DD."
        )

    def handle(self, *args, dry_run: bool, as_of: date | None, **options):
        today = as_of or timezone.localdate()
        cases = anonymise_expired(today=today, dry_run=dry_run)
        verb = "zou worden geanonimiseerd" if dry_run else "geanonimiseerd"
        for case in cases:
            self.stdout.write(
                f"{case.reference}  afgesloten {case.closed_on:%d-%m-%Y}  termijn tot {retention_deadline(case):%d-%m-%Y}  {verb}"
            )
        self.stdout.write(f"{len(cases)} casus(sen) {verb}.")
