from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.services import reminders_run


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum '{value}': gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "Herinneringen en termijnsignalen van één dag, zonder Celery: werkt de termijnsignalen "
        "bij, maakt meldingen aan en mailt wat nog niet gemaild is. Twee keer draaien stuurt "
        "niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", dest="as_of", help="Peildatum JJJJ-MM-DD (standaard vandaag)."
        )
        parser.add_argument(
            "--no-mail", action="store_true", help="Alleen meldingen aanmaken, niet mailen."
        )

    def handle(self, *args, as_of: str | None, no_mail: bool, **options):
        day = _date(as_of) if as_of else timezone.localdate()
        summary = reminders_run(as_of=day, mail=not no_mail)
        lines = [
            f"Peildatum: {day:%d-%m-%Y}",
            f"Nieuwe meldingen 'nadert termijn': {summary['clock_approaching']}",
            f"Nieuwe meldingen 'termijn overschreden': {summary['clock_exceeded']}",
            f"Nieuwe meldingen 'evaluatie binnenkort': {summary['evaluation_due']}",
            f"Nieuwe meldingen 'evaluatie te laat': {summary['evaluation_overdue']}",
            f"E-mails verstuurd: {summary['emailed']}",
            f"Duur: {summary['seconds']:.2f} s",
        ]
        self.stdout.write("\n".join(lines))
