"""Uploads are checked by content, whatever their names say, and served back safely."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from mingzhu.core import uploads
from mingzhu.core.uploads import EVIDENCE_KINDS, PHOTO_KINDS, check_file

OOXML = "application/vnd.openxmlformats-officedocument."
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def image(fmt: str = "JPEG", size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(buffer, fmt)
    return buffer.getvalue()


def package(main: str, content_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main}" ContentType="{content_type}"/></Types>',
        )
        z.writestr(main, "<document/>")
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    import docx as python_docx  # a real Word document, as Word would write it

    document = python_docx.Document()
    document.add_paragraph("整改情况说明")
    document.save(buffer)
    return buffer.getvalue()


def refusal(name: str, data: bytes, kinds=EVIDENCE_KINDS) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        check_file(SimpleUploadedFile(name, data), kinds)
    [message] = caught.value.messages
    assert name in message
    return message


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [
        ("现场.jpg", "JPEG", "image/jpeg"),
        ("现场.JPEG", "JPEG", "image/jpeg"),
        ("a.png", "PNG", "image/png"),
    ],
)
def test_a_real_photo_is_accepted(name, fmt, content_type):
    data = image(fmt)
    upload = SimpleUploadedFile(name, data)
    assert check_file(upload, PHOTO_KINDS) == content_type
    assert upload.read() == data  # left at its start, ready to be stored


def test_random_bytes_named_jpg_are_refused():
    message = refusal("现场.jpg", bytes(range(256)) * 8, PHOTO_KINDS)
    assert "不是 JPEG 图片" in message


def test_a_cut_off_photo_is_refused():
    assert "已损坏或不完整" in refusal("现场.jpg", image("JPEG")[:300], PHOTO_KINDS)


def test_a_png_named_jpg_is_refused_as_not_what_it_says():
    assert "PNG 图片，不是 JPEG" in refusal("现场.jpg", image("PNG"), PHOTO_KINDS)


@pytest.mark.parametrize(
    "header",
    [b"\x7fELF\x02\x01\x01\x00", b"MZ\x90\x00\x03\x00\x00\x00"],  # Linux and Windows programs
)
def test_a_program_named_pdf_is_refused(header):
    assert "不是 PDF" in refusal("整改报告.pdf", header + bytes(500) + b"%%EOF")


def test_a_pdf_is_accepted_and_a_cut_off_one_is_not():
    whole = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    assert check_file(SimpleUploadedFile("报告.pdf", whole)) == "application/pdf"
    assert "PDF 文件不完整" in refusal("报告.pdf", whole[:30])


def test_a_text_file_named_docx_is_refused():
    assert "不是 Office 文档包" in refusal("整改方案.docx", "整改方案：三日内完成。".encode())


def test_office_documents_are_what_they_claim():
    word = OOXML + "wordprocessingml.document"
    assert check_file(SimpleUploadedFile("方案.docx", docx())) == word
    sheet = package("xl/workbook.xml", OOXML + "spreadsheetml.sheet.main+xml")
    assert check_file(SimpleUploadedFile("台账.xlsx", sheet)) == OOXML + "spreadsheetml.sheet"
    assert "但不是 Excel (.xlsx)" in refusal("台账.xlsx", docx())
    macro = package("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    assert "但不是 Excel (.xlsx)" in refusal("台账.xlsx", macro)
    old_word = OLE2 + bytes(50) + "WordDocument".encode("utf-16-le")
    assert check_file(SimpleUploadedFile("旧.doc", old_word)) == "application/msword"
    assert "但不是 Excel (.xls)" in refusal("旧.xls", old_word)
    assert "没有 Office 97-2003 文件标识" in refusal("旧.xls", b"ID;PWXL;N;E\r\n")


def test_plain_text_must_decode():
    assert check_file(SimpleUploadedFile("说明.txt", "整改说明".encode("gbk"))) == "text/plain"
    assert check_file(SimpleUploadedFile("说明.txt", "整改说明".encode())) == "text/plain"
    assert "不是纯文本" in refusal("说明.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(64))


def test_size_name_and_use_are_checked(settings):
    assert "是空文件" in refusal("空.pdf", b"")
    big = SimpleUploadedFile("大.jpg", image("JPEG"))
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="超过 0 MB"):
        check_file(big, PHOTO_KINDS, max_bytes=100)
    assert "只接受 .jpg .jpeg .png 文件" in refusal("报告.pdf", b"%PDF-1.4\n%%EOF", PHOTO_KINDS)
    assert "只接受" in refusal("run.exe", b"MZ")
    assert "只接受" in refusal("无扩展名", b"x")


def test_several_files_are_refused_together():
    files = [
        SimpleUploadedFile("好.jpg", image("JPEG")),
        SimpleUploadedFile("坏.jpg", b"junk"),
        SimpleUploadedFile("病毒.exe", b"MZ"),
    ]
    with pytest.raises(ValidationError) as caught:
        uploads.check_files(files, PHOTO_KINDS)
    text = " ".join(caught.value.messages)
    assert "坏.jpg" in text and "病毒.exe" in text and "好.jpg" not in text


def test_the_multiple_files_field_refuses_by_content():
    field = uploads.FilesField(kinds=PHOTO_KINDS)
    good = SimpleUploadedFile("好.jpg", image("JPEG"))
    assert field.clean([good]) == [good]
    assert field.clean([]) == []
    assert 'accept="image/jpeg,image/png"' in field.widget.render("photos", None)
    with pytest.raises(ValidationError):
        field.clean([SimpleUploadedFile("坏.jpg", b"junk")])


def test_stored_files_are_served_with_a_safe_type(tmp_path, settings):
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "a.png").write_bytes(image("PNG"))
    (tmp_path / "b.html").write_bytes(b"<script>alert(1)</script>")

    class Holder:
        pass

    def stored(name):
        field = type("F", (), {"storage": FileSystemStorage(location=tmp_path)})()
        return FieldFile(Holder(), field, name)

    photo = uploads.file_response(stored("a.png"), name="现场.png", content_type="image/png")
    assert photo["Content-Type"] == "image/png"
    assert photo["Content-Disposition"].startswith("attachment")  # shown by <img> only
    assert photo["X-Content-Type-Options"] == "nosniff"
    page = uploads.file_response(stored("b.html"), name="b.html", content_type="text/html")
    assert page["Content-Type"] == "application/octet-stream"
    assert page["Content-Disposition"].startswith("attachment")
    from django.http import Http404

    with pytest.raises(Http404):
        uploads.file_response(stored("gone.png"), name="gone.png", content_type="image/png")
