"""Forms for registration and the intake, by sub-domain. They only clean and validate; services
write.

- `registration`: the registration page's forms (pupil, guardians, situation, route) and
  `RegistrationForms`, which validates them together;
- `answers`: `IntakeForm`, the answers to the intake questions;
- `sections`: the seed form's sections, shared by the intake form's layout and the read-only
  view (`intake_display`);
- `fields`: the BSN field, `not_in_future` and the ja / nee / onbekend radio buttons.

Callers import from this package: `from intake.forms import IntakeForm`.
"""

from ..models import SIGNAL_FIELDS, SUBSTANCE_FIELDS
from ..services import INTAKE_ANSWER_FIELDS, REGISTRATION_FIELDS
from .answers import IntakeForm
from .answers import _intake_layout as _intake_layout
from .fields import BSNField, YesNoUnknownField, not_in_future
from .registration import (
    GuardianForm,
    RegistrationForm,
    RegistrationForms,
    RouteForm,
    SituationForm,
    StudentForm,
)
from .registration import _section_helper as _section_helper
from .sections import (
    DEPENDENT_GROUPS,
    INTAKE_SECTIONS,
    YES_NO_FIELDS,
    intake_display,
    section_anchor,
    section_menu,
)

__all__ = [
    "DEPENDENT_GROUPS",
    "INTAKE_ANSWER_FIELDS",
    "INTAKE_SECTIONS",
    "REGISTRATION_FIELDS",
    "SIGNAL_FIELDS",
    "SUBSTANCE_FIELDS",
    "YES_NO_FIELDS",
    "BSNField",
    "GuardianForm",
    "IntakeForm",
    "RegistrationForm",
    "RegistrationForms",
    "RouteForm",
    "SituationForm",
    "StudentForm",
    "YesNoUnknownField",
    "intake_display",
    "section_anchor",
    "section_menu",
    "not_in_future",
]
