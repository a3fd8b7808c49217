"""The toestemmingsverklaring: versioned per case, one active version at a time."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Guardian, Organisation
from casework.workflow import OPEN_STATUSES
from core.encryption import EncryptedTextField
from core.models import TimestampedModel, track_history

from .rules import YOUTH_CONSENTS_FROM, born_after_is_under
from .uploads import private_storage


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("ondertekend formulier geüpload")
    CONVERSATION = "conversation", _("mondeling gegeven in een gesprek")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("toestemming (AVG art. 6 lid 1 onder a)")
    LEGAL_TASK = "legal_task", _("wettelijke taak (WVO art. 17a, AVG art. 6 lid 1 onder c)")
    PUBLIC_TASK = "public_task", _("taak van algemeen belang (AVG art. 6 lid 1 onder e)")


class EndReason(models.TextChoices):
    WITHDRAWN = "withdrawn", _("ingetrokken")
    CASE_CLOSED = "case_closed", _("casus afgesloten")


def consent_upload_to(instance: "Consent", filename: str) -> str:
    # The service has already replaced the user's file name by a random one.
    return f"toestemming/{instance.case_id}/{filename}"


class ConsentQuerySet(models.QuerySet):
    def current(self) -> "ConsentQuerySet":
        """The latest version of each case (not superseded), ended or not."""
        return self.filter(superseded_at__isnull=True)

    def active(self) -> "ConsentQuerySet":
        """Not superseded and not ended: at most one per case (a database constraint)."""
        return self.filter(superseded_at__isnull=True, ended_on__isnull=True)

    def valid(self, on: date | None = None) -> "ConsentQuerySet":
        """Complete, in force on `on` (default today), for an open case.

        Mirrors consent.selectors.consent_gaps, which says in words why a case fails.
        """
        on = on or timezone.localdate()
        # consent.rules: from the 12th birthday the youth's own consent is needed too.
        under_12 = born_after_is_under(on, YOUTH_CONSENTS_FROM)
        return self.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on),
            Q(youth_consented=True) | Q(case__student__birth_date__gt=under_12),
            superseded_at__isnull=True,
            is_complete=True,
            given_on__lte=on,
            case__status__in=OPEN_STATUSES,
        )


@track_history(
    _("geschiedenis toestemming"),
    exclude=(
        "missing",
        "signed_file_type",
    ),
)
class Consent(TimestampedModel):
    """One version of a case's toestemmingsverklaring.

    A change makes a new row (version + 1) that supersedes the previous one; withdrawal or
    closure of the case ends the current row. Whether the right people consented is decided
    by consent.rules when the version is recorded and kept in `is_complete` / `missing`.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="consents"
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("vervangt versie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        editable=False,
    )
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True, editable=False)
    representative_1 = models.ForeignKey(
        Guardian,
        verbose_name=_("wettelijk vertegenwoordiger 1"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    representative_2 = models.ForeignKey(
        Guardian,
        verbose_name=_("wettelijk vertegenwoordiger 2"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    youth_consented = models.BooleanField(
        _("jeugdige (12 jaar of ouder) geeft toestemming"), default=False
    )
    missing_representative_reason = EncryptedTextField(
        _("reden ontbrekende handtekening"),
        blank=True,
        help_text=_(
            "Verplicht als een ouder met gezag niet tekent, bijvoorbeeld omdat deze "
            "onbereikbaar is."
        ),
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("betrokken partners"),
        related_name="consents",
        help_text=_("De partners waarmee informatie uitgewisseld mag worden."),
    )
    # Partners read the plan, evaluations and minutes; the intake's answers (family, health,
    # development) only when the parents/youth said so on this version (issue 10;
    # consent.selectors.intake_shared_with is the one rule that reads it).
    shares_intake = models.BooleanField(
        _("ook de intake delen"),
        default=False,
        help_text=_(
            "De partners lezen dan ook de antwoorden uit de intake over gezin, gezondheid en "
            "ontwikkeling. Zonder dit lezen zij alleen het plan van aanpak, de evaluaties en "
            "de verslagen van het overleg."
        ),
    )
    given_on = models.DateField(_("datum toestemming"))
    method = models.CharField(_("vastgelegd als"), max_length=16, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.CharField(
        _("grondslag"), max_length=16, choices=LegalBasis.choices, default=LegalBasis.CONSENT
    )
    signed_file = models.FileField(
        _("ondertekend formulier"),
        storage=private_storage,
        upload_to=consent_upload_to,
        max_length=200,
        blank=True,
    )
    signed_file_type = models.CharField(
        _("bestandstype"), max_length=40, blank=True, editable=False
    )
    is_complete = models.BooleanField(_("volledig"), default=False, editable=False)
    missing = models.JSONField(_("ontbreekt"), default=list, blank=True, editable=False)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True, editable=False)
    end_reason = models.CharField(
        _("reden beëindiging"), max_length=16, choices=EndReason.choices, blank=True, editable=False
    )
    end_note = EncryptedTextField(_("toelichting beëindiging"), blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("intrekking vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemmingsverklaring")
        verbose_name_plural = _("toestemmingsverklaringen")
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_on__isnull=True, superseded_at__isnull=True),
                name="consent_one_active_per_case",
                violation_error_message=_("Deze casus heeft al een geldende toestemming."),
            ),
            models.UniqueConstraint(
                fields=["case", "version"],
                name="consent_version_unique_per_case",
                violation_error_message=_("Deze versie van de toestemming bestaat al."),
            ),
            models.CheckConstraint(
                name="consent_ended_after_given",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("given_on")),
                violation_error_message=_(
                    "De datum van intrekking ligt voor de datum van de toestemming."
                ),
            ),
            models.CheckConstraint(
                name="consent_end_has_reason",
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                violation_error_message=_("Een beëindiging heeft een datum en een reden."),
            ),
            models.CheckConstraint(
                name="consent_two_different_representatives",
                condition=Q(representative_1__isnull=True)
                | Q(representative_2__isnull=True)
                | ~Q(representative_1=models.F("representative_2")),
                violation_error_message=_(
                    "Wettelijk vertegenwoordiger 1 en 2 zijn dezelfde persoon."
                ),
            ),
            models.CheckConstraint(
                name="consent_signed_form_has_file",
                condition=~Q(method="signed_form") | ~Q(signed_file=""),
                violation_error_message=_("Upload het ondertekende formulier."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["case"],
                name="consent_valid_case",
                condition=Q(superseded_at__isnull=True, is_complete=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"

    @property
    def representatives(self) -> list[Guardian]:
        return [g for g in (self.representative_1, self.representative_2) if g is not None]

    @property
    def is_withdrawn(self) -> bool:
        return self.end_reason == EndReason.WITHDRAWN

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def status_label(self) -> str:
        if self.is_superseded:
            return str(_("vervangen"))
        if self.ended_on:
            return self.get_end_reason_display()
        return str(_("geldig")) if self.is_complete else str(_("onvolledig"))

    def clean(self) -> None:
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.given_on and self.given_on > today:
            errors.setdefault("given_on", []).append(
                _("De datum van de toestemming kan niet in de toekomst liggen.")
            )
        if self.ended_on and self.ended_on > today:
            errors.setdefault("ended_on", []).append(
                _("De datum van intrekking kan niet in de toekomst liggen.")
            )
        birth_date = self.case.student.birth_date if self.case_id else None
        if self.given_on and birth_date and self.given_on < birth_date:
            # consent.rules would count a negative age as "under 12": the parents alone.
            errors.setdefault("given_on", []).append(
                _("De datum van de toestemming ligt voor de geboortedatum van de leerling.")
            )
        student_id = self.case.student_id if self.case_id else None
        for field in ("representative_1", "representative_2"):
            guardian = getattr(self, field)
            if guardian is None:
                continue
            if guardian.student_id != student_id:
                errors.setdefault(field, []).append(_("Kies een ouder of voogd van deze leerling."))
            elif not guardian.has_custody:
                errors.setdefault(field, []).append(
                    _(
                        "%(name)s heeft geen gezag en kan niet tekenen als wettelijk vertegenwoordiger."
                    )
                    % {"name": guardian.name}
                )
        if self.representative_1_id and self.representative_1_id == self.representative_2_id:
            errors.setdefault("representative_2", []).append(
                _("Wettelijk vertegenwoordiger 2 is dezelfde persoon als 1.")
            )
        if self.method == ConsentMethod.SIGNED_FORM and not self.signed_file:
            errors.setdefault("signed_file", []).append(_("Upload het ondertekende formulier."))
        if errors:
            raise ValidationError(errors)
