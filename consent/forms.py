"""Forms only clean and validate; consent.services writes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.constants import CUSTODY_ROLES
from casework.models import Case, Guardian, Organisation
from core.forms import ConfirmUnusualDateMixin, DateInput

from .models import Consent, ConsentMethod, LegalBasis
from .rules import unusual_consent_date
from .uploads import SafeFileField


class GuardianChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Guardian) -> str:
        return f"{obj.name} ({obj.get_role_display()})"


class ConsentForm(ConfirmUnusualDateMixin, forms.Form):
    unusual_date_field = "given_on"

    given_on = forms.DateField(
        label=_("Datum toestemming"), widget=DateInput(), initial=timezone.localdate
    )
    representative_1 = GuardianChoiceField(
        label=_("Wettelijk vertegenwoordiger 1"),
        queryset=Guardian.objects.none(),
        required=False,
        empty_label=_("— niemand —"),
    )
    representative_2 = GuardianChoiceField(
        label=_("Wettelijk vertegenwoordiger 2"),
        queryset=Guardian.objects.none(),
        required=False,
        empty_label=_("— niemand —"),
    )
    youth_consented = forms.BooleanField(
        label=_("De jeugdige (12 jaar of ouder) geeft toestemming"), required=False
    )
    missing_representative_reason = forms.CharField(
        label=_("Reden ontbrekende handtekening"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Verplicht als een ouder met gezag niet tekent, bijvoorbeeld omdat deze "
            "onbereikbaar is."
        ),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Akkoord met het uitwisselen van informatie met"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één partner.")},
    )
    shares_intake = forms.BooleanField(
        label=_("Ook de intake delen"),
        required=False,
        help_text=Consent._meta.get_field("shares_intake").help_text,
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"), choices=LegalBasis.choices, initial=LegalBasis.CONSENT
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    signed_file = SafeFileField(label=_("Ondertekend formulier"), required=False)

    def __init__(self, *args, case: Case, user, previous: Consent | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["representative_1"].queryset = self.fields["representative_2"].queryset = (
            Guardian.objects.filter(student_id=case.student_id, role__in=CUSTODY_ROLES)
        )
        self.fields["organisations"].queryset = Organisation.objects.filter(
            region_id=case.region_id, on_consent_form=True
        ).order_by("name")
        self.fields["method"].choices = [
            (ConsentMethod.SIGNED_FORM, ConsentMethod.SIGNED_FORM.label),
            (
                ConsentMethod.CONVERSATION,
                _("mondeling gegeven in een gesprek, vastgelegd door %(user)s") % {"user": user},
            ),
        ]
        self.fields["method"].widget.attrs["data-consent-method"] = ""
        if not self.is_bound:
            self._set_initial(previous)

    def _set_initial(self, previous: Consent | None) -> None:
        if previous is None:
            guardians = list(self.fields["representative_1"].queryset[:2])
            self.initial.update(
                representative_1=guardians[0].pk if guardians else None,
                representative_2=guardians[1].pk if len(guardians) > 1 else None,
                organisations=[org.pk for org in self.fields["organisations"].queryset],
            )
            return
        self.initial.update(
            representative_1=previous.representative_1_id,
            representative_2=previous.representative_2_id,
            youth_consented=previous.youth_consented,
            missing_representative_reason=previous.missing_representative_reason,
            organisations=[org.pk for org in previous.organisations.all()],
            shares_intake=previous.shares_intake,
            legal_basis=previous.legal_basis,
        )

    def unusual_date(self, value) -> str:
        if value < self.case.student.birth_date:
            return ""  # not unusual but impossible: Consent.clean refuses it beside the field
        return unusual_consent_date(value, registered_on=self.case.registered_on)

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(
                _("De datum van de toestemming kan niet in de toekomst liggen.")
            )
        return given_on

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("representative_1"), cleaned.get("representative_2")
        if first and second and first == second:
            self.add_error(
                "representative_2", _("Wettelijk vertegenwoordiger 2 is dezelfde persoon als 1.")
            )
        if (
            cleaned.get("method") == ConsentMethod.SIGNED_FORM
            and not cleaned.get("signed_file")
            and "signed_file" not in self.errors
        ):
            self.add_error(
                "signed_file",
                _("Upload het ondertekende formulier, of kies 'mondeling gegeven'."),
            )
        return cleaned


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Ingetrokken op"), widget=DateInput(), initial=timezone.localdate
    )
    reason = forms.CharField(
        label=_("Reden van intrekking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld wie de toestemming introk en hoe (telefonisch, per brief)."),
        error_messages={"required": _("Geef de reden van de intrekking op.")},
    )

    def clean_withdrawn_on(self):
        withdrawn_on = self.cleaned_data["withdrawn_on"]
        if withdrawn_on > timezone.localdate():
            raise forms.ValidationError(
                _("De datum van intrekking kan niet in de toekomst liggen.")
            )
        return withdrawn_on
