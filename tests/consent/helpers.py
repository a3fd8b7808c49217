"""Helpers for the consent tests: file payloads and ages."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def pdf_bytes() -> bytes:
    """A real one-page PDF (blank A4), as a scanner would make one."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()
# Starts like a PDF but is none: refused by content.
FAKE_PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def record_consent(case, by, **fields):
    """Consent given today in a conversation, covering Leerplicht Veendam, the youth
    consenting; `fields` add or override (representatives …). Through consent.services."""
    from django.utils import timezone

    from casework.models import Organisation, OrganisationKind
    from consent.models import ConsentMethod
    from consent.services import consent_record

    organisation, _ = Organisation.objects.get_or_create(
        region=case.region, name="Leerplicht Veendam", defaults={"kind": OrganisationKind.TRUANCY}
    )
    values = {
        "given_on": timezone.localdate(),
        "method": ConsentMethod.CONVERSATION,
        "organisations": [organisation],
        "youth_consented": True,
    }
    return consent_record(case=case, by=by, **(values | fields))


def record_complete_consent(case, by):
    """Complete consent for the case's pupil at any age (up to two parents with gezag and the
    youth); it moves a case that waits for consent to intake."""
    from tests.factories import GuardianFactory

    custody = [guardian for guardian in case.student.guardians.all() if guardian.has_custody][:2]
    if not custody:
        custody = [GuardianFactory(student=case.student)]  # a parent with gezag
    return record_consent(
        case,
        by,
        representative_1=custody[0],
        representative_2=custody[1] if len(custody) > 1 else None,
    )


def png_header(width: int, height: int) -> bytes:
    """A PNG that is only a header: a few bytes claiming `width` × `height` pixels, as an image
    bomb does (68 bytes for 100000 × 100000)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")
