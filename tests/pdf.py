"""Reading a rendered PDF back (pypdf), for the tests that check what a document shows."""

import io

from pypdf import PdfReader


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))
