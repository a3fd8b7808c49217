"""Issue 3: every URL pattern that takes a case (or child object) id answers 404 to a
gedragsdeskundige of another school and a casemanager of another region, for GET and POST.

The patterns are walked from the whole URL conf (only Django's admin and allauth's account
pages, which take no case, are left out), so patterns that apps add later are checked
without touching this file. Each id argument is filled with a real object of one case: the
case itself, its consent, a goal and an evaluation of its adopted plan, a meeting with the
case on its agenda, a follow-up and a notification about it. An id the test cannot fill
fails the test, so a new kind of child object must be added here.
"""

import re
import uuid
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Role
from casework.constants import GuardianRole
from evaluations import services as plan_services
from evaluations.models import EvaluationKind
from followups.models import FollowUp
from meetings import services as meeting_services
from meetings.models import BundleJob
from notifications.models import Notification, NotificationKind
from tests.consent.helpers import record_complete_consent
from tests.evaluations.conftest import make_plan
from tests.factories import (
    CaseFactory,
    GuardianFactory,
    OrganisationFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOT_CASE_BOUND = ("beheer/", "account/", "^")
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _routes(patterns=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def id_routes() -> list[str]:
    """Every route with an int argument, outside the admin and the account pages."""
    return sorted(
        {
            route
            for route, _pattern in _routes()
            if not route.startswith(NOT_CASE_BOUND)
            and any(m.group("converter") == "int" for m in PARAMETER.finditer(route))
        }
    )


@pytest.fixture
def dossier(school, casemanager, coordinator):
    """One case with every kind of child object a URL can name."""
    student = StudentFactory(birth_date=date(timezone.localdate().year - 14, 1, 1))
    GuardianFactory(student=student, role=GuardianRole.PARENT_WITH_CUSTODY)
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=casemanager,
        student=student,
        awaiting_consent=True,
    )
    consent = record_complete_consent(case, casemanager)
    make_plan(case, casemanager, goals=1)
    plan = plan_services.plan_adopt(case=case, by=casemanager)
    meeting = meeting_services.meeting_create(
        by=coordinator, kind="biweekly", date=timezone.localdate(), attendees=[casemanager]
    )
    item = meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)
    follow_up = FollowUp.objects.create(case=case, school=school, due_on=timezone.localdate())
    notification = Notification.objects.create(
        recipient=casemanager,
        case=case,
        kind=NotificationKind.CLOCK_APPROACHING,
        due_on=timezone.localdate(),
        text=f"Casus {case.reference} nadert de termijn.",
    )
    job = BundleJob.objects.create(meeting=meeting, requested_by=coordinator)
    return {
        "case": case,
        "job_pk": job.pk,
        "consent_pk": consent.pk,
        "goal_pk": plan.goals.get().pk,
        "evaluation_pk": plan.evaluations.get(kind=EvaluationKind.INTERIM).pk,
        "meeting_pk": meeting.pk,
        "item_pk": item.pk,
        "follow_up_pk": follow_up.pk,
        "notification_pk": notification.pk,
    }


def build(route: str, ids: dict) -> str:
    """The URL of `route` with each argument filled from `ids` (a `pk` is the case, except
    on the notification pages, where it is the notification)."""

    def fill(match):
        converter, name = match.group("converter") or "str", match.group("name")
        if converter == "uuid":
            return str(uuid.uuid4())
        if converter != "int":
            return "plan" if name == "document" else "x"
        if name == "pk":
            name = "notification_pk" if route.startswith("meldingen/") else "case_pk"
        if name not in ids:
            raise KeyError(f"{route}: no object for <{name}>; add one to the dossier fixture")
        return str(ids[name])

    return "/" + PARAMETER.sub(fill, route)


def _ids(dossier) -> dict:
    return {k: v for k, v in dossier.items() if k != "case"} | {"case_pk": dossier["case"].pk}


def test_the_walk_finds_routes_of_every_app():
    routes = id_routes()
    for expected in (
        "casussen/<int:pk>/",
        "casussen/<int:pk>/intake/",
        "casussen/<int:pk>/toestemming/bestand/<int:consent_pk>/",
        "casussen/<int:pk>/doel/<int:goal_pk>/",
        "overleg/<int:meeting_pk>/agenda/<int:item_pk>/",
        "overleg/<int:meeting_pk>/bundel/<int:job_pk>/overlegbundel.pdf",
        "overleg/<int:meeting_pk>/bundel.pdf",  # the old address, redirected
        "casussen/<int:pk>/overleg/",
        "plannen/overleg/<int:meeting_pk>/agenda/<int:item_pk>/",  # the old address, redirected
        "casussen/<int:pk>/pdf/<str:document>/",
        "casussen/<int:pk>/geschiedenis/",
        "opvolging/<int:follow_up_pk>/",
        "meldingen/<int:pk>/gelezen/",
    ):
        assert expected in routes


def test_the_owners_reach_the_pages_the_outsiders_are_refused(client, dossier, casemanager):
    """The fixture is real: the case's casemanager opens the same URLs (so a 404 below is
    the access rule, not a missing object)."""
    client.force_login(casemanager)
    ids = _ids(dossier)
    for route in ("casussen/<int:pk>/", "casussen/<int:pk>/doel/<int:goal_pk>/"):
        assert client.get(build(route, ids)).status_code == 200, route
    notification = build("meldingen/<int:pk>/gelezen/", ids)
    assert client.post(notification).status_code == 302


def _answer(response) -> tuple:
    """What a response tells: where it was sent and what it ended with."""
    return [url for url, _status in response.redirect_chain], response.status_code


def refusal_failure(client, method: str, route: str, ids: dict) -> str:
    """'' if the outsider learns nothing from the route: a 404, or (a method refused before
    any object is looked up: 405; a reload of a POST-only address sent to the page above)
    the very same answer as for ids that do not exist at all."""
    url = build(route, ids)
    # An old address (config.legacy_urls) redirects whoever asks: where it leads counts.
    response = getattr(client, method)(url, follow=True)
    if response.status_code == 404:
        return ""
    missing_ids = {name: value + 10_000_000 for name, value in ids.items()}
    missing = getattr(client, method)(build(route, missing_ids), follow=True)
    answer, missing_answer = _answer(response), _answer(missing)
    for name, value in missing_ids.items():  # the missing ids' answer, as for the real ids
        missing_answer = (
            [u.replace(str(value), str(ids[name])) for u in missing_answer[0]],
            missing_answer[1],
        )
    refused_alike = response.status_code == 405 or response.redirect_chain
    if refused_alike and answer == missing_answer:
        return ""
    return f"{method.upper()} {url}: {response.status_code} via {answer[0]}"


@pytest.mark.parametrize("persona", ["other_school_expert", "other_region_casemanager"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_on_every_url_with_an_id(request, client, dossier, persona, method):
    """One test per persona and method (fresh fixtures per route would take minutes); the
    failure message lists every offending route."""
    client.force_login(request.getfixturevalue(persona))
    ids = _ids(dossier)
    failures = [refusal_failure(client, method, route, ids) for route in id_routes()]
    failures = [failure for failure in failures if failure]
    assert not failures, f"{persona} was not answered 404:\n" + "\n".join(failures)


def test_a_partner_whose_organisation_is_not_covered_gets_404_too(client, dossier, region):
    organisation = OrganisationFactory(region=region, name="CJG Veendam")
    partner = UserFactory(
        username="partner-cjg", role=Role.PARTNER, region=region, organisation=organisation
    )
    client.force_login(partner)
    ids = _ids(dossier)
    refused = [refusal_failure(client, "get", route, ids) for route in id_routes()]
    assert not [failure for failure in refused if failure]
