"""The meeting bundle (overlegbundel): the agenda page, then each agenda case's current plan, as
one PDF with bookmarks.

The plan parts are the case's plan document (evaluations.plan_pdf) from the plan cache
(evaluations.pdf_cache); the missing ones are rendered in parallel worker processes and merged
behind the agenda page. The parts leave out the print date (the agenda page carries it), so a
part rendered when the case went on the agenda is still the cached one on the print day;
meeting_bundle_warm renders them ahead of the print.
"""

import io
import math
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.constants import CaseKind
from casework.models import Case
from core.files import write_atomically
from core.formats import long_date
from core.pdf import html_to_pdf, number_pages
from evaluations.pdf_cache import cached_pdfs, is_cached
from evaluations.plan_pdf import PLAN_TEMPLATE, current_plans, plan_context

from .selectors import consented_case_ids

AGENDA_TEMPLATE = "meetings/pdf/agenda.html"
AGENDA_ROWS_FIRST_PAGE = 18  # agenda rows of one line each on its first page, and on the next
AGENDA_ROWS_PER_PAGE = 24


def meeting_bundle_pdf(
    meeting,
    items: list,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Agenda page first, then each agenda case's current plan, as one PDF with bookmarks.

    A case without valid consent today stays on the agenda page, with the reason its plan is
    left out (consent may be withdrawn after the case went on the agenda).

    The parts are rendered untagged: merging loses a tagged PDF's structure anyway, and pypdf
    reads an untagged part about eight times faster.

    `progress(done, total)` is called as the plans are ready: with it they are rendered a few
    at a time (as many as run in parallel) instead of all at once.
    """
    from pypdf import PdfReader, PdfWriter

    plans, consented = _bundle_plans(items)
    cases = [item.case for item in items if item.case_id in plans]
    parts = [_bundle_part(case, plans[case.pk]) for case in cases]
    plan_pdfs = _plan_pdfs(parts, workers=workers, progress=progress)
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
                    "advice": item.case.kind == CaseKind.ADVICE,  # no plan: an advice case
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
                "attendees": meeting.attendees.all(),
                "unnumbered": True,
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
    number_pages(writer)
    writer.add_metadata(
        {"/Title": f"{_('Overlegbundel')} {meeting.region.name} {long_date(meeting.date)}"}
    )
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _plan_pdfs(parts: list, *, workers: int | None, progress) -> list[bytes]:
    if progress is None:
        return cached_pdfs(parts, tagged=False, workers=workers)
    step = max(1, workers or os.cpu_count() or 1)
    pdfs: list[bytes] = []
    progress(0, len(parts))
    for start in range(0, len(parts), step):
        pdfs += cached_pdfs(parts[start : start + step], tagged=False, workers=workers)
        progress(len(pdfs), len(parts))
    return pdfs


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
    consented = consented_case_ids(items)
    return current_plans(consented), consented


def _bundle_part(case: Case, plan) -> tuple[int, str]:
    """(plan id, html) of a plan in the bundle: without the print date (see the module doc)
    and without page numbers (the bundle numbers its pages across the parts)."""
    context = plan_context(case, plan, dated=False) | {"unnumbered": True}
    return plan.pk, render_to_string(PLAN_TEMPLATE, context)


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
    missing = [part for part in parts if not is_cached(*part, tagged=False)]
    cached_pdfs(missing, tagged=False)
    return len(missing)


# A bundle made in the background holds pupils' names: kept a few hours for the download.
BUNDLE_KEEP_HOURS = 12


def bundle_path(job) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "meeting-bundles" / f"bundle-{job.pk}.pdf"


def bundle_job_start(*, meeting, by):
    """Ask for the meeting's bundle: a BundleJob, made by a worker (through the outbox, with
    the caller's transaction) while the coördinator's page shows how far it is."""
    from core.outbox import outbox_enqueue

    from .models import BundleJob
    from .tasks import build_meeting_bundle

    prune_bundle_jobs()
    with transaction.atomic():
        job = BundleJob.objects.create(meeting=meeting, requested_by=by)
        outbox_enqueue(build_meeting_bundle, job.pk)
    return job


def bundle_job_run(job_id: int) -> bool:
    """Make the bundle of a BundleJob, recording the plans done as it goes. Idempotent: a
    finished job, or one that no longer exists, is left as it is. False when nothing was made."""
    from .models import BundleJob

    job = BundleJob.objects.filter(pk=job_id).select_related("meeting__region").first()
    if job is None or job.finished_at is not None:
        return False
    jobs = BundleJob.objects.filter(pk=job.pk)

    def progress(done: int, total: int) -> None:
        jobs.update(plans_done=done, plans_total=total)

    try:
        pdf = meeting_bundle_pdf(job.meeting, meeting_items(job.meeting), progress=progress)
    except Exception:
        jobs.update(failed=True, finished_at=timezone.now())
        raise
    write_atomically(bundle_path(job), pdf)
    pages = _page_count(pdf)
    jobs.update(pages=pages, finished_at=timezone.now())
    return True


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def prune_bundle_jobs() -> int:
    """Remove bundle jobs (and their files) older than BUNDLE_KEEP_HOURS. Returns how many."""
    from .models import BundleJob

    old = list(
        BundleJob.objects.filter(
            requested_at__lt=timezone.now() - timedelta(hours=BUNDLE_KEEP_HOURS)
        )
    )
    for job in old:
        bundle_path(job).unlink(missing_ok=True)
    BundleJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
