"""The plan van aanpak, its betrokkenen (Stakeholder) and its goals, each goal with the versions
it went through."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import validate_mobile
from core.encryption import EncryptedTextField
from core.formats import long_date
from core.models import TimestampedModel, track_history


@track_history(_("geschiedenis plan van aanpak"))
class Plan(TimestampedModel):
    case = models.ForeignKey(
        "casework.Case", verbose_name=_("casus"), on_delete=models.CASCADE, related_name="plans"
    )
    current = models.BooleanField(_("huidig plan"), default=True)
    drawn_up_on = models.DateField(_("opgesteld op"))
    director_name = models.CharField(_("casusregisseur"), max_length=150)
    director_organisation = models.CharField(_("instelling casusregisseur"), max_length=150)
    director_email = models.EmailField(_("e-mail casusregisseur"))
    director_phone = models.CharField(
        _("06-nummer casusregisseur"), max_length=10, validators=[validate_mobile]
    )
    pupil_view = EncryptedTextField(
        _("wat vindt de leerling van het plan?"),
        blank=True,
        help_text=_("Hoorrecht: de eigen mening van de leerling over het plan."),
    )
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True, editable=False)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        ordering = ["-drawn_up_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(current=True), name="plan_one_current_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{_('Plan van aanpak')} {self.case_id} ({long_date(self.drawn_up_on)})"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


@track_history(_("geschiedenis betrokkene"))
class Stakeholder(TimestampedModel):
    """A betrokkene named on the plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("naam"), max_length=150)
    organisation = models.ForeignKey(
        "casework.Organisation",
        verbose_name=_("partnerorganisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_name = models.CharField(
        _("instelling"),
        max_length=150,
        blank=True,
        help_text=_("Als de instelling niet in de lijst staat."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("06-nummer"), max_length=10, blank=True, validators=[validate_mobile]
    )

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation_name or (self.organisation.name if self.organisation else "")


class GoalQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


@track_history(_("geschiedenis doel"))
class Goal(TimestampedModel):
    """One goal of a plan. Adjusting a goal at the 3-month evaluation makes a new Goal with
    `previous` pointing at the old one, which becomes inactive and keeps its reviews."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    description = EncryptedTextField(_("doel"))
    actions = EncryptedTextField(_("acties (inclusief criteria)"))
    term = models.CharField(_("tijdspad/termijn"), max_length=200)
    responsible = models.CharField(_("resultaatverantwoordelijke"), max_length=150)
    active = models.BooleanField(_("geldend"), default=True, editable=False)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("vorige versie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_version",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description[:60]

    def adjusted_after(self):
        """The review (GoalReview) at which the previous version was adjusted into this one;
        None for a goal as first drawn up. Reads `previous.reviews` (prefetch it for a list)."""
        if self.previous is None:
            return None
        return next((review for review in self.previous.reviews.all() if review.adjusted), None)

    def history(self) -> list["Goal"]:
        """Earlier versions, newest first."""
        versions, goal = [], self.previous
        while goal is not None:
            versions.append(goal)
            goal = goal.previous
        return versions
