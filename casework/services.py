"""Writes on cases. Every status change goes through `case_move`, which runs a move of the
lifecycle table (casework.workflow.MOVES): it locks the row, checks the move, saves, writes one
timeline entry and sends the move's signals, in one transaction."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User

from . import signals
from .access import log_access
from .constants import CaseKind, Route, TimelineKind
from .models import AccessAction, Case, Guardian, Region, School, Student, TimelineEntry, bsn_hash
from .workflow import MOVES, OPEN_STATUSES, Status, check_move

DUPLICATE_MESSAGE = _(
    "Deze leerling is al aangemeld in dit werkgebied. Neem contact op met de coördinator."
)
DUPLICATE_ROUTED_DETAIL = (
    "aanmelding met het BSN van deze open casus: niet getoond, naar coördinator"
)


def timeline_add(*, case: Case, by: User | None, kind: str, text: str) -> TimelineEntry:
    """One line on the case's timeline; `kind` is a TimelineKind (ValueError otherwise)."""
    return TimelineEntry.objects.create(case=case, user=by, kind=TimelineKind(kind), text=text)


@transaction.atomic
def partner_note_add(*, case: Case, by: User, text: str) -> Case:
    """A partner's note on the timeline (the only thing a partner writes in a dossier)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een notitie.")})
    organisation = by.organisation.name if by.organisation_id else _("partner")
    timeline_add(
        case=case,
        by=by,
        kind=TimelineKind.PARTNER_NOTE,
        text=_("Notitie van %(organisation)s: %(text)s")
        % {"organisation": organisation, "text": text},
    )
    return case


@transaction.atomic
def case_move(*, case: Case, move: str, by: User, text: str, **fields) -> Case:
    """Make lifecycle move `move` (a key of MOVES): lock the case, check the move, set
    `fields`, save, write the timeline entry and send the move's signals. `case` is
    refreshed; the locked, moved case is returned."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    check_move(locked, move)
    step = MOVES[move]
    locked.status = step.target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    timeline_add(case=locked, by=by, kind=step.timeline, text=text)
    for signal in step.signals:
        signal.send(sender=Case, case=locked, by=by)
    case.refresh_from_db()
    return locked


def next_reference(region: Region, year: int) -> str:
    """VD-2026-0007: per region and year. Call with the region row locked."""
    prefix = f"{region.code}-{year}-"
    # The highest number: a longer reference has the higher number (VD-2026-10000 after
    # VD-2026-9999), so order by length before text.
    last = (
        Case.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def open_cases_with_bsn(*, region: Region, bsn: str | None):
    """The region's open cases of the pupil with this BSN (oldest first)."""
    if not bsn:
        return Case.objects.none()
    return (
        Case.objects.filter(
            region=region, status__in=OPEN_STATUSES, student__bsn_digest=bsn_hash(bsn)
        )
        .select_related("student")
        .order_by("registered_on", "id")
    )


@transaction.atomic
def case_register(
    *,
    by: User,
    region: Region,
    school: School | None,
    student: Student,
    guardians: Iterable[Guardian] = (),
    kind: str = CaseKind.INTENSIVE,
    route: str,
    registered_on: date | None = None,
    request=None,
    **situation,
) -> Case:
    """Create the pupil, guardians and case in status *aangemeld*.

    A BSN that matches an open case in the region:
    - that `by` may already see (their own school's case; the coördinator): refused,
      "al aangemeld" beside the field, which tells them nothing new;
    - that `by` may not see (another school's case): registered all the same, with the
      same answer as for a new pupil, so a BSN typed in reveals nothing. The new case has
      no casemanager, so it lands in the coördinator's queue, flagged there as a possible
      duplicate (`duplicate_of` in selectors.unassigned_registrations), and the
      coördinator decides. The attempt is logged on the existing case (its pupil
      pseudonym, result geweigerd: nothing of it was shown).
    """
    region = Region.objects.select_for_update().get(pk=region.pk)
    student.set_bsn(student.bsn)
    existing = list(open_cases_with_bsn(region=region, bsn=student.bsn))
    if Case.objects.visible_to(by).filter(pk__in=[c.pk for c in existing]).exists():
        raise ValidationError({"bsn": DUPLICATE_MESSAGE})
    student.full_clean()
    student.save()
    for guardian in guardians:
        guardian.student = student
        guardian.full_clean()
        guardian.save()
    registered_on = registered_on or timezone.localdate()
    case = Case(
        reference=next_reference(region, registered_on.year),
        region=region,
        school=school,
        student=student,
        kind=kind,
        route=route,
        registered_by=by,
        registered_on=registered_on,
        **situation,
    )
    case.full_clean()
    case.save()
    timeline_add(
        case=case,
        by=by,
        kind="registered",
        text=_("Aangemeld (%(route)s).") % {"route": case.get_route_display()},
    )
    on_behalf_of = ""
    if by.role != Role.BEHAVIOURAL_EXPERT:
        # Staff register for someone else: the school, CJG, leerplicht …
        on_behalf_of = (
            school.name if case.route == Route.SCHOOL and school else case.get_route_display()
        )
    log_access(
        request,
        user=by,
        case=case,
        action=AccessAction.CREATE,
        detail="aanmelding",
        on_behalf_of=on_behalf_of,
    )
    for other in existing:
        log_access(
            request,
            user=by,
            case=other,
            action=AccessAction.DENIED,
            detail=f"{DUPLICATE_ROUTED_DETAIL} ({case.reference})",
        )
    return case


@transaction.atomic
def case_assign(*, case: Case, casemanager: User, by: User) -> Case:
    """Give the case a casemanager. A new registration then waits for consent."""
    if casemanager.role != Role.CASEMANAGER or casemanager.region_id != case.region_id:
        raise ValidationError({"casemanager": _("Kies een casemanager uit dit werkgebied.")})
    text = _("Casemanager: %(name)s.") % {"name": casemanager}
    if case.status == Status.REGISTERED:
        case = case_move(case=case, move="assign", by=by, text=text, casemanager=casemanager)
    else:
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not case.is_open:
            raise ValidationError(_("Een afgesloten casus krijgt geen casemanager meer."))
        case.casemanager = casemanager
        case.save(update_fields=["casemanager", "updated_at"])
        timeline_add(case=case, by=by, kind=TimelineKind.ASSIGNED, text=text)
    signals.case_assigned.send(sender=Case, case=case, casemanager=casemanager, by=by)
    return case


def case_start_intake(*, case: Case, by: User, text: str) -> Case:
    """Called by consent.services once valid consent is recorded; refused without it."""
    return case_move(case=case, move="start_intake", by=by, text=text)


def case_activate_plan(*, case: Case, by: User, text: str) -> Case:
    """Called by evaluations.services when the plan van aanpak is adopted."""
    return case_move(case=case, move="adopt_plan", by=by, text=text)


# What a closing records: the keywords of case_close, the fields of the form that closes a case.
CLOSE_FIELDS = (
    "outcome",
    "agreements",
    "closed_on",
    "case_direction_continues",
    "case_direction_email",
    "case_direction_phone",
)


def _closing_errors(
    case: Case, *, closed_on: date | None, continues: bool, email: str, phone: str
) -> dict[str, str]:
    errors = {}
    if closed_on and closed_on > timezone.localdate():
        errors["closed_on"] = _("De datum van afsluiting kan niet in de toekomst liggen.")
    elif closed_on and closed_on < case.registered_on:
        errors["closed_on"] = _("De datum van afsluiting ligt voor de aanmelding.")
    if continues:
        # The seed form: "Indien casusregie nodig blijft: e-mailadres en 06-nummer van
        # betrokken casusregisseur".
        if not email:
            errors["case_direction_email"] = _("Vul het e-mailadres van de casusregisseur in.")
        if not phone:
            errors["case_direction_phone"] = _("Vul het 06-nummer van de casusregisseur in.")
    return errors


def case_close(
    *,
    case: Case,
    by: User,
    outcome: str,
    agreements: str,
    closed_on: date | None = None,
    case_direction_continues: bool = False,
    case_direction_email: str = "",
    case_direction_phone: str = "",
) -> Case:
    """Close the case. The move ends the consent (sharing stops from this moment; history is
    kept) and, after the commit, sends parents and the school's zorgcoördinator the
    satisfaction survey (see casework.workflow.MOVES). The casusregisseur's contact is kept
    only while casusregie continues."""
    check_move(case, "close")
    errors = _closing_errors(
        case,
        closed_on=closed_on,
        continues=case_direction_continues,
        email=case_direction_email,
        phone=case_direction_phone,
    )
    if errors:
        raise ValidationError(errors)
    if not case_direction_continues:
        case_direction_email = case_direction_phone = ""
    outcome_label = dict(Case._meta.get_field("outcome").choices).get(outcome, outcome)
    return case_move(
        case=case,
        move="close",
        by=by,
        text=_("Afgesloten: %(outcome)s.") % {"outcome": outcome_label},
        outcome=outcome,
        closing_agreements=agreements,
        closed_on=closed_on or timezone.localdate(),
        case_direction_continues=case_direction_continues,
        case_direction_email=case_direction_email,
        case_direction_phone=case_direction_phone,
    )


def case_mark_not_started(*, case: Case, by: User, reason: str) -> Case:
    """The case ends before it started; its consent ends with it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden op.")})
    return case_move(
        case=case,
        move="mark_not_started",
        by=by,
        text=_("Niet gestart: %(reason)s") % {"reason": reason},
        closed_on=timezone.localdate(),
    )


@transaction.atomic
def case_update_situation(*, case: Case, by: User, **fields) -> Case:
    """Change the thuiszit-situation (dates, kind, extent) or the scenario; not the status."""
    allowed = {
        "absence_kind",
        "absence_extent",
        "absent_since",
        "offer_since",
        "truancy_reported_on",
        "scenario",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not a situation field: {sorted(unknown)}")
    locked = Case.objects.select_for_update().get(pk=case.pk)
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, fields[name])
    if not changed:
        return locked
    locked.full_clean()
    locked.save()
    labels = ", ".join(str(Case._meta.get_field(name).verbose_name) for name in changed)
    timeline_add(
        case=locked, by=by, kind="situation", text=_("Gewijzigd: %(fields)s.") % {"fields": labels}
    )
    return locked
