"""Dossier access: the one fetch every case view uses (get_case_for_user, which asks the
access table in casework.access.table), the role check of the pages that are not a case's
(require_role), and the NEN 7513 access log (casework.access.log)."""

from typing import NoReturn

from django.http import Http404, HttpRequest
from django.urls import reverse

from core.errors import Refused

from ..models import AccessAction, Case
from ..workflow import is_read_only, read_only_message
from .log import client_ip, deny, deny_case, log_access, user_organisation
from .table import (
    READ,
    SECTIONS,
    WRITE,
    CaseAccess,
    can,
    grant_for,
    reads_through_consent,
)

__all__ = [
    "READ",
    "SECTIONS",
    "WRITE",
    "CaseAccess",
    "can",
    "client_ip",
    "deny",
    "deny_case",
    "get_case_for_user",
    "grant_for",
    "log_access",
    "reads_through_consent",
    "refuse_read_only",
    "require_role",
    "user_organisation",
]


def get_case_for_user(
    request: HttpRequest,
    pk: int,
    *,
    section: str = "overview",
    write: bool = False,
    action: str | None = None,
    detail: str = "",
    log: bool = True,
) -> Case:
    """The case `pk` if the user may see it and the access table grants them `section` (to
    read; with write=True to change); else 404. A change to a case that has ended, in a
    section that does not change any more then (casework.workflow.CHANGEABLE_WHEN_ENDED), is
    refused with a 403 page that says so: the one guard of closed cases (issue 18). The case
    comes with `case.access`, a CaseAccess for the page's flags.

    Logs the access (or the refusal). With log=False the caller writes the one row of a
    granted access itself (a print: only once the document is made); a refusal is always
    logged here.
    """
    if section not in SECTIONS:
        raise LookupError(f"No section {section!r} in the access table.")
    user = request.user
    queryset = Case.objects.visible_to(user).select_related(
        "student", "school", "region", "casemanager"
    )
    case = queryset.filter(pk=pk).first()
    if case is None:
        deny_case(request, pk, detail or request.path)
    case.access = CaseAccess(user, case)
    if not can(user, case, section, WRITE if write else READ):
        deny_case(request, pk, detail or request.path, case=case)
    if write and is_read_only(case, section):
        refuse_read_only(request, case, detail or request.path)
    if not log:
        return case
    log_access(
        request,
        case=case,
        action=action or (AccessAction.CHANGE if write else AccessAction.VIEW),
        detail=detail or request.path,
    )
    return case


def refuse_read_only(request: HttpRequest, case: Case, detail: str) -> NoReturn:
    """Refuse a change to a case that has ended (casework.workflow.CHANGEABLE_WHEN_ENDED):
    one access-log row (geweigerd), then the 403 page that says why, with a link back. The
    user may see the case, so naming the reason reveals nothing."""
    log_access(request, case=case, action=AccessAction.DENIED, detail=f"afgesloten: {detail}")
    raise Refused(read_only_message(case), back_url=reverse("casework:case_detail", args=[case.pk]))


def require_role(
    request: HttpRequest,
    *roles: str,
    detail: str = "",
    message: str = "Niet gevonden.",
    needs_region: bool = False,
) -> None:
    """A page that is not a case's (a list, a form to register, a report) and not for this
    role answers 404, like a case the user may not see: logged when `detail` names what was
    refused. `needs_region`: the user must belong to a region as well."""
    user = request.user
    if user.role in roles and (user.region_id is not None or not needs_region):
        return
    if detail:
        deny(request, detail, message)
    raise Http404(message)
