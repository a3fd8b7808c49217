"""Issue 18 (3): closed means closed. On a closed case every address that takes the case (or
one of its objects) changes nothing when posted to, whoever posts: the case's casemanager,
the region's coördinator, the school's gedragsdeskundige and a partner of the consent.

The addresses are walked from the whole URL conf (tests.casework.test_url_enumeration), so
an address an app adds later is posted to as well; each gets a form that would save on an
open case (PAYLOADS), and an address without one fails the test. After each post the rows of
every table are compared with those before.

The documented exceptions (casework.workflow.CHANGEABLE_WHEN_ENDED and its comment), with
the tables they may change (CHANGES):
- the school's yearly follow-up after closing (followups): the gedragsdeskundige records it;
- marking one's own notification read: the user's bell, not the case;
- taking the case off a meeting's agenda: the meeting's list (with its timeline line).
Not compared: the access log (every refusal is logged, NEN 7513), the session and login
bookkeeping.
"""

from collections.abc import Callable

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from casework import services as case_services
from casework.models import Organisation
from config import legacy_urls
from evaluations.models import PROFILE_FIELDS, SCHOOL_FIELDS, Evaluation, Goal, LoadProfile
from followups.models import ExamResult, FollowUp, Outflow
from tests.casework.test_url_enumeration import _routes, build, dossier, id_routes  # noqa: F401
from tests.factories import UserFactory
from tests.reports.test_documents import make_load_profile

pytestmark = pytest.mark.django_db

ROLES = ("casemanager", "coordinator", "behavioural_expert", "partner")

NOT_COMPARED = {
    "casework.accesslogentry",
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}

# Per exception, the tables a post may change, and who may change them.
CHANGES: dict[str, tuple[set[str], set[str]]] = {
    "opvolging/<int:follow_up_pk>/": (
        {"followups.followup", "casework.timelineentry"},
        {"behavioural_expert"},
    ),
    "meldingen/<int:pk>/gelezen/": ({"notifications.notification"}, {"casemanager"}),
    "overleg/<int:meeting_pk>/agenda/<int:item_pk>/verwijderen/": (
        {"meetings.meetingitem", "meetings.meetingitemevent", "pghistory.context"}
        | {"casework.timelineentry"},
        {"coordinator"},
    ),
    # The meeting, not the case: changed or cancelled (its agenda with it), no timeline line.
    "overleg/<int:meeting_pk>/wijzigen/": (
        {"meetings.meeting", "meetings.meetingevent", "pghistory.context"},
        {"coordinator"},
    ),
    "overleg/<int:meeting_pk>/annuleren/": (
        {"meetings.meeting", "meetings.meetingevent", "meetings.meetingitem"}
        | {"meetings.meetingitemevent", "meetings.bundlejob", "pghistory.context"},
        {"coordinator"},
    ),
    # A print of the meeting (a closed case's plan is not in it: its consent has ended).
    "overleg/<int:meeting_pk>/bundel/": (
        {"meetings.bundlejob", "core.outboxentry"},
        {"coordinator"},
    ),
}


def _today() -> str:
    return timezone.localdate().isoformat()


def _plan(d) -> dict:
    plan = d["case"].plans.get()
    return {
        "drawn_up_on": plan.drawn_up_on.isoformat(),
        "director_name": "Iemand Anders",
        "director_organisation": "Taskforce Veendam",
        "director_email": "iemand@example.nl",
        "director_phone": "0612345678",
        "pupil_view": "Anders.",
        "version": str(plan.version),
        "betrokkenen-TOTAL_FORMS": "0",
        "betrokkenen-INITIAL_FORMS": "0",
        "betrokkenen-MIN_NUM_FORMS": "0",
        "betrokkenen-MAX_NUM_FORMS": "1000",
    }


def _goal(prefix: str = "", version: int | None = None) -> dict:
    data = {
        f"{prefix}description": "Een nieuw doel",
        f"{prefix}actions": "Acties",
        f"{prefix}term": "4 weken",
        f"{prefix}responsible": "Mentor",
    }
    if version is not None:
        data["version"] = str(version)
    return data


def _review(d) -> dict:
    evaluation = Evaluation.objects.get(pk=d["evaluation_pk"])
    data = {
        "held_on": _today(),
        "participants": "Leerling, mentor",
        "pupil_view": "",
        "notes": "",
        "version": str(evaluation.version),
    }
    for goal in evaluation.plan.goals.active():
        data[f"goal-{goal.pk}-achieved"] = "ja"
    return data


def _load_profile(d, prefix: str = "") -> dict:
    profile = LoadProfile.objects.get(case=d["case"])
    latest = profile.latest
    fields = SCHOOL_FIELDS if prefix else PROFILE_FIELDS
    data = {f"{prefix}{name}": getattr(latest, name) or "" for name in fields}
    for name, value in data.items():
        if hasattr(value, "isoformat"):
            data[name] = value.isoformat()
    data[f"{prefix}version"] = str(profile.version)
    if prefix:
        data[f"{prefix}school_addition"] = "Aanvulling vanuit school na het afsluiten."
    else:
        data["signal_judged_by"] = "Na het afsluiten gewijzigd."
    return data


def _close(prefix: str) -> dict:
    return {
        f"{prefix}-outcome": "back_at_school",
        f"{prefix}-agreements": "Nieuwe afspraken.",
        f"{prefix}-closed_on": _today(),
    }


FOLLOW_UP = {"outflow": Outflow.WORK, "exam_result": ExamResult.NOT_APPLICABLE}

PAYLOADS: dict[str, Callable[[dict], dict]] = {
    "casussen/<int:pk>/situatie/": lambda d: {"situation-scenario": "c"},
    "casussen/<int:pk>/afsluiten/": lambda d: _close("close"),
    "casussen/<int:pk>/niet-gestart/": lambda d: {"not_started-reason": "Toch niet."},
    "casussen/<int:pk>/toewijzen/": lambda d: {
        "assign-casemanager": d["other_casemanager"].pk,
        "assign-next": "detail",
    },
    "casussen/<int:pk>/notitie/": lambda d: {"text": "Een notitie na het afsluiten."},
    "casussen/<int:pk>/intake/": lambda d: {"support_question": "Nieuwe hulpvraag"},
    "casussen/<int:pk>/toestemming/vastleggen/": lambda d: {
        "given_on": _today(),
        "method": "conversation",
        "legal_basis": "consent",
        "youth_consented": "on",
        "organisations": [d["organisation"].pk],
    },
    "casussen/<int:pk>/toestemming/intrekken/": lambda d: {
        "withdrawn_on": _today(),
        "reason": "Ingetrokken na het afsluiten.",
    },
    "casussen/<int:pk>/plan/": _plan,
    "casussen/<int:pk>/plan/doel/": lambda d: _goal("nieuw-doel-"),
    "casussen/<int:pk>/plan/opbouwschema/": lambda d: {
        "opbouw-TOTAL_FORMS": "1",
        "opbouw-INITIAL_FORMS": "0",
        "opbouw-MIN_NUM_FORMS": "0",
        "opbouw-MAX_NUM_FORMS": "1000",
        "opbouw-0-week_start": "2026-11-16",
        "opbouw-0-planned_hours": "10",
    },
    "casussen/<int:pk>/plan/vaststellen/": lambda d: {},
    "casussen/<int:pk>/doel/<int:goal_pk>/": lambda d: _goal(
        version=Goal.objects.get(pk=d["goal_pk"]).version
    ),
    "casussen/<int:pk>/doel/<int:goal_pk>/verwijderen/": lambda d: {},
    "casussen/<int:pk>/evaluaties/vervolg/": lambda d: {"vervolg-due_on": "2030-01-01"},
    "casussen/<int:pk>/evaluaties/afsluiten/": lambda d: _close("afsluiten"),
    "casussen/<int:pk>/evaluaties/<int:evaluation_pk>/": _review,
    "casussen/<int:pk>/evaluaties/<int:evaluation_pk>/verzetten/": lambda d: {
        f"verzet-{d['evaluation_pk']}-due_on": "2030-01-01",
        f"verzet-{d['evaluation_pk']}-version": str(
            Evaluation.objects.get(pk=d["evaluation_pk"]).version
        ),
    },
    "casussen/<int:pk>/belastbaarheidsprofiel/": _load_profile,
    "casussen/<int:pk>/belastbaarheidsprofiel/school/": lambda d: _load_profile(d, "school-"),
    "overleg/<int:meeting_pk>/agenda/": lambda d: {"cases": [d["case"].pk]},
    "overleg/<int:meeting_pk>/wijzigen/": lambda d: {
        "kind": "mpo",
        "date": _today(),
        "start_time": "10:00",
        "place": "Elders",
    },
    "overleg/<int:meeting_pk>/annuleren/": lambda d: {},
    "overleg/<int:meeting_pk>/bundel/": lambda d: {},
    "overleg/<int:meeting_pk>/agenda/<int:item_pk>/": lambda d: {
        "minutes": "Besproken na het afsluiten.",
        "acties-TOTAL_FORMS": "0",
        "acties-INITIAL_FORMS": "0",
        "acties-MIN_NUM_FORMS": "0",
        "acties-MAX_NUM_FORMS": "1000",
    },
    "overleg/<int:meeting_pk>/agenda/<int:item_pk>/verwijderen/": lambda d: {},
    "opvolging/<int:follow_up_pk>/": lambda d: FOLLOW_UP,
    "meldingen/<int:pk>/gelezen/": lambda d: {},
}


def snapshot() -> dict[str, set]:
    """Every row of every compared table, as tuples of its values."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_COMPARED or not model._meta.managed or model._meta.proxy:
            continue
        if label == "pghistory.events":  # a view over the event tables, which are compared
            continue
        rows[label] = {repr(row) for row in model._base_manager.values_list()}
    return rows


def changed_tables(before: dict[str, set], after: dict[str, set]) -> set[str]:
    return {label for label, rows in after.items() if rows != before[label]}


@pytest.fixture
def closed(dossier, casemanager, coordinator, behavioural_expert, region):  # noqa: F811
    """The dossier of the URL walk with a belastbaarheidsprofiel, closed by its casemanager;
    the ids its addresses take, and the personas."""
    case = dossier["case"]
    make_load_profile(case, casemanager)
    case_services.case_close(
        case=case, by=casemanager, outcome="back_at_school", agreements="Mentor houdt contact."
    )
    case.refresh_from_db()
    assert case.status == "closed"
    organisation = Organisation.objects.get(region=region, name="Leerplicht Veendam")
    users = {
        "casemanager": casemanager,
        "coordinator": coordinator,
        "behavioural_expert": behavioural_expert,
        "partner": UserFactory(
            username="lpa-closed", role=Role.PARTNER, region=region, organisation=organisation
        ),
    }
    extra = {
        "organisation": organisation,
        "other_casemanager": UserFactory(
            username="cm2-closed", role=Role.CASEMANAGER, region=region
        ),
    }
    return dossier | extra, users


def _ids(d) -> dict:
    ids = {k: v for k, v in d.items() if k.endswith("_pk")}
    return ids | {"case_pk": d["case"].pk}


def _moved(route: str) -> bool:
    """An old address (config.legacy_urls): it redirects, keeping the method, and writes
    nothing itself; the new address is walked too."""
    return dict(_routes())[route].callback.__module__ == legacy_urls.__name__


@pytest.mark.parametrize("role", ROLES)
def test_nothing_changes_on_a_closed_case_whoever_posts(client, closed, role):
    d, users = closed
    client.force_login(users[role])
    ids = _ids(d)
    failures = []
    for route in id_routes():
        payload = PAYLOADS[route](d) if route in PAYLOADS else {}
        before = snapshot()
        response = client.post(build(route, ids), payload)
        changed = changed_tables(before, snapshot())
        allowed, who = CHANGES.get(route, (set(), set()))
        exception = role in who
        if changed - (allowed if exception else set()):
            failures.append(f"{route}: {response.status_code}, changed {sorted(changed)}")
        elif route not in PAYLOADS and not _moved(route) and response.status_code != 405:
            failures.append(f"{route} takes a POST: give it a payload in PAYLOADS")
        elif response.status_code == 302 and not exception:
            # A redirect after a post says "saved"; a refusal shows a page.
            failures.append(f"{route}: 302 to {response.get('Location')} without a refusal")
    assert not failures, f"{role} changed a closed case:\n" + "\n".join(failures)


def test_the_school_cannot_add_to_the_profile_of_a_closed_case(client, closed):
    """The finding: the gedragsdeskundige's 'aanvulling vanuit school' was saved."""
    d, users = closed
    client.force_login(users["behavioural_expert"])
    page = client.get(reverse("evaluations:load_profile", args=[d["case"].pk])).content.decode()
    assert 'name="school-school_addition"' not in page
    versions = LoadProfile.objects.get(case=d["case"]).versions.count()
    response = client.post(
        reverse("evaluations:load_profile_school", args=[d["case"].pk]),
        _load_profile(d, "school-"),
    )
    assert response.status_code == 403
    assert "Deze casus is afgesloten: er kan niets meer in worden gewijzigd." in (
        response.content.decode()
    )
    assert LoadProfile.objects.get(case=d["case"]).versions.count() == versions


def test_the_follow_up_after_closing_is_still_recorded(client, closed):
    """The documented exception: the school's follow-up of a closed case."""
    d, users = closed
    client.force_login(users["behavioural_expert"])
    response = client.post(
        reverse("followups:follow_up_record", args=[d["follow_up_pk"]]), FOLLOW_UP
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(pk=d["follow_up_pk"]).is_recorded
