"""The one tabular reader and import runner: real files of every accepted kind, the header
found below a title, columns by name or alias, bad files refused with a message, errors
that name the row and column, and imports that write every row or none."""

import datetime as dt
import io
import zipfile

import pytest
from django import forms
from django.contrib.auth.models import Group

from mingzhu.core.tabular import (
    Column,
    RawRowForm,
    RowError,
    RowForm,
    RowProblem,
    Table,
    WorkbookError,
    read_grid,
    read_table,
    run_import,
    validate_rows,
)
from mingzhu.core.testing import import_through_page, xls, xlsx
from mingzhu.tasks.models import TaskList

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

COLUMNS = [
    Column("content", "任务内容"),
    Column("amount", "金额", ("amount",)),
    Column("note", "备注", required=False),
]


# -- reading ------------------------------------------------------------------------------


def test_it_reads_an_xlsx_below_a_title_row_with_cells_normalised():
    table = read_table(
        xlsx(
            [
                ["2025年重点任务清单"],
                [" 任务内容 ", "金额（万元）", "其他"],
                ["  修路  ", 12.0, "x"],
                [None, None, None],
                ["建桥", 3.5, dt.datetime(2025, 6, 30)],
                ["", "", ""],
            ]
        ),
        COLUMNS,
    )
    assert table.header_row == 2
    assert table.headers == {"content": "任务内容", "amount": "金额（万元）"}
    assert table.rows == [
        (3, {"content": "修路", "amount": 12, "note": None}),
        (5, {"content": "建桥", "amount": 3.5, "note": None}),
    ]
    assert isinstance(table.rows[0][1]["amount"], int)


def test_it_turns_excel_dates_into_dates():
    grid = read_grid(
        xlsx([["日期", "时刻"], [dt.datetime(2025, 6, 30), dt.datetime(2025, 6, 30, 8)]])
    )
    assert grid[1] == [dt.date(2025, 6, 30), dt.datetime(2025, 6, 30, 8)]


def test_it_reads_an_xls_workbook():
    data = xls([["任务清单"], ["任务内容", "amount"], ["修路", 12.5], ["建桥", 3]])
    table = read_table(io.BytesIO(data), COLUMNS)
    assert table.rows == [
        (3, {"content": "修路", "amount": 12.5, "note": None}),
        (4, {"content": "建桥", "amount": 3, "note": None}),
    ]


def test_it_reads_an_xls_from_a_path_whatever_its_name(tmp_path):
    path = tmp_path / "清单.dat"
    path.write_bytes(xls([["任务内容", "金额"], ["修路", 1]]))
    assert read_table(path, COLUMNS).rows == [(2, {"content": "修路", "amount": 1, "note": None})]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_it_reads_csv_in_utf8_or_gbk(tmp_path, encoding):
    path = tmp_path / "in.csv"
    path.write_bytes("任务内容,金额,备注\n修路,12,镇江扬中\n\n建桥, 3.5 ,\n".encode(encoding))
    table = read_table(path, COLUMNS)
    assert table.rows == [
        (2, {"content": "修路", "amount": "12", "note": "镇江扬中"}),
        (4, {"content": "建桥", "amount": "3.5", "note": None}),
    ]


def test_it_reads_a_tab_separated_file():
    data = "任务内容\t金额\n修路\t12\n".encode("gbk")
    assert read_table(io.BytesIO(data), COLUMNS).rows[0][1]["amount"] == "12"


def test_it_names_every_missing_column():
    with pytest.raises(WorkbookError) as caught:
        read_table(xlsx([["任务内容", "备注"], ["修路", ""]]), [*COLUMNS, Column("x", "责任人")])
    message = str(caught.value)
    assert "金额/amount" in message and "责任人" in message and "任务内容" not in message


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "in.xlsx", "文件为空"),
        (bytes(range(256)) * 4, "in.csv", "不是表格文件"),
        (_docx(), "notice.docx", "不是表格文件"),
        (b"PK\x03\x04 broken zip", "in.xlsx", "已损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "in.xls", "无法读取"),
        (b"plain words, no header\n1,2\n", "in.csv", "未找到表头行"),
    ],
)
def test_a_bad_file_gets_a_clear_message(data, name, message):
    upload = io.BytesIO(data)
    upload.name = name
    with pytest.raises(WorkbookError) as caught:
        read_table(upload, COLUMNS)
    assert message in str(caught.value)
    assert "zip" not in str(caught.value).lower()


def test_a_missing_path_is_a_workbook_error(tmp_path):
    with pytest.raises(WorkbookError, match="文件不存在"):
        read_table(tmp_path / "nope.xlsx", COLUMNS)


def test_the_messages_follow_the_language():
    from django.utils import translation

    with translation.override("en"), pytest.raises(WorkbookError) as caught:
        read_table(xlsx([["任务内容"], ["修路"]]), COLUMNS)
    assert str(caught.value) == "Missing columns: 金额/amount"


# -- validating and writing ---------------------------------------------------------------


class GroupRow(RowForm):
    content = forms.CharField(max_length=20)
    amount = forms.DecimalField(min_value=0)
    note = forms.CharField(required=False)

    def clean_content(self):
        name = self.cleaned_data["content"]
        earlier = self.seen_before(name, "content")
        if earlier is not None:
            raise forms.ValidationError(f"与第{earlier}行重复")
        return name


def _table(*rows):
    return read_table(xlsx([["导入测试"], ["任务内容", "金额", "备注"], *rows]), COLUMNS)


def test_a_row_error_names_the_row_and_the_column_as_the_sheet_does():
    good, errors = validate_rows(_table(["甲", 1], ["乙", "很多"], ["甲", -1]), GroupRow)
    assert [n for n, _d in good] == [3]
    assert [(e.row, e.field) for e in errors] == [(4, "金额"), (5, "任务内容"), (5, "金额")]
    assert "与第3行重复" in errors[1].message
    assert str(errors[0]).startswith("第 4 行，金额：")


def _write(data, number):
    if data["note"] == "refuse":
        raise RowProblem("note", "不可写入")
    return Group.objects.create(name=data["content"]), True


def test_it_writes_every_row_in_one_transaction(db):
    result = run_import(_table(["甲组", 1], ["乙组", 2]), GroupRow, _write)
    assert (result.created, result.errors) == (2, [])
    assert set(Group.objects.filter(name__endswith="组").values_list("name", flat=True)) == {
        "甲组",
        "乙组",
    }


def test_with_a_bad_row_it_writes_nothing(db):
    before = Group.objects.count()
    result = run_import(_table(["甲组", 1], ["乙组", "x"]), GroupRow, _write)
    assert result.created == 0 and [(e.row, e.field) for e in result.errors] == [(4, "金额")]
    assert Group.objects.count() == before


def test_a_row_the_writer_refuses_rolls_back_the_rows_before_it(db):
    before = Group.objects.count()
    result = run_import(_table(["甲组", 1], ["乙组", 2, "refuse"]), GroupRow, _write)
    assert result.created == 0 and [(e.row, e.field) for e in result.errors] == [(4, "备注")]
    assert Group.objects.count() == before


def test_valid_only_writes_the_good_rows_and_reports_the_others(db):
    result = run_import(_table(["甲组", 1], ["乙组", "x"]), GroupRow, _write, valid_only=True)
    assert result.created == 1 and len(result.errors) == 1
    assert Group.objects.filter(name="甲组").exists()
    assert not Group.objects.filter(name="乙组").exists()


# -- through an import page ---------------------------------------------------------------


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="表格读取测试", kind="meeting", issuer=supervisor.unit, year=2099
    )


def test_the_task_import_page_takes_a_gbk_csv_and_an_xls(as_user, supervisor, task_list):
    text = "序号,任务内容,牵头单位,完成时限\n1,修缮码头,发改委,2099-06-30\n"
    upload = io.BytesIO(text.encode("gbk"))
    upload.name = "tasks.csv"
    client = as_user(supervisor)
    assert (
        import_through_page(
            client, f"/tasks/lists/{task_list.pk}/import/", {"file": upload}
        ).status_code
        == 302
    )
    upload = io.BytesIO(
        xls(
            [
                ["任务清单"],
                ["任务内容", "牵头单位", "完成时限"],
                ["疏浚河道", "发改委", "2099-07-01"],
            ]
        )
    )
    upload.name = "tasks.xls"
    assert (
        import_through_page(
            client, f"/tasks/lists/{task_list.pk}/import/", {"file": upload}
        ).status_code
        == 302
    )
    assert set(task_list.tasks.values_list("title", flat=True)) == {"修缮码头", "疏浚河道"}


def test_the_task_import_page_refuses_a_word_document_without_a_500(as_user, supervisor, task_list):
    upload = io.BytesIO(_docx())
    upload.name = "tasks.docx"
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{task_list.pk}/import/", {"file": upload}
    )
    assert response.status_code == 400 and "不是表格文件" in response.content.decode()
    assert not task_list.tasks.exists()


class _CheckedRow(RowForm):
    """A row form as importers write them: a typed field, a clean_<name> that
    remembers rows, a clean() across fields, and fields added by the row's columns."""

    amount = forms.IntegerField(required=False)
    name = forms.CharField(required=False)

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        for key in data:
            self.fields.setdefault(key, forms.Field(required=False))

    def clean_name(self):
        name = self.cleaned_data["name"]
        earlier = self.seen_before(name, "name")
        if earlier is not None:
            raise forms.ValidationError(f"also on row {earlier}")
        return name.upper()

    def clean(self):
        data = super().clean()
        if data.get("amount") == 0 and data.get("note"):
            raise forms.ValidationError("no note on a zero amount")
        return data


def test_one_form_checks_every_row_as_a_form_per_row_would():
    rows = [
        (2, {"amount": "5", "name": "a", "note": None}),
        (3, {"amount": "x", "name": "b", "note": None}),
        (4, {"amount": "0", "name": "a", "note": "n"}),
        (5, {"amount": "7", "name": "c", "note": "m"}),
        (6, {"amount": "8", "name": "d", "extra": "e"}),  # other columns: a form of its own
    ]
    table = Table(rows=rows, headers={"amount": "金额", "name": "名称", "note": "备注"})
    good, errors = validate_rows(table, _CheckedRow)
    expected_good, expected_errors, context = [], [], {}
    for number, record in rows:
        form = _CheckedRow(record, row=number, context=context)
        if form.is_valid():
            expected_good.append((number, form.cleaned_data))
        else:
            for name, messages in form.errors.items():
                label = "—" if name == "__all__" else table.header(name)
                expected_errors += [RowError(number, label, str(m)) for m in messages]
    assert good == expected_good
    assert errors == expected_errors
    assert [n for n, _d in good] == [2, 5, 6] and good[1][1]["name"] == "C"
    assert {(e.row, e.field) for e in errors} == {(3, "金额"), (4, "名称"), (4, "—")}


@pytest.mark.parametrize(
    "cell",
    ["2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日", dt.datetime(2025, 3, 1, 0, 0)],
)
def test_a_row_reads_a_day_as_offices_write_one(cell):
    row = RawRowForm({"on": cell, "until": ""}, row=2)
    assert row.is_valid()
    assert row.day("on") == dt.date(2025, 3, 1)
    assert row.day("until", required=False) is None


@pytest.mark.parametrize("cell", ["", "昨天", "2025-02-30", "2025年13月1日"])
def test_a_row_refuses_a_day_it_cannot_read_naming_the_forms(cell):
    row = RawRowForm({"on": cell}, row=2)
    assert row.is_valid()
    with pytest.raises(forms.ValidationError) as refused:
        row.day("on")
    assert "2025年12月31日" in str(refused.value)
