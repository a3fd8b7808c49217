"""Factories for the intake app's models."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from intake.models import Intake, Registration
from tests.factories import CaseFactory


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    case = factory.SubFactory(CaseFactory)
    support_needed = True
    support_reason = "Angstklachten; de leerling komt sinds september niet meer in de klas."
    support_what = "Begeleiding bij geleidelijke terugkeer en afstemming met jeugdhulp."
    parents_informed = True


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    case = factory.SubFactory(CaseFactory, in_intake=True)
    support_question = "Hoe kan de leerling weer volledig naar school?"

    class Params:
        completed = factory.Trait(
            signal_anxiety=True,
            signal_withdrawn=True,
            signal_substance_use=False,
            signal_absence=True,
            signal_learning_problems=False,
            signal_bullying=False,
            signal_repeated_year=False,
            happiness_score=5,
            student_view="Zij wil wel, maar durft niet.",
            has_diagnosis=False,
            load_profile_needed=False,
            completed_at=factory.LazyFunction(timezone.now),
            completed_by=factory.LazyAttribute(lambda i: i.case.casemanager),
        )
