"""Case documents as PDF: plan van aanpak, intake, belastbaarheidsprofiel.

Every document is an HTML template under reports/pdf/ rendered by core.pdf, from a context
built here (DOCUMENTS lists them and says which go to partners); the plan's context is
evaluations.plan_pdf's, which the meeting bundle (meetings.bundle) shares. The internal plan's
PDF comes from the plan cache (evaluations.pdf_cache). The intake's
sections come from the intake forms' own field lists (intake.forms).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Case, Organisation
from core.formats import display_value
from core.pdf import html_to_pdf
from evaluations.pdf_cache import cached_pdfs
from evaluations.plan_pdf import PLAN_TEMPLATE, PLAN_TITLE, current_plans, plan_context
from intake.forms import INTAKE_SECTIONS, RegistrationForm

INTAKE_TEMPLATE = "reports/pdf/intake.html"
LOAD_PROFILE_TEMPLATE = "reports/pdf/load_profile.html"


class DocumentUnavailable(Exception):
    """The case has no such document (yet)."""


@dataclass(frozen=True)
class DocumentSpec:
    key: str
    title: str
    template: str
    # Partners read the plan (issue 10). The intake holds the family's and health answers:
    # partners read it only when the consent says so (Consent.shares_intake). The
    # belastbaarheidsprofiel, the pupil's health, is never shared: no partner variant.
    for_partners: bool = False
    for_partners_if_consent_shares_intake: bool = False


DOCUMENTS = {
    "plan": DocumentSpec("plan", PLAN_TITLE, PLAN_TEMPLATE, for_partners=True),
    "intake": DocumentSpec(
        "intake",
        gettext_lazy("Intakeformulier"),
        INTAKE_TEMPLATE,
        for_partners_if_consent_shares_intake=True,
    ),
    "belastbaarheidsprofiel": DocumentSpec(
        "belastbaarheidsprofiel", gettext_lazy("Belastbaarheidsprofiel"), LOAD_PROFILE_TEMPLATE
    ),
}


def shared_with_partners(
    key: str, case: Case | int, organisation: Organisation | int | None = None
) -> bool:
    """May document `key` of `case` go to partners? Pass a partner user's organisation for
    what that partner reads; None asks for the partners the consent covers (the
    coördinator's print for partners). Valid consent as such is checked by the caller
    (consent.selectors.require_valid_consent, and get_case_for_user for a partner)."""
    from consent.selectors import intake_shared_with, intake_shared_with_partners

    spec = DOCUMENTS.get(key)
    if spec is None:
        return False
    if spec.for_partners:
        return True
    if not spec.for_partners_if_consent_shares_intake:
        return False
    if organisation is None:
        return intake_shared_with_partners(case)
    return intake_shared_with(case, organisation)


# --- reads -------------------------------------------------------------------------------


def intake_context(case: Case, *, for_partner: bool = False) -> dict:
    """The intake template's context. The partner variant leaves out the guardians' contact
    details, as the partner's overview does: the consent shares the answers, not the
    family's addresses and phone numbers."""
    from intake.models import Intake, Registration

    intake = Intake.objects.filter(case=case).first()
    if intake is None:
        raise DocumentUnavailable(_("Er is nog geen intake voor deze casus."))
    sections = intake_sections(intake, Registration.objects.filter(case=case).first())
    return {
        "case": case,
        "region": case.region,
        "student": case.student,
        "guardians": [] if for_partner else list(case.student.guardians.all()),
        "intake": intake,
        "sections": sections,
        "document_title": str(DOCUMENTS["intake"].title),
        "toc": [("leerling", _("Gegevens leerling"))] + [(s.anchor, s.title) for s in sections],
        "for_partner": for_partner,
        "printed_on": timezone.localdate(),
    }


@dataclass
class Section:
    title: str
    anchor: str
    rows: list  # (label, question, value)


# Where the intake PDF's heading differs from the seed form's section (by the section's
# anchor): the PDF puts the two one-question closing sections under one heading.
_JOINED_HEADING = (gettext_lazy("Belastbaarheidsprofiel en OPP"), "opp")
_PDF_HEADINGS = {"belastbaarheidsprofiel": _JOINED_HEADING, "onderbouwing-uit-opp": _JOINED_HEADING}


def intake_sections(intake, registration) -> list[Section]:
    """The intake PDF's sections, from the forms' own field lists: the registration form's
    fields (when the case has a registration), then the seed form's sections
    (intake.forms.INTAKE_SECTIONS, which the intake form is laid out in) with their groups'
    fields in order."""
    sections = []
    if registration is not None:
        fields = list(RegistrationForm.base_fields)
        sections.append(_section(registration, _("Aanmelding"), "aanmelding", fields))
    for heading, groups in INTAKE_SECTIONS:
        slug = slugify(heading)
        title, anchor = _PDF_HEADINGS.get(slug, (heading, slug))
        fields = [name for _subheading, names in groups for name in names]
        section = _section(intake, title, anchor, fields)
        if sections and sections[-1].anchor == anchor:
            sections[-1].rows += section.rows
        else:
            sections.append(section)
    return sections


def _section(instance, title: str, anchor: str, names: list[str]) -> Section:
    rows = []
    for name in names:
        field = instance._meta.get_field(name)
        rows.append(
            (field.verbose_name, field.help_text, display_value(field, getattr(instance, name)))
        )
    return Section(str(title), anchor, rows)


def load_profile_context(case: Case, *, version: int | None = None) -> dict:
    from evaluations.models import PROFILE_FIELDS, LoadProfileVersion

    versions = LoadProfileVersion.objects.filter(profile__case=case).select_related("saved_by")
    chosen = versions.filter(number=version).first() if version else versions.first()
    if chosen is None:
        raise DocumentUnavailable(
            _("Versie %(n)s van het belastbaarheidsprofiel bestaat niet.") % {"n": version}
            if version
            else _("Er is nog geen belastbaarheidsprofiel voor deze casus.")
        )
    rows = []
    for name in PROFILE_FIELDS:
        field = LoadProfileVersion._meta.get_field(name)
        value = getattr(chosen, name)
        rows.append((name, field.verbose_name, field.help_text, value))
    return {
        "case": case,
        "region": case.region,
        "student": case.student,
        "profile": chosen,
        "rows": rows,
        "document_title": str(DOCUMENTS["belastbaarheidsprofiel"].title),
        "printed_on": timezone.localdate(),
    }


def available_documents(case: Case) -> dict:
    """Which documents the case has: {"plan": bool, "intake": bool, "load_profile_versions": [..]}."""
    from evaluations.models import LoadProfileVersion, Plan
    from intake.models import Intake

    return {
        "plan": Plan.objects.filter(case=case, current=True).exists(),
        "intake": Intake.objects.filter(case=case).exists(),
        "load_profile_versions": list(
            LoadProfileVersion.objects.filter(profile__case=case)
            .order_by("-number")
            .values("number", "profile_date", "saved_at")
        ),
    }


# --- rendering ---------------------------------------------------------------------------


def document_html(
    key: str,
    case: Case,
    *,
    version: int | None = None,
    for_partner: bool = False,
    organisation: Organisation | int | None = None,
) -> str:
    return _document(
        key, case, version=version, for_partner=for_partner, organisation=organisation
    )[0]


def _document(
    key: str,
    case: Case,
    *,
    version: int | None,
    for_partner: bool,
    organisation: Organisation | int | None = None,
):
    """(html, plan id or None) of a case document; `organisation` is the partner's, see
    shared_with_partners."""
    if for_partner and not shared_with_partners(key, case, organisation):
        if key in DOCUMENTS and DOCUMENTS[key].for_partners_if_consent_shares_intake:
            raise DocumentUnavailable(
                _(
                    "Dit document wordt niet met partners gedeeld: de geldige toestemming "
                    "zegt niet dat ook de intake met de partners gedeeld mag worden."
                )
            )
        raise DocumentUnavailable(
            _(
                "Dit document wordt niet met partners gedeeld: partners lezen het plan van "
                "aanpak, en de intake alleen als de toestemming dat zegt."
            )
        )
    plan_id = None
    if key == "plan":
        plan = current_plans([case.pk]).get(case.pk)
        if plan is None:
            raise DocumentUnavailable(_("Er is nog geen plan van aanpak voor deze casus."))
        plan_id = plan.pk
        context = plan_context(case, plan, for_partner=for_partner)
    elif key == "intake":
        context = intake_context(case, for_partner=for_partner)
    elif key == "belastbaarheidsprofiel":
        context = load_profile_context(case, version=version)
    else:
        raise DocumentUnavailable(_("Onbekend document."))
    return render_to_string(DOCUMENTS[key].template, context), plan_id


def document_pdf(
    key: str,
    case: Case,
    *,
    version: int | None = None,
    for_partner: bool = False,
    organisation: Organisation | int | None = None,
) -> bytes:
    """The tagged PDF of a case document; the internal plan comes from the cache.
    `for_partner` makes the partner variant (refused, DocumentUnavailable, for a document
    not shared with partners: see shared_with_partners)."""
    html, plan_id = _document(
        key, case, version=version, for_partner=for_partner, organisation=organisation
    )
    if plan_id is not None and not for_partner:
        return cached_pdfs([(plan_id, html)])[0]
    return html_to_pdf(html)
