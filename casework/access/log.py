"""The NEN 7513 access log: one row per access or refusal, and the refusal itself (a logged 404)."""

from typing import NoReturn

from django.db.models import CharField, Subquery
from django.http import Http404, HttpRequest

from ..models import AccessAction, AccessLogEntry, AccessResult, Case


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def user_organisation(user) -> str | Subquery:
    """The organisation a log row names for `user`: their school (gedragsdeskundige), partner
    organisation (partner), else their region (casemanager, coördinator, beheerder).

    The name when the user's relation is already loaded; else a subquery, so that the row's
    INSERT reads the name itself (a list page costs no extra query for its log row)."""
    if user is None or not user.is_authenticated:
        return ""
    for attribute in ("school", "organisation", "region"):
        related_id = getattr(user, f"{attribute}_id", None)
        if related_id is None:
            continue
        field = user._meta.get_field(attribute)
        if field.is_cached(user):
            return str(getattr(user, attribute).name)[:200]
        names = field.related_model.objects.filter(pk=related_id).values("name")[:1]
        return Subquery(names, output_field=CharField())
    return ""


def log_access(
    request: HttpRequest | None,
    *,
    user=None,
    case: Case | None,
    action: str,
    detail: str = "",
    result: str | None = None,
    on_behalf_of: str = "",
) -> AccessLogEntry:
    """Write one access-log row: the one place rows are written. Call inside the
    transaction of the change it records.

    `result` defaults to geweigerd for a DENIED action, else toegestaan. `on_behalf_of` stays
    blank unless the user acted for someone else.
    """
    user = user or (request.user if request is not None else None)
    authenticated = user is not None and user.is_authenticated
    if result is None:
        result = AccessResult.DENIED if action == AccessAction.DENIED else AccessResult.GRANTED
    return AccessLogEntry.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        role=getattr(user, "role", "") if authenticated else "",
        organisation=user_organisation(user),
        on_behalf_of=on_behalf_of[:200],
        case=case,
        student_pseudonym=case.student.pseudonym if case is not None else None,
        action=action,
        detail=detail[:200],
        result=result,
        ip_address=client_ip(request),
    )


def deny(
    request: HttpRequest,
    detail: str,
    message: str = "Niet gevonden.",
    *,
    case: Case | None = None,
) -> NoReturn:
    """Refuse what `detail` names: one access-log row (result geweigerd; with the case and
    pupil pseudonym when `case` is given), then the same 404 as for something that does not
    exist, so a refusal reveals nothing."""
    log_access(request, case=case, action=AccessAction.DENIED, detail=detail)
    raise Http404(message)


def deny_case(request: HttpRequest, pk: int, detail: str, *, case: Case | None = None) -> NoReturn:
    """Refuse case `pk` (also when a role rule, not visibility, refuses): see deny.

    The row names the case and its pupil's pseudonym when case `pk` exists; that lookup is
    for the log only and changes nothing in the answer."""
    if case is None:
        case = Case.objects.select_related("student").filter(pk=pk).first()
    deny(request, f"casus {pk}: {detail}", "Casus niet gevonden.", case=case)
