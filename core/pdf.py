"""One way to turn a template into a PDF.

WeasyPrint is imported inside the functions, not at module level: the import takes about 2 s.
Resources are fetched only from the project's static files (`{% static %}` URLs such as
/static/css/print.css, or file paths under the static directories); anything else (http,
other files) is refused, so a document can never make the server fetch a URL.
"""

import functools
import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string

# Tagged PDF (headings, tables, language and title for screen readers). WeasyPrint 70 supports
# it; it costs time and makes the file larger, so a caller that only merges pages into a print
# bundle (where the structure would be lost anyway) may ask for an untagged PDF.
PDF_VARIANT = "pdf/ua-1"


def render_to_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render `template_name` with WeasyPrint (A4, print CSS from static/css/print.css)."""
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """The PDF shown in the browser (inline), saved under `filename`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def html_to_pdf(html: str, *, tagged: bool = True) -> bytes:
    """The PDF of an HTML string rendered by a template (also usable in a worker process)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(_static_dir()), url_fetcher=_fetcher())
    return document.write_pdf(
        stylesheets=[_print_css(_print_css_path().stat().st_mtime_ns)],
        pdf_variant=PDF_VARIANT if tagged else None,
        font_config=_font_config(),
    )


# "pagina n van N" stamped on a merged document (core.pdf.number_pages) where print.css's
# @bottom-right puts it on one rendered document: 9 pt, grey, right-aligned at the right margin
# (18 mm), on the baseline WeasyPrint gives the bottom margin box (measured: 25.2 pt).
PAGE_NUMBER_SIZE = 9
PAGE_NUMBER_RIGHT = 18 / 25.4 * 72
PAGE_NUMBER_BASELINE = 25.2
# Helvetica, one of PDF's standard fonts (nothing to embed); its widths in 1/1000 em for the
# characters of the label, to right-align it.
_HELVETICA_WIDTHS = {
    **dict.fromkeys("0123456789", 556),
    **dict.fromkeys("pagn", 556),
    " ": 278,
    "i": 222,
    "v": 500,
}


def number_pages(writer) -> None:
    """Number every page of a PDF merged from separately rendered parts (a pypdf PdfWriter)
    as "pagina n van N" across the whole, as print.css numbers one rendered document. The
    parts are rendered without their own number (the `unnumbered` context of
    reports/pdf/base.html); each would count from 1."""
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        label = f"pagina {number} van {total}"
        width = sum(_HELVETICA_WIDTHS[c] for c in label) * PAGE_NUMBER_SIZE / 1000
        x = float(page.mediabox.right) - PAGE_NUMBER_RIGHT - width
        stream = DecodedStreamObject()
        stream.set_data(
            f"BT /PageNumber {PAGE_NUMBER_SIZE} Tf 0.333 g {x:.2f} {PAGE_NUMBER_BASELINE} Td "
            f"({label}) Tj ET".encode("ascii")
        )
        overlay = PageObject.create_blank_page(
            width=page.mediabox.width, height=page.mediabox.height
        )
        overlay[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/PageNumber"): font})}
        )
        overlay.replace_contents(stream)
        page.merge_page(overlay)


def stylesheet_version() -> str:
    """A short hash of print.css: part of a cached PDF's key, so a layout change is not
    hidden behind PDFs rendered with the old stylesheet."""
    path = _print_css_path()
    return _stylesheet_digest(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _stylesheet_digest(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _print_css_path() -> Path:
    return _static_dir() / "css" / "print.css"


@functools.lru_cache(maxsize=2)
def _print_css(mtime_ns: int):
    """print.css parsed once per process (per version of the file): every document gets it,
    and a template's <link> to it is served empty so it is not parsed a second time."""
    from weasyprint import CSS

    return CSS(filename=str(_print_css_path()), url_fetcher=_fetcher(), font_config=_font_config())


def _static_dir() -> Path:
    return Path(settings.BASE_DIR) / "static"


def static_path(url: str) -> Path | None:
    """The file behind a static URL or a file:// URL inside the static directories."""
    from django.contrib.staticfiles import finders

    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme not in ("", "file"):
        return None
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    roots = [_static_dir().resolve()]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    if path.startswith(static_url):
        relative = path[len(static_url) :]
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:  # "../" out of the static directories
            return None
        if found:
            return Path(found)
        candidate = Path(settings.STATIC_ROOT or _static_dir()) / relative
    else:
        candidate = Path(path)
    candidate = candidate.resolve()
    if candidate.is_file() and any(candidate.is_relative_to(root) for root in roots):
        return candidate
    return None


@functools.cache
def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_path(url)
            if path is None:
                raise ValueError(f"only static files may be used in a PDF, not {url}")
            if path == _print_css_path().resolve():
                return URLFetcherResponse(
                    path.as_uri(), body=b"", headers={"Content-Type": "text/css"}
                )
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type}
            )

    return StaticFetcher(allowed_protocols=("file", "data"))


@functools.cache
def _font_config():
    # Reused between renders: fontconfig's lookups are then done once per process.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()
