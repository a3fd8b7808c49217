"""core.forms: the date input, the Dutch phone number field and form_errors_from (issue 16)."""

from datetime import date

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from core.forms import DateInput, DutchPhoneNumberField, form_errors_from

INVALID_PHONE = "Vul een geldig Nederlands telefoonnummer in, bijvoorbeeld 06 12345678."


def test_the_date_input_writes_an_iso_date_for_the_browsers_date_picker():
    html = DateInput(attrs={"class": "form-control-sm"}).render("day", date(2026, 10, 1))
    assert 'type="date"' in html
    assert 'value="2026-10-01"' in html
    assert 'class="form-control-sm"' in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0612345678", "06 12345678"),
        ("06-12-34-56-78", "06 12345678"),
        ("+31612345679", "06 12345679"),
        ("0031612345678", "06 12345678"),
        ("0598-123456", "0598 123 456"),
        ("  ", ""),
    ],
)
def test_a_dutch_phone_number_is_stored_in_the_national_format(typed, stored):
    assert DutchPhoneNumberField(required=False).clean(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "abc", "+32470123456", "0690000000", "0" * 26])
def test_a_phone_number_that_is_not_dutch_gets_the_dutch_message(typed):
    with pytest.raises(ValidationError) as refused:
        DutchPhoneNumberField().clean(typed)
    assert refused.value.messages == [INVALID_PHONE]


def test_the_phone_input_shows_back_what_was_typed():
    html = DutchPhoneNumberField().widget.render("phone", "0598123456")
    assert 'type="tel"' in html
    assert 'value="0598123456"' in html
    assert 'maxlength="25"' in html


class _Form(forms.Form):
    name = forms.CharField(required=False)


class _OtherForm(forms.Form):
    school = forms.CharField(required=False)


def _bound(form_class):
    form = form_class({})
    assert form.is_valid()
    return form


def test_a_service_error_keyed_by_a_field_goes_beside_that_field():
    form = _bound(_Form)
    form_errors_from(form, ValidationError({"name": "Vul een naam in.", "other": "Elders."}))
    assert form.errors["name"] == ["Vul een naam in."]
    assert form.non_field_errors() == ["Elders."]


def test_a_service_error_without_a_field_goes_above_the_form():
    form = _bound(_Form)
    form_errors_from(form, ValidationError("Dit plan is al vastgesteld."))
    assert form.errors == {NON_FIELD_ERRORS: ["Dit plan is al vastgesteld."]}


def test_a_field_of_another_part_of_the_page_gets_its_own_error():
    form, other = _bound(_Form), _bound(_OtherForm)
    form_errors_from(form, ValidationError({"school": "Kies een school."}), also=(None, other))
    assert other.errors["school"] == ["Kies een school."]
    assert not form.errors


def test_an_error_keyed_by_a_row_goes_above_that_row():
    form, row = _bound(_Form), _bound(_Form)
    form_errors_from(
        form, ValidationError({"goal_7": "Beoordeel dit doel."}), keyed={"goal_7": row}
    )
    assert row.non_field_errors() == ["Beoordeel dit doel."]
    assert not form.errors
