"""Safe uploads, for every upload in the project.

A file is accepted by what it *is*, not by what it is called: the first bytes must be those
of a PDF, JPEG or PNG, and the file must open as one (images with Pillow, PDFs with pypdf),
whatever the name or the content type the browser sent. Files are stored under
settings.PRIVATE_MEDIA_ROOT with a random name, outside any public root; they have no URL
and leave the server only through a view that checks case access and writes an access-log
row (see `file_response`).
"""

import os
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

# Magic bytes at the start of the file → content type.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
ALLOWED_TEXT = "PDF, JPEG of PNG"
# A signed form scanned at 600 dpi on A4 is about 5000 × 7000 pixels (35 megapixels).
MAX_IMAGE_SIDE = 10_000
MAX_IMAGE_PIXELS = 40_000_000


def detect_content_type(head: bytes) -> str | None:
    """The content type the file's first bytes show, or None when it is none we accept."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def validate_upload(file) -> str:
    """Check size and content; return the detected content type or raise a Dutch error."""
    limit = settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
            % {"size": _megabytes(file.size), "limit": _megabytes(limit)},
            code="too_large",
        )
    if not file.size:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    content_type = detect_content_type(head)
    if content_type is None:
        raise ValidationError(
            _("Dit bestand is geen %(allowed)s. Upload een scan of foto als %(allowed)s.")
            % {"allowed": ALLOWED_TEXT},
            code="wrong_type",
        )
    if content_type in (JPEG, PNG):
        _check_image(file)
    else:
        _check_pdf(file)
    return content_type


def _check_pdf(file) -> None:
    """Read the PDF with pypdf: a file that only starts like a PDF is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        if not PdfReader(file).pages:
            raise ValueError("no pages")
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            _("Dit PDF-bestand is beschadigd of onleesbaar."), code="broken_pdf"
        ) from exc
    finally:
        file.seek(0)


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "Deze afbeelding is te groot: hoogstens %(side)s × %(side)s pixels en "
            "%(megapixels)s megapixel. Scan of fotografeer het formulier met een lagere "
            "resolutie."
        )
        % {
            "side": f"{MAX_IMAGE_SIDE:,}".replace(",", "."),
            "megapixels": MAX_IMAGE_PIXELS // 10**6,
        },
        code="too_many_pixels",
    )


def _check_image(file) -> None:
    """Open the image with Pillow: a file that only starts like an image is refused, and so is
    one whose header claims more pixels than a scan has (a few bytes can claim gigapixels)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Above ~89 megapixels Pillow warns and above ~179 it refuses; our limit is lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.verify()
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Deze afbeelding is beschadigd of onleesbaar."), code="broken_image"
        ) from exc
    finally:
        file.seek(0)


def random_filename(content_type: str) -> str:
    """A random name with the extension of the detected type, never the user's name."""
    return f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}"


class SafeFileField(forms.FileField):
    """A form field that accepts PDF, JPEG or PNG by content, within the size limit.

    After cleaning, the file's `content_type` is the detected one and its `name` is random.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("%(allowed)s, hoogstens %(limit)s MB.")
            % {"allowed": ALLOWED_TEXT, "limit": _megabytes(settings.UPLOAD_MAX_BYTES)},
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.jpg,.jpeg,.png")

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file and file is not initial:
            file.content_type = validate_upload(file)
            file.name = random_filename(file.content_type)
        return file


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT (read each time, so tests can move it).

    There is no URL: nothing serves these files except a view that checks access.
    """

    def __init__(self, subdir: str = ""):
        self.subdir = subdir
        super().__init__()

    @property
    def base_location(self):  # type: ignore[override]
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, self.subdir)

    @property
    def location(self):  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):  # type: ignore[override]
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through an access-checked view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def file_response(fieldfile, *, content_type: str, download_name: str) -> FileResponse:
    """Send a stored file as an attachment that the browser must not sniff or render."""
    fieldfile.open("rb")
    response = FileResponse(
        fieldfile, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
