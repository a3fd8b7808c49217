"""casework's models by sub-domain: organisations (regions, schools, partners), cases (the
pupil, family, case, timeline) and the access log. pghistory adds the event models of the
tracked ones (CaseEvent, StudentEvent, GuardianEvent) to this package."""

from .access_log import AccessAction, AccessLogEntry, AccessResult
from .cases import (
    BSNValidator,
    Case,
    CaseQuerySet,
    Guardian,
    Student,
    TimelineEntry,
    bsn_hash,
    normalise_bsn,
    validate_mobile,
)
from .organisations import Organisation, OrganisationKind, Region, School, SchoolBoard

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "AccessResult",
    "Case",
    "CaseQuerySet",
    "Guardian",
    "Organisation",
    "OrganisationKind",
    "Region",
    "School",
    "SchoolBoard",
    "Student",
    "TimelineEntry",
    "bsn_hash",
    "normalise_bsn",
    "BSNValidator",
    "validate_mobile",
]
