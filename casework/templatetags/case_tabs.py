"""The tab bar of a case: a tab shows iff the access table (casework.access.table) grants its
section read, the same table get_case_for_user asks for the page, so nobody is offered a tab
that answers 404."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.access import can

register = template.Library()

# (section, label, url name): the section is the page's row in the access table.
TABS = [
    ("overview", _("Overzicht"), "casework:case_detail"),
    ("intake", _("Intake"), "intake:intake_edit"),
    ("consent", _("Toestemming"), "consent:consent_detail"),
    ("plan", _("Plan van aanpak"), "evaluations:plan_detail"),
    ("evaluations", _("Evaluaties"), "evaluations:evaluation_list"),
    ("load_profile", _("Belastbaarheidsprofiel"), "evaluations:load_profile"),
    ("minutes", _("Overleg"), "meetings:case_minutes"),
    ("documents", _("Documenten"), "reports:case_documents"),
    ("timeline", _("Tijdlijn"), "casework:timeline"),
    ("note", _("Notitie toevoegen"), "casework:partner_note"),
    ("history", _("Geschiedenis"), "history:case_history"),
    ("access_log", _("Toegangslog"), "privacy:access_log"),
]


def tabs_for(user, case) -> list[dict]:
    return [
        {"key": key, "label": label, "url": reverse(name, args=[case.pk])}
        for key, label, name in TABS
        if can(user, case, key)
    ]


@register.inclusion_tag("casework/includes/case_tabs.html", takes_context=True)
def case_tabs(context, case):
    return {
        "tabs": tabs_for(context["request"].user, case),
        "active_tab": context.get("active_tab"),
    }
