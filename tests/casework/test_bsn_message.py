"""Issue 18 (small): the model's BSN check speaks Dutch, as the form's does (localflavor's
"Enter a valid BSN." has no Dutch translation)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casework.models import Student

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "12345678x"])
def test_a_wrong_bsn_is_refused_in_dutch_by_the_model(bsn):
    student = Student(first_name="Sem", last_name="de Boer", birth_date=date(2012, 5, 1))
    student.gender, student.bsn = "m", bsn
    with pytest.raises(ValidationError) as refused:
        student.full_clean()
    assert refused.value.message_dict["bsn"] == [
        "Dit is geen geldig BSN: het voldoet niet aan de 11-proef."
    ]


def test_a_right_bsn_passes():
    student = Student(first_name="Sem", last_name="de Boer", birth_date=date(2012, 5, 1))
    student.gender, student.bsn = "m", "111222333"
    student.full_clean()
