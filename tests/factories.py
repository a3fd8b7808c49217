"""factory_boy factories with traits for states. Dutch fake data."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from casework.constants import CaseKind, Gender, GuardianRole, Level, Route
from casework.models import (
    Case,
    Guardian,
    Organisation,
    OrganisationKind,
    Region,
    School,
    SchoolBoard,
    Student,
)
from casework.workflow import Status


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Werkgebied {n}")
    code = factory.Sequence(lambda n: f"R{n}")


class SchoolBoardFactory(DjangoModelFactory):
    class Meta:
        model = SchoolBoard

    name = factory.Sequence(lambda n: f"Schoolbestuur {n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Scholengemeenschap {n}")
    brin = factory.Sequence(lambda n: f"{n % 100:02d}X{chr(65 + n % 26)}")
    board = factory.SubFactory(SchoolBoardFactory)
    region = factory.SubFactory(RegionFactory)
    municipality = "Veendam"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Leerplicht {n}")
    kind = OrganisationKind.TRUANCY


class PlainFaker(factory.Faker):
    """A Faker value without apostrophes: nl_NL has surnames like "van 't Erve", which HTML
    shows as "van &#x27;t Erve", so a test looking for the name in a page would fail for
    about one seed in two hundred. (tests/security/test_stored_xss.py covers escaping.)"""

    def evaluate(self, instance, step, extra):
        return super().evaluate(instance, step, extra).replace("'", "")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = PlainFaker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    role = Role.CASEMANAGER
    region = factory.SubFactory(RegionFactory)
    password = factory.django.Password("geheim-wachtwoord-123")


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = PlainFaker("last_name", locale="nl_NL")
    birth_date = date(2012, 5, 17)
    gender = Gender.FEMALE
    level = Level.HAVO
    school_year = 2
    class_name = "2B"
    residence = "Veendam"

    @factory.post_generation
    def bsn(self, create, extracted, **kwargs):
        if extracted:
            self.set_bsn(extracted)
            if create:
                self.save()


class GuardianFactory(DjangoModelFactory):
    class Meta:
        model = Guardian

    student = factory.SubFactory(StudentFactory)
    name = PlainFaker("name", locale="nl_NL")
    role = GuardianRole.PARENT_WITH_CUSTODY
    phone = "0612345678"
    email = factory.Faker("email", locale="nl_NL")


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"TS-2026-{n:04d}")
    region = factory.LazyAttribute(lambda c: c.school.region if c.school else RegionFactory())
    school = factory.SubFactory(SchoolFactory)
    student = factory.SubFactory(StudentFactory)
    kind = CaseKind.INTENSIVE
    route = Route.SCHOOL
    status = Status.REGISTERED
    # A registration via CJG or leerplicht is logged by a casemanager; a plain one keeps the
    # region's coordinators and the school's gedragsdeskundigen out of every recipient list.
    registered_by = factory.SubFactory(UserFactory, region=factory.SelfAttribute("..region"))

    class Params:
        awaiting_consent = factory.Trait(status=Status.AWAITING_CONSENT)
        in_intake = factory.Trait(status=Status.INTAKE)
        plan_active = factory.Trait(status=Status.PLAN_ACTIVE)
        closed = factory.Trait(status=Status.CLOSED, closed_on=date(2026, 10, 1))
