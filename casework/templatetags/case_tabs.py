"""The tab bar of a case: which tabs a user gets follows from the same rules as the pages
behind them (casework.access), so nobody is offered a tab that answers 404."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from casework.access import user_may_write
from casework.signals import consent_rules

register = template.Library()

# (key, label, url name, who): who is "all", "staff" (may change the case), "coordinator",
# "readers" (all but gedragsdeskundigen), "internal" (all but partners), "partner", or
# "intake" (staff, and a partner whose organisation the consent shares the intake with).
TABS = [
    ("overview", _("Overzicht"), "casework:case_detail", "all"),
    ("intake", _("Intake"), "intake:intake_edit", "intake"),
    ("consent", _("Toestemming"), "consent:consent_detail", "staff"),
    ("plan", _("Plan van aanpak"), "evaluations:plan_detail", "all"),
    ("evaluations", _("Evaluaties"), "evaluations:evaluation_list", "all"),
    ("load_profile", _("Belastbaarheidsprofiel"), "evaluations:load_profile", "internal"),
    ("minutes", _("Overleg"), "quality:case_minutes", "readers"),
    ("documents", _("Documenten"), "reports:case_documents", "all"),
    ("timeline", _("Tijdlijn"), "casework:timeline", "all"),
    ("note", _("Notitie toevoegen"), "quality:partner_note", "partner"),
    ("history", _("Geschiedenis"), "history:case_history", "staff"),
    ("access_log", _("Toegangslog"), "privacy:access_log", "coordinator"),
]


def _allowed(user, case, who: str) -> bool:
    if who == "all":
        return True
    if who == "staff":
        return user_may_write(user, case)
    if who == "coordinator":
        return user.role == Role.COORDINATOR and user_may_write(user, case)
    if who == "readers":
        return user.role != Role.BEHAVIOURAL_EXPERT
    if who == "internal":
        return user.role != Role.PARTNER
    if who == "intake":
        return user_may_write(user, case) or (
            user.role == Role.PARTNER
            and consent_rules.intake_shared_with(case, user.organisation_id)
        )
    return user.role == Role.PARTNER


@register.inclusion_tag("casework/includes/case_tabs.html", takes_context=True)
def case_tabs(context, case):
    user = context["request"].user
    tabs = [
        {"key": key, "label": label, "url": reverse(name, args=[case.pk])}
        for key, label, name, who in TABS
        if _allowed(user, case, who)
    ]
    return {"tabs": tabs, "active_tab": context.get("active_tab")}
