"""Reads on consent: the contract the other apps call (keep these names).

- meetings agenda: `cases_with_valid_consent(queryset)` to filter, `consent_gaps(case)` to say
  why a case may not go on the agenda;
- printing for partners: `require_valid_consent(case)`;
- partner access (issue 10): `covers_organisation(case, organisation)` and
  `cases_with_valid_consent(queryset, organisation=...)`;
- the intake for partners: `intake_shared_with(case, organisation)` (a partner's tab and PDF)
  and `intake_shared_with_partners(case)` (the coördinator's print for partners).

`consent_gaps` and `Consent.objects.valid()` express the same rule, in words and in SQL.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, Organisation
from casework.workflow import OPEN_STATUSES
from core.formats import long_date

from .models import Consent, EndReason
from .rules import (
    AGE_LIMITS,
    YOUTH_CONSENTS_FROM,
    limit_passed,
    turns_on,
    youth_consent_lacking,
)


def latest_consent(case: Case) -> Consent | None:
    """The newest version, whatever its state."""
    return (
        Consent.objects.filter(case=case, superseded_at__isnull=True)
        .select_related("representative_1", "representative_2", "recorded_by", "withdrawn_by")
        .first()
    )


def active_consent(case: Case) -> Consent | None:
    """The version in force (not superseded, not ended), complete or not."""
    return (
        Consent.objects.active()
        .filter(case=case)
        .select_related("representative_1", "representative_2", "recorded_by")
        .first()
    )


def consent_history(case: Case) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(case=case)
        .select_related("representative_1", "representative_2", "recorded_by", "withdrawn_by")
        .prefetch_related("organisations")
        .order_by("-version")
    )


def consent_gaps(
    case: Case, on: date | None = None, *, consent: Consent | None = None
) -> list[str]:
    """Why the case has no valid consent on `on` (default today), in Dutch; [] when it has.

    Pass `consent` (the latest version) when you already have it, to save a query.
    """
    on = on or timezone.localdate()
    consent = consent if consent is not None else latest_consent(case)
    if consent is None:
        return [_("Er is geen toestemming vastgelegd.")]
    if consent.ended_on and consent.ended_on <= on:
        if consent.end_reason == EndReason.WITHDRAWN:
            return [
                _("De toestemming is ingetrokken op %(day)s.")
                % {"day": long_date(consent.ended_on)}
            ]
        return [
            _("De toestemming is beëindigd op %(day)s (casus afgesloten).")
            % {"day": long_date(consent.ended_on)}
        ]
    if case.status not in OPEN_STATUSES:
        return [_("De casus is afgesloten; de toestemming geldt niet meer.")]
    gaps = []
    if consent.given_on > on:
        gaps.append(
            _("De toestemming geldt pas vanaf %(day)s.") % {"day": long_date(consent.given_on)}
        )
    if not consent.is_complete:
        gaps.extend(
            _("Toestemming onvolledig: %(missing)s") % {"missing": message}
            for message in consent.missing
        )
    elif youth_consent_lacking(
        birth_date=case.student.birth_date, youth_consented=consent.youth_consented, on=on
    ):
        gaps.append(
            _(
                "De leerling is op %(day)s 12 geworden: de toestemming van de jongere zelf "
                "ontbreekt (BW 7:450 lid 2). Vraag de toestemming opnieuw."
            )
            % {"day": long_date(turns_on(case.student.birth_date, YOUTH_CONSENTS_FROM))}
        )
    return gaps


def consent_renewal(case: Case, on: date | None = None, *, consent: Consent | None = None) -> str:
    """ "Toestemming opnieuw vragen" (Dutch) when the pupil turned 12 or 16 after the consent
    in force was given (consent.rules), "" otherwise. Whether sharing goes on meanwhile is
    consent_gaps'. Pass `consent` (the latest version) when you have it."""
    on = on or timezone.localdate()
    consent = consent if consent is not None else latest_consent(case)
    if consent is None or consent.ended_on or case.status not in OPEN_STATUSES:
        return ""
    birth_date = case.student.birth_date
    years = limit_passed(birth_date=birth_date, given_on=consent.given_on, on=on)
    if years is None:
        return ""
    return _(
        "Toestemming opnieuw vragen: de leerling is op %(day)s %(years)s geworden; %(needs)s"
    ) % {
        "day": long_date(turns_on(birth_date, years)),
        "years": years,
        "needs": AGE_LIMITS[years],
    }


def has_valid_consent(case: Case, on: date | None = None) -> bool:
    return not consent_gaps(case, on)


def require_valid_consent(case: Case, on: date | None = None) -> None:
    """Gate for printing or sharing: raise ValidationError with the Dutch gaps."""
    gaps = consent_gaps(case, on)
    if gaps:
        raise ValidationError(gaps)


def cases_with_valid_consent(
    queryset: QuerySet[Case],
    on: date | None = None,
    *,
    organisation: Organisation | None = None,
) -> QuerySet[Case]:
    """Narrow a Case queryset to cases with valid consent (one query, an EXISTS).

    With `organisation`: only cases whose consent covers that partner.
    """
    valid = Consent.objects.valid(on).filter(case=OuterRef("pk"))
    if organisation is not None:
        valid = valid.filter(organisations=organisation)
    return queryset.filter(Exists(valid))


def covers_organisation(case: Case, organisation: Organisation) -> bool:
    """Valid consent today that names this partner organisation."""
    return Consent.objects.valid().filter(case=case, organisations=organisation).exists()


def _consents_sharing_intake(case: Case | int) -> QuerySet[Consent]:
    """The rule, in one place: a valid consent today (complete, in force, case open) on
    which the parents/youth also agreed to share the intake (Consent.shares_intake)."""
    return Consent.objects.valid().filter(case=case, shares_intake=True)


def intake_shared_with(case: Case | int, organisation: Organisation | int | None) -> bool:
    """May this partner organisation read the case's intake? A valid consent today that
    names it and shares the intake. Without that partners read the plan, evaluations and
    minutes only. Which cases a partner reaches at all is
    evaluations.selectors.cases_shared_with.

    `case` and `organisation` may be ids, so a view can refuse before it fetches (and logs)
    the case; no organisation (a partner user without one) is never covered.
    """
    if organisation is None:
        return False
    return _consents_sharing_intake(case).filter(organisations=organisation).exists()


def intake_shared_with_partners(case: Case | int) -> bool:
    """May the intake be printed for partners (the coördinator's `?for=partner`)? The
    partners are those the consent covers, so: a valid consent today that shares the intake."""
    return _consents_sharing_intake(case).exists()


def consent_form_partners(case: Case) -> list[tuple[Organisation, bool]]:
    """The partners on the form to sign, each with whether it is ticked: the region's partners
    on the consent form and those of the consent in force, ticked when that consent covers
    them (nothing is ticked before a consent is recorded: the signers tick)."""
    consent = active_consent(case)
    covered = set(consent.organisations.values_list("pk", flat=True)) if consent else set()
    organisations = Organisation.objects.filter(region_id=case.region_id).filter(
        Q(on_consent_form=True) | Q(pk__in=covered)
    )
    return [(org, org.pk in covered) for org in organisations.order_by("name")]
