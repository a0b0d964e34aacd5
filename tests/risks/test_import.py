"""The debt instrument import: preview, all or nothing, matched by code, who may."""

import datetime as dt
import io
from decimal import Decimal
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mingzhu.org.personas import PERSONAS
from mingzhu.risks.debt.io import INSTRUMENT_COLUMNS, import_instruments
from mingzhu.risks.models import DebtEntity, DebtInstrument

HEADERS = ["编号", "主体", "类型", "本金", "利率", "到期月份", "可展期", "最长展期月数", "起始日"]
IMPORTERS = {"czj"}  # the finance bureau adds and changes instruments


def _xlsx(rows, headers=HEADERS, title=None):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "instruments.xlsx"
    return buffer


NEW = [
    ["IMP-001", "市财政局", "银行贷款", 1200, "4.35%", "2029-06-30", "是", 12, "2025-06-30"],
    ["IMP-002", "示例城投", "企业债券", 3000, 5.1, "2030-03", "否", "", dt.date(2025, 3, 1)],
]


@pytest.fixture
def czj(django_user_model):
    return django_user_model.objects.get(username="czj")


@pytest.fixture
def client_for(as_user, django_user_model):
    return lambda name: as_user(django_user_model.objects.get(username=name))


def test_it_creates_then_updates_by_code_and_leaves_repeats_unwritten(czj):
    result = import_instruments(_xlsx(NEW, title="2025年债务台账"), actor=czj)
    assert (result.created, result.updated, result.errors) == (2, 0, [])
    first = DebtInstrument.objects.get(code="IMP-001")
    assert first.entity == DebtEntity.objects.get(unit__code="YZ-DEPT-CZJ")  # by its unit
    assert (first.principal, first.rate, first.maturity) == (
        Decimal(1200),
        Decimal("4.35"),
        dt.date(2029, 6, 30),
    )
    assert LogEntry.objects.get_for_object(first).filter(actor=czj).exists()  # its author
    second = DebtInstrument.objects.get(code="IMP-002")
    assert second.entity.unit.code == "YZ-PT-CT"  # by the entity's short name
    assert second.maturity == dt.date(2030, 3, 1) and not second.refinanceable
    DebtInstrument.objects.filter(code="IMP-002").update(is_illustrative=True, lender="国开行")
    entries = LogEntry.objects.count()
    again = import_instruments(_xlsx(NEW), actor=czj)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert LogEntry.objects.count() == entries  # nothing written
    changed = [NEW[0], [*NEW[1][:4], 5.5, *NEW[1][5:]]]
    result = import_instruments(_xlsx(changed), actor=czj)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    second.refresh_from_db()
    # The rate changed; the 示例 flag and the lender (no such column) are kept.
    assert second.rate == Decimal("5.5") and second.is_illustrative and second.lender == "国开行"
    assert DebtInstrument.objects.filter(code__startswith="IMP-").count() == 2


def test_every_bad_row_is_named_and_nothing_is_written(czj):
    bad = [
        NEW[0],
        ["IMP-003", "无此公司", "银行贷款", 100, 4, "2029-01", "是", 0, "2025-01-01"],
        ["IMP-004", "示例城投", "高利贷", -5, 40, "2029-13", "也许", 0, "2025-01-01"],
        ["IMP-005", "示例城投", "银行贷款", 100, 4, "2024-01-31", "否", 0, "2025-01-01"],
        ["IMP-006", "示例城投", "银行贷款", 100, 4, "2029-01-31", "否", 0, ""],
        ["IMP-001", "示例城投", "银行贷款", 100, 4, "2029-01-31", "否", 0, "2025-01-01"],
    ]
    result = import_instruments(_xlsx(bad), actor=czj)
    messages = [str(e) for e in result.errors]
    assert any("Row 3, 主体" in m and "无此公司" in m for m in messages)
    for column in ("类型", "本金", "利率", "到期月份", "可展期"):
        assert any(m.startswith(f"Row 4, {column}") for m in messages), column
    assert any("Row 5, 到期月份" in m for m in messages)  # before the start
    assert any("Row 7, 编号" in m and "row 2" in m for m in messages)
    assert result.created == 0
    assert not DebtInstrument.objects.filter(code__startswith="IMP-").exists()
    # A new instrument needs its start date: refused at writing, all rows rolled back.
    result = import_instruments(_xlsx([NEW[0], bad[4]]), actor=czj)
    assert any("Row 3, 起始日" in str(e) for e in result.errors)
    assert not DebtInstrument.objects.filter(code__startswith="IMP-").exists()


def test_the_page_previews_then_imports(client_for):
    client = client_for("czj")
    listing = client.get(reverse("risks:debtinstrument_list")).content.decode()
    assert reverse("risks:debtinstrument_import") in listing
    url = reverse("risks:debtinstrument_import")
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("risks:debtinstrument_template") in page.content.decode()
    preview = client.post(url, {"file": _xlsx(NEW)})
    assert preview.status_code == 200 and preview.context["preview"].created == 2
    assert not DebtInstrument.objects.filter(code__startswith="IMP-").exists()
    done = client.post(url, {"staged": preview.context["staged"]})
    assert done.status_code == 302
    assert DebtInstrument.objects.filter(code__startswith="IMP-").count() == 2
    refused = client.post(url, {"file": _xlsx([[*NEW[0][:2], "高利贷", *NEW[0][3:]]])})
    assert refused.status_code == 400 and "Row 2, 类型" in refused.content.decode()
    not_a_sheet = io.BytesIO(b"\x00\x01garbage")
    not_a_sheet.name = "x.xlsx"
    assert client.post(url, {"file": not_a_sheet}).status_code == 400


def test_an_exported_list_imports_again_and_changes_nothing(client_for, settings):
    settings.LANGUAGE_CODE = "zh-hans"  # the export's headings as offices see them
    client = client_for("czj")
    exported = client.get(reverse("risks:debtinstrument_list"), {"export": "xlsx"})
    count = DebtInstrument.objects.count()
    entries = LogEntry.objects.count()
    before = list(DebtInstrument.objects.order_by("pk").values())
    sheet = io.BytesIO(exported.content)
    sheet.name = "export.xlsx"
    preview = client.post(reverse("risks:debtinstrument_import"), {"file": sheet})
    assert preview.status_code == 200, preview.context.get("errors")
    result = preview.context["preview"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, count)
    done = client.post(
        reverse("risks:debtinstrument_import"), {"staged": preview.context["staged"]}
    )
    assert done.status_code == 302
    assert LogEntry.objects.count() == entries
    assert list(DebtInstrument.objects.order_by("pk").values()) == before


def test_the_template_lists_entities_and_reads_back(client_for):
    response = client_for("czj").get(reverse("risks:debtinstrument_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in INSTRUMENT_COLUMNS]
    assert sheet["A2"].value == "示例"
    notes = {row[0]: row for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert notes["编号"][1] in ("Yes", "是") and notes["起始日"][1] in ("No", "否")
    options = [c.value for c in book.worksheets[-1]["A"]]
    assert "扬中示例城市建设投资集团有限公司" in options and "扬中市人民政府" in options
    assert len(sheet.data_validations.dataValidation) == 4


@pytest.mark.parametrize("name", [p.username for p in PERSONAS])
def test_only_the_finance_bureau_imports(name, client_for):
    client = client_for(name)
    expected = 200 if name in IMPORTERS else 403
    assert client.get(reverse("risks:debtinstrument_import")).status_code == expected
    assert client.get(reverse("risks:debtinstrument_template")).status_code == expected
    if name not in IMPORTERS:
        response = client.post(reverse("risks:debtinstrument_import"), {"file": _xlsx(NEW)})
        assert response.status_code == 403
        assert not DebtInstrument.objects.filter(code__startswith="IMP-").exists()


def test_the_command_uses_the_same_importer(tmp_path, czj):
    path = tmp_path / "in.xlsx"
    path.write_bytes(_xlsx(NEW).getvalue())
    out = StringIO()
    call_command("debt", "import", str(path), "--user", "czj", stdout=out, stderr=StringIO())
    assert "created=2" in out.getvalue()
    again = StringIO()
    call_command("debt", "import", str(path), "--user", "czj", stdout=again, stderr=StringIO())
    assert "created=0 updated=0 unchanged=2" in again.getvalue()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_xlsx([[*NEW[0][:2], "高利贷", *NEW[0][3:]]]).getvalue())
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("debt", "import", str(bad), "--user", "czj", stdout=StringIO(), stderr=err)
    assert caught.value.returncode == 2 and "Row 2, 类型" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("debt", "import", str(path), "--user", "leader", stdout=StringIO())
