"""Big or hostile spreadsheets are refused before they are parsed (size, unpacked size),
rows are counted as they stream in, and pages show a bounded number of row errors."""

import io
import zipfile
from unittest import mock

import pytest

from mingzhu.core.excel import write_xlsx
from mingzhu.core.tabular import Column, WorkbookError, read_grid, read_table, shown_errors
from mingzhu.core.testing import import_through_page, xlsx
from mingzhu.tasks.models import Task, TaskList

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

COLUMNS = [Column("content", "任务内容"), Column("amount", "金额")]


def _xlsx(rows) -> io.BytesIO:
    return xlsx([["任务内容", "金额"], *rows])


def _bomb(unpacked: int) -> io.BytesIO:
    """A valid workbook whose sheet unpacks to about ``unpacked`` bytes of XML but whose
    file is small (the same row, compressed)."""
    plain = _xlsx([["x", 1]]).getvalue()
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    rows = row * (unpacked // len(row))
    source = zipfile.ZipFile(io.BytesIO(plain))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + rows, 1)
            target.writestr(info.filename, data)
    out.seek(0)
    out.name = "bomb.xlsx"
    return out


def test_it_refuses_a_workbook_that_unpacks_too_large_before_parsing_it(settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    bomb = _bomb(3 * 1024 * 1024)
    assert len(bomb.getvalue()) < 200 * 1024  # small on the wire
    with (
        mock.patch("openpyxl.load_workbook", side_effect=AssertionError("parsed")) as opened,
        pytest.raises(WorkbookError, match="1 MB"),
    ):
        read_grid(bomb)
    assert not opened.called


def test_it_refuses_a_file_above_the_size_limit_before_reading_it(settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 2000
    big = io.BytesIO(("任务内容,金额\n" + "一项任务,1\n" * 400).encode())
    with pytest.raises(WorkbookError, match="MB"):
        read_grid(big)
    path = tmp_path / "big.csv"
    path.write_bytes(big.getvalue())
    with pytest.raises(WorkbookError, match="MB"):
        read_grid(path)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_it_refuses_more_rows_than_the_limit(settings, kind):
    settings.IMPORT_MAX_ROWS = 50
    rows = [[f"任务{i}", i] for i in range(80)]
    if kind == "xlsx":
        data = _xlsx(rows)
    else:
        data = io.BytesIO(("任务内容,金额\n" + "".join(f"{a},{b}\n" for a, b in rows)).encode())
    with pytest.raises(WorkbookError, match="50"):
        read_table(data, COLUMNS)


def test_it_reads_a_sheet_within_the_limits(settings):
    settings.IMPORT_MAX_ROWS = 50
    table = read_table(_xlsx([[f"任务{i}", i] for i in range(50)]), COLUMNS)
    assert len(table.rows) == 50


def test_it_stops_reading_rows_at_the_limit(settings):
    """Rows are counted as they stream in: reading stops one row past the limit."""
    settings.IMPORT_MAX_ROWS = 5
    pulled = []

    def rows():
        for i in range(10_000):
            pulled.append(i)
            yield [f"r{i}"]

    from mingzhu.core import tabular

    with pytest.raises(WorkbookError):
        tabular._capped(rows())
    assert len(pulled) == 5 + tabular.HEADER_SEARCH_ROWS + 1


def test_it_shows_the_first_errors_and_counts_the_rest():
    errors = [f"第{i}行" for i in range(250)]
    shown = shown_errors(errors)
    assert shown[:200] == errors[:200]
    assert len(shown) == 201 and "50" in shown[-1]
    assert shown_errors(errors[:3]) == errors[:3]


def test_the_import_page_shows_at_most_200_row_errors(as_user, supervisor):
    task_list = TaskList.objects.create(
        name="错误很多的清单", kind="meeting", issuer=supervisor.unit, year=2099
    )
    headers = ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
    bad = [[i, "", "不存在的局", "", "", "明年"] for i in range(1, 301)]
    upload = io.BytesIO(write_xlsx("任务清单", headers, bad))
    upload.name = "bad.xlsx"
    before = Task.objects.count()
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{task_list.pk}/import/", {"file": upload}
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert len(errors) == 201
    assert "more errors" in errors[-1] or "条错误" in errors[-1]
    assert Task.objects.count() == before


def test_the_import_page_refuses_a_file_too_large(settings, as_user, supervisor):
    settings.IMPORT_MAX_BYTES = 1024
    task_list = TaskList.objects.create(
        name="太大的文件", kind="meeting", issuer=supervisor.unit, year=2099
    )
    upload = io.BytesIO(b"x" * 5000)
    upload.name = "big.xlsx"
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{task_list.pk}/import/", {"file": upload}
    )
    assert response.status_code == 400
    assert any("MB" in str(e) for e in response.context["errors"])
