"""Forms of the casework screens. They only clean and validate; services write."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import User
from core.forms import DateInput, DutchPhoneNumberField, EmailField, inner_form_helper
from core.free_text import FreeTextField

from .constants import AbsenceExtent, AbsenceKind, Outcome, Scenario
from .models import Case, validate_mobile
from .selectors import region_casemanagers

EARLIEST = date(2000, 1, 1)


def _not_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."))


def _not_ancient(value: date | None) -> None:
    if value and value < EARLIEST:
        raise ValidationError(_("Deze datum ligt te ver in het verleden."))


def _date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=kwargs.pop("required", False),
        widget=DateInput(),
        validators=[_not_future, _not_ancient],
        **kwargs,
    )


def _blank(choices) -> list:
    return [("", "—")] + list(choices)


class MobileField(DutchPhoneNumberField):
    """A Dutch 06 number, stored as ten digits (0612345678). Whether it is one is the model's
    validate_mobile (06 and eight digits), not phonenumbers' list of ranges in use, so that
    every number stored so far can be saved again."""

    default_validators = []
    default_error_messages = {"invalid": validate_mobile.message}

    def stored(self, number: PhoneNumber) -> str:
        value = number.as_national.replace(" ", "")
        validate_mobile(value)
        return value


class CaseworkForm(forms.Form):
    """Crispy without its own <form> tag: the template owns the tag, action and button."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = inner_form_helper()


class SituationForm(CaseworkForm):
    prefix = "situation"

    absence_kind = forms.ChoiceField(
        label=_("Verzuimsituatie"), choices=_blank(AbsenceKind.choices), required=False
    )
    absence_extent = forms.ChoiceField(
        label=_("Thuis"), choices=_blank(AbsenceExtent.choices), required=False
    )
    absent_since = _date_field(
        _("Thuis sinds"),
        help_text=_("De eerste dag dat de leerling (deels) niet naar school ging."),
    )
    offer_since = _date_field(
        _("Passend aanbod sinds"),
        help_text=_("Leeg zolang er geen passend aanbod van onderwijs en/of zorg is."),
    )
    truancy_reported_on = _date_field(_("Verzuimmelding DUO op"))
    scenario = forms.ChoiceField(
        label=_("Scenario"), choices=_blank(Scenario.choices), required=False
    )

    @classmethod
    def initial_for(cls, case: Case) -> dict:
        return {name: getattr(case, name) for name in cls.base_fields}

    def clean(self):
        cleaned = super().clean()
        # An offer before the absence is the database's refusal (Case's constraint
        # case_offer_after_absence), which the service puts beside offer_since.
        if cleaned.get("offer_since") and not cleaned.get("absent_since"):
            self.add_error("absent_since", _("Vul in sinds wanneer de leerling thuis zit."))
        return cleaned


class CloseForm(CaseworkForm):
    """Closing a case, with the seed form's fields; the case page and the evaluations tab
    both use it. It cleans the values; the rules (not before the registration, not in the
    future, how to reach the casusregisseur) are casework.services.case_close's."""

    prefix = "close"

    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=_blank(Outcome.choices))
    closed_on = forms.DateField(
        label=_("Datum afsluiting"),
        required=False,
        widget=DateInput(),
        validators=[_not_ancient],
        help_text=_("Leeg: vandaag."),
    )
    agreements = FreeTextField(
        label=_("Afspraken bij afsluiting Taskforce Thuiszitters"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is er afgesproken met leerling, ouders, school en partners?"),
    )
    case_direction_continues = forms.BooleanField(
        label=_("Casusregie blijft nodig"), required=False
    )
    case_direction_email = EmailField(
        label=_("E-mailadres van de betrokken casusregisseur"), max_length=254, required=False
    )
    case_direction_phone = MobileField(
        label=_("06-nummer van de betrokken casusregisseur"), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"closed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class NotStartedForm(CaseworkForm):
    prefix = "not_started"

    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom is het traject niet gestart?"),
    )

    def clean_reason(self):
        value = self.cleaned_data["reason"].strip()
        if not value:
            raise ValidationError(_("Geef een reden op."))
        return value


class CasemanagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class AssignForm(CaseworkForm):
    prefix = "assign"
    NEXT_CHOICES = [("detail", "detail"), ("dashboard", "dashboard")]

    casemanager = CasemanagerChoiceField(
        label=_("Casemanager"),
        queryset=User.objects.none(),
        empty_label=_("— kies een casemanager —"),
    )
    next = forms.ChoiceField(choices=NEXT_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, region_id: int | None, casemanagers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casemanager"].queryset = (
            casemanagers if casemanagers is not None else region_casemanagers(region_id)
        )


class SearchForm(forms.Form):
    """The search box. Sent by POST so a BSN typed here never ends up in a URL."""

    q = forms.CharField(
        label=_("Zoeken"),
        max_length=100,
        required=False,
        help_text=_("Naam van de leerling, casusnummer of volledig BSN."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class PartnerNoteForm(forms.Form):
    text = FreeTextField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De notitie komt op de tijdlijn van de casus, met uw naam en organisatie."),
    )
