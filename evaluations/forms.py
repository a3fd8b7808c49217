"""Forms only clean and validate; the services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.forms import MobileField
from casework.models import Organisation
from core.formats import long_date
from core.forms import DateInput, EmailField, ServiceModelForm, VersionMixin
from core.free_text import FreeTextField

from .models import (
    MAX_WEEK_HOURS,
    PROFILE_FIELDS,
    SCHOOL_FIELDS,
    BuildUpWeek,
    Evaluation,
    EvaluationKind,
    Goal,
    LoadProfileVersion,
    Plan,
    normalise_registration_number,
    qualified_functions,
)
from .services.plans import PLAN_FIELDS

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _dates(form: forms.Form) -> None:
    for bound in form.fields.values():
        if isinstance(bound, forms.DateField):
            bound.widget = DateInput()
        if isinstance(bound.widget, forms.Textarea):
            bound.widget.attrs.setdefault("rows", 3)


class PlanForm(VersionMixin, ServiceModelForm):
    director_phone = MobileField(label=_("06-nummer casusregisseur"))

    class Meta:
        model = Plan
        fields = list(PLAN_FIELDS)
        field_classes = {"director_email": EmailField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)


class StakeholderForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisatie"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Of instelling (vrije tekst)"), max_length=150, required=False
    )
    email = EmailField(label=_("E-mail"), required=False)
    phone = MobileField(label=_("06-nummer"), required=False)

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(region=region)


class BaseStakeholderFormSet(forms.BaseFormSet):
    def __init__(self, *args, region=None, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"region": self.region}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            region=self.region,
        )
        self.add_fields(form, None)
        return form

    def rows(self) -> list[dict]:
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


StakeholderFormSet = forms.formset_factory(
    StakeholderForm, formset=BaseStakeholderFormSet, extra=2, can_delete=True
)


class GoalForm(VersionMixin, ServiceModelForm):
    class Meta:
        model = Goal
        fields = ["description", "actions", "term", "responsible"]
        widgets = {"description": TEXTAREA, "actions": TEXTAREA}


class RescheduleForm(VersionMixin, forms.Form):
    due_on = forms.DateField(
        label=_("Nieuwe datum"),
        widget=DateInput(attrs={"class": "form-control form-control-sm"}),
    )


YES_NO = [("ja", _("ja")), ("nee", _("nee"))]


class EvaluationForm(VersionMixin, ServiceModelForm):
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    participants = FreeTextField(label=_("Deelnemers"), widget=TEXTAREA)

    class Meta:
        model = Evaluation
        fields = ["held_on", "participants", "pupil_view", "notes"]
        widgets = {"pupil_view": TEXTAREA, "notes": TEXTAREA}


class GoalReviewForm(forms.Form):
    """The review of one goal; prefix goal-<id>. Which fields show depends on the kind."""

    achieved = forms.ChoiceField(label=_("Doel behaald"), choices=YES_NO, widget=forms.RadioSelect)
    explanation = FreeTextField(label=_("Toelichting"), widget=TEXTAREA, required=False)
    extra_actions = FreeTextField(
        label=_("Zo nee: welke aanvullende acties zijn nodig?"), widget=TEXTAREA, required=False
    )
    needed = FreeTextField(
        label=_("Zo nee: wat is er nodig om het doel alsnog te bereiken?"),
        widget=TEXTAREA,
        required=False,
    )
    adjust = forms.BooleanField(label=_("Of: het doel aanpassen"), required=False)
    description = FreeTextField(label=_("Aangepast doel"), widget=TEXTAREA, required=False)
    actions = FreeTextField(label=_("Acties (inclusief criteria)"), widget=TEXTAREA, required=False)
    term = forms.CharField(label=_("Tijdspad/termijn"), max_length=200, required=False)
    responsible = forms.CharField(
        label=_("Resultaatverantwoordelijke"), max_length=150, required=False
    )

    def __init__(self, *args, goal: Goal, kind: str, **kwargs):
        kwargs.setdefault("prefix", f"goal-{goal.pk}")
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.kind = kind
        if kind == EvaluationKind.INTERIM:
            for name in ("needed", "adjust", "description", "actions", "term", "responsible"):
                del self.fields[name]
        else:
            del self.fields["extra_actions"]
            self.fields["description"].initial = goal.description
            self.fields["actions"].initial = goal.actions
            self.fields["term"].initial = goal.term
            self.fields["responsible"].initial = goal.responsible

    def review_fields(self):
        return [
            self[name]
            for name in ("achieved", "explanation", "extra_actions", "needed")
            if name in self.fields
        ]

    def adjust_fields(self):
        return [
            self[name]
            for name in ("description", "actions", "term", "responsible")
            if name in self.fields
        ]


class FollowupForm(forms.Form):
    due_on = forms.DateField(label=_("Datum vervolgevaluatie"), widget=DateInput())


class RegistrationNumberField(forms.CharField):
    """The author's BIG or SKJ/NVO number as typed (spaces, dots, dashes); stored as digits,
    which the model's validate_registration_number checks."""

    MAX_INPUT = 20

    def __init__(self, *, max_length: int | None = None, **kwargs):
        super().__init__(max_length=self.MAX_INPUT, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_registration_number(value) if value else value


class LoadProfileForm(VersionMixin, ServiceModelForm):
    author_function = forms.ChoiceField(label=_("Functie"))

    class Meta:
        model = LoadProfileVersion
        fields = list(PROFILE_FIELDS)
        field_classes = {"author_big": RegistrationNumberField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        functions = qualified_functions()
        self.fields["author_function"].choices = [("", "—")] + [(f, f) for f in functions]
        self.fields["author_function"].error_messages["invalid_choice"] = _(
            "Een belastbaarheidsprofiel kan alleen worden opgesteld door een %(functions)s."
        ) % {"functions": _(" of ").join(functions)}
        self.fields["author_function"].help_text = LoadProfileVersion._meta.get_field(
            "author_function"
        ).help_text


class SchoolPartForm(VersionMixin, ServiceModelForm):
    class Meta:
        model = LoadProfileVersion
        fields = list(SCHOOL_FIELDS)


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Versie"), coerce=int)
    b = forms.TypedChoiceField(label=_("Vergelijken met versie"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


def _row_input_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.Select):
        return "form-select form-select-sm"
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    return "form-control form-control-sm"


class BuildUpWeekForm(forms.Form):
    """One week of the opbouwschema, as one row of the table form. The week's own rules (a
    Monday, a reason where fewer hours were attended) are BuildUpWeek.clean's: asked here too,
    so the error shows beside the field."""

    week_start = forms.DateField(label=_("Week (maandag)"), widget=DateInput())
    planned_hours = forms.DecimalField(
        label=_("Geplande uren"), min_value=0, max_value=MAX_WEEK_HOURS, decimal_places=1
    )
    goal = forms.ModelChoiceField(
        label=_("Doel"), queryset=Goal.objects.none(), required=False, empty_label="—"
    )
    attended_hours = forms.DecimalField(
        label=_("Aanwezige uren"),
        min_value=0,
        max_value=MAX_WEEK_HOURS,
        decimal_places=1,
        required=False,
    )
    shortfall_reason = FreeTextField(
        label=_("Reden minder uren"), required=False, widget=forms.TextInput()
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for bound in self.fields.values():
            bound.widget.attrs.setdefault("class", _row_input_class(bound.widget))
        if plan is not None:
            self.fields["goal"].queryset = plan.goals.filter(active=True)
            self.fields["goal"].label_from_instance = lambda goal: (
                f"{_('Doel')} {goal.position}: {str(goal)[:40]}"
            )

    def clean(self):
        data = super().clean()
        if self.errors or data.get("DELETE"):
            return data
        fields = {name: data.get(name) for name in self.fields if name != "DELETE"}
        fields["shortfall_reason"] = fields["shortfall_reason"] or ""
        week = BuildUpWeek(plan=self.plan, **fields)
        try:
            week.clean()
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                self.add_error(name, errors)
        return data


class BaseBuildUpFormSet(forms.BaseFormSet):
    def __init__(self, *args, plan=None, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"plan": self.plan}

    def clean(self):
        if any(self.errors):
            return
        days = [
            form.cleaned_data["week_start"]
            for form in self.forms
            if form.cleaned_data.get("week_start") and not form.cleaned_data.get("DELETE")
        ]
        twice = sorted({day for day in days if days.count(day) > 1})
        if twice:
            raise ValidationError(
                _("Elke week staat maar één keer in het schema: %(weeks)s staat er vaker in.")
                % {"weeks": ", ".join(long_date(day) for day in twice)}
            )

    def rows(self) -> list[dict]:
        """The weeks to keep or add, as the service takes them."""
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def removed(self) -> list:
        """The Mondays of the stored weeks ticked to be taken out, or moved to another week."""
        removed = []
        for form in self.forms[: self.initial_form_count()]:
            stored = form.initial.get("week_start")
            if stored and (
                form.cleaned_data.get("DELETE") or form.cleaned_data.get("week_start") != stored
            ):
                removed.append(stored)
        return removed


BuildUpFormSet = forms.formset_factory(
    BuildUpWeekForm, formset=BaseBuildUpFormSet, extra=3, can_delete=True
)
