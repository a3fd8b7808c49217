"""The intake's sections as on the seed (paper) form, and the answers laid out in them for the
read-only view. The intake form's layout follows the same table."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from core.formats import display_value

from ..models import SIGNAL_FIELDS, SUBSTANCE_FIELDS, Intake

YES_NO_FIELDS = (*SIGNAL_FIELDS, "has_diagnosis", "load_profile_needed")

# The seed form's sections: (heading, [(subheading or None, [field names])]). Used by the
# form layout and by the read-only view, so both follow the paper form.
INTAKE_SECTIONS = [
    (_("Ondersteuningsvraag"), [(None, ["support_question"])]),
    (
        _("Situatie leerling"),
        [
            (_("Signalen"), ["signal_anxiety", "signal_withdrawn", "signal_substance_use"]),
            (_("Welk middelengebruik"), [*SUBSTANCE_FIELDS, "substance_other"]),
            (
                _("Integrale beschrijving"),
                [
                    "leisure",
                    "future",
                    "happiness_score",
                    "happiness_reasoning",
                    "likes_at_school",
                    "student_view",
                    "physical_complaints",
                    "gp_involved",
                    "family_plan",
                    "family_plan_director",
                    "childhood_experiences",
                    "student_other",
                ],
            ),
        ],
    ),
    (
        _("Situatie school"),
        [
            (
                _("Signalen"),
                [
                    "signal_absence",
                    "signal_learning_problems",
                    "signal_bullying",
                    "signal_repeated_year",
                ],
            ),
            (
                _("Integrale beschrijving"),
                [
                    "school_background",
                    "school_signal_moments",
                    "grades",
                    "social_contacts",
                    "going_well",
                    "subject_problems",
                    "has_diagnosis",
                ],
            ),
            (_("Diagnose"), ["diagnosis_which", "diagnosis_when", "diagnosis_by"]),
            (
                None,
                [
                    "truancy_officer",
                    "school_doctor",
                    "parent_school_conflict",
                    "parents_object_to_education",
                    "school_actions",
                    "school_what_worked",
                    "school_other",
                ],
            ),
        ],
    ),
    (
        _("Situatie thuis"),
        [
            (
                _("Beeld van de gezinssituatie"),
                [
                    "home_factors",
                    "home_factors_past",
                    "parenting",
                    "family_support",
                    "parents_actions",
                    "home_other",
                ],
            )
        ],
    ),
    (_("Belastbaarheidsprofiel"), [(None, ["load_profile_needed"])]),
    (_("Onderbouwing uit OPP"), [(None, ["opp_rationale"])]),
]

# Groups (by their first field) shown only when the answer before them is "ja" (intake.js;
# without JavaScript they always show).
DEPENDENT_GROUPS = {"substance_drugs": "signal_substance_use", "diagnosis_which": "has_diagnosis"}


def section_anchor(number: int) -> str:
    """The id of the intake form's section `number` (0-based, as in INTAKE_SECTIONS)."""
    return f"intake-deel-{number + 1}"


def section_menu(missing: Iterable[str]) -> list[dict]:
    """The intake's sections for its menu: anchor, heading and how many answers needed to
    complete it are still open (`missing`: intake.services.intake_missing_answers)."""
    missing = set(missing)
    menu = []
    for number, (heading, groups) in enumerate(INTAKE_SECTIONS):
        names = {name for _subheading, group in groups for name in group}
        menu.append(
            {"anchor": section_anchor(number), "heading": heading, "open": len(names & missing)}
        )
    return menu


def intake_display(intake: Intake | None) -> list[dict]:
    """The answers in the seed's sections, for the read-only view."""
    yes_no = {True: _("ja"), False: _("nee"), None: _("onbekend")}
    sections = []
    for heading, groups in INTAKE_SECTIONS:
        rows_groups = []
        for subheading, names in groups:
            rows = []
            for name in names:
                field = Intake._meta.get_field(name)
                value = getattr(intake, name) if intake else None
                if name in YES_NO_FIELDS:
                    shown = yes_no[value]
                elif name in SUBSTANCE_FIELDS:
                    shown = _("ja") if value else _("nee")
                else:
                    shown = "" if value in (None, "") else display_value(field, value)
                rows.append(
                    {
                        "label": field.verbose_name,
                        "question": field.help_text,
                        "value": shown,
                    }
                )
            rows_groups.append({"heading": subheading, "rows": rows})
        sections.append({"heading": heading, "groups": rows_groups})
    return sections
