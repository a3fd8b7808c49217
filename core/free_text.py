"""The one limit on free text: every text area in the product takes at most TEXT_LIMIT
characters (about two full A4 pages in a PDF), so no answer can grow into a document of its
own or make a page or PDF slow. Models check it (TextLimitValidator, through core.encryption's
EncryptedTextField or a field's validators), forms refuse more beside the field with the text
kept (FreeTextField, which the model fields use as their form field).

The text area has no `maxlength` attribute: a browser would cut a pasted text at the limit
without a word, while the form's message says how much was typed and keeps all of it.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

TEXT_LIMIT = 5000
TEXT_LIMIT_MESSAGE = _("Maximaal %(limit_value)d tekens (u typte er %(show_value)d).")


@deconstructible
class TextLimitValidator(MaxLengthValidator):
    message = TEXT_LIMIT_MESSAGE

    def __init__(self, limit_value: int = TEXT_LIMIT, message=None):
        super().__init__(limit_value, message)


class FreeTextField(forms.CharField):
    """A text area of at most TEXT_LIMIT characters. A line break counts as one character
    (browsers send it as CR LF; it is stored as LF), as the browser counts it."""

    widget = forms.Textarea
    default_error_messages = {"max_length": TEXT_LIMIT_MESSAGE}

    def __init__(self, *, max_length: int | None = TEXT_LIMIT, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def widget_attrs(self, widget: forms.Widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # see the module docstring
        return attrs
