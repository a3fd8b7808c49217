"""What the edit views share: the cleaned fields a service takes, and a form rebound after an
edit conflict (EditConflict) so that the second save is a deliberate one."""

from typing import Any

from django import forms

from .. import services


def cleaned_fields(form: forms.Form, names) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


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
