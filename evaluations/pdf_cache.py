"""Plan PDFs cached as files under PRIVATE_MEDIA_ROOT/pdf-cache.

A file is keyed by the plan id and a hash of its rendered HTML and of print.css: any change to
the plan, its goals, evaluations, the case header or the print layout gives a new key, so a
cached PDF is never stale. Missing ones are rendered, in parallel worker processes when there
are several. The files hold pupils' names: they are pruned after CACHE_MAX_AGE_DAYS and
dropped when a case is anonymised (forget_case_pdfs).
"""

import functools
import hashlib
import os
import time
from pathlib import Path

from django.conf import settings

from core.files import write_atomically
from core.pdf import html_to_pdf, stylesheet_version

CACHE_MAX_AGE_DAYS = 7


def _cache_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "pdf-cache"


def _cache_path(plan_id: int, html: str, tagged: bool) -> Path:
    digest = hashlib.sha256(f"{stylesheet_version()}\n{html}".encode()).hexdigest()[:32]
    return _cache_dir() / f"plan-{plan_id}-{_variant(tagged)}-{digest}.pdf"


def _variant(tagged: bool) -> str:
    return "ua" if tagged else "print"


def is_cached(plan_id: int, html: str, *, tagged: bool) -> bool:
    return _cache_path(plan_id, html, tagged).exists()


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
    for old in path.parent.glob(f"plan-{plan_id}-{_variant(tagged)}-*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    write_atomically(path, pdf)
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
    from .models import Plan

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
