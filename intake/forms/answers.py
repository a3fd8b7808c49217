"""The intake form (the answers to the intake questions), laid out in the seed form's sections
and carrying the version it was started from (optimistic locking)."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.forms import ServiceModelForm, VersionMixin, inner_form_helper

from ..models import SIGNAL_FIELDS, Intake
from ..services import INTAKE_ANSWER_FIELDS, REQUIRED_FOR_COMPLETION
from .fields import YesNoUnknownField
from .sections import DEPENDENT_GROUPS, INTAKE_SECTIONS, YES_NO_FIELDS, section_anchor


def _intake_layout() -> Layout:
    """The seed's sections, each a <section> with its heading (the section menu's targets,
    intake.forms.sections.section_anchor) and its own "tussentijds opslaan" at its end."""
    sections = []
    for number, (heading, groups) in enumerate(INTAKE_SECTIONS):
        anchor = section_anchor(number)
        parts = [
            HTML(
                format_html(
                    '<h3 class="h5 fw-bold mt-5 border-bottom pb-1" id="{}-titel">{}</h3>',
                    anchor,
                    heading,
                )
            )
        ]
        for subheading, group_names in groups:
            names = [InlineRadios(n) if n in YES_NO_FIELDS else n for n in group_names]
            if subheading is None:
                parts.append(Div(*names))
                continue
            attrs = {}
            if group_names[0] in DEPENDENT_GROUPS:
                attrs["data_show_when"] = DEPENDENT_GROUPS[group_names[0]]
            parts.append(
                Fieldset(subheading, *names, template="intake/crispy_fieldset.html", **attrs)
            )
        parts.append(
            HTML(
                format_html(
                    '<button type="submit" name="action" value="save:{}" class="btn btn-sm '
                    'btn-outline-secondary d-print-none">{}<span class="visually-hidden"> '
                    "({})</span></button>",
                    number,
                    _("Tussentijds opslaan"),
                    heading,
                )
            )
        )
        sections.append(
            Div(
                *parts,
                css_id=anchor,
                css_class="intake-section",
                role="region",
                aria_labelledby=f"{anchor}-titel",
            )
        )
    return Layout(*sections)


class IntakeForm(VersionMixin, ServiceModelForm):
    class Meta:
        model = Intake
        fields = list(INTAKE_ANSWER_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in YES_NO_FIELDS:
            self.fields[name] = YesNoUnknownField(
                label=self.fields[name].label,
                help_text=self.fields[name].help_text,
                required=False,
            )
            if name in SIGNAL_FIELDS:
                # The question is the label; no need to repeat it.
                self.fields[name].help_text = ""
        score = self.fields["happiness_score"]
        self.fields["happiness_score"] = forms.IntegerField(
            label=score.label,
            help_text=score.help_text,
            required=False,
            min_value=0,
            max_value=10,
        )
        for name in REQUIRED_FOR_COMPLETION:  # needed to complete, not to save in between
            self.fields[name].label = f"{self.fields[name].label} *"
        self.helper = inner_form_helper(self, _intake_layout())
        self.helper.layout.append("version")
