"""Helpers the test suite shares (not used by the running platform)."""

import io
import json
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

from django.core.management import call_command
from django.db import connection


def waiting_for_a_lock() -> int:
    """How many sessions of this PostgreSQL database wait for a lock right now: a race
    test holds one transaction open until the other is seen waiting."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


# -- Pages that speak Chinese ------------------------------------------------------------
# The crawl of tests/ops/test_zh_pages.py reads what a page shows and reports English
# messages of the project's catalogues and choice values shown as their raw code.

_SKIPPED_TAGS = {"script", "style", "template", "code", "pre", "textarea"}
_SEPARATORS = re.compile(r"[\s,，/、;；:：()（）\[\]<>→=·|]+")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        attrs = dict(attrs)
        for name in ("href", "hx-get"):
            if attrs.get(name):
                self.links.append(attrs[name])
        for name in ("title", "placeholder", "aria-label"):
            if attrs.get(name):
                self.texts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(data)


def page_texts(html: str) -> tuple[list[str], list[str]]:
    """The visible texts of a page (text nodes, titles, placeholders; not scripts nor
    code) and the addresses it links to (href, hx-get)."""
    parser = _Texts()
    parser.feed(html)
    texts = [" ".join(t.split()) for t in parser.texts]
    return texts, parser.links


def catalogue_messages() -> set[str]:
    """The English messages of the project's zh_Hans catalogues that read otherwise in
    Chinese, without placeholders, as a page would show them."""
    import polib

    import mingzhu

    package = Path(mingzhu.__file__).parent
    found = set()
    for po in package.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                continue
            msgid = entry.msgid.replace("%%", "%")
            if entry.msgstr.replace("%%", "%") == msgid or re.search(r"%(\(\w+\))?[sdf]", msgid):
                continue
            if re.search(r"[A-Za-z]{2,}", msgid) and "\n" not in msgid:
                found.add(msgid)
    return found


def choice_values(leave_out=()) -> dict[str, str]:
    """{value: label} of the project's TextChoices whose label differs from the value
    (but those of the classes in ``leave_out``)."""
    from django.db import models
    from django.utils import translation

    found: dict[str, str] = {}
    pending = list(models.TextChoices.__subclasses__())
    with translation.override("zh-hans"):
        while pending:
            kind = pending.pop()
            pending.extend(kind.__subclasses__())
            if not kind.__module__.startswith("mingzhu.") or kind in leave_out:
                continue
            for value, label in kind.choices:
                if isinstance(value, str) and value != str(label) and _IDENTIFIER.match(value):
                    found.setdefault(value, str(label))
    return found


# A number as a machine prints it: four decimals (608.0000, 660.1887), decimals that
# are all zeros (54.00), or a large number whose thousands are not grouped (3323300.0).
_RAW_NUMBER = re.compile(r"(?<![\d.,:/A-Za-z_-])(\d+\.\d{3,}|\d+\.00+|\d{4,}\.\d+)(?![\d.])")


def untranslated(
    texts: list[str], messages: set[str], values: dict[str, str], exempt: frozenset = frozenset()
) -> list[str]:
    """What the texts show in English, as a raw choice code or as a raw number: an English
    message of the catalogues (a whole text, or a message of two words or more inside
    one), a choice value standing alone, a text made only of codes one of which is a
    choice value (``name,phone / view``), a number as ``_RAW_NUMBER`` describes. Texts in
    ``exempt`` (e.g. user names, which people type as they like) are not checked."""
    several_words = [m for m in messages if " " in m]
    wrong = []
    for text in texts:
        bare = text.strip().rstrip(":：").strip()
        if not bare or bare in exempt:
            continue
        raw = _RAW_NUMBER.search(bare)
        if raw:
            wrong.append(f"number {raw.group(0)!r} in {bare!r}")
        if bare in messages:
            wrong.append(f"message {bare!r}")
            continue
        inside = [
            m
            for m in several_words
            if m in bare and re.search(rf"(?<![A-Za-z]){re.escape(m)}(?![A-Za-z])", bare)
        ]
        if inside:
            wrong.append(f"message {max(inside, key=len)!r} in {bare!r}")
            continue
        tokens = [t for t in _SEPARATORS.split(bare) if t]
        if bare in values or (
            tokens
            and all(_IDENTIFIER.match(t) for t in tokens)
            and any(t in values for t in tokens)
        ):
            wrong.append(f"raw code {bare!r}")
        elif any("_" in t and t in values for t in tokens):
            wrong.append(f"raw code in {bare!r}")
    return wrong


_NOT_CRAWLED = ("/accounts/", "/i18n/", "/admin/", "/api/", "/static/", "/media/", "/healthz")


def page_pattern(path: str) -> str:
    """The page a path is an instance of: numbers stand for any object."""
    return re.sub(r"\d+", "0", path)


def crawl(client, start: list[str], seen: set[str], limit: int):
    """Visit the pages reachable from ``start`` with ``client``, one address per page
    pattern not yet in ``seen`` (which it fills), at most ``limit`` pages; yield (path,
    response) for each HTML answer."""
    from urllib.parse import urldefrag, urlsplit

    queue = list(start)
    visited = 0
    while queue and visited < limit:
        path = queue.pop(0)
        pattern = page_pattern(path)
        if pattern in seen:
            continue
        seen.add(pattern)
        response = client.get(path)
        visited += 1
        if response.status_code in (301, 302):
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        yield path, response
        _, links = page_texts(response.content.decode())
        for link in links:
            parts = urlsplit(urldefrag(link)[0])
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(_NOT_CRAWLED) or page_pattern(parts.path) in seen:
                continue
            queue.append(parts.path)


def open_gongwen(content: bytes):
    """A 公文 .docx opened again, its GB/T 9704 layout checked: A4 portrait, margins
    37/35/28/26 mm, the 版头 in red, the red line under the 发文字号, title and body
    fonts, "— PAGE —" in the footer and the 印发 line. Returns the document."""
    from io import BytesIO

    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(BytesIO(content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin)
    assert [round(m.mm) for m in (*margins, section.right_margin)] == [37, 35, 28, 26]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    organ = [r for r in runs if r.font.color.rgb is not None and str(r.font.color.rgb) == "FF0000"]
    assert organ and organ[0].font.size.pt >= 22, "no red 版头"
    lines = doc.element.body.findall(f".//{qn('w:pBdr')}/{qn('w:bottom')}")
    assert any(line.get(qn("w:color")) == "FF0000" for line in lines), "no red line"

    def east_asian(run):
        fonts = run._element.rPr.find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia")) if fonts is not None else None

    assert any(east_asian(r) == "方正小标宋简体" and r.font.size.pt == 22 for r in runs)
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    body = [r for r in runs if east_asian(r) == "仿宋_GB2312" and r.font.size.pt == 16]
    assert body, "no body text in 仿宋_GB2312 3号"
    footer = section.footer._element
    assert "PAGE" in "".join(t.text for t in footer.iter(qn("w:instrText")))
    assert "".join(t.text or "" for t in footer.iter(qn("w:t"))).startswith("— ")
    assert any(p.text.endswith("印发") for p in doc.paragraphs), "no 印发 line"
    return doc


def pdf_pages(content: bytes, directory: Path, name: str = "document.docx") -> list:
    """``content`` (.docx or .xlsx) converted by LibreOffice to PDF: the sizes of its
    pages in millimetres (see ``pdf_pages_of``)."""
    return pdf_pages_of({name: content}, directory)[name]


_LO_PROFILE: list[Path] = []


def _lo_profile() -> Path:
    """One LibreOffice user profile for this process (made on its first start, the
    slowest part of a start), removed when the process ends; each process its own, as
    one profile serves one LibreOffice at a time."""
    import atexit
    import shutil
    import tempfile

    if not _LO_PROFILE:
        _LO_PROFILE.append(Path(tempfile.mkdtemp(prefix="mingzhu-lo-profile-")))
        atexit.register(shutil.rmtree, _LO_PROFILE[0], ignore_errors=True)
    return _LO_PROFILE[0]


def to_pdf(sources: list[Path], directory: Path) -> list[Path]:
    """The files (.docx, .xlsx) converted to PDF in ``directory`` by one LibreOffice run
    with this process's own profile (two test workers printing at once would otherwise
    share the user's, and the second run fails). Skips where LibreOffice is not
    installed, except under CI (which installs it: .ci/run), where that fails."""
    import os
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={_lo_profile().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(directory),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [directory / f"{source.stem}.pdf" for source in sources]


def pdf_pages_of(files: dict[str, bytes], directory: Path) -> dict[str, list]:
    """Each file (name -> content, .docx or .xlsx) converted to PDF by one LibreOffice
    run (``to_pdf``): the sizes of its pages in millimetres, by name."""
    from pypdf import PdfReader

    sources = []
    for name, content in files.items():
        source = directory / name
        source.write_bytes(content)
        sources.append(source)
    points = 25.4 / 72
    pages = {}
    for source, pdf in zip(sources, to_pdf(sources, directory), strict=True):
        reader = PdfReader(pdf)
        pages[source.name] = [
            (round(float(p.mediabox.width) * points), round(float(p.mediabox.height) * points))
            for p in reader.pages
        ]
    return pages


# -- Import pages: upload, preview, confirm ----------------------------------------------


def import_command(*args: str) -> dict:
    """`mingzhu import ARGS… --json` run as the command line does, its summary read."""
    out = io.StringIO()
    call_command("import", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def import_through_page(client, url: str, data: dict, **extra):
    """Post ``data`` (the file and the page's options) to an import page, then confirm its
    preview as a user would: the response to the confirmation, or the upload's response
    when no preview came back (refused file, every row refused)."""
    preview = client.post(url, data, **extra)
    context = getattr(preview, "context", None)
    if preview.status_code != 200 or not context or not context.get("staged"):
        return preview
    confirm = {"staged": context["staged"]}
    for name, value in context["carried"]:
        confirm.setdefault(name, value)
    if data.get("valid_only"):
        confirm["valid_only"] = "on"
    return client.post(url, confirm, **extra)


# -- a minimal Excel 97-2003 (.xls) writer: BIFF8 records in an OLE2 compound file -------

END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0x41, 0x06))


def _cell(row: int, col: int, value) -> bytes:
    if isinstance(value, int | float):
        return _record(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))
    text = str(value)
    header = struct.pack("<HHHHB", row, col, 0, len(text), 1)
    return _record(0x0204, header + text.encode("utf-16-le"))


def _biff8(rows) -> bytes:
    name = "Sheet1".encode("utf-16-le")
    globals_len = 20 + (4 + 8 + len(name)) + 4  # BOF, BOUNDSHEET, EOF
    boundsheet = _record(0x0085, struct.pack("<IBBBB", globals_len, 0, 0, 6, 1) + name)
    cells = b"".join(
        _cell(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None
    )
    width = max(len(r) for r in rows)
    dimensions = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    stream = _bof(0x0005) + boundsheet + _record(0x000A)
    return stream + _bof(0x0010) + dimensions + cells + _record(0x000A)


def xlsx(rows, merges=(), *, name: str = "upload.xlsx") -> io.BytesIO:
    """An .xlsx upload of one sheet holding ``rows`` (lists of cells), the ``merges``
    (ranges such as ``"A1:E1"``) merged, as a test posts or imports it."""
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    for merge in merges:
        wb.active.merge_cells(merge)
    upload = io.BytesIO()
    wb.save(upload)
    upload.seek(0)
    upload.name = name
    return upload


def xls(rows) -> bytes:
    """One "Workbook" stream, padded past the 4096-byte mini-stream cutoff."""
    stream = _biff8(rows)
    size = max(len(stream), 4096)
    stream = stream.ljust(-(-size // 512) * 512, b"\0")
    sectors = len(stream) // 512
    fat = [FATSECT, *range(2, sectors + 1), END, END]  # the FAT, the stream, the directory
    fat += [FREE] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<9I", 0, 1, sectors + 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108

    def entry(label, kind, child, start, length):
        encoded = (label + "\0").encode("utf-16-le") if label else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, NOSTREAM, child)
            + b"\0" * 36
            + struct.pack("<IIHH", start, length, 0, 0)
        )

    directory = entry("Root Entry", 5, 1, END, 0) + entry("Workbook", 2, NOSTREAM, 1, size)
    directory += entry("", 0, NOSTREAM, 0, 0) * 2
    return header + struct.pack("<128I", *fat) + stream + directory


# -- Forms sent with malformed values ----------------------------------------------------
# tests/ops/test_malformed_input.py sends every form the crawl reaches with values no
# clerk should type and checks that none ends in a server error.


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag in ("input", "textarea"):
            kind = "textarea" if tag == "textarea" else (attrs.get("type") or "text").lower()
            self._form["fields"].append((attrs["name"], kind, attrs.get("value") or ""))
        elif tag == "select":
            self._select = [attrs["name"], "select", ""]
            self._form["fields"].append(self._select)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def page_forms(html: str) -> list[dict]:
    """The forms of a page: {"action", "method", "fields": [(name, type, value)]}, a
    select's type being "select" and a text area's "textarea"."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms
