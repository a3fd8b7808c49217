"""Who must consent to sharing information: the one place that decides it.

Sources, by the pupil's age on the day the consent is given:

- under 12: the parent(s) with gezag (or the voogd) decide alone. WGBO, BW 7:465 lid 1
  (a minor under 12 is represented by the parents with gezag / the voogd), the Jeugdwet,
  and the seed Toestemmingsformulier's footnote ("Voor kinderen onder de 12 geldt dat alleen
  ouders/verzorgers toestemming moeten geven"). With joint gezag every parent with gezag
  signs; a missing signature needs a recorded reason (e.g. the parent cannot be found, or
  has agreed by telephone and will sign later).
- 12 up to 16: the youth AND the parent(s) with gezag. WGBO, BW 7:450 lid 2. The seed
  footnote says "als de jongere en/of de ouders/verzorgers akkoord zijn"; we take the
  stricter reading (both), as DESIGN.md decides.
- 16 and older: the youth alone. WGBO, BW 7:447 lid 1 (a minor of 16 may enter the
  treatment agreement himself, and so consents alone under 7:450 lid 1, which only asks
  the patient's own consent); UAVG art. 5 (a youth of 16 gives
  consent under the AVG himself); the seed intake form: "Indien een jongere 16 jaar of
  ouder is geeft hij/zij toestemming".

The age is counted in whole years, with the birthday reached when (month, day) of the
consent date is not before the birth date's. A pupil born on 29 February therefore turns
12 (and 16) on 1 March in a non-leap year (e.g. born 29-02-2088: 11 on 28-02-2100, 12 on
01-03-2100), as issue #4 asks. Note: dateutil's relativedelta would say such a pupil
turns 12 on 28 February (relativedelta(date(2100, 2, 28), date(2088, 2, 29)).years == 12),
one day early for this rule; that is why core.dates.age_on, from which every age in the
application comes, does not use it. (Because 12 and 16 are multiples of four, a 29 February
pupil's 12th and 16th birthdays fall in a leap year except across a century year such as
2100.)
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.utils.translation import gettext as _

from core.dates import age_on
from core.formats import long_date

# Age limits of the WGBO (BW 7:447 lid 1, 7:450 lid 2, 7:465 lid 1).
YOUTH_CONSENTS_FROM = 12
YOUTH_ALONE_FROM = 16

# Consent is asked around the registration (the school often has it signed just before):
# a date longer before the registration is usually a typing error, saved only once the
# user confirms it (issue 18).
USUAL_BEFORE_REGISTRATION = timedelta(days=30)


def unusual_consent_date(given_on: date, *, registered_on: date) -> str:
    """Why a consent of `given_on` is unusual for a case registered on `registered_on`, in
    Dutch; "" when it is not."""
    if given_on >= registered_on - USUAL_BEFORE_REGISTRATION:
        return ""
    return _("Deze datum ligt meer dan %(days)s dagen vóór de aanmelding (%(registered)s).") % {
        "days": USUAL_BEFORE_REGISTRATION.days,
        "registered": long_date(registered_on),
    }


def consent_missing(
    *,
    birth_date: date,
    given_on: date,
    guardians: Iterable,
    representatives: Iterable,
    youth_consented: bool,
    missing_representative_reason: str = "",
) -> list[str]:
    """What is missing for a complete consent, in Dutch; an empty list means complete.

    `guardians` are all the pupil's guardians (only those with gezag count);
    `representatives` the guardians who signed as wettelijk vertegenwoordiger 1 and 2
    (None for an empty line).
    """
    age = age_on(birth_date, given_on)
    missing: list[str] = []
    if age < YOUTH_ALONE_FROM:
        with_custody = [guardian for guardian in guardians if guardian.has_custody]
        signed = {guardian.pk for guardian in representatives if guardian is not None}
        not_signed = [guardian for guardian in with_custody if guardian.pk not in signed]
        if not signed:
            if with_custody:
                missing.append(
                    _("Toestemming van de ouder(s) met gezag ontbreekt (leerling is %(age)s jaar).")
                    % {"age": age}
                )
            else:
                missing.append(
                    _(
                        "Er is geen ouder met gezag of voogd bekend: leg eerst vast wie het "
                        "gezag heeft (leerling is %(age)s jaar)."
                    )
                    % {"age": age}
                )
        elif not_signed and not missing_representative_reason.strip():
            for guardian in not_signed:
                missing.append(
                    _(
                        "Handtekening van %(name)s (gezamenlijk gezag) ontbreekt: geef de "
                        "reden op waarom deze ouder niet tekent."
                    )
                    % {"name": guardian.name}
                )
    if age >= YOUTH_CONSENTS_FROM and not youth_consented:
        missing.append(
            _("Toestemming van de jongere zelf ontbreekt (%(age)s jaar).") % {"age": age}
        )
    return missing
