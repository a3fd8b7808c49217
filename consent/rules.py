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

When the pupil passes an age limit during an open case (issue 21), the consent on file was
given under the old limit. The rule, for `valid` consent (consent.selectors.consent_gaps and
Consent.objects.valid, which say the same in words and in SQL):

- Turning 12 STOPS sharing when the consent lacks the youth's own consent: from the 12th
  birthday the WGBO asks the youth's consent beside the parents' (BW 7:450 lid 2), also for
  information shared from then on, and the parents' consent alone no longer covers it. The
  consent is valid again once a new version with the youth's consent is recorded.
- Turning 16 CONTINUES sharing: a consent given at 12-15 holds the youth's own consent, and
  from 16 the youth's consent is all the WGBO asks (BW 7:447 lid 1, 7:450 lid 1; UAVG art. 5).
  It stays valid until the youth withdraws it; the parents' part no longer counts, and only
  the youth may withdraw or change it.

Both birthdays show "toestemming opnieuw vragen" (consent.selectors.consent_renewal) until a
version given on or after the birthday is recorded, and the daily scan (notifications.scans)
tells the casemanager `Region.age_notice_days` days before. In short: a consent is valid on a
day only if it holds every consent that the pupil's age ON THAT DAY asks; the parents' part is
never asked again once given, and from 16 it is not asked at all.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.dates import age_on
from core.formats import long_date

# Age limits of the WGBO (BW 7:447 lid 1, 7:450 lid 2, 7:465 lid 1).
YOUTH_CONSENTS_FROM = 12
YOUTH_ALONE_FROM = 16

# The birthdays on which who consents changes, with what the new consent needs (Dutch).
AGE_LIMITS = {
    YOUTH_CONSENTS_FROM: _lazy(
        "vanaf dan geeft de jongere zelf ook toestemming, naast de ouder(s) met gezag "
        "(BW 7:450 lid 2); zonder die toestemming stopt het delen op die dag."
    ),
    YOUTH_ALONE_FROM: _lazy(
        "vanaf dan beslist de jongere zelf (BW 7:447 lid 1): de toestemming die de jongere gaf "
        "blijft gelden tot de jongere die intrekt; vraag de jongere die opnieuw te bevestigen."
    ),
}


def turns_on(birth_date: date, years: int) -> date:
    """The day the pupil turns `years`, as age_on counts it (29 February: 1 March in a
    non-leap year). The scans compute it in SQL as `(birth_date - 1 + n years) + 1`."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:  # 29 February in a non-leap year
        return date(birth_date.year + years, 3, 1)


def born_after_is_under(on: date, years: int) -> date:
    """Pupils born after this day are under `years` on `on` (so age_on(b, on) < years iff
    b > the answer): `on` minus `years` years, 29 February clamped to 28 February."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return date(on.year - years, 2, 28)


def youth_consent_lacking(*, birth_date: date, youth_consented: bool, on: date) -> bool:
    """The 12th-birthday rule above: the pupil is 12 or older on `on` and the youth has not
    consented, so the consent does not cover `on`."""
    return not youth_consented and age_on(birth_date, on) >= YOUTH_CONSENTS_FROM


def limit_passed(*, birth_date: date, given_on: date, on: date) -> int | None:
    """The highest age limit the pupil reached after the consent was given and by `on`
    (12 or 16), or None: the consent was given under an older rule and should be asked again."""
    passed = [
        years
        for years in AGE_LIMITS
        if age_on(birth_date, given_on) < years <= age_on(birth_date, on)
    ]
    return max(passed) if passed else None


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
