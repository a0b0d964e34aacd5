"""Files into text: encodings detected, .docx read, bad files refused with a reason."""

import datetime as dt
import io

import docx
import pytest
from django.utils import translation

from mingzhu.core.testing import xls
from mingzhu.documents import seeds
from mingzhu.documents.decompose import decompose
from mingzhu.documents.reading import ReadError, read_document

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
def test_it_reads_the_seed_in_each_encoding(encoding):
    text, used = read_document(seeds.SEED_1.encode(encoding), "seed.txt")
    assert text == seeds.SEED_1
    # GBK is tried before GB18030 and decodes the same characters.
    assert used == ("utf-8" if encoding == "utf-8" else "gbk")


def test_it_falls_back_to_gb18030_for_characters_gbk_lacks():
    text = "力争到2027年，全市新增“㘵”字号企业 5 家以上。€"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")
    assert read_document(data) == (text, "gb18030")


def test_it_strips_a_utf8_byte_order_mark():
    assert read_document(b"\xef\xbb\xbf" + "确保".encode())[0] == "确保"


def test_it_reads_docx():
    document = docx.Document()
    document.add_paragraph("扬中市示例方案")
    document.add_paragraph("一是推进智改数转。力争到2027年，高新技术企业达到 500 家以上。")
    document.add_paragraph("二是加强人才引育。落实人才新政。")
    buffer = io.BytesIO()
    document.save(buffer)
    text, used = read_document(buffer.getvalue(), "方案.docx")
    assert used == "docx"
    d = decompose(text)
    assert d.title == "扬中市示例方案"
    assert [i.title for i in d.items] == ["推进智改数转", "加强人才引育"]
    assert d.targets[0].value == 500


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 4, "binary"),
        ("hello 你好".encode("utf-16"), "binary"),
        (b"\x80\xff\xfe" * 20, "unknown encoding"),
        ("é à ü ö".encode("latin-1"), "unknown encoding"),
        (b"%PDF-1.4\n%\xe2\xe3", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, ".doc"),
        (b"PK\x03\x04 not a real archive", ".docx"),
    ],
)
def test_it_refuses_bad_files_with_a_reason(data, message):
    with translation.override("en"), pytest.raises(ReadError, match=message):
        read_document(data, "file.docx" if data.startswith(b"PK") else "file.txt")


def test_a_one_megabyte_document_is_decomposed():
    # The speed goal (under 2 s) is measured by benchmarks/documents_throughput.py;
    # here: a 1 MB text goes through without error and finds what it holds.
    block = seeds.SEED_1 + "\n"
    text = block * (1_000_000 // len(block.encode()) + 1)
    d = decompose(text)
    assert len(text.encode()) >= 1_000_000
    copies = len(text) // len(block)
    assert len(d.targets) == 5 * copies and len(d.items) == 15 * copies


def _pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (ASCII, Helvetica)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_it_reads_the_text_layer_of_a_pdf():
    text, used = read_document(_pdf("Plan 2025: GDP grows by 6 percent."), "plan.pdf")
    assert used == "pdf" and "GDP grows by 6 percent" in text


def test_it_refuses_a_pdf_without_text():
    with translation.override("en"), pytest.raises(ReadError, match="no text layer"):
        read_document(_pdf(""), "scan.pdf")


def test_a_word_table_of_tasks_becomes_rows_with_their_units_and_deadline():
    document = docx.Document()
    document.add_paragraph("2025年重点工作任务分解表")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ("序号", "重点任务", "牵头单位", "责任单位", "完成时限"),
        ("1", "新增规上工业企业20家", "县工信局", "各镇（街道）", "2025年12月底"),
        ("2", "完成老旧小区改造5个", "住建局", "", "2025年9月底前"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    text, used = read_document(buffer.getvalue(), "分解表.docx")
    assert used == "docx"
    assert (
        "1.新增规上工业企业20家。（牵头单位：县工信局；责任单位：各镇（街道）；完成时限：2025年12月底）"
        in text
    )
    d = decompose(text)
    first, second = d.items
    assert (first.named_lead, first.named_co) == ("县工信局", ["各镇（街道）"])
    assert first.deadline.isoformat() == "2025-12-31"
    assert (second.named_lead, second.deadline.isoformat()) == ("住建局", "2025-09-30")
    assert [(t.indicator, str(t.value)) for t in d.targets] == [
        ("新增规上工业企业", "20"),
        ("老旧小区改造", "5"),
    ]


SHEET_ROWS = [
    ("2028年重点工作任务分解表", None, None, None, None),
    ("填报单位：市政府督查室", None, None, None, None),
    ("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
    (1, "新增规上工业企业30家", "市工信局", "各镇（街道）", "2028年12月底"),
    (2, "建成口袋公园4个", "住建局", None, dt.date(2028, 9, 30)),
]


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_decomposition_sheet_becomes_rows_with_their_units_and_deadline(kind, db):
    data = _xlsx(SHEET_ROWS) if kind == "xlsx" else xls(SHEET_ROWS)
    text, used = read_document(data, f"分解表.{kind}")
    assert used == kind
    # The title rows above the header stay (they name the year), the rows read as Word's.
    assert text.splitlines()[0] == "2028年重点工作任务分解表"
    d = decompose(text)
    first, second = d.items
    assert (first.named_lead, first.named_co) == ("市工信局", ["各镇（街道）"])
    assert first.deadline.isoformat() == "2028-12-31"
    assert (second.named_lead, second.deadline.isoformat()) == ("住建局", "2028-09-30")
    assert [(t.indicator, str(t.value)) for t in d.targets] == [
        ("新增规上工业企业", "30"),
        ("口袋公园", "4"),
    ]


def test_a_sheet_without_a_task_header_is_refused_with_a_reason(db):
    data = _xlsx([("姓名", "电话"), ("张三", "123")])
    with translation.override("en"), pytest.raises(ReadError, match="header"):
        read_document(data, "名单.xlsx")
