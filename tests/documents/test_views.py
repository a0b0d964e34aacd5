"""Pages: who may and who may not, upload and paste, the editable table, adopt, export."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from mingzhu.documents.models import LeadRule, PolicyDocument
from mingzhu.tasks.models import TaskList

from .texts import PLAN

LIST = "/documents/"


@pytest.mark.parametrize(
    ("persona", "status", "count"),
    [("supervisor", 200, 2), ("leader", 200, 2), ("fgw", 200, 0), ("outsider", 403, None)],
)
def test_the_list_shows_documents_in_scope(persona, status, count, as_user, request):
    response = as_user(request.getfixturevalue(persona)).get(LIST)
    assert response.status_code == status
    if count is not None:
        assert len(response.context["rows"]) == count


def test_the_list_filters(supervisor, plan, as_user):
    client = as_user(supervisor)
    assert [r[0] for r in client.get(LIST + "?state=draft").context["rows"]] == [plan]
    assert len(client.get(LIST + "?state=adopted").context["rows"]) == 2
    rows = client.get(LIST + "?q=依靠人民群众").context["rows"]
    assert [r[0].title for r in rows] == ["依靠人民群众 共创共享“江中明珠”更大荣光"]
    assert client.get(LIST + "?year=2023").context["rows"][0][0].year == 2023


def test_the_list_exports_to_excel(supervisor, as_user):
    response = as_user(supervisor).get(LIST + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4  # the title, the header and the two seeds
    assert {sheet.cell(r, 1).value for r in (3, 4)} == {
        "奋力创造“江中明珠”新的更大荣光",
        "依靠人民群众 共创共享“江中明珠”更大荣光",
    }


def test_the_page_highlights_items_and_targets_beside_the_table(seed_1, supervisor, as_user):
    response = as_user(supervisor).get(f"{LIST}{seed_1.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark data-target="1"' in html and "GDP 突破 800 亿元</mark>" in html
    assert 'data-item="3.3"' in html and "文明城市" in html
    # Adopted: read-only, linked to its task list and tasks.
    assert 'id="task-list-link"' in html and 'id="adopt-form"' not in html
    assert response.context["editable"] is False


@pytest.mark.parametrize(("persona", "status"), [("leader", 200), ("fgw", 404), ("outsider", 404)])
def test_the_page_answers_only_within_scope(seed_1, persona, status, as_user, request):
    response = as_user(request.getfixturevalue(persona)).get(f"{LIST}{seed_1.pk}/")
    assert response.status_code == status
    assert (
        as_user(request.getfixturevalue(persona)).get(f"{LIST}{seed_1.pk}/history/").status_code
        == status
    )


def test_pasting_a_text_decomposes_it(supervisor, as_user):
    response = as_user(supervisor).post(LIST + "add/", {"text": PLAN, "title": ""})
    document = PolicyDocument.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{document.pk}/"
    assert document.title == "扬中市工业经济高质量发展三年行动方案"
    page = as_user(supervisor).get(response["Location"])
    assert page.context["editable"] and page.context["can_adopt"]
    assert 'id="adopt-form"' in page.content.decode()
    # The history tab, like the page, offers no edit or delete page of a document.
    history = as_user(supervisor).get(f"{LIST}{document.pk}/history/")
    assert history.status_code == 200 and history.context["tab"] == "history"
    assert history.context["can_change"] is False and history.context["can_delete"] is False


def test_uploading_a_gbk_file_decomposes_it(supervisor, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("方案.txt", PLAN.encode("gbk"), content_type="text/plain")
    response = as_user(supervisor).post(LIST + "add/", {"file": upload})
    assert response.status_code == 302
    assert PolicyDocument.objects.latest("pk").encoding == "gbk"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x00\x01binary\x00", "二进制"), (b"\x80\xff\xfe" * 9, "编码"), (b"", "")],
)
def test_a_bad_upload_is_refused_with_a_message(supervisor, as_user, data, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = PolicyDocument.objects.count()
    upload = SimpleUploadedFile("bad.txt", data)
    response = as_user(supervisor).post(LIST + "add/", {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PolicyDocument.objects.count() == before


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("outsider", 403)])
def test_loading_needs_the_permission(persona, status, as_user, request):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(LIST + "add/").status_code == status
    assert client.post(LIST + "add/", {"text": PLAN}).status_code == status


def _formset_data(document, **changes):
    data = {}
    items = list(document.items.order_by("sort_order", "pk"))
    targets = list(document.targets.order_by("sort_order", "pk"))
    for prefix, rows in (("items", items), ("targets", targets)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    for n, item in enumerate(items):
        data.update(
            {
                f"items-{n}-id": item.pk,
                f"items-{n}-title": item.title,
                f"items-{n}-text": item.text,
                f"items-{n}-lead_unit": item.lead_unit_id or "",
                f"items-{n}-deadline": item.deadline.isoformat() if item.deadline else "",
            }
        )
    for n, t in enumerate(targets):
        data.update(
            {
                f"targets-{n}-id": t.pk,
                f"targets-{n}-indicator_name": t.indicator_name,
                f"targets-{n}-comparator": t.comparator,
                f"targets-{n}-value": t.value if t.value is not None else "",
                f"targets-{n}-measure_unit": t.measure_unit,
                f"targets-{n}-deadline": t.deadline.isoformat() if t.deadline else "",
            }
        )
    data.update(changes)
    return data


def test_every_cell_can_be_corrected_then_adopted(plan, supervisor, as_user, unit):
    client = as_user(supervisor)
    gxj = unit("YZ-DEPT-GXJ")
    changes = {"items-0-title": "推进智改数转工作", "targets-0-value": "2100"}
    for n in range(plan.items.count()):
        changes[f"items-{n}-lead_unit"] = gxj.pk
    response = client.post(f"{LIST}{plan.pk}/draft/", _formset_data(plan, **changes))
    assert response.status_code == 302
    assert plan.items.order_by("sort_order").first().title == "推进智改数转工作"
    assert plan.targets.order_by("sort_order").first().value == 2100
    response = client.post(f"{LIST}{plan.pk}/adopt/", {"name": "", "kind": "work_points"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.task_list.name == f"{plan.title} 任务分解表"
    assert plan.task_list.tasks.filter(lead_unit=gxj).count() == 5  # the goals: no task


def test_a_bad_cell_is_shown_not_saved(plan, supervisor, as_user):
    data = _formset_data(plan, **{"targets-0-value": "很多", "items-0-deadline": "2025-13-40"})
    response = as_user(supervisor).post(f"{LIST}{plan.pk}/draft/", data)
    assert response.status_code == 400
    assert plan.targets.order_by("sort_order").first().value == 2000


def test_adopting_with_missing_lead_units_names_the_rows(plan, supervisor, as_user):
    before = TaskList.objects.count()
    response = as_user(supervisor).post(f"{LIST}{plan.pk}/adopt/", {"kind": "work_points"})
    assert response.status_code == 400
    assert "第 2.1 项 加强组织领导：请选择牵头单位" in response.content.decode()
    assert TaskList.objects.count() == before


@pytest.mark.parametrize("persona", ["leader", "outsider", "fgw"])
def test_others_may_neither_correct_nor_adopt(plan, persona, as_user, request):
    client = as_user(request.getfixturevalue(persona))
    assert client.post(f"{LIST}{plan.pk}/draft/", _formset_data(plan)).status_code in (403, 404)
    assert client.post(f"{LIST}{plan.pk}/adopt/", {"kind": "work_points"}).status_code in (
        403,
        404,
    )
    plan.refresh_from_db()
    assert not plan.is_adopted


def test_the_table_exports_in_the_decomposition_layout(seed_1, supervisor, as_user):
    response = as_user(supervisor).get(f"{LIST}{seed_1.pk}/export/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限")
    assert len(rows) == 16
    civilised = rows[9]
    assert civilised[0] == 9 and civilised[1].startswith("提升城市文明内涵：")
    # Adopted: the row is the task as it stands (the task list typed its own lead unit).
    task = seed_1.items.get(code="3.3").task
    assert civilised[2] == task.lead_unit.name
    assert civilised[5].date() == task.deadline  # a date cell, not text


def test_a_draft_exports_its_suggestions(plan, supervisor, as_user):
    response = as_user(supervisor).get(f"{LIST}{plan.pk}/export/")
    rows = list(
        load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
    )
    # The goals part is no row (since set S): the plan's first row is its first task.
    assert rows[1][1].startswith("推进智改数转：") and rows[1][2] == "工业和信息化局"
    assert rows[2][5].date() == dt.date(2030, 12, 31)


def test_the_export_is_out_of_reach_outside_scope(seed_1, fgw, as_user):
    assert as_user(fgw).get(f"{LIST}{seed_1.pk}/export/").status_code == 404


def test_the_keyword_table_is_edited_by_the_office(supervisor, fgw, as_user, unit):
    client = as_user(supervisor)
    assert client.get(LIST + "rules/").status_code == 200
    response = client.post(
        LIST + "rules/add/",
        {"keyword": "港产城", "unit": unit("YZ-XINGLONG").pk, "priority": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    assert LeadRule.objects.get(keyword="港产城").unit.code == "YZ-XINGLONG"
    bad = client.post(LIST + "rules/add/", {"keyword": "无单位", "priority": 5})
    assert bad.status_code == 200 and not LeadRule.objects.filter(keyword="无单位").exists()
    assert as_user(fgw).get(LIST + "rules/add/").status_code == 403
    rule = LeadRule.objects.get(keyword="港产城")
    assert as_user(fgw).post(f"{LIST}rules/{rule.pk}/delete/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "edit"), [("supervisor", 200), ("administrator", 200), ("leader", 404)]
)
def test_the_keyword_table_pages(persona, edit, as_user, request):
    client = as_user(request.getfixturevalue(persona))
    rule = LeadRule.objects.get(keyword="债务")
    assert client.get(f"{LIST}rules/").status_code == 200  # reference data: all may read
    assert client.get(f"{LIST}rules/{rule.pk}/").status_code == 200
    assert client.get(f"{LIST}rules/{rule.pk}/history/").status_code == 200
    assert client.get(f"{LIST}rules/{rule.pk}/edit/").status_code == edit


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    for url in (LIST, LIST + "add/", LIST + "rules/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


MARKED = """2027年城区民生实事分解
1.新建社区食堂<3>个，年内完成。（牵头单位：市民政局；配合单位：各街道）
2.推进老旧小区改造。
"""


def test_beside_each_row_the_words_it_came_from_are_marked(supervisor, as_user):
    client = as_user(supervisor)
    response = client.post(LIST + "add/", {"text": MARKED.replace("<3>", "3"), "title": ""})
    document = PolicyDocument.objects.get(title="2027年城区民生实事分解")
    html = client.get(f"{LIST}{document.pk}/").content.decode()
    assert response.status_code == 302
    # The unit note, the figure and the deadline of row 1, each marked in its row.
    marked = re.findall(r'<mark class="src-(\w+)"[^>]*>([^<]*)</mark>', html)
    assert ("unit", "牵头单位：市民政局") in marked and ("unit", "配合单位：各街道") in marked
    assert ("deadline", "年内") in marked
    assert any(kind == "number" and "3个" in words for kind, words in marked), marked
    # Row 2 names nothing: shown, nothing marked in it.
    row = html[html.index('id="item-1.2"') :]
    assert "推进老旧小区改造" in row[: row.index("</tr>")]
    assert "src-" not in row[: row.index("</tr>")]


def test_the_marked_words_are_escaped(supervisor, as_user):
    client = as_user(supervisor)
    text = MARKED.replace("<3>", "3").replace("推进老旧小区改造。", "推进<b>老旧小区</b>改造。")
    client.post(LIST + "add/", {"text": text, "title": ""})
    document = PolicyDocument.objects.get(title="2027年城区民生实事分解")
    html = client.get(f"{LIST}{document.pk}/").content.decode()
    assert "推进&lt;b&gt;老旧小区&lt;/b&gt;改造" in html and "<b>老旧小区</b>" not in html


def _word_table() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("2027年重点工作任务分解表")
    table = document.add_table(rows=2, cols=4)
    values = [
        ("序号", "重点任务", "牵头单位", "完成时限"),
        ("1", "新建口袋公园6个", "县住建局", "2027年10月底前"),
    ]
    for row, cells in zip(table.rows, values, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("方案.txt", "gb18030", "力争新增“㘵”字号企业 5 家以上"),
        (
            "分解表.docx",
            "docx",
            "1.新建口袋公园6个。（牵头单位：县住建局；完成时限：2027年10月底前）",
        ),
        ("plan.pdf", "pdf", "GDP grows by 6 percent"),
        ("分解表.xlsx", "xlsx", "1.新增规上工业企业30家。（牵头单位：市工信局"),
    ],
)
def test_every_kind_of_file_goes_through_the_upload(supervisor, as_user, name, kind, expected):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_reading import SHEET_ROWS, _pdf, _xlsx

    data = {
        "gb18030": lambda: f"2027年工作方案\n一、{expected}。€".encode("gb18030"),
        "docx": _word_table,
        "pdf": lambda: _pdf("Plan 2025: GDP grows by 6 percent."),
        "xlsx": lambda: _xlsx(SHEET_ROWS),
    }[kind]()
    response = as_user(supervisor).post(LIST + "add/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    document = PolicyDocument.objects.latest("pk")
    assert document.encoding == kind and expected in document.text
