"""Helpers for the consent tests: file payloads and ages."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# A minimal but real PDF header and body.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(content: bytes, name: str = "formulier.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def set_age(case, years: int, on: date) -> None:
    """Give the case's pupil a birth date that makes them `years` old on `on` (a birthday)."""
    case.student.birth_date = on.replace(year=on.year - years)
    case.student.save(update_fields=["birth_date"])
