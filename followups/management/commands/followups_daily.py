"""followups_daily: the daily scan by hand (the beat runs the same, followups.tasks)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followups.services import followups_daily


class Command(BaseCommand):
    help = (
        "Maakt opvolgingen na afsluiting aan, nodigt uit voor het tevredenheidsonderzoek en "
        "ruimt de geschiedenis van geanonimiseerde casussen op (hetzelfde als de dagelijkse taak)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="Peildatum JJJJ-MM-DD (standaard vandaag).")

    def handle(self, *args, as_of: str | None = None, **options):
        try:
            today = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Gebruik --as-of JJJJ-MM-DD.") from exc
        result = followups_daily(today=today)
        self.stdout.write(
            "Opvolgingen: {follow_ups}, uitnodigingen: {invitations}, opnieuw verstuurd: "
            "{resent}, geschiedenisregels opgeruimd: {history_purged}.".format(**result)
        )
