"""Forms of the meeting pages: planning a meeting, a case onto the agenda, the minutes and the
actions agreed. Forms only clean and validate; meetings.services writes."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from casework.models import Case
from core.formats import long_date
from core.forms import ConfirmUnusualDateMixin, DateInput, ServiceModelForm

from .models import Meeting, MeetingKind

TEXTAREA = forms.Textarea(attrs={"rows": 3})

# A meeting is planned ahead, or recorded soon after it was held: a date further back is
# usually a typing error, saved only once the user confirms it (issue 18). Any date ahead is
# fine (planning).
USUAL_DAYS_BACK = timedelta(days=14)


class MeetingForm(ConfirmUnusualDateMixin, ServiceModelForm):
    unusual_date_field = "date"

    attendees = forms.ModelMultipleChoiceField(
        label=_("Deelnemers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = ["kind", "date", "start_time", "place", "attendees", "other_attendees"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "other_attendees": TEXTAREA,
        }

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = DateInput()
        self.fields["kind"].choices = MeetingKind.choices
        self.fields["attendees"].queryset = User.objects.filter(
            region=region, is_active=True, role__in=[Role.CASEMANAGER, Role.COORDINATOR]
        ).order_by("first_name", "last_name")

    def unusual_date(self, value: date) -> str:
        earliest = timezone.localdate() - USUAL_DAYS_BACK
        if value >= earliest:
            return ""
        return _("Deze datum ligt meer dan %(days)s dagen terug (vóór %(earliest)s).") % {
            "days": USUAL_DAYS_BACK.days,
            "earliest": long_date(earliest),
        }


class AgendaForm(forms.Form):
    """Cases for the agenda, picked from the region's open cases with valid consent today
    that are not on it yet (meetings.selectors.agenda_choices); a filter box narrows the list
    by casusnummer or name (static/js/app.js)."""

    cases = forms.ModelMultipleChoiceField(
        label=_("Casussen met geldige toestemming"),
        queryset=Case.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies een of meer casussen."),
            "invalid_choice": _("Deze casus kan niet (meer) op de agenda; kies uit de lijst."),
            "invalid_pk_value": _("Kies een casus uit de lijst."),
        },
    )

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        field.queryset = cases if cases is not None else Case.objects.none()
        field.label_from_instance = _case_label


def _case_label(case: Case) -> str:
    casemanager = case.casemanager or _("geen casemanager")
    return f"{case.reference} — {case.student.full_name} ({casemanager})"


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 5}))


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=500)
    owner = forms.CharField(label=_("Wie"), max_length=150)
    due_on = forms.DateField(label=_("Wanneer klaar"), widget=DateInput())


class BaseActionFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return [
            form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data
        ]


ActionFormSet = forms.formset_factory(ActionForm, formset=BaseActionFormSet, extra=2)
