"""Excel export of the unit list: a real workbook, headers in the page's language, and only
the rows in the user's scope."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from mingzhu.core.excel import XLSX_CONTENT_TYPE

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _sheet(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    workbook = load_workbook(BytesIO(response.content))
    return list(workbook.active.iter_rows(min_row=2, values_only=True))


def test_it_exports_chinese_headers_by_default(as_user, leader):
    header, *rows = _sheet(as_user(leader).get("/org/units/", {"export": "xlsx"}))
    assert header == ("名称", "类型", "编码", "上级单位", "示例")
    assert len(rows) > 50  # the whole list, not one page


def test_it_exports_english_headers_in_english(as_user, leader, settings):
    client = as_user(leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/org/units/", {"export": "xlsx"})
    header, *_rows = _sheet(response)
    assert header == ("Name", "Kind", "Code", "Parent unit", "Illustrative")


def test_it_exports_only_rows_in_scope(as_user, sanmao):
    header, *rows = _sheet(as_user(sanmao).get("/org/units/", {"export": "xlsx"}))
    codes = {row[2] for row in rows}
    names = {row[0] for row in rows}
    assert "321182001000" in codes
    assert all(code.startswith("321182001000") for code in codes)
    assert "新坝镇" not in names
    assert not any(code.startswith("YZ-XINBA") for code in codes)


def test_it_exports_only_the_filtered_rows(as_user, leader, unit):
    response = as_user(leader).get("/org/units/", {"export": "xlsx", "under": unit("YZ-XINBA").pk})
    _header, *rows = _sheet(response)
    assert {row[2] for row in rows} == {u.code for u in unit("YZ-XINBA").descendants()}


def test_it_refuses_the_export_without_permission(as_user, outsider):
    assert as_user(outsider).get("/org/units/", {"export": "xlsx"}).status_code == 403
