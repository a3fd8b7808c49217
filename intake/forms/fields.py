"""The intake app's own form fields, validators and widgets: the BSN field, a date that may not
lie in the future, and the ja / nee / onbekend field for a nullable answer."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import BSNValidator, normalise_bsn


def not_in_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."), code="future")


class BSNField(forms.CharField):
    """BSN: spaces, dots and dashes are ignored, an 8-digit number gets a leading 0, then the
    11-proef (django-localflavor's validator)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("9 cijfers; spaties, punten en streepjes mogen."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_bsn(value) if value else value

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if not (len(value) == 9 and value.isascii() and value.isdigit()):
            raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="invalid")
        BSNValidator()(value)


class YesNoUnknownRadio(forms.RadioSelect):
    """ja / nee for a nullable BooleanField (a signal), none ticked while unanswered: the
    seed form asks ja/nee, and an intake is completed only when each is answered (intake.
    services.REQUIRED_FOR_COMPLETION); until then "not answered yet" is simply no tick."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, choices=[("true", _("ja")), ("false", _("nee"))])

    def format_value(self, value):
        mapping = {
            True: "true",
            "True": "true",
            "true": "true",
            False: "false",
            "False": "false",
            "false": "false",
        }
        return [mapping[value]] if value in mapping else []


class YesNoUnknownField(forms.NullBooleanField):
    """ja / nee, or no answer yet (None). "unknown", which the form sent when it still had an
    "onbekend" button, is read as no answer; any other value is refused rather than stored
    as no answer."""

    widget = YesNoUnknownRadio
    default_error_messages = {"invalid_choice": _("Kies ja of nee.")}
    VALUES = {"true": True, "false": False, "unknown": None, "": None, None: None}

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        if isinstance(value, str | None) and value in self.VALUES:
            return self.VALUES[value]
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def validate(self, value):
        pass
