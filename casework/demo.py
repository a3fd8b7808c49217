"""Demo data for regions, schools, organisations, users, pupils, guardians and cases.

Bulk inserts: 100 000 cases take well under a minute on PostgreSQL.
"""

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User

from .constants import (
    PRIMARY_LEVELS,
    AbsenceExtent,
    AbsenceKind,
    CaseKind,
    Gender,
    GuardianRole,
    Level,
    Outcome,
    Route,
    Scenario,
)
from .models import (
    Case,
    Guardian,
    Organisation,
    OrganisationKind,
    Region,
    School,
    SchoolBoard,
    Student,
    TimelineEntry,
)
from .workflow import OPEN_STATUSES, Status

DEMO_PASSWORD = "plusdossier-demo"

REGIONS = [
    ("Taskforce Veendam", "VD", "SWV VO Groningen", ["Veendam", "Pekela", "Oldambt"]),
    ("Plusvoorziening Roosendaal", "RS", "SWV VO Roosendaal e.o.", ["Roosendaal", "Halderberge"]),
]
SCHOOLS = {
    "VD": [
        ("Dollard College", "20AB", "Pekela"),
        ("Winkler Prins", "21CD", "Veendam"),
        ("Ubbo Emmius Veendam", "22EF", "Veendam"),
        ("Ommelander College Oldambt", "23GH", "Oldambt"),
    ],
    "RS": [
        ("Gertrudiscollege", "30JK", "Roosendaal"),
        ("Norbertuscollege", "31LM", "Roosendaal"),
        ("Da Vinci College", "32NP", "Halderberge"),
    ],
}
# A primary school (bovenbouw po) per region, for the demo's pupil in groep 7.
PRIMARY_SCHOOLS = {"VD": ("OBS De Tweemaster", "24KL", "Veendam")}
PRIMARY_PUPIL = 1  # the index of the demo case whose pupil is in groep 7 (a Veendam case)
# The first open demo case with a casemanager gets a pupil who turns 16 this many days after
# the demo's today: within Region.age_notice_days (30), so the daily scan's "toestemming
# opnieuw vragen" notice is in the casemanager's bell (issue 21).
SIXTEEN_IN_DAYS = 20

ORGANISATIONS = [
    ("Gedragsdeskundigen schoolbesturen", OrganisationKind.BEHAVIOURAL_EXPERTS),
    ("CJG {municipality}", OrganisationKind.CJG),
    ("Leerplicht {municipality}", OrganisationKind.TRUANCY),
    ("Medewerkers samenwerkingsverband", OrganisationKind.SWV),
    ("Accare jeugdhulp", OrganisationKind.YOUTH_CARE),
    ("Train-de-trainer", OrganisationKind.TRAIN_THE_TRAINER),
]

# Status mix of the demo cases (weights).
STATUS_WEIGHTS = {
    Status.REGISTERED: 8,
    Status.AWAITING_CONSENT: 10,
    Status.INTAKE: 15,
    Status.PLAN_ACTIVE: 40,
    Status.CLOSED: 22,
    Status.NOT_STARTED: 5,
}


def already_seeded() -> bool:
    return Region.objects.filter(code=REGIONS[0][1]).exists()


def print_logins(stdout) -> None:
    stdout.write(f"\nDemo-inloggegevens (wachtwoord voor iedereen: {DEMO_PASSWORD}):")
    for user in User.objects.filter(username__in=DEMO_USERNAMES).order_by("role", "username"):
        place = user.school or user.organisation or user.region or ""
        stdout.write(f"  {user.username:<14} {user.get_role_display():<18} {place}")


DEMO_USERNAMES = [
    "coordinator",
    "casemanager",
    "casemanager2",
    "gedrag",
    "coordinator2",
    "casemanager3",
    "gedrag2",
    "partner",
    "beheerder",
]


def valid_bsn(rng) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10 and any(digits):
            return "".join(map(str, digits)) + str(check)


def _users(ctx, regions, schools, organisations):
    password = make_password(DEMO_PASSWORD)
    vd, rs = regions["VD"], regions["RS"]
    specs = [
        ("coordinator", "Carla", "de Groot", Role.COORDINATOR, vd, None, None),
        ("casemanager", "Mohamed", "El Amrani", Role.CASEMANAGER, vd, None, None),
        ("casemanager2", "Ineke", "Bos", Role.CASEMANAGER, vd, None, None),
        ("gedrag", "Sanne", "Mulder", Role.BEHAVIOURAL_EXPERT, vd, schools["VD"][0], None),
        ("coordinator2", "Peter", "van Dijk", Role.COORDINATOR, rs, None, None),
        ("casemanager3", "Fatima", "Yilmaz", Role.CASEMANAGER, rs, None, None),
        ("gedrag2", "Joost", "Verhoeven", Role.BEHAVIOURAL_EXPERT, rs, schools["RS"][0], None),
        ("partner", "Lotte", "Smit", Role.PARTNER, vd, None, organisations["VD"][2]),
        ("beheerder", "Bram", "Kok", Role.ADMINISTRATOR, vd, None, None),
    ]
    users = {}
    for username, first, last, role, region, school, organisation in specs:
        users[username] = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            region=region,
            school=school,
            organisation=organisation,
            password=password,
            email=f"{username}@plusdossier.local",
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
    return users


def _pupil_turning_16(students, case_rows, today) -> None:
    """Make one open, assigned case's pupil turn 16 in SIXTEEN_IN_DAYS (no rng drawn, so the
    other demo rows stay as they were)."""
    for index, row in enumerate(case_rows):
        if index != PRIMARY_PUPIL and row["status"] in OPEN_STATUSES and row["casemanager"]:
            birthday = today + timedelta(days=SIXTEEN_IN_DAYS)
            try:
                students[index].birth_date = birthday.replace(year=birthday.year - 16)
            except ValueError:  # 29 February: born on the 28th, 16 a day before
                students[index].birth_date = date(birthday.year - 16, 2, 28)
            return


def seed(ctx) -> None:
    rng, fake, today = ctx.rng, ctx.fake, ctx.today
    board = SchoolBoard.objects.create(name="Stichting Voortgezet Onderwijs Noord")
    board2 = SchoolBoard.objects.create(name="Stichting Onderwijs West-Brabant")
    regions, schools, organisations = {}, {}, {}
    for name, code, partnership, municipalities in REGIONS:
        region = Region.objects.create(
            name=name, code=code, partnership=partnership, municipalities="\n".join(municipalities)
        )
        regions[code] = region
        schools[code] = [
            School.objects.create(
                name=school_name,
                brin=brin,
                board=board if code == "VD" else board2,
                region=region,
                municipality=municipality,
                contact_name=fake.name(),
                contact_phone=f"0598-{rng.randint(100000, 999999)}",
                contact_email=f"zorg@{school_name.split()[0].lower()}.nl",
            )
            for school_name, brin, municipality in SCHOOLS[code]
        ]
        organisations[code] = [
            Organisation.objects.create(
                region=region, name=org_name.format(municipality=municipalities[0]), kind=kind
            )
            for org_name, kind in ORGANISATIONS
        ]
    users = _users(ctx, regions, schools, organisations)
    primary_schools = {
        code: School.objects.create(
            name=school_name,
            brin=brin,
            board=board,
            region=regions[code],
            municipality=municipality,
            contact_name="Marloes Bakker",  # fixed: the random pupils stay as they were
            contact_phone="0598-612345",
            contact_email="ib@tweemaster.nl",
        )
        for code, (school_name, brin, municipality) in PRIMARY_SCHOOLS.items()
    }
    casemanagers = {
        "VD": [users["casemanager"], users["casemanager2"]],
        "RS": [users["casemanager3"]],
    }

    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    levels = [level for level in Level if level not in PRIMARY_LEVELS]
    students, case_rows = [], []
    for i in range(ctx.cases):
        code = "VD" if i % 3 else "RS"
        birth = today - timedelta(days=rng.randint(12 * 365, 18 * 365))
        level, school_year = rng.choice(levels), rng.randint(1, 3)
        class_name = f"{rng.randint(1, 3)}{rng.choice('ABCD')}"
        if i == PRIMARY_PUPIL:  # ten years old, in groep 7
            birth = today - timedelta(days=10 * 365 + 120)
            level, school_year, class_name = Level.PO, 7, "groep 7"
        student = Student(
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            birth_date=birth,
            gender=rng.choice([Gender.MALE, Gender.FEMALE, Gender.FEMALE, Gender.OTHER]),
            level=level,
            school_year=school_year,
            class_name=class_name,
            lwoo=rng.random() < 0.2,
            residence=rng.choice(REGIONS[0 if code == "VD" else 1][3]),
        )
        student.set_bsn(valid_bsn(rng))
        students.append(student)
        status = rng.choices(statuses, weights)[0]
        registered_on = today - timedelta(days=rng.randint(3, 400))
        absent_since = registered_on - timedelta(days=rng.randint(0, 60))
        kind = CaseKind.ADVICE if rng.random() < 0.25 else CaseKind.INTENSIVE
        if kind == CaseKind.ADVICE and status == Status.PLAN_ACTIVE:
            status = Status.INTAKE  # only an intensive trajectory adopts a plan (workflow.MOVES)
        closed = status in (Status.CLOSED, Status.NOT_STARTED)
        offer = (
            absent_since + timedelta(days=rng.randint(20, 200))
            if closed or rng.random() < 0.3
            else None
        )
        if offer and offer > today:
            offer = None
        case_rows.append(
            dict(
                region=regions[code],
                school=rng.choice(schools[code]),
                status=status,
                kind=kind,
                route=rng.choice(list(Route)),
                scenario=rng.choice(list(Scenario))
                if status not in (Status.REGISTERED, Status.AWAITING_CONSENT)
                else "",
                casemanager=None if status == Status.REGISTERED else rng.choice(casemanagers[code]),
                registered_on=registered_on,
                absence_kind=rng.choice(list(AbsenceKind)),
                absence_extent=rng.choice(list(AbsenceExtent)),
                absent_since=absent_since,
                offer_since=offer,
                closed_on=min(today, registered_on + timedelta(days=rng.randint(60, 300)))
                if closed
                else None,
                outcome=rng.choice(list(Outcome)) if status == Status.CLOSED else "",
                closing_agreements="Warme overdracht naar de nieuwe school; mentor belt na 6 weken."
                if status == Status.CLOSED
                else "",
            )
        )
    if len(case_rows) > PRIMARY_PUPIL:
        case_rows[PRIMARY_PUPIL]["school"] = primary_schools["VD"]
    _pupil_turning_16(students, case_rows, today)
    Student.objects.bulk_create(students, batch_size=2000)
    guardians = []
    for student in students:
        guardians.append(
            Guardian(
                student=student,
                name=f"{fake.first_name_female()} {student.last_name}",
                role=GuardianRole.PARENT_WITH_CUSTODY,
                address=fake.street_address(),
                residence=student.residence,
                phone=f"06{rng.randint(10000000, 99999999)}",
                email=f"ouder{student.pk}@example.nl",
            )
        )
        if rng.random() < 0.6:
            guardians.append(
                Guardian(
                    student=student,
                    name=f"{fake.first_name_male()} {student.last_name}",
                    role=rng.choice(
                        [GuardianRole.PARENT_WITH_CUSTODY, GuardianRole.PARENT_WITHOUT_CUSTODY]
                    ),
                    residence=student.residence,
                    phone=f"06{rng.randint(10000000, 99999999)}",
                    email=f"ouder{student.pk}b@example.nl",
                )
            )
    Guardian.objects.bulk_create(guardians, batch_size=5000)

    counters: dict[tuple[str, int], int] = {}
    cases = []
    for student, row in zip(students, case_rows, strict=True):
        key = (row["region"].code, row["registered_on"].year)
        counters[key] = counters.get(key, 0) + 1
        cases.append(
            Case(
                reference=f"{key[0]}-{key[1]}-{counters[key]:04d}",
                student=student,
                registered_by=users["gedrag"] if row["region"].code == "VD" else users["gedrag2"],
                **row,
            )
        )
    Case.objects.bulk_create(cases, batch_size=2000)
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                case=case, user=case.registered_by, kind="registered", text="Aangemeld (demo)."
            )
            for case in cases
        ],
        batch_size=5000,
    )
    ctx.data.update(
        regions=regions, schools=schools, organisations=organisations, users=users, cases=cases
    )
