"""The registration page's forms (aanmelding): the pupil, one or two guardians, the
thuiszit-situation, the support team's findings and, for a registration on behalf of another
body, the route. `RegistrationForms` validates and shows them together in one <form>."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.constants import (
    FIRST_SCHOOL_YEAR,
    LAST_SCHOOL_YEAR,
    PRIMARY_LEVELS,
    SCHOOL_YEARS,
    AbsenceKind,
    Level,
    Route,
    age_bounds,
)
from casework.models import Case, Guardian, School, Student
from core.dates import age_on
from core.forms import (
    DateInput,
    DutchPhoneNumberField,
    EmailField,
    form_errors_from,
    inner_form_helper,
)

from ..models import Registration
from ..services import REGISTRATION_FIELDS, STUDENT_FIELDS
from .fields import BSNField, not_in_future


def _section_helper(legend, columns: dict[str, str]) -> FormHelper:
    """One fieldset of one grid row: each field in its column (`columns`: field -> css class)."""
    row = Div(*(Div(name, css_class=css) for name, css in columns.items()), css_class="row")
    return inner_form_helper(layout=Layout(Fieldset(legend, row)))


class StudentForm(forms.ModelForm):
    bsn = BSNField(label=_("BSN"))
    # Without the model field's own minimum (0): clean() says which leerjaren the niveau has.
    school_year = forms.IntegerField(
        label=Student._meta.get_field("school_year").verbose_name.capitalize(),
        help_text=Student._meta.get_field("school_year").help_text,
        required=False,
    )

    class Meta:
        model = Student
        fields = list(STUDENT_FIELDS)
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, level_required: bool = True, **kwargs):
        self.registered_on = kwargs.pop("registered_on", None) or timezone.localdate()
        super().__init__(*args, **kwargs)
        self.fields["level"].required = level_required
        self.fields["school_year"].required = level_required
        self.fields["school_year"].widget.attrs.update(
            {"min": FIRST_SCHOOL_YEAR, "max": LAST_SCHOOL_YEAR}
        )
        self.fields["residence"].required = True
        self.helper = _section_helper(
            _("Leerling"),
            {
                "first_name": "col-md-6",
                "last_name": "col-md-6",
                "birth_date": "col-md-4",
                "gender": "col-md-4",
                "bsn": "col-md-4",
                "level": "col-md-4",
                "school_year": "col-md-2",
                "class_name": "col-md-2",
                "residence": "col-md-4",
                "lwoo": "col-12",
            },
        )

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date > self.registered_on:
            raise ValidationError(_("De geboortedatum ligt in de toekomst."), code="future")
        return birth_date

    def clean(self):
        cleaned = super().clean()
        level, school_year = cleaned.get("level"), cleaned.get("school_year")
        if school_year is not None:
            self._check_school_year(level, school_year)
        if cleaned.get("birth_date") and "level" not in self.errors:
            self._check_age(level, cleaned["birth_date"])
        return cleaned

    def _check_school_year(self, level: str | None, school_year: int) -> None:
        if not level:
            if "level" not in self.errors:
                self.add_error("level", _("Kies het niveau bij dit leerjaar."))
            if not FIRST_SCHOOL_YEAR <= school_year <= LAST_SCHOOL_YEAR:
                self.add_error(
                    "school_year",
                    _("Het leerjaar is %(first)s tot en met %(last)s.")
                    % {"first": FIRST_SCHOOL_YEAR, "last": LAST_SCHOOL_YEAR},
                )
            return
        first, last = SCHOOL_YEARS[level]
        if not first <= school_year <= last:
            message = (
                _("Bij %(level)s hoort groep %(first)s tot en met %(last)s.")
                if level in PRIMARY_LEVELS
                else _("Bij %(level)s hoort leerjaar %(first)s tot en met %(last)s.")
            )
            self.add_error(
                "school_year",
                message % {"level": Level(level).label, "first": first, "last": last},
            )

    def _check_age(self, level: str | None, birth_date) -> None:
        youngest, oldest = age_bounds(level)
        age = age_on(birth_date, self.registered_on)
        if youngest <= age <= oldest:
            return
        if not level:
            message = _(
                "Een leerling in groep 6 tot en met 8 of het voortgezet onderwijs is %(min)s tot "
                "en met %(max)s jaar oud; deze geboortedatum geeft %(age)s jaar. Controleer de "
                "datum."
            )
        elif level in PRIMARY_LEVELS:
            message = _(
                "Een leerling in groep 6 tot en met 8 is %(min)s tot en met %(max)s jaar oud; "
                "deze geboortedatum geeft %(age)s jaar. Controleer de datum of het niveau."
            )
        else:
            message = _(
                "Een leerling in het voortgezet onderwijs is %(min)s tot en met %(max)s jaar "
                "oud; deze geboortedatum geeft %(age)s jaar. Controleer de datum of het niveau."
            )
        self.add_error(
            "birth_date",
            ValidationError(
                message,
                code="implausible",
                params={"min": youngest, "max": oldest, "age": age},
            ),
        )


class GuardianForm(forms.ModelForm):
    class Meta:
        model = Guardian
        fields = ["name", "role", "address", "residence", "phone", "email"]
        field_classes = {"phone": DutchPhoneNumberField, "email": EmailField}
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def __init__(self, *args, number: int = 1, optional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            for field in self.fields.values():
                field.required = False
        legend = _("Ouder/verzorger %(number)s") % {"number": number}
        if optional:
            legend = _("Ouder/verzorger %(number)s (als er een tweede is)") % {"number": number}
        self.helper = _section_helper(
            legend,
            {
                "name": "col-md-6",
                "role": "col-md-6",
                "address": "col-md-6",
                "residence": "col-md-6",
                "phone": "col-md-6",
                "email": "col-md-6",
            },
        )

    def is_empty(self) -> bool:
        return not any(str(value).strip() for value in (self.cleaned_data or {}).values() if value)

    def clean(self):
        cleaned = super().clean()
        if self.optional:
            if not any(str(v).strip() for v in cleaned.values() if v) and not self.errors:
                return cleaned
            for name in ("name", "role"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Vul dit in voor de tweede ouder/verzorger."))
        elif (
            not cleaned.get("phone")
            and not cleaned.get("email")
            and not ("phone" in self.errors or "email" in self.errors)
        ):
            self.add_error("phone", _("Vul een telefoonnummer of e-mailadres in."))
        return cleaned

    def _post_clean(self):
        # An empty optional guardian is not a guardian: skip the model validation.
        if self.optional and self.is_empty():
            return
        super()._post_clean()


class SituationForm(forms.ModelForm):
    """The thuiszit-situation recorded with the registration."""

    class Meta:
        model = Case
        fields = ["kind", "absence_kind", "absence_extent", "absent_since", "truancy_reported_on"]
        widgets = {
            "absent_since": DateInput(),
            "truancy_reported_on": DateInput(),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absence_kind"].required = True
        self.fields["absent_since"].validators.append(not_in_future)
        self.fields["truancy_reported_on"].validators.append(not_in_future)
        self.fields["absent_since"].help_text = _(
            "Sinds wanneer zit de leerling (gedeeltelijk) thuis? Leeg bij dreigend thuiszitten."
        )
        self.helper = _section_helper(
            _("Thuiszitsituatie"),
            {
                "kind": "col-12",
                "absence_kind": "col-md-6",
                "absence_extent": "col-md-6",
                "absent_since": "col-md-6",
                "truancy_reported_on": "col-md-6",
            },
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("absent_since") and not cleaned.get("absence_extent"):
            self.add_error(
                "absence_extent", _("Geef aan of de leerling volledig of gedeeltelijk thuis is.")
            )
        if (
            cleaned.get("absence_extent")
            and not cleaned.get("absent_since")
            and "absent_since" not in self.errors
        ):
            self.add_error("absent_since", _("Vul in sinds wanneer de leerling thuis is."))
        return cleaned


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = list(REGISTRATION_FIELDS)

    def __init__(self, *args, school_route: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parents_informed"].required = True
        self.fields["parents_informed"].error_messages["required"] = _(
            "Informeer ouders/verzorgers vóór de aanmelding en vink dit dan aan."
        )
        if school_route:
            self.fields["support_needed"].required = True
            self.fields["support_needed"].error_messages["required"] = _(
                "Deze route is voor leerlingen van wie het ondersteuningsteam dit heeft vastgesteld."
            )
            for name in ("support_reason", "support_what"):
                self.fields[name].required = True
        self.helper = inner_form_helper(self)
        self.helper.layout = Layout(
            Fieldset(
                _("Vastgesteld door het ondersteuningsteam"),
                "support_needed",
                "support_reason",
                "support_where",
                "support_what",
            ),
            Fieldset(
                _("Gegevens uit het ontwikkelingsperspectiefplan (OPP)"),
                "has_opp",
                "opp_exit_destination",
                "opp_hindering_factors",
                "opp_promoting_factors",
                "support_so_far",
            ),
            Fieldset(_("Ouders/verzorgers"), "parents_informed"),
        )


class RouteForm(forms.Form):
    """For a casemanager or coördinator registering on behalf of another body."""

    route = forms.ChoiceField(
        label=_("Aangemeld via"),
        choices=[("", "---------")] + [c for c in Route.choices if c[0] != Route.SCHOOL],
    )
    school = forms.ModelChoiceField(
        label=_("School van inschrijving"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("geen school (absoluut verzuim)"),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(region=region).order_by("name")
        self.helper = _section_helper(
            _("Aanmelding namens"),
            {
                "route": "col-md-6",
                "school": "col-md-6",
            },
        )


class RegistrationForms:
    """The registration page's forms, validated and shown together in one <form>."""

    def __init__(self, data=None, *, region, on_behalf: bool):
        self.on_behalf = on_behalf
        self.route = RouteForm(data, prefix="route", region=region) if on_behalf else None
        self.student = StudentForm(data, prefix="student", level_required=not on_behalf)
        self.guardian1 = GuardianForm(data, prefix="guardian1", number=1)
        self.guardian2 = GuardianForm(data, prefix="guardian2", number=2, optional=True)
        self.situation = SituationForm(data, prefix="situation")
        self.registration = RegistrationForm(
            data, prefix="registration", school_route=not on_behalf
        )

    @property
    def forms(self) -> list[forms.BaseForm]:
        found = [self.route] if self.route else []
        return found + [
            self.student,
            self.guardian1,
            self.guardian2,
            self.situation,
            self.registration,
        ]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.forms]  # validate all: show every error
        if all(results) and self.route:
            school = self.route.cleaned_data.get("school")
            absence_kind = self.situation.cleaned_data.get("absence_kind")
            if school is None and absence_kind != AbsenceKind.ABSOLUTE:
                self.route.add_error(
                    "school",
                    _(
                        "Kies de school van inschrijving; alleen bij absoluut verzuim blijft dit leeg."
                    ),
                )
                return False
            if school is not None and absence_kind == AbsenceKind.ABSOLUTE:
                self.situation.add_error(
                    "absence_kind",
                    _(
                        "Bij absoluut verzuim is de leerling niet ingeschreven: laat de school leeg."
                    ),
                )
                return False
        return all(results)

    @property
    def guardians(self) -> list[dict]:
        found = [self.guardian1.cleaned_data]
        if not self.guardian2.is_empty():
            found.append(self.guardian2.cleaned_data)
        return found

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError beside the field it concerns."""
        form_errors_from(self.registration, error, also=(self.route, self.student, self.situation))

    @property
    def error_count(self) -> int:
        return sum(len(form.errors) for form in self.forms)
