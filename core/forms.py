"""Form pieces every app uses: the date input, asking to confirm an unusual date, the Dutch
phone number field, the model form that leaves validating the model to its service, putting a
service's ValidationError on the form it came from, and calling the service for a valid form
(`cleaned_fields`, `service_saved`)."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import phonenumbers
from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber

from .edits import MISSING_VERSION


def inner_form_helper(form: forms.BaseForm | None = None, layout=None) -> FormHelper:
    """A crispy helper for a form drawn inside a page's own <form> (no tag, no second CSRF
    field), with `layout` when given. With `form`, its text areas get three rows."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout is not None:
        helper.layout = layout
    for field in form.fields.values() if form is not None else ():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 3
    return helper


class PlainSelect(forms.Select):
    """A single <select> written out in Python instead of a template per option: the case
    list's filters would render some forty option templates on every request. The markup is
    Django's (its attributes, the selected option) with Bootstrap's form-select, and
    is-invalid beside an error (the bound field sets aria-invalid)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attrs = widget["attrs"]
        css = "form-select is-invalid" if attrs.get("aria-invalid") else "form-select"
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(attrs | {"class": css}), options
        )


class DateInput(forms.DateInput):
    """The browser's date picker. It reads and sends ISO dates whatever the page's language,
    so the value is written as YYYY-MM-DD (the Dutch input format would leave it empty)."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None, format: str = "%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class ConfirmUnusualDateMixin(forms.Form):
    """A date that may be right but usually is a typing error (a consent years before the
    registration, a meeting a year ago) is saved only when the user confirms it.

    The subclass names its date field (`unusual_date_field`) and says when a date is unusual
    (`unusual_date(value)`: the Dutch message, or "" for a usual date). An unusual date makes
    the form invalid with that message beside the field, and shows the box "Ja, deze datum
    klopt" right under it; ticked, the same date is saved. A usual date never shows the box.
    """

    unusual_date_field: str = ""

    confirm_date = forms.BooleanField(
        label=_("Ja, deze datum klopt"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The box goes right under its date field.
        names = [name for name in self.fields if name != "confirm_date"]
        at = names.index(self.unusual_date_field) + 1
        names.insert(at, "confirm_date")
        self.fields = {name: self.fields[name] for name in names}

    def unusual_date(self, value) -> str:
        """Why `value` is unusual, in Dutch; "" when it is a usual date."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get(self.unusual_date_field)
        message = self.unusual_date(value) if value is not None else ""
        if message:
            self.fields["confirm_date"].widget = forms.CheckboxInput()
            if not cleaned.get("confirm_date"):
                self.add_error(
                    self.unusual_date_field,
                    _("%(message)s Klopt de datum toch? Vink dan hieronder aan.")
                    % {"message": message},
                )
        return cleaned


class NulFirstMixin:
    """A value holding a NUL character gets one message, Django's "Null-tekens zijn niet
    toegestaan.", instead of that one beside the field's own ("Voer een geldig e-mailadres
    in."): the character is what is wrong, whatever else the value is."""

    def clean(self, value):
        if isinstance(value, str) and "\x00" in value:
            validator = ProhibitNullCharactersValidator()
            raise ValidationError(validator.message, code=validator.code)
        return super().clean(value)


class EmailField(NulFirstMixin, forms.EmailField):
    pass


class TelInput(forms.TextInput):
    """Shows back what was typed, as typed (the library's widget would reformat it)."""

    input_type = "tel"


class DutchPhoneNumberField(NulFirstMixin, PhoneNumberField):
    """django-phonenumber-field's form field for a Dutch number (region NL). Spaces, dashes,
    +31 and 0031 are fine; a number of another country is refused. Cleans to the string the
    model's CharField stores: by default the national format ("06 12345678", "0598 123 456")."""

    MAX_INPUT = 25  # characters typed, spaces and dashes included
    widget = TelInput
    default_error_messages = {
        "invalid": _("Vul een geldig Nederlands telefoonnummer in, bijvoorbeeld 06 12345678.")
    }

    def __init__(self, *, max_length: int | None = None, **kwargs):
        # A model CharField passes its max_length: that bounds the stored form, which the
        # model's own validation checks; what is typed is bounded by MAX_INPUT.
        kwargs.setdefault("region", "NL")
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict:
        return {**super().widget_attrs(widget), "maxlength": str(self.MAX_INPUT)}

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > self.MAX_INPUT:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def clean(self, value) -> str:
        number = super().clean(value)
        if number in self.empty_values:
            return ""
        if phonenumbers.region_code_for_number(number) != self.region:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return self.stored(number)

    def stored(self, number: PhoneNumber) -> str:
        """The string the model keeps."""
        return number.as_national


class ServiceModelForm(forms.ModelForm):
    """A ModelForm whose cleaned_data goes to a service: it takes its fields (and, unbound,
    their values) from the model and cleans them, and leaves the model alone.

    The service validates the model (full_clean, before it saves) and its ValidationError
    lands beside the fields (form_errors_from); a ModelForm would write the typed values
    onto its instance and run the same validation, with its queries, before the service
    runs it again. Nothing here reads `form.instance` after cleaning or calls `form.save()`.
    """

    def _post_clean(self):
        # ModelForm's hook for model validation (BaseForm.full_clean calls it): the model is
        # validated once, by the service.
        pass


def form_errors_from(
    form: forms.Form,
    error: ValidationError,
    *,
    also: Iterable[forms.Form | None] = (),
    keyed: Mapping[str, forms.Form] | None = None,
) -> None:
    """Put a service's ValidationError where the user sees it: an error keyed by a field
    beside that field of `form`, or of the first form in `also` (the other parts of one page)
    that has it; an error keyed by a name in `keyed` above that form (a row of a formset);
    anything else above `form`."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    others = [other for other in also if other is not None]
    for name, errors in error.error_dict.items():
        owner = next((f for f in (form, *others) if name in f.fields), None)
        if owner is not None:
            owner.add_error(name, errors)
        elif keyed and name in keyed:
            keyed[name].add_error(None, errors)
        else:
            form.add_error(None, errors)


def cleaned_fields(form: forms.Form, names: Iterable[str]) -> dict[str, Any]:
    """The cleaned values of the fields `names` that the form has (a service's keywords)."""
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def service_saved(
    request: HttpRequest, form: forms.Form | None, save: Callable[[], Any], *, done: str
) -> bool:
    """Call `save` (the service, for the valid `form`). True when it saved, with the message
    `done` shown; False when it refused, with its ValidationError on the form (or, for a
    button without a form, as an error message)."""
    try:
        save()
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            form_errors_from(form, error)
        return False
    messages.success(request, done)
    return True


class VersionMixin(forms.Form):
    """The version the editor started from (optimistic locking, core.edits), as a hidden field.

    The same forms add records (a new goal, the first plan or intake), so the field may be
    empty here; the services refuse an edit of a stored record without it (core.edits
    .require_version), so leaving it out never overwrites. Unbound, it starts from the
    instance's version, or 0 for a record not created yet. A garbage value is the same
    refusal, above the form (a hidden field's error would not show)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        error_messages={"invalid": MISSING_VERSION, "min_value": MISSING_VERSION},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.initial.get("version") is None:
            instance = getattr(self, "instance", None)
            stored = instance is not None and instance.pk is not None
            self.initial["version"] = instance.version if stored else 0

    def clean(self):
        cleaned = super().clean()
        if "version" in self._errors:
            del self._errors["version"]
            self.add_error(None, MISSING_VERSION)
        return cleaned
