"""Belastbaarheidsprofiel: qualified author, versions (groeidocument), compare, school part."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from evaluations import services
from evaluations.models import (
    DEFAULT_QUALIFIED_FUNCTIONS,
    LoadProfile,
    LoadProfileVersion,
    LoadProfileVersionEvent,
)
from tests.pdf import pdf_text


def profile_data(**overrides):
    data = {
        "profile_date": "2026-10-01",
        "student_name": "Anna de Vries",
        "residence": "Veendam",
        "birth_date": "2009-04-02",
        "class_level": "4 havo",
        "author_name": "Dr. P. Bakker",
        "author_function": "gz-psycholoog",
        "author_big": "19012345601",
        "mentor": "Dhr. Smit",
        "general": "Vaststellen of volledige aanwezigheid haalbaar is.",
        "functioning": "Heeft sturing nodig bij taakaanpak.",
        "schedule_load": "Later beginnen op maandag.",
        "overload_signals": "Buikpijn, terugtrekken.",
        "version": "0",
    }
    data.update(overrides)
    return data


def test_default_qualified_functions_are_the_seeds_four():
    assert set(DEFAULT_QUALIFIED_FUNCTIONS) == {
        "gz-psycholoog",
        "orthopedagoog-generalist",
        "klinisch psycholoog",
        "medisch specialist",
    }


def test_profile_with_an_unqualified_author_is_refused_and_input_kept(
    active_case, casemanager, login
):
    client = login(casemanager)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    response = client.post(url, profile_data(author_function="maatschappelijk werker"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "kan alleen worden opgesteld door een gz-psycholoog" in page
    assert "Later beginnen op maandag." in page
    assert not LoadProfileVersion.objects.exists()


def test_service_refuses_an_unqualified_author(active_case, casemanager):
    with pytest.raises(ValidationError) as exc:
        services.load_profile_save(
            case=active_case,
            by=casemanager,
            profile_date=active_case.registered_on,
            student_name="Anna",
            author_name="X",
            author_function="jeugdconsulent",
        )
    assert "author_function" in exc.value.error_dict


def test_qualified_functions_come_from_the_setting(active_case, casemanager, settings):
    settings.LOAD_PROFILE_QUALIFIED_FUNCTIONS = ["kinderpsychiater"]
    version = services.load_profile_save(
        case=active_case,
        by=casemanager,
        profile_date=active_case.registered_on,
        student_name="Anna",
        author_name="X",
        author_function="Kinderpsychiater",
    )
    assert version.number == 1


def test_every_save_is_a_version_and_two_versions_compare(active_case, casemanager, login):
    client = login(casemanager)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    assert client.post(url, profile_data()).status_code == 302
    response = client.post(url, profile_data(version="1", schedule_load="Vier ochtenden per week."))
    assert response.status_code == 302
    profile = LoadProfile.objects.get(case=active_case)
    assert [v.number for v in profile.versions.all()] == [2, 1]
    assert all(v.saved_by == casemanager for v in profile.versions.all())

    response = client.get(
        reverse("evaluations:load_profile_compare", args=[active_case.pk]), {"a": 1, "b": 2}
    )
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["schedule_load"]["changed"]
    assert rows["schedule_load"]["a"] == "Later beginnen op maandag."
    assert rows["schedule_load"]["b"] == "Vier ochtenden per week."
    assert not rows["functioning"]["changed"]
    page = response.content.decode()
    assert "table-warning" in page and "Vier ochtenden per week." in page


def test_profile_conflict_shows_both_values(active_case, casemanager, coordinator):
    services.load_profile_save(
        case=active_case,
        by=casemanager,
        expected_version=0,
        profile_date=active_case.registered_on,
        student_name="Anna",
        author_name="X",
        author_function="orthopedagoog-generalist",
        home_load="Versie van de casemanager",
    )
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        reverse("evaluations:load_profile", args=[active_case.pk]),
        profile_data(version="0", home_load="Versie van de coördinator"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "intussen opgeslagen" in page
    assert "Versie van de casemanager" in page and "Versie van de coördinator" in page
    assert LoadProfile.objects.get(case=active_case).version == 1


def test_behavioural_expert_of_the_school_adds_only_the_school_part(
    active_case, casemanager, behavioural_expert, login
):
    first = services.load_profile_save(
        case=active_case,
        by=casemanager,
        profile_date=active_case.registered_on,
        student_name="Anna",
        author_name="Dr. Bakker",
        author_function="klinisch psycholoog",
        functioning="Jeugdhulp schreef dit",
    )
    client = login(behavioural_expert)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    page = client.get(url).content.decode()
    assert "Aanvulling vanuit school" in page
    response = client.post(
        reverse("evaluations:load_profile_school", args=[active_case.pk]),
        {
            "school-mentor": "Mw. de Boer",
            "school-school_addition": "Vertaalslag: start om 10 uur.",
            "school-version": "1",
            # A field outside the school part is ignored.
            "school-functioning": "Poging tot overschrijven",
            "functioning": "Poging tot overschrijven",
        },
    )
    assert response.status_code == 302
    latest = LoadProfile.objects.get(case=active_case).latest
    assert latest.number == 2 and latest.school_part_only
    assert latest.saved_by == behavioural_expert
    assert latest.mentor == "Mw. de Boer"
    assert latest.functioning == first.functioning == "Jeugdhulp schreef dit"
    assert latest.author_function == "klinisch psycholoog"
    # The full profile form is not theirs.
    response = client.post(url, profile_data(version="2"))
    assert response.status_code == 404


def test_other_school_expert_cannot_add_the_school_part(
    active_case, casemanager, other_school_expert, login
):
    services.load_profile_save(
        case=active_case,
        by=casemanager,
        profile_date=active_case.registered_on,
        student_name="Anna",
        author_name="X",
        author_function="medisch specialist",
    )
    client = login(other_school_expert)
    response = client.post(
        reverse("evaluations:load_profile_school", args=[active_case.pk]),
        {"school-mentor": "Indringer", "school-version": "1"},
    )
    assert response.status_code == 404
    assert LoadProfile.objects.get(case=active_case).version == 1


ADJUSTMENT = "Mentor belt de casusregisseur; bijstellen in één overleg met ouders en jeugdhulp."


def test_issue_18_profile_asks_how_and_with_whom_to_adjust_in_between(
    active_case, casemanager, login
):
    client = login(casemanager)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    form_page = client.get(url).content.decode()
    assert "Mocht tussentijds bijstellen noodzakelijk zijn, hoe en met wie?" in form_page
    assert 'name="interim_adjustment"' in form_page

    assert client.post(url, profile_data(interim_adjustment=ADJUSTMENT)).status_code == 302
    version = LoadProfileVersion.objects.get(profile__case=active_case)
    assert version.interim_adjustment == ADJUSTMENT
    assert ADJUSTMENT in client.get(url).content.decode()

    pdf = client.get(reverse("reports:case_pdf", args=[active_case.pk, "belastbaarheidsprofiel"]))
    text = pdf_text(pdf.content)
    assert "Mocht tussentijds bijstellen noodzakelijk zijn, hoe en met wie?" in text
    assert ADJUSTMENT in text

    event = LoadProfileVersionEvent.objects.get(pgh_obj=version)
    assert event.interim_adjustment == ADJUSTMENT


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("19012345601", "19012345601"),  # BIG: 11 digits
        ("190 1234 5601", "19012345601"),  # spaces (and dots, dashes) as typed from a card
        ("110001234", "110001234"),  # SKJ: 9 digits
        ("", ""),
    ],
)
def test_issue_18_registration_number_big_or_skj_nvo_is_kept(
    active_case, casemanager, login, typed, stored
):
    client = login(casemanager)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    assert client.post(url, profile_data(author_big=typed)).status_code == 302
    assert LoadProfileVersion.objects.get(profile__case=active_case).author_big == stored


@pytest.mark.parametrize("typed", ["12345", "1901234560123", "BIG19012345", "12-34"])
def test_issue_18_a_registration_number_that_is_none_is_refused_beside_the_field(
    active_case, casemanager, login, typed
):
    client = login(casemanager)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    page = client.get(url).content.decode()
    assert "BIG- of SKJ/NVO-registratienummer" in page
    response = client.post(url, profile_data(author_big=typed))
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split('id="error_1_id_author_big"', 1)[1].split("</", 1)[0]
    assert "11 cijfers" in error and "SKJ" in error
    assert f'value="{typed}"' in page
    assert not LoadProfileVersion.objects.exists()


def test_issue_18_the_service_refuses_a_short_registration_number(active_case, casemanager):
    with pytest.raises(ValidationError) as refused:
        services.load_profile_save(
            case=active_case,
            by=casemanager,
            profile_date=active_case.registered_on,
            student_name="Anna",
            author_name="X",
            author_function="gz-psycholoog",
            author_big="12345",
        )
    assert "author_big" in refused.value.error_dict
