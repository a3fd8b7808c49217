"""What the edit views share: the cleaned fields a service takes (core.forms.cleaned_fields,
with the version: edited_fields), and one way of calling the service (attempt_save): a save shows its message; a refused save re-renders the form with
everything the user typed, the ValidationError beside its fields, or after an edit conflict
(EditConflict) with the current version, so that the second save is a deliberate one."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from core.forms import cleaned_fields, form_errors_from

from .. import services


def edited_fields(form: forms.Form, names) -> dict[str, Any]:
    """The cleaned fields and the version the edit started from (`expected_version`)."""
    return {"expected_version": form.cleaned_data.get("version"), **cleaned_fields(form, names)}


def rebind_after_conflict(form: forms.Form, conflict: services.EditConflict) -> forms.Form:
    """The same form with the user's input and the current version, so that a second save
    is a deliberate one; the conflict message sits above the form."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(conflict.current_version)
    kwargs: dict[str, Any] = {"prefix": form.prefix}
    if isinstance(form, forms.ModelForm):
        kwargs["instance"] = form.instance
    for attr in ("region",):
        if hasattr(form, attr):
            kwargs[attr] = getattr(form, attr)
    new = type(form)(data, **kwargs)
    new.is_valid()
    new.add_error(None, conflict.message)
    return new


@dataclass
class Attempt:
    """What became of a save: `saved`, with what the service returned (`result`), or not, with
    the `form` to render again and the `conflict` to show above it."""

    form: forms.Form
    saved: bool = False
    result: Any = None
    conflict: services.EditConflict | None = None


def attempt_save(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], Any],
    *,
    done: str,
    keyed: Mapping[str, forms.Form] | None = None,
) -> Attempt:
    """Call `save` (the service, for the valid `form`); when it saves, show `done`. An
    EditConflict gives the form rebound with the current version; a ValidationError goes onto
    the form (`keyed`: the forms of a page's rows by error key, see
    core.forms.form_errors_from)."""
    try:
        result = save()
    except services.EditConflict as exc:
        return Attempt(rebind_after_conflict(form, exc), conflict=exc)
    except ValidationError as exc:
        form_errors_from(form, exc, keyed=keyed)
        return Attempt(form)
    messages.success(request, done)
    return Attempt(form, saved=True, result=result)
