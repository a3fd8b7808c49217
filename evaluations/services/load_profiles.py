"""Writes on the belastbaarheidsprofiel (LoadProfile): each save is a new version
(groeidocument), by a qualified author; a gedragsdeskundige of the pupil's school adds the
school's part."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from casework.access import WRITE, can
from casework.models import Case
from casework.services import timeline_add
from core.edits import EditConflict, differences, fmt, refuse_unknown, require_version

from ..models import (
    PROFILE_FIELDS,
    SCHOOL_FIELDS,
    LoadProfile,
    LoadProfileVersion,
    qualified_functions,
)


def is_qualified_function(value: str) -> bool:
    normalised = " ".join((value or "").lower().replace("-", " ").split())
    return normalised in {
        " ".join(f.lower().replace("-", " ").split()) for f in qualified_functions()
    }


def _unqualified_error() -> ValidationError:
    return ValidationError(
        {
            "author_function": _(
                "Een belastbaarheidsprofiel kan alleen worden opgesteld door een %(functions)s."
            )
            % {"functions": _(" of ").join(qualified_functions())}
        }
    )


def _profile_conflict(profile: LoadProfile, expected_version: int | None, submitted: Mapping):
    if expected_version is None and profile.version == 0:
        return  # nothing saved yet: nothing to overwrite
    require_version(expected_version)
    if profile.version == expected_version:
        return
    latest = profile.latest
    stored = {name: getattr(latest, name) for name in submitted} if latest else {}
    raise EditConflict(
        message=_(
            "Iemand anders heeft het belastbaarheidsprofiel intussen opgeslagen (versie "
            "%(version)s). Uw wijzigingen zijn niet opgeslagen; hieronder ziet u de opgeslagen "
            "waarden naast de uwe. Neem over wat nodig is en sla opnieuw op."
        )
        % {"version": profile.version},
        current_version=profile.version,
        changes=differences(LoadProfileVersion, stored, submitted),
    )


def _profile_new_version(*, profile: LoadProfile, by: User, values: Mapping, school: bool):
    profile.version += 1
    profile.save()
    version = LoadProfileVersion(
        profile=profile, number=profile.version, saved_by=by, school_part_only=school, **values
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def load_profile_save(
    *, case: Case, by: User, expected_version: int | None = None, **fields: Any
) -> LoadProfileVersion:
    """Save the profile as a new version (groeidocument). The author's function must be one
    of the qualified functions (settings.LOAD_PROFILE_QUALIFIED_FUNCTIONS)."""
    refuse_unknown(fields, PROFILE_FIELDS, what="profile")
    if not is_qualified_function(fields.get("author_function", "")):
        raise _unqualified_error()
    profile, _created = LoadProfile.objects.get_or_create(case=case)
    profile = LoadProfile.objects.select_for_update().get(pk=profile.pk)
    _profile_conflict(profile, expected_version, fields)
    latest = profile.latest
    values = {name: getattr(latest, name) for name in PROFILE_FIELDS} if latest else {}
    values.update(fields)
    version = _profile_new_version(profile=profile, by=by, values=values, school=False)
    timeline_add(
        case=case,
        by=by,
        kind="load_profile",
        text=_("Belastbaarheidsprofiel opgeslagen (versie %(n)s).") % {"n": version.number},
    )
    return version


@transaction.atomic
def load_profile_add_school_part(
    *, case: Case, by: User, expected_version: int | None = None, **fields: Any
) -> LoadProfileVersion:
    """A gedragsdeskundige of the pupil's school adds the school's part (only SCHOOL_FIELDS)
    to the profile drawn up by jeugdhulp; the rest is copied from the latest version."""
    refuse_unknown(fields, SCHOOL_FIELDS, what="school")
    # The one place a gedragsdeskundige writes in a case (casework.access.SECTIONS).
    if not can(by, case, "load_profile_school", WRITE):
        raise ValidationError(_("Alleen een gedragsdeskundige van de school vult dit deel aan."))
    profile = LoadProfile.objects.select_for_update().filter(case=case).first()
    latest = profile.latest if profile else None
    if latest is None:
        raise ValidationError(
            _("Er is nog geen belastbaarheidsprofiel van de jeugdhulp om aan te vullen.")
        )
    _profile_conflict(profile, expected_version, fields)
    values = {name: getattr(latest, name) for name in PROFILE_FIELDS}
    values.update(fields)
    version = _profile_new_version(profile=profile, by=by, values=values, school=True)
    timeline_add(
        case=case,
        by=by,
        kind="load_profile",
        text=_("Belastbaarheidsprofiel aangevuld door school (versie %(n)s).")
        % {"n": version.number},
    )
    return version


def load_profile_compare(
    older: LoadProfileVersion, newer: LoadProfileVersion
) -> list[dict[str, Any]]:
    rows = []
    for name in PROFILE_FIELDS:
        a, b = getattr(older, name), getattr(newer, name)
        rows.append(
            {
                "name": name,
                "label": LoadProfileVersion._meta.get_field(name).verbose_name,
                "a": fmt(a),
                "b": fmt(b),
                "changed": a != b,
            }
        )
    return rows
