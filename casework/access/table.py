"""The access table: which part of a case each role may read or change.

One row per section (a part of a case: a tab, a block of a page, a document, an action), one
column per role. A cell is empty (none), R (read), W (write, which includes read) or a Grant
with a condition on the case (its consent, its school). Rules that hold for every row:

- A user only ever reaches a case that `Case.objects.visible_to` gives them; the table decides
  what they may do there. `get_case_for_user(request, pk, section=..., write=...)` asks the
  table and answers a refusal with the same logged 404 as for a case that does not exist; the
  tab bar shows a tab iff its section grants read, so a tab never answers 404.
- A casemanager's and a coördinator's every grant holds only within WRITE_SCOPE: the
  casemanager's own cases, the coördinator's region (the same cases visible_to gives them).
- The other roles' writes are their own contributions: the partner's note, the
  gedragsdeskundige's follow-up and the school's part of the belastbaarheidsprofiel.
- The table answers on role and consent; the case's state does not refuse a page to read. A
  change in a state that does not allow it is refused by its service, with a message; the
  pages offer a form only in the states casework.workflow.EDITABLE_IN names
  (`CaseAccess.offers`). A case that has ended changes in no section but those of
  casework.workflow.CHANGEABLE_WHEN_ENDED: get_case_for_user refuses every other write.
- The beheerder (administrator) reaches no case: no column.
"""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.models import Role

from ..signals import consent_rules
from ..workflow import EDITABLE_IN, is_read_only

READ, WRITE = "read", "write"


@dataclass(frozen=True)
class Grant:
    level: str  # READ or WRITE
    when: Callable | None = None  # (user, case) -> bool: a further condition
    name: str = ""  # what the condition is, for the table's readers and tests

    def __str__(self) -> str:
        return f"{self.level}{f' if {self.name}' if self.name else ''}"


def _intake_shared(user, case) -> bool:
    return consent_rules.intake_shared_with(case, user.organisation_id)


def _own_school(user, case) -> bool:
    return case.school_id is not None and case.school_id == user.school_id


R = Grant(READ)
W = Grant(WRITE)
INTAKE_SHARED = Grant(READ, _intake_shared, "the consent shares the intake with them")
OWN_SCHOOL = Grant(WRITE, _own_school, "the pupil's school is theirs")
_ = None

ROLES = (Role.CASEMANAGER, Role.COORDINATOR, Role.BEHAVIOURAL_EXPERT, Role.PARTNER)

# fmt: off
SECTIONS: dict[str, tuple[Grant | None, ...]] = {
    #                            casemanager  coördinator  gedragsdesk.  partner
    "overview":                  (W,          W,           R,            R),
    "case_details":              (R,          R,           _,            R),  # scenario, outcome, timeline texts
    "registration":              (R,          R,           R,            _),  # the school's registration
    "family":                    (R,          R,           _,            _),  # guardians, residence
    "intake":                    (W,          W,           _,            INTAKE_SHARED),
    "consent":                   (W,          W,           _,            _),
    "plan":                      (W,          W,           R,            R),
    "evaluations":               (W,          W,           R,            R),
    "load_profile":              (W,          W,           R,            _),  # health: never partners
    "load_profile_school":       (_,          _,           OWN_SCHOOL,   _),
    "minutes":                   (W,          W,           _,            R),  # write: via the meeting
    "documents":                 (R,          R,           R,            R),
    "document.plan":             (R,          R,           _,            R),
    "document.intake":           (R,          R,           _,            INTAKE_SHARED),
    "document.belastbaarheidsprofiel": (R,    R,           R,            _),
    "timeline":                  (R,          R,           R,            R),
    "note":                      (_,          _,           _,            W),  # the partner's note
    "history":                   (R,          R,           _,            _),
    "access_log":                (_,          R,           _,            _),
    "subject_access":            (_,          R,           _,            _),  # AVG art. 15 export
    "assign":                    (_,          W,           _,            _),
    "close":                     (W,          W,           _,            _),  # also: not started
    "follow_up":                 (_,          _,           W,            _),  # after closing
}
# fmt: on

# Roles that read a case only through a consent: what they print is the partner variant.
CONSENT_READERS = (Role.PARTNER,)


def _own_case(user, case) -> bool:
    return case.casemanager_id == user.pk


def _region_case(user, case) -> bool:
    return case.region_id == user.region_id


WRITE_SCOPE: dict[str, Callable] = {Role.CASEMANAGER: _own_case, Role.COORDINATOR: _region_case}


def user_may_write(user, case) -> bool:
    """Casemanager of the case and the region's coördinator change case content."""
    scope = WRITE_SCOPE.get(user.role)
    return scope is not None and scope(user, case)


def grant_for(role: str, section: str) -> Grant | None:
    """The table's cell; a section not in the table is a programming error (KeyError)."""
    row = SECTIONS[section]
    return row[ROLES.index(role)] if role in ROLES else None


def can(user, case, section: str, level: str = READ) -> bool:
    """May `user` read (or write) `section` of `case`, a case visible_to gives them?"""
    if not user.is_authenticated:
        return False
    grant = grant_for(user.role, section)
    if grant is None or (level == WRITE and grant.level != WRITE):
        return False
    if user.role in WRITE_SCOPE and not user_may_write(user, case):
        return False
    return grant.when is None or grant.when(user, case)


def reads_through_consent(user) -> bool:
    return user.role in CONSENT_READERS


@dataclass(frozen=True)
class CaseAccess:
    """What one user may do with one case; get_case_for_user sets it on the case it returns
    (`case.access`), so views and templates ask the table, not the role."""

    user: object
    case: object

    def reads(self, section: str) -> bool:
        return can(self.user, self.case, section, READ)

    def writes(self, section: str) -> bool:
        return can(self.user, self.case, section, WRITE)

    def offers(self, section: str) -> bool:
        """May write, and the case's state allows the change: show the form."""
        states = EDITABLE_IN.get(section)
        if is_read_only(self.case, section):
            return False
        return self.writes(section) and (states is None or self.case.status in states)

    @property
    def through_consent(self) -> bool:
        return reads_through_consent(self.user)
