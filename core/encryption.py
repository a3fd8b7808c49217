"""Encrypted model fields (django-fernet-encrypted-fields) that share their derived keys.

The library derives each field's Fernet keys from SECRET_KEY (+ fallbacks) and SALT_KEY with
PBKDF2 (100 000 rounds, about 50 ms) separately per field, so the first page that touches
the intake's forty encrypted answers paid two seconds in every new process. The keys are the
same for every field; these subclasses derive them once per process.
"""

from django.conf import settings
from django.utils.functional import cached_property
from encrypted_fields import fields

_derived: dict[tuple, list[bytes]] = {}


class SharedKeysMixin:
    @cached_property
    def keys(self) -> list[bytes]:
        ident = (
            settings.SECRET_KEY,
            tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ())),
            tuple(settings.SALT_KEY) if isinstance(settings.SALT_KEY, list) else settings.SALT_KEY,
        )
        if ident not in _derived:
            _derived[ident] = fields.EncryptedFieldMixin.keys.func(self)
        return _derived[ident]


class EncryptedCharField(SharedKeysMixin, fields.EncryptedCharField):
    pass


class EncryptedTextField(SharedKeysMixin, fields.EncryptedTextField):
    pass
