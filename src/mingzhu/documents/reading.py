"""Turning an uploaded file into text: UTF-8, GBK or GB18030 plain text, or .docx.

Pure: bytes in, text out. The encodings are tried in order and the result is checked to
look like written text; binary files and unknown encodings are refused with a message
that says what is wrong.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
ENCODINGS = ("utf-8", "gbk", "gb18030")
# Characters a policy text is made of: CJK, its punctuation, ASCII, full-width forms.
_TEXT_CHAR = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    r"\u0020-\u007e\u00a0-\u00ff\u20a0-\u20cf\u2100-\u214f\u2190-\u21ff\u2460-\u24ff\u25a0-\u25ff\s]"
)


class ReadError(ValueError):
    """The file cannot be read as a document."""


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20000]
    good = len(_TEXT_CHAR.findall(sample))
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls == 0 and good >= 0.97 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of plain-text bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise ReadError(_("This is a binary file, not a text document."))
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text, encoding
    raise ReadError(_("The text is in an unknown encoding (expected UTF-8, GBK or GB18030)."))


def read_docx(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise ReadError(_("The .docx file cannot be read: %(error)s") % {"error": exc}) from exc
    return "\n".join(p.text for p in document.paragraphs)


def read_document(data: bytes, filename: str = "") -> tuple[str, str]:
    """(text, encoding or "docx") of an uploaded file."""
    if not data:
        raise ReadError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ReadError(_("The file is larger than 5 MB."))
    name = filename.lower()
    if data.startswith(b"PK\x03\x04"):
        if name and not name.endswith(".docx") and zipfile.is_zipfile(io.BytesIO(data)):
            raise ReadError(_("Only .docx files among archives are read."))
        return read_docx(data), "docx"
    if data.startswith(b"%PDF"):
        raise ReadError(_("PDF files are not read: paste the extracted text instead."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(_("Old .doc files are not read: save the document as .docx."))
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError(_("The file is empty."))
    return text, encoding
