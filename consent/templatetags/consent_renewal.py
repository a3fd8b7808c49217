"""The "toestemming opnieuw vragen" notice for pages outside the consent app (the case
overview): casework sits below consent and may not import it, so its template loads this
tag. Shown only to those who read the case's consent (casework.access's "consent" section)."""

from django import template

from casework.access import can

from ..selectors import consent_renewal

register = template.Library()


@register.inclusion_tag("consent/includes/renewal.html", takes_context=True)
def consent_renewal_notice(context, case):
    user = context["request"].user
    shown = case.is_open and can(user, case, "consent")
    return {
        "case": case,
        "renewal": consent_renewal(case) if shown else "",
        "on_consent_page": False,
    }
