import os

from django.core.management.base import BaseCommand, CommandError

from core.postgres import DatabaseOperationError, grant_app_role


class Command(BaseCommand):
    help = (
        "Geeft de databaserol van de app haar rechten (na elke migrate, als eigenaar): "
        "lezen en schrijven op alle tabellen, op de toegangslog alleen INSERT en SELECT."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="De rol waarmee web, worker en beat verbinden.")
        parser.add_argument(
            "--create",
            action="store_true",
            help="Maak de rol aan als hij nog niet bestaat (LOGIN, wachtwoord uit "
            "APP_DATABASE_PASSWORD).",
        )

    def handle(self, *args, role: str, create: bool, **options):
        password = None
        if create:
            password = os.environ.get("APP_DATABASE_PASSWORD", "")
            if not password:
                raise CommandError("--create vraagt om een wachtwoord in APP_DATABASE_PASSWORD.")
        try:
            rights = grant_app_role(role, create_password=password)
        except DatabaseOperationError as exc:
            raise CommandError(str(exc)) from exc
        allowed = ", ".join(p for p, granted in rights.items() if granted)
        refused = ", ".join(p for p, granted in rights.items() if not granted)
        self.stdout.write(f"Rol {role}: toegangslog {allowed} toegestaan; {refused} geweigerd.")
