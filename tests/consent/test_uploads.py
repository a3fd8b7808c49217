"""consent.uploads: accepted by content, not by name; private storage without URL."""

from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consent.uploads import (
    JPEG,
    PDF,
    PNG,
    SafeFileField,
    detect_content_type,
    private_storage,
    validate_upload,
)

from .helpers import FAKE_PDF_BYTES, PDF_BYTES, jpeg_bytes, png_bytes, png_header, upload


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, PDF),
        (b"\xff\xd8\xff\xe0rest", JPEG),
        (b"\x89PNG\r\n\x1a\nrest", PNG),
        (b"GIF89a", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"PK\x03\x04 a zip or docx", None),
        (b" %PDF-1.4 with a leading space", None),
    ],
)
def test_the_content_type_comes_from_the_first_bytes(content, expected):
    assert detect_content_type(content) == expected


@pytest.mark.parametrize(
    ("content", "name"),
    [(PDF_BYTES, "x.txt"), (png_bytes(), "scan"), (jpeg_bytes(), "foto.PDF")],
)
def test_real_pdf_png_and_jpeg_pass_whatever_their_name(content, name):
    assert validate_upload(upload(content, name=name, content_type="text/plain")) in (
        PDF,
        PNG,
        JPEG,
    )


def test_a_renamed_html_file_is_refused_in_dutch():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(b"<html><body>hoi</body></html>", name="formulier.pdf"))
    assert exc.value.messages == [
        "Dit bestand is geen PDF, JPEG of PNG. Upload een scan of foto als PDF, JPEG of PNG."
    ]


def test_a_file_that_only_starts_like_a_pdf_is_refused_in_dutch():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(FAKE_PDF_BYTES, name="formulier.pdf"))
    assert exc.value.messages == ["Dit PDF-bestand is beschadigd of onleesbaar."]


def test_a_file_over_the_limit_is_refused_in_dutch(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    big = upload(PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        validate_upload(big)
    assert exc.value.messages == ["Het bestand is te groot (10 MB); het maximum is 10 MB."]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="leeg"):
        validate_upload(SimpleUploadedFile("leeg.pdf", b""))


def test_the_form_field_renames_the_file_to_a_random_name():
    class Form(forms.Form):
        file = SafeFileField()

    form = Form(files={"file": upload(png_bytes(), name="../../geheim.pdf")})
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["file"]
    assert cleaned.content_type == PNG
    assert cleaned.name.endswith(".png") and "geheim" not in cleaned.name
    assert len(Path(cleaned.name).stem) == 32


def test_private_storage_lives_under_the_private_root_and_has_no_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elders"
    storage = private_storage()
    assert Path(storage.location) == tmp_path / "elders"
    assert not str(storage.location).startswith(str(settings.STATIC_ROOT))
    with pytest.raises(ValueError):
        storage.url("x.pdf")


@pytest.mark.parametrize("width, height", [(100_000, 100_000), (12_000, 12_000), (6_000, 7_000)])
def test_an_image_claiming_more_pixels_than_a_scan_is_refused_in_dutch(width, height):
    """Issue 17: a 68-byte PNG claiming 100000 × 100000 pixels gave a 500
    (DecompressionBombError), and a 12000 × 12000 one was accepted."""
    content = png_header(width, height)
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(content, name="scan.png", content_type="image/png"))
    assert exc.value.messages == [
        "Deze afbeelding is te groot: hoogstens 10.000 × 10.000 pixels en 40 megapixel. "
        "Scan of fotografeer het formulier met een lagere resolutie."
    ]
