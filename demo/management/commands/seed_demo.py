import importlib
import random
import time
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from faker import Faker

from casework.demo import already_seeded, print_logins


# Each app that has demo data exposes `<app>.demo.seed(ctx)`; they run in the order of
# INSTALLED_APPS, which is the order of the layers (an app seeds after the apps it builds on).
# An app may also expose `<app>.demo.finish(ctx)`, run after every seed, for what needs the
# data of apps seeded after it.
def demo_modules() -> list:
    return [
        importlib.import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "demo")
    ]


@dataclass
class DemoContext:
    rng: random.Random
    fake: Faker
    today: date
    cases: int
    stdout: object
    data: dict = field(default_factory=dict)  # what earlier apps made, for later ones


class Command(BaseCommand):
    help = "Vult de database met realistische demogegevens (deterministisch per --seed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=120, help="Aantal casussen (standaard 120)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde van de toeval.")

    def handle(self, *args, cases: int, seed: int, **options):
        if already_seeded():
            self.stdout.write("Demogegevens staan er al; er is niets toegevoegd.")
            print_logins(self.stdout)
            return
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        ctx = DemoContext(
            rng=random.Random(seed),
            fake=fake,
            today=timezone.localdate(),
            cases=cases,
            stdout=self.stdout,
        )
        started = time.monotonic()
        with transaction.atomic():
            modules = demo_modules()
            for module in modules:
                module.seed(ctx)
            for module in modules:
                if hasattr(module, "finish"):
                    module.finish(ctx)
        self.stdout.write(f"{cases} casussen aangemaakt in {time.monotonic() - started:.1f} s.")
        print_logins(self.stdout)
