"""What every edit checks first: only known fields, and the version it started from.

Edits of a stored record with a `version` (Plan, Goal, Evaluation, LoadProfile, Intake) are
optimistic: the caller passes the `expected_version` the editor started from; when someone else saved in
between, EditConflict is raised with the stored values next to the submitted ones, and nothing
is written. Without a version an edit of a stored record is refused (MISSING_VERSION): a client
that leaves the hidden field out must not overwrite silently. Only creating (nothing stored
yet) needs none.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formats import format_value


def refuse_unknown(fields: Iterable[str], known: Iterable[str], *, what: str) -> None:
    """A programming error, not a user's: the caller passed a field the write does not set."""
    unknown = set(fields) - set(known)
    if unknown:
        raise ValueError(f"not a {what} field: {sorted(unknown)}")


# A value as the conflict rows, the profile comparison and the timeline show it.
fmt = format_value


@dataclass
class Change:
    label: str
    stored: str
    theirs: str


@dataclass
class EditConflict(Exception):
    """Someone else saved this object after the editor opened it."""

    message: str
    current_version: int
    changes: list[Change] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


def differences(model: type[models.Model], stored: Mapping, theirs: Mapping) -> list[Change]:
    changes = []
    for name, value in theirs.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:
            label = name
        current = stored.get(name)
        if current != value:
            changes.append(Change(label=label, stored=fmt(current), theirs=fmt(value)))
    return changes


MISSING_VERSION = gettext_lazy(
    "Het formulier mist de versie waarmee u begon, dus kan niet worden nagegaan of iemand "
    "anders intussen heeft opgeslagen. Uw wijzigingen zijn niet opgeslagen; laad de pagina "
    "opnieuw en vul ze nog eens in."
)


def require_version(expected_version: int | None) -> None:
    """Refuse an edit of a stored record that does not say which version it started from."""
    if expected_version is None:
        raise ValidationError(MISSING_VERSION, code="missing_version")


def check_version(
    obj: models.Model, expected_version: int | None, submitted: Mapping, *, what: str
) -> None:
    require_version(expected_version)
    if obj.version == expected_version:
        return
    stored = {name: getattr(obj, name) for name in submitted}
    raise EditConflict(
        message=_(
            "Iemand anders heeft %(what)s intussen opgeslagen. Uw wijzigingen zijn niet "
            "opgeslagen; hieronder ziet u de opgeslagen waarden naast de uwe. Neem over wat "
            "nodig is en sla opnieuw op."
        )
        % {"what": what},
        current_version=obj.version,
        changes=differences(type(obj), stored, submitted),
    )
