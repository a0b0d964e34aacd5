"""Uploaded files, checked by what they contain and served back safely.

One check for every upload in the app: the name's extension says what the file claims to be,
the bytes must agree (an image decodes as that image, a PDF has its header and end marker, an
Office file is the package or compound file it claims, plain text decodes), the size is
limited, and each use accepts only its kinds (photos: images; evidence: images, PDF, Office,
text). A refusal is a ``ValidationError`` naming the file and the reason.

Stored files (see ``mingzhu.core.models.FileAttachment``) are served by ``file_response``:
a safe content type, ``nosniff``, images inline and everything else as a download.
``FileDownloadView`` serves one stored file within the scope of its parent.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from .views import ObjectMixin

MB = 1024 * 1024


def attachment_max_bytes() -> int:
    """The largest attachment: the system parameter uploads.attachment_max_mb (20 MB)."""
    from mingzhu.system import params

    return params.value("uploads.attachment_max_mb") * MB


IMAGE = "image"
PDF = "pdf"
OFFICE = "office"
TEXT = "text"

PHOTO_KINDS = (IMAGE,)
EVIDENCE_KINDS = (IMAGE, PDF, OFFICE, TEXT)


@dataclass(frozen=True)
class FileType:
    extension: str
    kind: str
    content_type: str
    label: str  # what the file claims to be, in the refusal messages


_OOXML = "application/vnd.openxmlformats-officedocument."
TYPES = {
    t.extension: t
    for t in (
        FileType(".jpg", IMAGE, "image/jpeg", "JPEG"),
        FileType(".jpeg", IMAGE, "image/jpeg", "JPEG"),
        FileType(".png", IMAGE, "image/png", "PNG"),
        FileType(".pdf", PDF, "application/pdf", "PDF"),
        FileType(".docx", OFFICE, _OOXML + "wordprocessingml.document", "Word (.docx)"),
        FileType(".xlsx", OFFICE, _OOXML + "spreadsheetml.sheet", "Excel (.xlsx)"),
        FileType(".pptx", OFFICE, _OOXML + "presentationml.presentation", "PowerPoint (.pptx)"),
        FileType(".doc", OFFICE, "application/msword", "Word (.doc)"),
        FileType(".xls", OFFICE, "application/vnd.ms-excel", "Excel (.xls)"),
        FileType(".ppt", OFFICE, "application/vnd.ms-powerpoint", "PowerPoint (.ppt)"),
        FileType(".txt", TEXT, "text/plain", "text"),
    )
}
# The content types a stored file may be served with; anything else goes out as bytes.
SAFE_CONTENT_TYPES = frozenset(t.content_type for t in TYPES.values())

# The main part of an Office Open XML package, by extension (macro-enabled ones are refused).
_MAIN_PART = {
    ".docx": _OOXML + "wordprocessingml.document.main+xml",
    ".xlsx": _OOXML + "spreadsheetml.sheet.main+xml",
    ".pptx": _OOXML + "presentationml.presentation.main+xml",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A stream each kind of Office 97-2003 compound file holds (its name in UTF-16LE).
_OLE2_STREAMS = {
    ".doc": ("WordDocument",),
    ".xls": ("Workbook", "Book"),
    ".ppt": ("PowerPoint Document",),
}
_PILLOW_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG"}
_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


class Refused(Exception):
    """Why the content does not match the name (a message for the user)."""


def extension(name: str) -> str:
    return posixpath.splitext((name or "").lower())[1]


def base_name(name: str) -> str:
    return posixpath.basename((name or "").replace("\\", "/"))


def accepted_extensions(kinds) -> list[str]:
    return [ext for ext, t in TYPES.items() if t.kind in kinds]


def check_file(file, kinds=EVIDENCE_KINDS, *, max_bytes: int | None = None) -> str:
    """Check one uploaded file for a use accepting ``kinds``; return its content type.

    Raises ``ValidationError`` naming the file and why it is refused. The file is left at
    its start, ready to be stored.
    """
    name = base_name(getattr(file, "name", "")) or _("The file")
    file_type = TYPES.get(extension(name))
    if file_type is None or file_type.kind not in kinds:
        raise ValidationError(
            _("%(name)s: only %(types)s files are accepted.")
            % {"name": name, "types": " ".join(accepted_extensions(kinds))},
            code="bad_type",
        )
    size = file.size
    max_bytes = attachment_max_bytes() if max_bytes is None else max_bytes
    if not size:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": name, "limit": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    try:
        data = _read(file)
        _CHECKS[file_type.kind](data, file_type)
    except Refused as exc:
        raise ValidationError(
            _("%(name)s is refused: %(reason)s") % {"name": name, "reason": exc},
            code="bad_content",
        ) from None
    return file_type.content_type


def validate_photo(file) -> None:
    """A photo: a JPEG or PNG image that decodes."""
    check_file(file, PHOTO_KINDS)


def validate_evidence(file) -> None:
    """Evidence: an image, a PDF, an Office document or plain text, each checked by content."""
    check_file(file, EVIDENCE_KINDS)


def check_files(files, kinds=EVIDENCE_KINDS) -> list[tuple[object, str]]:
    """Check several files at once: (file, content type) pairs, or one ``ValidationError``
    listing every refused file."""
    checked, errors = [], []
    for f in files:
        try:
            checked.append((f, check_file(f, kinds)))
        except ValidationError as exc:
            errors.extend(exc.error_list)
    if errors:
        raise ValidationError(errors)
    return checked


def _read(file) -> bytes:
    if hasattr(file, "open") and getattr(file, "closed", False):
        file.open("rb")
    file.seek(0)
    try:
        return file.read()
    finally:
        file.seek(0)


def _check_image(data: bytes, file_type: FileType) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format
            image.verify()
        if found != _PILLOW_FORMAT[file_type.content_type]:
            raise Refused(
                _("its content is a %(found)s image, not %(expected)s.")
                % {"found": found, "expected": file_type.label}
            )
        with Image.open(io.BytesIO(data)) as image:
            if found == "JPEG":  # decode at a reduced scale: every block is still read
                image.draft("L", (max(image.width // 8, 1), max(image.height // 8, 1)))
            image.load()
    except Refused:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise Refused(
            _("its content is not a %(kind)s image.") % {"kind": file_type.label}
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise Refused(_("the image is damaged or incomplete.")) from None


def _check_pdf(data: bytes, file_type: FileType) -> None:
    if not data.startswith(b"%PDF-"):
        raise Refused(
            _("its content is not PDF (it does not start with %(marker)s).") % {"marker": "%PDF-"}
        )
    if b"%%EOF" not in data[-1024:]:
        raise Refused(
            _("the PDF file is incomplete (it does not end with %(marker)s).") % {"marker": "%%EOF"}
        )


def _check_office(data: bytes, file_type: FileType) -> None:
    ext = file_type.extension
    if ext in _MAIN_PART:
        _check_ooxml(data, file_type)
        return
    if not data.startswith(_OLE2):
        raise Refused(
            _("its content is not %(kind)s (no Office 97-2003 signature).")
            % {"kind": file_type.label}
        )
    if not any(s.encode("utf-16-le") in data for s in _OLE2_STREAMS[ext]):
        raise Refused(
            _("its content is an Office 97-2003 file, but not %(kind)s.")
            % {"kind": file_type.label}
        )


def _check_ooxml(data: bytes, file_type: FileType) -> None:
    not_package = Refused(
        _("its content is not %(kind)s (not an Office package).") % {"kind": file_type.label}
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                raise not_package
            types = ElementTree.fromstring(package.read(info))
    except Refused:
        raise
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        raise not_package from None
    main = {el.get("ContentType") for el in types if el.tag.endswith("}Override")}
    if _MAIN_PART[file_type.extension] not in main:
        raise Refused(
            _("its content is an Office package, but not %(kind)s.") % {"kind": file_type.label}
        )


def _check_text(data: bytes, file_type: FileType) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = _TEXT_ENCODINGS
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
            break
        return
    raise Refused(_("its content is not plain text (UTF-8 or GBK)."))


_CHECKS = {IMAGE: _check_image, PDF: _check_pdf, OFFICE: _check_office, TEXT: _check_text}


def safe_content_type(content_type: str, name: str = "") -> str:
    """The type to serve a stored file with: its checked type if known, else the type its
    extension stands for, else plain bytes."""
    if content_type in SAFE_CONTENT_TYPES:
        return content_type
    file_type = TYPES.get(extension(name))
    return file_type.content_type if file_type else "application/octet-stream"


def file_response(field_file, *, name: str, content_type: str = "") -> FileResponse:
    """Serve a stored file under its original name, always as a download (an ``<img>``
    still shows a photo; opening the address saves the file, so nothing uploaded is ever
    rendered as a page of the site), with the type its content was checked as, never
    sniffed into something else by the browser; a missing file is a 404."""
    if not field_file:
        raise Http404
    served = safe_content_type(content_type, name or field_file.name)
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=base_name(name) or base_name(field_file.name),
        content_type=served,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class FileDownloadView(ObjectMixin, View):
    """Download one stored file, found only among the files of the parents the user may
    see (``model`` is the parent, ``file_model`` the stored files, ``parent_field`` the
    lookup from a file to its parent); anything else is a 404. ``send(stored)`` serves
    it: a ``FileAttachment``'s file by default."""

    file_model: type
    parent_field: str

    def send(self, stored):
        return file_response(stored.file, name=stored.name, content_type=stored.content_type)

    def get(self, request, pk):
        self.require_permission("view")
        parents = self.restricted("view").values("pk")
        stored = get_object_or_404(
            self.file_model._default_manager.filter(**{f"{self.parent_field}__in": parents}),
            pk=pk,
        )
        return self.send(stored)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input, each checked by content for the use's ``kinds``
    (the action that stores them checks them again, for the API and the CLI)."""

    def __init__(self, *args, kinds=PHOTO_KINDS, capture: bool = False, **kwargs):
        self.kinds = tuple(kinds)
        accept = sorted({t.content_type for t in TYPES.values() if t.kind in self.kinds})
        attrs = {"accept": ",".join(accept)}
        if capture:  # on a phone, offer the camera
            attrs["capture"] = "environment"
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(FilesField, self).clean(f, initial) for f in files]
        check_files([f for f in cleaned if f], self.kinds)
        return cleaned
