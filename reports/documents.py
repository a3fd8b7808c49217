"""Case documents as PDF: plan van aanpak, intake, belastbaarheidsprofiel, meeting bundle.

Every document is an HTML template under reports/pdf/ rendered by core.pdf. A plan's PDF is
cached as a file under PRIVATE_MEDIA_ROOT/pdf-cache, keyed by the plan id and a hash of its
rendered HTML and of print.css: any change to the plan, its goals, evaluations, the case
header or the print layout gives a new key, so a cached PDF is never stale. The meeting
bundle reuses those files, renders the missing ones in parallel worker processes, and merges
them behind the agenda page. Its plan parts leave out the print date (the agenda page carries
it), so a part rendered when the case went on the agenda is still the cached one on the
print day.
"""

import functools
import hashlib
import io
import logging
import math
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Case, Organisation
from core.pdf import html_to_pdf, stylesheet_version

logger = logging.getLogger(__name__)

PLAN_TEMPLATE = "reports/pdf/plan.html"
INTAKE_TEMPLATE = "reports/pdf/intake.html"
LOAD_PROFILE_TEMPLATE = "reports/pdf/load_profile.html"
AGENDA_TEMPLATE = "reports/pdf/meeting_agenda.html"
TOC_FROM_GOALS = 8
AGENDA_ROWS_FIRST_PAGE = 18  # agenda rows of one line each on its first page, and on the next
AGENDA_ROWS_PER_PAGE = 24
CACHE_MAX_AGE_DAYS = 7


class DocumentUnavailable(Exception):
    """The case has no such document (yet)."""


@dataclass(frozen=True)
class DocumentSpec:
    key: str
    title: str
    template: str
    # Partners read the plan (issue 10). The intake holds the family's and health answers:
    # partners read it only when the consent says so (Consent.shares_intake). The
    # belastbaarheidsprofiel, the pupil's health, is never shared: no partner variant.
    for_partners: bool = False
    for_partners_if_consent_shares_intake: bool = False


DOCUMENTS = {
    "plan": DocumentSpec("plan", gettext_lazy("Plan van aanpak"), PLAN_TEMPLATE, for_partners=True),
    "intake": DocumentSpec(
        "intake",
        gettext_lazy("Intakeformulier"),
        INTAKE_TEMPLATE,
        for_partners_if_consent_shares_intake=True,
    ),
    "belastbaarheidsprofiel": DocumentSpec(
        "belastbaarheidsprofiel", gettext_lazy("Belastbaarheidsprofiel"), LOAD_PROFILE_TEMPLATE
    ),
}


def shared_with_partners(
    key: str, case: Case | int, organisation: Organisation | int | None = None
) -> bool:
    """May document `key` of `case` go to partners? Pass a partner user's organisation for
    what that partner reads; None asks for the partners the consent covers (the
    coördinator's print for partners). Valid consent as such is checked by the caller
    (consent.selectors.require_valid_consent, and get_case_for_user for a partner)."""
    from consent.selectors import intake_shared_with, intake_shared_with_partners

    spec = DOCUMENTS.get(key)
    if spec is None:
        return False
    if spec.for_partners:
        return True
    if not spec.for_partners_if_consent_shares_intake:
        return False
    if organisation is None:
        return intake_shared_with_partners(case)
    return intake_shared_with(case, organisation)


# --- reads -------------------------------------------------------------------------------


def _plans_query():
    from evaluations.models import Evaluation, Goal, GoalReview, Plan

    reviews = GoalReview.objects.select_related("evaluation").order_by(
        "evaluation__due_on", "evaluation_id"
    )
    goals = Goal.objects.prefetch_related(Prefetch("reviews", queryset=reviews)).order_by(
        "position", "id"
    )
    evaluations = Evaluation.objects.order_by("due_on", "id")
    return Plan.objects.filter(current=True).prefetch_related(
        Prefetch("goals", queryset=goals),
        Prefetch("evaluations", queryset=evaluations),
        "stakeholders__organisation",
    )


def current_plans(case_ids: Iterable[int]) -> dict:
    """The current plan per case id, with goals, reviews, evaluations and betrokkenen (a
    fixed number of queries for any number of cases)."""
    return {plan.case_id: plan for plan in _plans_query().filter(case_id__in=list(case_ids))}


def plan_context(case: Case, plan, *, for_partner: bool = False, dated: bool = True) -> dict:
    """The plan template's context; `dated=False` leaves out the print date (bundle parts)."""
    from evaluations.models import EvaluationKind
    from evaluations.services import final_due_on, interim_due_on

    goals = list(plan.goals.all())
    active = [goal for goal in goals if goal.active]
    earlier = [goal for goal in goals if not goal.active]
    evaluations = list(plan.evaluations.all())
    by_kind = {evaluation.kind: evaluation for evaluation in evaluations}
    interim = by_kind.get(EvaluationKind.INTERIM)
    final = by_kind.get(EvaluationKind.FINAL)
    toc = [("plan-gegevens", _("Gegevens"))]
    toc += [(f"doel-{goal.pk}", _("Doel %(n)s") % {"n": n}) for n, goal in enumerate(active, 1)]
    if evaluations:
        toc.append(("evaluaties", _("Evaluaties")))
    return {
        "case": case,
        "region": case.region,
        "student": case.student,
        "plan": plan,
        "goals": active,
        "earlier_goals": earlier,
        "evaluations": evaluations,
        "interim_due_on": interim.due_on if interim else interim_due_on(plan.drawn_up_on),
        "final_due_on": final.due_on if final else final_due_on(plan.drawn_up_on),
        "stakeholders": list(plan.stakeholders.all()),
        "document_title": str(DOCUMENTS["plan"].title),
        # A table of contents only where the plan is long; it makes WeasyPrint lay out twice.
        "toc": toc if len(active) >= TOC_FROM_GOALS else [],
        "for_partner": for_partner,
        "printed_on": timezone.localdate() if dated else None,
    }


def intake_context(case: Case, *, for_partner: bool = False) -> dict:
    """The intake template's context. The partner variant leaves out the guardians' contact
    details, as the partner's overview does: the consent shares the answers, not the
    family's addresses and phone numbers."""
    from intake.models import Intake, Registration

    intake = Intake.objects.filter(case=case).first()
    if intake is None:
        raise DocumentUnavailable(_("Er is nog geen intake voor deze casus."))
    registration = Registration.objects.filter(case=case).first()
    sections = [
        _section(intake, _("Ondersteuningsvraag"), "ondersteuningsvraag", ["support_question"]),
        _section(
            intake,
            _("Situatie leerling"),
            "situatie-leerling",
            [
                "signal_anxiety",
                "signal_withdrawn",
                "signal_substance_use",
                "substance_drugs",
                "substance_alcohol",
                "substance_gaming",
                "substance_other",
                "leisure",
                "future",
                "happiness_score",
                "happiness_reasoning",
                "likes_at_school",
                "student_view",
                "physical_complaints",
                "gp_involved",
                "family_plan",
                "family_plan_director",
                "childhood_experiences",
                "student_other",
            ],
        ),
        _section(
            intake,
            _("Situatie school"),
            "situatie-school",
            [
                "signal_absence",
                "signal_learning_problems",
                "signal_bullying",
                "signal_repeated_year",
                "school_background",
                "school_signal_moments",
                "grades",
                "social_contacts",
                "going_well",
                "subject_problems",
                "has_diagnosis",
                "diagnosis_which",
                "diagnosis_when",
                "diagnosis_by",
                "truancy_officer",
                "school_doctor",
                "parent_school_conflict",
                "parents_object_to_education",
                "school_actions",
                "school_what_worked",
                "school_other",
            ],
        ),
        _section(
            intake,
            _("Situatie thuis"),
            "situatie-thuis",
            [
                "home_factors",
                "home_factors_past",
                "parenting",
                "family_support",
                "parents_actions",
                "home_other",
            ],
        ),
        _section(
            intake,
            _("Belastbaarheidsprofiel en OPP"),
            "opp",
            ["load_profile_needed", "opp_rationale"],
        ),
    ]
    if registration is not None:
        sections.insert(
            0,
            _section(
                registration,
                _("Aanmelding"),
                "aanmelding",
                [
                    "support_needed",
                    "support_reason",
                    "support_where",
                    "support_what",
                    "has_opp",
                    "opp_exit_destination",
                    "opp_hindering_factors",
                    "opp_promoting_factors",
                    "support_so_far",
                    "parents_informed",
                ],
            ),
        )
    return {
        "case": case,
        "region": case.region,
        "student": case.student,
        "guardians": [] if for_partner else list(case.student.guardians.all()),
        "intake": intake,
        "sections": sections,
        "document_title": str(DOCUMENTS["intake"].title),
        "toc": [("leerling", _("Gegevens leerling"))] + [(s.anchor, s.title) for s in sections],
        "for_partner": for_partner,
        "printed_on": timezone.localdate(),
    }


@dataclass
class Section:
    title: str
    anchor: str
    rows: list  # (label, question, value)


def _section(instance, title: str, anchor: str, names: list[str]) -> Section:
    rows = []
    for name in names:
        field = instance._meta.get_field(name)
        rows.append((field.verbose_name, field.help_text, _display(getattr(instance, name))))
    return Section(str(title), anchor, rows)


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    return str(value)


def load_profile_context(case: Case, *, version: int | None = None) -> dict:
    from evaluations.models import PROFILE_FIELDS, LoadProfileVersion

    versions = LoadProfileVersion.objects.filter(profile__case=case).select_related("saved_by")
    chosen = versions.filter(number=version).first() if version else versions.first()
    if chosen is None:
        raise DocumentUnavailable(
            _("Versie %(n)s van het belastbaarheidsprofiel bestaat niet.") % {"n": version}
            if version
            else _("Er is nog geen belastbaarheidsprofiel voor deze casus.")
        )
    rows = []
    for name in PROFILE_FIELDS:
        field = LoadProfileVersion._meta.get_field(name)
        value = getattr(chosen, name)
        rows.append((name, field.verbose_name, field.help_text, value))
    return {
        "case": case,
        "region": case.region,
        "student": case.student,
        "profile": chosen,
        "rows": rows,
        "document_title": str(DOCUMENTS["belastbaarheidsprofiel"].title),
        "printed_on": timezone.localdate(),
    }


def available_documents(case: Case) -> dict:
    """Which documents the case has: {"plan": bool, "intake": bool, "load_profile_versions": [..]}."""
    from evaluations.models import LoadProfileVersion, Plan
    from intake.models import Intake

    return {
        "plan": Plan.objects.filter(case=case, current=True).exists(),
        "intake": Intake.objects.filter(case=case).exists(),
        "load_profile_versions": list(
            LoadProfileVersion.objects.filter(profile__case=case)
            .order_by("-number")
            .values("number", "profile_date", "saved_at")
        ),
    }


# --- rendering ---------------------------------------------------------------------------


def document_html(
    key: str,
    case: Case,
    *,
    version: int | None = None,
    for_partner: bool = False,
    organisation: Organisation | int | None = None,
) -> str:
    return _document(
        key, case, version=version, for_partner=for_partner, organisation=organisation
    )[0]


def _document(
    key: str,
    case: Case,
    *,
    version: int | None,
    for_partner: bool,
    organisation: Organisation | int | None = None,
):
    """(html, plan id or None) of a case document; `organisation` is the partner's, see
    shared_with_partners."""
    if for_partner and not shared_with_partners(key, case, organisation):
        if key in DOCUMENTS and DOCUMENTS[key].for_partners_if_consent_shares_intake:
            raise DocumentUnavailable(
                _(
                    "Dit document wordt niet met partners gedeeld: de geldige toestemming "
                    "zegt niet dat ook de intake met de partners gedeeld mag worden."
                )
            )
        raise DocumentUnavailable(
            _(
                "Dit document wordt niet met partners gedeeld: partners lezen het plan van "
                "aanpak, en de intake alleen als de toestemming dat zegt."
            )
        )
    plan_id = None
    if key == "plan":
        plan = current_plans([case.pk]).get(case.pk)
        if plan is None:
            raise DocumentUnavailable(_("Er is nog geen plan van aanpak voor deze casus."))
        plan_id = plan.pk
        context = plan_context(case, plan, for_partner=for_partner)
    elif key == "intake":
        context = intake_context(case, for_partner=for_partner)
    elif key == "belastbaarheidsprofiel":
        context = load_profile_context(case, version=version)
    else:
        raise DocumentUnavailable(_("Onbekend document."))
    return render_to_string(DOCUMENTS[key].template, context), plan_id


def document_pdf(
    key: str,
    case: Case,
    *,
    version: int | None = None,
    for_partner: bool = False,
    organisation: Organisation | int | None = None,
) -> bytes:
    """The tagged PDF of a case document; the internal plan comes from the cache.
    `for_partner` makes the partner variant (refused, DocumentUnavailable, for a document
    not shared with partners: see shared_with_partners)."""
    html, plan_id = _document(
        key, case, version=version, for_partner=for_partner, organisation=organisation
    )
    if plan_id is not None and not for_partner:
        return cached_pdfs([(plan_id, html)])[0]
    return html_to_pdf(html)


def _cache_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "pdf-cache"


def _cache_path(plan_id: int, html: str, tagged: bool) -> Path:
    digest = hashlib.sha256(f"{stylesheet_version()}\n{html}".encode()).hexdigest()[:32]
    return _cache_dir() / f"plan-{plan_id}-{_variant(tagged)}-{digest}.pdf"


def _variant(tagged: bool) -> str:
    return "ua" if tagged else "print"


def cached_pdfs(
    parts: list[tuple[int, str]], *, tagged: bool = True, workers: int | None = None
) -> list[bytes]:
    """PDFs for (plan id, html) pairs: from the cache where the html is unchanged, the rest
    rendered (in parallel processes when there are several) and stored."""
    results: list[bytes | None] = []
    missing: list[int] = []
    for index, (plan_id, html) in enumerate(parts):
        path = _cache_path(plan_id, html, tagged)
        try:
            results.append(path.read_bytes())
        except FileNotFoundError:
            results.append(None)
            missing.append(index)
    rendered = render_many([parts[i][1] for i in missing], tagged=tagged, workers=workers)
    for index, pdf in zip(missing, rendered, strict=True):
        results[index] = pdf
        _store(parts[index][0], parts[index][1], pdf, tagged)
    return results  # type: ignore[return-value]


def _store(plan_id: int, html: str, pdf: bytes, tagged: bool) -> None:
    path = _cache_path(plan_id, html, tagged)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"plan-{plan_id}-{_variant(tagged)}-*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pdf)
    temporary.replace(path)  # atomic: a reader never sees half a file
    prune_cache()


def prune_cache(max_age_days: int = CACHE_MAX_AGE_DAYS) -> int:
    """Delete cached PDFs not written for `max_age_days`: they hold pupils' names, so they
    must not outlive the dossier (anonymisation changes the html, and so the key, but the
    old file would otherwise stay until the plan is printed again)."""
    cutoff = time.time() - max_age_days * 24 * 60 * 60
    removed = 0
    for path in _cache_dir().glob("plan-*.pdf"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def forget_case_pdfs(case_id: int) -> None:
    """Drop every cached PDF of a case's plans (call when a case is anonymised or erased)."""
    from evaluations.models import Plan

    for plan_id in Plan.objects.filter(case_id=case_id).values_list("pk", flat=True):
        for path in _cache_dir().glob(f"plan-{plan_id}-*.pdf"):
            path.unlink(missing_ok=True)


def render_many(
    htmls: list[str], *, tagged: bool = True, workers: int | None = None
) -> list[bytes]:
    """Render several documents, in forked worker processes when that pays off.

    The workers only turn HTML into PDF (no database access), so forking a process that holds
    a database connection is safe; they end with os._exit and leave the parent's sockets alone.
    """
    import multiprocessing

    workers = workers if workers is not None else min(os.cpu_count() or 1, len(htmls))
    # A daemonic process (a Celery prefork worker) may not start children: render in turn.
    if workers <= 1 or len(htmls) <= 1 or multiprocessing.current_process().daemon:
        return [html_to_pdf(html, tagged=tagged) for html in htmls]
    from concurrent.futures import ProcessPoolExecutor

    import weasyprint  # noqa: F401  imported once here, inherited by the forked workers

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(functools.partial(html_to_pdf, tagged=tagged), htmls))


# --- meeting bundle ----------------------------------------------------------------------


def meeting_bundle_pdf(meeting, items: list, *, workers: int | None = None) -> bytes:
    """Agenda page first, then each agenda case's current plan, as one PDF with bookmarks.

    A case without valid consent today stays on the agenda page, with the reason its plan is
    left out (consent may be withdrawn after the case went on the agenda).

    The parts are rendered untagged: merging loses a tagged PDF's structure anyway, and pypdf
    reads an untagged part about eight times faster.
    """
    from pypdf import PdfReader, PdfWriter

    plans, consented = _bundle_plans(items)
    cases = [item.case for item in items if item.case_id in plans]
    parts = [_bundle_part(case, plans[case.pk]) for case in cases]
    plan_pdfs = cached_pdfs(parts, tagged=False, workers=workers)
    plan_readers = {
        case.pk: PdfReader(io.BytesIO(pdf)) for case, pdf in zip(cases, plan_pdfs, strict=True)
    }

    agenda_pages = _agenda_pages_guess(len(items))
    for _attempt in range(3):  # the agenda's length decides where the plans start
        start, entries = agenda_pages + 1, []
        for item in items:
            reader = plan_readers.get(item.case_id)
            entries.append(
                {
                    "item": item,
                    "case": item.case,
                    "page": start if reader else None,
                    "without_consent": item.case_id not in consented,
                }
            )
            if reader:
                start += len(reader.pages)
        agenda = render_to_string(
            AGENDA_TEMPLATE,
            {
                "meeting": meeting,
                "region": meeting.region,
                "entries": entries,
                "document_title": _("Overlegbundel"),
                "printed_on": timezone.localdate(),
            },
        )
        agenda_pdf = PdfReader(io.BytesIO(html_to_pdf(agenda, tagged=False)))
        if len(agenda_pdf.pages) == agenda_pages:
            break
        agenda_pages = len(agenda_pdf.pages)

    writer = PdfWriter()
    writer.append(agenda_pdf, outline_item=_("Agenda"))
    for entry in entries:
        reader = plan_readers.get(entry["case"].pk)
        if reader is not None:
            writer.append(
                reader, outline_item=f"{entry['case'].reference} — {_('plan van aanpak')}"
            )
    writer.add_metadata(
        {"/Title": f"{_('Overlegbundel')} {meeting.region.name} {meeting.date:%d-%m-%Y}"}
    )
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _agenda_pages_guess(rows: int) -> int:
    """How many pages the agenda will take, so that it is usually rendered once: the page
    numbers on it depend on its own length. Measured with one-line rows; when a guess is
    wrong (rows that wrap), the agenda is rendered again with the length it really has."""
    if rows <= AGENDA_ROWS_FIRST_PAGE:
        return 1
    return 1 + math.ceil((rows - AGENDA_ROWS_FIRST_PAGE) / AGENDA_ROWS_PER_PAGE)


def _bundle_plans(items: list) -> tuple[dict, set[int]]:
    """({case id: current plan}, consented case ids) of the agenda cases whose plan goes into
    the bundle: only cases with valid consent today, whenever they went on the agenda."""
    from evaluations.selectors import consented_case_ids

    consented = consented_case_ids(items)
    return current_plans(consented), consented


def _bundle_part(case: Case, plan) -> tuple[int, str]:
    """(plan id, html) of a plan in the bundle: without the print date, see the module doc."""
    return plan.pk, render_to_string(PLAN_TEMPLATE, plan_context(case, plan, dated=False))


def meeting_items(meeting) -> list:
    """All agenda items of the meeting with their cases (for the region's coördinator)."""
    return list(
        meeting.items.select_related(
            "case__student", "case__school", "case__region", "case__casemanager"
        ).order_by("position", "id")
    )


def meeting_bundle_warm(meeting) -> int:
    """Render (untagged, in parallel) the bundle's plan PDFs that are not cached yet, so the
    coördinator's print is fast. Returns how many were rendered. Idempotent."""
    items = meeting_items(meeting)
    plans, _consented = _bundle_plans(items)
    parts = [
        _bundle_part(item.case, plans[item.case_id]) for item in items if item.case_id in plans
    ]
    missing = [part for part in parts if not _cache_path(part[0], part[1], False).exists()]
    cached_pdfs(missing, tagged=False)
    return len(missing)
