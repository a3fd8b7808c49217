import io

from django.template import engines
from pypdf import PdfReader

from core.pdf import html_to_pdf, static_path


def test_static_urls_resolve_and_everything_else_is_refused(settings):
    assert static_path("/static/css/print.css").name == "print.css"
    assert static_path((settings.BASE_DIR / "static" / "css" / "print.css").as_uri())
    assert static_path("http://example.com/tracker.png") is None
    assert static_path("file:///etc/passwd") is None
    assert static_path("/static/../../etc/passwd") is None


def test_print_css_linked_with_static_gives_header_and_page_numbers(caplog):
    template = engines["django"].from_string(
        '{% load static %}<html lang="nl"><head><title>T</title>'
        '<link rel="stylesheet" href="{% static "css/print.css" %}"></head><body>'
        '<p class="pdf-region">Regio Noord</p><p class="pdf-reference">VD-2026-0001</p>'
        "<p>Inhoud</p></body></html>"
    )
    text = PdfReader(io.BytesIO(html_to_pdf(template.render({})))).pages[0].extract_text()
    assert "pagina 1 van 1" in text
    assert "Regio Noord" in text and "VD-2026-0001" in text
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_a_remote_image_is_not_fetched(caplog):
    pdf = html_to_pdf(
        '<html lang="nl"><head><title>T</title></head><body>'
        '<img src="http://127.0.0.1:9/x.png" alt="x"><p>Tekst</p></body></html>'
    )
    assert pdf.startswith(b"%PDF")
    assert any("only static files" in r.getMessage() for r in caplog.records)


def test_print_css_and_document_templates_use_no_flexbox_or_grid(settings):
    """Nested flex layouts are WeasyPrint's slow path (../shared/STACK.md): documents are
    laid out with blocks and tables only."""
    import re

    pattern = re.compile(r"display\s*:\s*(inline-)?(flex|grid)|\b(flex|grid)(-[a-z]+)*\s*:")
    sources = [settings.BASE_DIR / "static" / "css" / "print.css"]
    sources += sorted((settings.BASE_DIR / "reports" / "templates" / "reports" / "pdf").glob("*"))
    assert len(sources) > 5
    for path in sources:
        text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)  # comments may say why
        assert not pattern.search(text), path.name


def test_the_stylesheet_version_follows_the_content_of_print_css(tmp_path, monkeypatch):
    import os

    from core import pdf

    css = tmp_path / "print.css"
    css.write_text("body { font-size: 10pt; }")
    monkeypatch.setattr(pdf, "_print_css_path", lambda: css)
    first = pdf.stylesheet_version()
    assert pdf.stylesheet_version() == first
    css.write_text("body { font-size: 11pt; }")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 1_000_000))
    assert pdf.stylesheet_version() != first
