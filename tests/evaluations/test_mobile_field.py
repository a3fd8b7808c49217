"""The 06-number of the plan's casusregisseur and betrokkenen: django-phonenumber-field reads
it, the model's validate_mobile decides (issue 16)."""

import pytest
from django.core.exceptions import ValidationError

from evaluations.forms import MobileField

INVALID_MOBILE = "Vul een 06-nummer in van tien cijfers, bijvoorbeeld 06 12345678."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 123 456 78", "0612345678"),
        ("+31612345679", "0612345679"),
        ("00316 1234 5678", "0612345678"),
        ("0690000000", "0690000000"),  # a range not in use yet: stored numbers stay saveable
        ("", ""),
    ],
)
def test_a_mobile_number_is_stored_as_ten_digits(typed, stored):
    assert MobileField(required=False).clean(typed) == stored


@pytest.mark.parametrize("typed", ["0598123456", "12345", "abc", "0612345678 ext 12"])
def test_a_number_that_is_not_an_06_number_gets_the_mobile_message(typed):
    with pytest.raises(ValidationError) as refused:
        MobileField().clean(typed)
    assert refused.value.messages == [INVALID_MOBILE]
