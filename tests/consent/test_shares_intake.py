"""Consent.shares_intake: the parents/youth say whether partners also read the intake. Each
version carries its own choice; the form records it, the pages and the form to sign show it."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consent.models import Consent, ConsentMethod
from consent.selectors import intake_shared_with, intake_shared_with_partners
from consent.services import consent_record

from .helpers import set_age

pytestmark = pytest.mark.django_db


def detail_url(case):
    return reverse("consent:consent_detail", args=[case.pk])


def create_url(case):
    return reverse("consent:consent_create", args=[case.pk])


def checkbox(body: str) -> str:
    match = re.search(r'<input[^>]*name="shares_intake"[^>]*>', body)
    assert match, "no shares_intake checkbox on the page"
    return match.group(0)


@pytest.fixture
def under_twelve(case, mother):
    set_age(case, 10, timezone.localdate() - timedelta(days=3))
    return case


def form_data(mother, partners, **overrides):
    data = {
        "given_on": timezone.localdate().isoformat(),
        "method": ConsentMethod.CONVERSATION,
        "legal_basis": "consent",
        "representative_1": mother.pk,
        "organisations": [p.pk for p in partners],
    }
    data.update(overrides)
    return data


def record(case, by, partners, mother, **fields):
    return consent_record(
        case=case,
        by=by,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        representative_1=mother,
        organisations=partners,
        **fields,
    )


# --- the service and the selector -----------------------------------------------------------


def test_a_consent_shares_no_intake_unless_recorded_so(under_twelve, casemanager, mother, partners):
    consent = record(under_twelve, casemanager, partners, mother)
    assert consent.shares_intake is False
    assert not intake_shared_with(under_twelve, partners[0])
    assert not intake_shared_with_partners(under_twelve)


def test_each_version_carries_its_own_choice(under_twelve, casemanager, mother, partners):
    first = record(under_twelve, casemanager, partners, mother, shares_intake=True)
    assert first.shares_intake
    assert intake_shared_with(under_twelve, partners[0])
    assert intake_shared_with(under_twelve, partners[1])
    second = record(under_twelve, casemanager, partners[:1], mother)
    first.refresh_from_db()
    assert first.shares_intake and first.is_superseded  # history keeps the old choice
    assert not second.shares_intake
    assert not intake_shared_with(under_twelve, partners[0])
    assert "intake niet gedeeld" in under_twelve.timeline.order_by("-id").first().text


def test_an_incomplete_consent_shares_no_intake(case, casemanager, mother, father, partners):
    set_age(case, 14, timezone.localdate() - timedelta(days=3))
    consent = record(case, casemanager, partners, mother, shares_intake=True)  # youth missing
    assert consent.shares_intake and not consent.is_complete
    assert not intake_shared_with(case, partners[0])
    assert not intake_shared_with_partners(case)


# --- the form, through the view -------------------------------------------------------------


def test_the_form_records_the_choice_and_the_tab_shows_it(
    login, under_twelve, casemanager, mother, partners
):
    client = login(casemanager)
    body = client.get(detail_url(under_twelve)).content.decode()
    assert "checked" not in checkbox(body)  # not shared unless they say so
    assert "Ook de intake delen" in body

    data = form_data(mother, partners, shares_intake="on")
    response = client.post(create_url(under_twelve), data)
    assert response.status_code == 302
    consent = Consent.objects.get(case=under_twelve)
    assert consent.shares_intake and consent.is_complete

    body = client.get(detail_url(under_twelve)).content.decode()
    assert "ja: de partners lezen ook de antwoorden uit de intake" in body
    assert "checked" in checkbox(body)  # a new version starts from the current choice


def test_leaving_the_box_empty_records_no_sharing(
    login, under_twelve, casemanager, mother, partners
):
    client = login(casemanager)
    record(under_twelve, casemanager, partners, mother, shares_intake=True)
    assert client.post(create_url(under_twelve), form_data(mother, partners)).status_code == 302
    current = Consent.objects.active().get(case=under_twelve)
    assert current.version == 2 and not current.shares_intake
    body = client.get(detail_url(under_twelve)).content.decode()
    assert "nee: de partners lezen alleen het plan van aanpak" in body


def test_bad_input_keeps_the_ticked_box(login, under_twelve, casemanager, mother, partners):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    data = form_data(mother, partners, given_on=future, shares_intake="on")
    response = login(casemanager).post(create_url(under_twelve), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "De datum van de toestemming kan niet in de toekomst liggen." in body
    assert "checked" in checkbox(body)
    assert not Consent.objects.filter(case=under_twelve).exists()


# --- the form to sign -----------------------------------------------------------------------


def test_the_printable_form_asks_to_tick_whether_the_intake_is_shared(
    login, under_twelve, casemanager, caplog
):
    response = login(casemanager).get(reverse("consent:consent_form_pdf", args=[under_twelve.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Delen van de intake" in text
    assert "Ja, ook de intake delen" in text
    assert "Nee, de intake niet delen" in text
    assert "gezin, gezondheid en ontwikkeling" in text
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
