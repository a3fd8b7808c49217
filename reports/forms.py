from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .tables import Period

# The reports count back months from the period (bands, the threshold): a date near year 1
# or 9999 would step off the calendar. No case predates 2000.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), widget=DateInput())

    def _clean_day(self, name: str) -> date:
        day = self.cleaned_data[name]
        if not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Kies een datum tussen 2000 en 2100."))
        return day

    def clean_start(self) -> date:
        return self._clean_day("start")

    def clean_end(self) -> date:
        return self._clean_day("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("De einddatum ligt voor de begindatum."))
            elif (end - start).days > 366 * 5:
                self.add_error("end", _("Kies een periode van hoogstens vijf jaar."))
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
