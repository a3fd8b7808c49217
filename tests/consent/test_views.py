"""The Toestemming tab, recording, withdrawal, the download and the printable form."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry
from casework.workflow import Status
from consent.models import Consent, ConsentMethod
from consent.services import consent_record, consent_withdraw

from .helpers import PDF_BYTES, jpeg_bytes, png_bytes, png_header, set_age, upload

pytestmark = pytest.mark.django_db


def detail_url(case):
    return reverse("consent:consent_detail", args=[case.pk])


def create_url(case):
    return reverse("consent:consent_create", args=[case.pk])


def withdraw_url(case):
    return reverse("consent:consent_withdraw", args=[case.pk])


def pdf_url(case):
    return reverse("consent:consent_form_pdf", args=[case.pk])


def form_data(case, **overrides):
    data = {
        "given_on": timezone.localdate().isoformat(),
        "method": ConsentMethod.CONVERSATION,
        "legal_basis": "consent",
        "organisations": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def recorded(case, casemanager, mother, partners):
    """A complete consent with an uploaded PDF (pupil under 12, sole gezag)."""
    set_age(case, 10, timezone.localdate() - timedelta(days=3))
    return consent_record(
        case=case,
        by=casemanager,
        given_on=timezone.localdate(),
        method=ConsentMethod.SIGNED_FORM,
        representative_1=mother,
        organisations=partners,
        signed_file=upload(PDF_BYTES),
    )


def file_url(consent):
    return reverse("consent:consent_file", args=[consent.case_id, consent.pk])


# --- consent_detail ----------------------------------------------------------------------


def test_the_casemanager_sees_the_tab_without_consent(login, case, casemanager, mother):
    response = login(casemanager).get(detail_url(case))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is geen toestemming vastgelegd." in body
    assert "Anna de Vries" in body  # offered as wettelijk vertegenwoordiger
    assert 'aria-current="page"' in body and "Toestemming" in body
    assert "js/consent.js" in body


def test_the_form_offers_only_guardians_with_gezag_and_partners_on_the_form(
    login, case, casemanager, mother, stepfather, partners, not_on_form
):
    body = login(casemanager).get(detail_url(case)).content.decode()
    assert "Anna de Vries" in body
    assert "Cor Jansen" not in body  # carer without gezag
    assert "CJG Veendam" in body
    assert "Reik jeugdhulp" not in body  # not on the region's consent form
    assert "vastgelegd door" in body


def test_the_coordinator_sees_valid_consent_and_its_history(login, recorded, coordinator):
    body = login(coordinator).get(detail_url(recorded.case)).content.decode()
    assert "Geldig" in body
    assert "Geschiedenis" in body
    assert file_url(recorded) in body


def test_the_tab_says_what_is_missing_for_incomplete_consent(
    login, case, casemanager, mother, father, partners
):
    set_age(case, 14, timezone.localdate() - timedelta(days=3))
    consent_record(
        case=case,
        by=casemanager,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        representative_1=mother,
        representative_2=father,
        organisations=partners,
    )
    body = login(casemanager).get(detail_url(case)).content.decode()
    assert "Onvolledig" in body
    assert "Toestemming van de jongere zelf ontbreekt (14 jaar)." in body


def test_the_tab_shows_withdrawn_consent(login, recorded, casemanager):
    consent_withdraw(
        case=recorded.case,
        by=casemanager,
        withdrawn_on=timezone.localdate(),
        reason="Moeder trekt in.",
    )
    body = login(casemanager).get(detail_url(recorded.case)).content.decode()
    assert "Ingetrokken" in body and "Moeder trekt in." in body
    assert withdraw_url(recorded.case) not in body  # nothing left to withdraw


@pytest.mark.parametrize(
    "persona", ["behavioural_expert", "other_school_expert", "other_region_casemanager"]
)
def test_consent_details_are_a_404_for_others(request, login, case, persona):
    user = request.getfixturevalue(persona)
    response = login(user).get(detail_url(case))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(user=user, action=AccessAction.DENIED).exists()


def test_the_detail_answers_405_to_post(login, case, casemanager):
    assert login(casemanager).post(detail_url(case)).status_code == 405


def test_an_anonymous_visitor_is_sent_to_the_login(client, case):
    response = client.get(detail_url(case))
    assert response.status_code == 302 and "/account/" in response["Location"]


# --- consent_create ----------------------------------------------------------------------


def test_recording_consent_for_a_14_year_old_unlocks_the_intake(
    login, case, casemanager, mother, father, partners
):
    set_age(case, 14, timezone.localdate() - timedelta(days=3))
    data = form_data(
        case,
        representative_1=mother.pk,
        representative_2=father.pk,
        youth_consented="on",
        organisations=[p.pk for p in partners],
    )
    response = login(casemanager).post(create_url(case), data)
    assert response.status_code == 302 and response["Location"] == detail_url(case)
    case.refresh_from_db()
    assert case.status == Status.INTAKE
    consent = Consent.objects.get(case=case)
    assert consent.recorded_by == casemanager and consent.is_complete
    assert set(consent.organisations.all()) == set(partners)


def test_recording_a_signed_form_upload_works_for_png_and_jpeg(
    login, case, casemanager, mother, partners
):
    set_age(case, 10, timezone.localdate() - timedelta(days=3))
    client = login(casemanager)
    for content, name in ((png_bytes(), "scan.png"), (jpeg_bytes(), "foto.jpeg")):
        data = form_data(
            case,
            method=ConsentMethod.SIGNED_FORM,
            representative_1=mother.pk,
            organisations=[partners[0].pk],
            signed_file=upload(content, name=name, content_type="application/octet-stream"),
        )
        assert client.post(create_url(case), data).status_code == 302
    types = list(Consent.objects.filter(case=case).values_list("signed_file_type", flat=True))
    assert types == ["image/jpeg", "image/png"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"Dit is gewoon tekst, geen formulier.\n", "application/pdf"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "application/pdf"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "application/pdf"),
        (b"\x89PNG\r\n\x1a\nkapot", "image/png"),
    ],
    ids=["text", "html", "exe", "broken-png"],
)
def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(
    login, case, casemanager, mother, partners, content, content_type
):
    data = form_data(
        case,
        method=ConsentMethod.SIGNED_FORM,
        representative_1=mother.pk,
        organisations=[partners[0].pk],
        missing_representative_reason="Vader is onbereikbaar.",
        signed_file=upload(content, name="toestemming.pdf", content_type=content_type),
    )
    response = login(casemanager).post(create_url(case), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit bestand is geen PDF, JPEG of PNG." in body or "beschadigd" in body
    assert "Vader is onbereikbaar." in body  # what was typed is kept
    assert not Consent.objects.filter(case=case).exists()


def test_an_oversized_file_is_refused_with_the_limit(
    login, case, casemanager, mother, partners, settings
):
    settings.UPLOAD_MAX_BYTES = 1024
    data = form_data(
        case,
        method=ConsentMethod.SIGNED_FORM,
        representative_1=mother.pk,
        organisations=[partners[0].pk],
        signed_file=upload(PDF_BYTES + b"0" * 2048),
    )
    body = login(casemanager).post(create_url(case), data).content.decode()
    assert "Het bestand is te groot" in body and "het maximum is" in body
    assert not Consent.objects.filter(case=case).exists()


def test_bad_input_keeps_what_was_typed_with_dutch_errors(
    login, case, casemanager, mother, partners
):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = form_data(
        case,
        given_on=future,
        method=ConsentMethod.SIGNED_FORM,
        representative_1=mother.pk,
        representative_2=mother.pk,
        missing_representative_reason="Vader zit in het buitenland.",
    )
    response = login(casemanager).post(create_url(case), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "De datum van de toestemming kan niet in de toekomst liggen." in body
    assert "Wettelijk vertegenwoordiger 2 is dezelfde persoon als 1." in body
    assert "Kies ten minste één partner." in body
    assert "Upload het ondertekende formulier" in body
    assert "Vader zit in het buitenland." in body
    assert f'value="{future}"' in body
    assert not Consent.objects.filter(case=case).exists()


def test_a_guardian_without_gezag_cannot_be_posted(login, case, casemanager, stepfather, partners):
    data = form_data(case, representative_1=stepfather.pk, organisations=[partners[0].pk])
    body = login(casemanager).post(create_url(case), data).content.decode()
    assert "Selecteer een geldige keuze" in body
    assert not Consent.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    "persona", ["behavioural_expert", "other_school_expert", "other_region_casemanager"]
)
def test_others_cannot_record_consent(request, login, case, mother, partners, persona):
    data = form_data(case, representative_1=mother.pk, organisations=[partners[0].pk])
    response = login(request.getfixturevalue(persona)).post(create_url(case), data)
    assert response.status_code == 404
    assert not Consent.objects.filter(case=case).exists()


def test_recording_answers_a_get_by_going_back_to_the_consent_page(login, case, casemanager):
    response = login(casemanager).get(create_url(case))
    assert (response.status_code, response["Location"]) == (302, detail_url(case))
    assert login(casemanager).put(create_url(case)).status_code == 405


# --- consent_withdraw --------------------------------------------------------------------


def test_withdrawal_is_one_confirmed_post_with_date_and_reason(login, recorded, casemanager):
    client = login(casemanager)
    page = client.get(detail_url(recorded.case)).content.decode()
    assert "data-confirm=" in page and withdraw_url(recorded.case) in page
    response = client.post(
        withdraw_url(recorded.case),
        {"withdrawn_on": timezone.localdate().isoformat(), "reason": "Vader belde."},
    )
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.is_withdrawn and recorded.end_note == "Vader belde."


def test_withdrawal_without_reason_keeps_the_date_and_says_why(login, recorded, casemanager):
    day = timezone.localdate().isoformat()
    response = login(casemanager).post(withdraw_url(recorded.case), {"withdrawn_on": day})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Geef de reden van de intrekking op." in body
    assert f'value="{day}"' in body
    recorded.refresh_from_db()
    assert recorded.ended_on is None


def test_withdrawal_without_consent_says_so(login, case, casemanager):
    response = login(casemanager).post(
        withdraw_url(case), {"withdrawn_on": timezone.localdate().isoformat(), "reason": "x"}
    )
    assert "Er is geen geldende toestemming om in te trekken." in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["behavioural_expert", "other_school_expert", "other_region_casemanager"]
)
def test_others_cannot_withdraw(request, login, recorded, persona):
    response = login(request.getfixturevalue(persona)).post(
        withdraw_url(recorded.case),
        {"withdrawn_on": timezone.localdate().isoformat(), "reason": "x"},
    )
    assert response.status_code == 404
    recorded.refresh_from_db()
    assert recorded.ended_on is None


def test_withdrawal_answers_a_get_by_going_back_to_the_consent_page(login, recorded, casemanager):
    response = login(casemanager).get(withdraw_url(recorded.case))
    assert (response.status_code, response["Location"]) == (302, detail_url(recorded.case))
    assert login(casemanager).put(withdraw_url(recorded.case)).status_code == 405


# --- consent_file ------------------------------------------------------------------------


def test_the_signed_form_downloads_as_an_attachment_and_is_logged(login, recorded, casemanager):
    response = login(casemanager).get(file_url(recorded))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.filter(
        user=casemanager, case=recorded.case, action=AccessAction.DOWNLOAD
    ).exists()


@pytest.mark.parametrize(
    "persona",
    ["behavioural_expert", "other_school_expert", "other_region_casemanager"],
)
def test_the_signed_form_is_a_404_for_others(request, login, recorded, persona):
    user = request.getfixturevalue(persona)
    response = login(user).get(file_url(recorded))
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(user=user, action=AccessAction.DOWNLOAD).exists()
    assert AccessLogEntry.objects.filter(user=user, action=AccessAction.DENIED).exists()


def test_a_file_of_another_case_is_a_404(login, recorded, casemanager, school):
    from tests.factories import CaseFactory

    other = CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True)
    url = reverse("consent:consent_file", args=[other.pk, recorded.pk])
    assert login(casemanager).get(url).status_code == 404


def test_a_consent_without_file_is_a_404(login, case, casemanager, mother, partners):
    consent = consent_record(
        case=case,
        by=casemanager,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        representative_1=mother,
        organisations=partners,
    )
    assert login(casemanager).get(file_url(consent)).status_code == 404


def test_the_download_answers_405_to_post(login, recorded, casemanager):
    assert login(casemanager).post(file_url(recorded)).status_code == 405


def test_private_files_have_no_public_url(recorded):
    with pytest.raises(ValueError):
        recorded.signed_file.url  # noqa: B018


# --- consent_form_pdf --------------------------------------------------------------------


def test_the_printable_form_holds_names_school_and_partners(
    login, case, casemanager, mother, father, partners, not_on_form, caplog
):
    set_age(case, 14, timezone.localdate() - timedelta(days=3))
    response = login(casemanager).get(pdf_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert case.student.full_name in text
    assert "Anna de Vries" in text and "Bert de Vries" in text
    assert "Dollard College" in text
    assert "CJG Veendam" in text and "Leerplicht Veendam" in text
    assert "Reik jeugdhulp" not in text
    assert "Toestemmingsverklaring informatie-uitwisseling" in text
    assert "Handtekening jeugdige" in text
    assert AccessLogEntry.objects.filter(
        user=casemanager, case=case, action=AccessAction.PRINT
    ).exists()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize(
    "persona", ["behavioural_expert", "other_school_expert", "other_region_casemanager"]
)
def test_the_printable_form_is_a_404_for_others(request, login, case, persona):
    assert login(request.getfixturevalue(persona)).get(pdf_url(case)).status_code == 404


def test_the_printable_form_answers_405_to_post(login, case, casemanager):
    assert login(casemanager).post(pdf_url(case)).status_code == 405


def test_a_partner_sees_no_consent_yet(login, recorded, partners):
    """Partner access is issue 10; until then a partner gets a 404 everywhere here."""
    from accounts.models import Role
    from tests.factories import UserFactory

    partner = UserFactory(
        username="partner", role=Role.PARTNER, region=recorded.case.region, organisation=partners[0]
    )
    client = login(partner)
    assert client.get(detail_url(recorded.case)).status_code == 404
    assert client.get(file_url(recorded)).status_code == 404
    assert client.get(pdf_url(recorded.case)).status_code == 404


def test_the_tab_needs_few_queries_however_many_versions(
    login, case, casemanager, mother, father, partners, django_assert_max_num_queries
):
    for _ in range(5):
        consent_record(
            case=case,
            by=casemanager,
            given_on=timezone.localdate(),
            method=ConsentMethod.CONVERSATION,
            representative_1=mother,
            representative_2=father,
            organisations=partners,
        )
    client = login(casemanager)
    with django_assert_max_num_queries(20):
        response = client.get(detail_url(case))
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == 5


def test_an_image_bomb_is_refused_beside_the_field_not_a_500(
    login, case, casemanager, mother, partners
):
    data = form_data(
        case,
        method=ConsentMethod.SIGNED_FORM,
        representative_1=mother.pk,
        organisations=[partners[0].pk],
        signed_file=upload(png_header(100_000, 100_000), "scan.png", "image/png"),
    )
    response = login(casemanager).post(create_url(case), data)
    assert response.status_code == 200
    assert "Deze afbeelding is te groot" in response.content.decode()
    assert not Consent.objects.filter(case=case).exists()


def test_the_printable_form_ticks_only_the_partners_the_consent_covers(
    login, case, casemanager, mother, partners, not_on_form
):
    """Issue 19, finding 10: the form listed every partner, with no box to tick, while the
    consent covered some of them; its signature table is kept on one page."""
    set_age(case, 10, timezone.localdate() - timedelta(days=3))
    blank = login(casemanager).get(pdf_url(case))
    blank_lines = pdf_lines(blank.content)
    assert "CJG Veendam" in blank_lines and "Leerplicht Veendam" in blank_lines
    assert not [line for line in blank_lines if line.startswith("X")]

    consent_record(
        case=case,
        by=casemanager,
        given_on=timezone.localdate(),
        method=ConsentMethod.SIGNED_FORM,
        representative_1=mother,
        organisations=[partners[0], not_on_form],
        signed_file=upload(PDF_BYTES),
    )
    lines = pdf_lines(login(casemanager).get(pdf_url(case)).content)
    assert "X CJG Veendam" in lines and "X Reik jeugdhulp" in lines
    assert "Leerplicht Veendam" in lines  # on the form, not ticked

    reader = PdfReader(io.BytesIO(login(casemanager).get(pdf_url(case)).content))
    pages_with = [n for n, page in enumerate(reader.pages) if "Handtekening" in page.extract_text()]
    assert len(pages_with) == 1


def pdf_lines(content: bytes) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return [line.strip() for line in text.splitlines()]
