"""consent.demo: consents for the demo cases past 'wacht op toestemming', fast."""

import random
import time

import pytest
from django.utils import timezone
from faker import Faker

from casework import demo as casework_demo
from casework.models import Case
from casework.workflow import Status
from consent import demo as consent_demo
from consent.models import Consent, EndReason
from consent.selectors import cases_with_valid_consent, consent_gaps
from demo.management.commands.seed_demo import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_consents_follow_the_case_statuses():
    ctx = DemoContext(
        rng=random.Random(4),
        fake=Faker("nl_NL"),
        today=timezone.localdate(),
        cases=300,
        stdout=None,
    )
    casework_demo.seed(ctx)
    started = time.monotonic()
    consent_demo.seed(ctx)
    elapsed = time.monotonic() - started
    assert elapsed < 5

    with_consent = set(Consent.objects.values_list("case_id", flat=True))
    for case in Case.objects.all():
        has = case.pk in with_consent
        assert has == (case.status in (Status.INTAKE, Status.PLAN_ACTIVE, Status.CLOSED))
    assert not Consent.objects.filter(is_complete=False).exists()
    assert not Consent.objects.filter(organisations=None).exists()
    closed = Consent.objects.filter(case__status=Status.CLOSED)
    assert closed.exists() and not closed.exclude(end_reason=EndReason.CASE_CLOSED).exists()
    assert Consent.objects.filter(end_reason=EndReason.WITHDRAWN).exists()
    # The agenda filter and the words agree on every demo case.
    valid = set(cases_with_valid_consent(Case.objects.all()).values_list("pk", flat=True))
    for case in Case.objects.select_related("student"):
        assert (case.pk in valid) == (consent_gaps(case) == [])


def test_seed_demo_shares_one_intake_with_the_demo_partner():
    """consent.demo.finish, after the betrokkenen exist: the demo partner reads one intake."""
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User
    from consent.selectors import intake_shared_with

    out = StringIO()
    call_command("seed_demo", cases=80, seed=7, stdout=out)
    sharing = Consent.objects.filter(shares_intake=True)
    assert sharing.count() == 1
    case = sharing.get().case
    partner = User.objects.get(username=consent_demo.DEMO_PARTNER)
    assert Case.objects.visible_to(partner).filter(pk=case.pk, intake__isnull=False).exists()
    assert intake_shared_with(case, partner.organisation)
    assert f"bij {case.reference} deelt de toestemming ook de intake" in out.getvalue()
