from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import Period


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("van"), widget=DateInput(format="%Y-%m-%d"))
    end = forms.DateField(label=_("tot en met"), widget=DateInput(format="%Y-%m-%d"))

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
