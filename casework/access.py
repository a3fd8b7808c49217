"""Dossier access: the one fetch every view uses, and the NEN 7513 access log."""

from typing import NoReturn

from django.http import Http404, HttpRequest

from .models import AccessAction, AccessLogEntry, Case


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_access(
    request: HttpRequest | None,
    *,
    user=None,
    case: Case | None,
    action: str,
    detail: str = "",
) -> AccessLogEntry:
    """Write one access-log row. Call inside the transaction of the change it records."""
    user = user or (request.user if request is not None else None)
    authenticated = user is not None and user.is_authenticated
    return AccessLogEntry.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        role=getattr(user, "role", "") if authenticated else "",
        case=case,
        student_pseudonym=case.student.pseudonym if case is not None else None,
        action=action,
        detail=detail[:200],
        ip_address=client_ip(request),
    )


def deny(request: HttpRequest, detail: str, message: str = "Niet gevonden.") -> NoReturn:
    """Refuse what `detail` names: one access-log row, then the same 404 as for something
    that does not exist, so a refusal reveals nothing."""
    log_access(request, case=None, action=AccessAction.DENIED, detail=detail)
    raise Http404(message)


def deny_case(request: HttpRequest, pk: int, detail: str) -> NoReturn:
    """Refuse case `pk` (also when a role rule, not visibility, refuses): see deny."""
    deny(request, f"casus {pk}: {detail}", "Casus niet gevonden.")


def get_case_for_user(
    request: HttpRequest,
    pk: int,
    *,
    write: bool = False,
    action: str | None = None,
    detail: str = "",
) -> Case:
    """The case `pk` if the user may see it (and, with write=True, change it); else 404.

    Logs the access (or the refusal). A gedragsdeskundige or partner may read but not
    change a dossier through this function; their own writes have their own rules.
    """
    user = request.user
    queryset = Case.objects.visible_to(user).select_related(
        "student", "school", "region", "casemanager"
    )
    case = queryset.filter(pk=pk).first()
    if case is not None and write and not user_may_write(user, case):
        case = None
    if case is None:
        deny_case(request, pk, detail)
    log_access(
        request,
        case=case,
        action=action or (AccessAction.CHANGE if write else AccessAction.VIEW),
        detail=detail or request.path,
    )
    return case


def user_may_write(user, case: Case) -> bool:
    """Casemanager of the case and the region's coördinator change case content."""
    from accounts.models import Role

    if user.role == Role.COORDINATOR:
        return case.region_id == user.region_id
    if user.role == Role.CASEMANAGER:
        return case.casemanager_id == user.pk
    return False
