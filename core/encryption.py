"""Encrypted model fields (django-fernet-encrypted-fields) that share their derived keys.

Policy (one for the whole product): every free text about a pupil is encrypted at rest with
these fields, in its own table and in its history copy (quality's event models copy the field
class): what professionals write about the pupil's situation, view, goals, progress and
agreements (the intake's answers, the registration's texts, the plan's and evaluations'
texts, goals and their reviews, the belastbaarheidsprofiel's texts, a meeting's minutes and
actions per case, the case's closing agreements and its timeline's texts, the consent's
reason for a missing signature and its note on withdrawal). Not encrypted: yes/no signals,
choices, dates and numbers (reports count them), the timeline's kind; names, e-mail and phone
of professionals (and who holds the casusregie after closing); the pupil's identity data
(name, birth date, residence: they are what lists and search show, behind the access rules)
and the BSN, which has its own encryption and search digest in casework. A new free-text
field about the pupil uses EncryptedTextField (or EncryptedCharField for a one-line answer).

An empty answer of a field that is not nullable is stored as "" (not encrypted: it says only
that nothing was written, as NULL does for the intake's nullable answers), so such fields keep
reading back as "" and `exclude(field="")` still finds the filled-in ones. Nothing else can be
filtered on: the same text encrypts differently every time.

The library derives each field's Fernet keys from SECRET_KEY (+ fallbacks) and SALT_KEY with
PBKDF2 (100 000 rounds, about 50 ms) separately per field, so the first page that touches
the intake's forty encrypted answers paid two seconds in every new process. The keys are the
same for every field; these subclasses derive them once per process.
"""

from django.conf import settings
from django.utils.functional import cached_property
from encrypted_fields import fields

from .free_text import TEXT_LIMIT, FreeTextField, TextLimitValidator

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


class EmptyStaysEmptyMixin:
    """The library stores "" as NULL; a NOT NULL field keeps "" instead (see the docstring)."""

    def clean(self, value, model_instance):
        # The library marks the (shared) field "_already_decrypted" during clean and unmarks
        # it only when clean succeeds: a refused value would leave the field unable to decrypt
        # anything in this process (every later read returns the token).
        try:
            return super().clean(value, model_instance)
        finally:
            self.__dict__.pop("_already_decrypted", None)

    def get_prep_value(self, value):
        if value == "" and not self.null:
            return ""
        return super().get_prep_value(value)


class EncryptedCharField(EmptyStaysEmptyMixin, SharedKeysMixin, fields.EncryptedCharField):
    pass


class EncryptedTextField(EmptyStaysEmptyMixin, SharedKeysMixin, fields.EncryptedTextField):
    """Free text, at most core.free_text.TEXT_LIMIT characters. The limit is the class's (its
    default validator and form field), not a `max_length` of each field: it is one rule,
    and it changes nothing in the database (the column stores the longer token)."""

    default_validators = [TextLimitValidator()]

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": FreeTextField, "max_length": TEXT_LIMIT, **kwargs}
        )


# --- migrating clear text to encrypted ---------------------------------------------------------


def _cipher():
    return EncryptedTextField().f


def _is_token(cipher, value: str) -> bool:
    try:
        cipher.decrypt(value.encode("utf-8"))
    except Exception:
        return False
    return True


def _rewrite(connection, table, columns, pk, change, ignore_triggers) -> int:
    """Rewrite the non-empty values of `columns` with `change` (None: leave the value)."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    assignments = ", ".join(f'"{c}" = %s' for c in columns)
    updates = []
    with connection.cursor() as cursor:
        if ignore_triggers:
            # The history triggers (pgtrigger's _pgtrigger_should_ignore): a rewrite
            # of the stored form is not a change anyone made.
            cursor.execute(
                "SELECT set_config('pgtrigger.ignore', %s, true)",
                ["{" + ",".join(ignore_triggers) + "}"],
            )
        cursor.execute(f'SELECT "{pk}", {quoted} FROM "{table}"')
        for row in cursor.fetchall():
            values = list(row[1:])
            new = [change(v) if v else None for v in values]
            if any(n is not None for n in new):
                updates.append(
                    [n if n is not None else v for n, v in zip(new, values, strict=True)] + [row[0]]
                )
        if updates:
            cursor.executemany(f'UPDATE "{table}" SET {assignments} WHERE "{pk}" = %s', updates)
        if ignore_triggers:
            cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")
    return len(updates)


def encrypt_in_place(connection, table, columns, *, pk="id", ignore_triggers=()) -> int:
    """For data migrations: encrypt the clear values of these columns (idempotent: a value
    that already decrypts is left alone). Returns the number of rows rewritten."""
    cipher = _cipher()

    def encrypt(value):
        if _is_token(cipher, value):
            return None
        return cipher.encrypt(value.encode("utf-8")).decode("utf-8")

    return _rewrite(connection, table, columns, pk, encrypt, ignore_triggers)


def decrypt_in_place(connection, table, columns, *, pk="id", ignore_triggers=()) -> int:
    """The reverse of encrypt_in_place (for unapplying such a migration)."""
    cipher = _cipher()

    def decrypt(value):
        if not _is_token(cipher, value):
            return None
        return cipher.decrypt(value.encode("utf-8")).decode("utf-8")

    return _rewrite(connection, table, columns, pk, decrypt, ignore_triggers)


def encrypt_columns(columns: dict[str, list[str]], *, pk: str = "id", history: bool = True):
    """The data-migration step that encrypts these columns in place (and decrypts them when
    unapplied), per table. With `history`, the tables' history UPDATE triggers skip the
    rewrite; a history table itself (pk "pgh_id") has none."""
    from django.db import migrations

    def each(rewrite):
        def run(apps, schema_editor):
            for table, names in columns.items():
                ignore = history_update_triggers(table) if history else ()
                rewrite(schema_editor.connection, table, names, pk=pk, ignore_triggers=ignore)

        return run

    return migrations.RunPython(each(encrypt_in_place), each(decrypt_in_place))


def history_update_triggers(*tables: str) -> list[str]:
    """The names of the history UPDATE triggers on these tables: pghistory's (the tracked
    model's @pghistory.track) and, for the migrations written before those existed, the
    hand-made ones quality's migrations had installed ("quality_h_<table>_update")."""
    import pgtrigger
    from pghistory.trigger import Event

    names = [f"quality_h_{table}_update"[:63].lower() for table in tables]
    for model, trigger in pgtrigger.registered():
        is_history = isinstance(trigger, Event) and trigger.label == "update"
        if is_history and model._meta.db_table in tables:
            names.append(trigger.get_pgid(model))
    return names
