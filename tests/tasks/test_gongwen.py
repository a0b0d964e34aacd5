"""The 督办单 of a supervision sheet and the 交办单 of a task list: 公文 .docx files,
printable from the task's page, the sheet list and the task list's page, for those who
may see them."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.core.testing import open_gongwen, pdf_pages_of
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import SupervisionSheet, TaskList

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.fixture
def red_sheet(make_task, unit):
    task = make_task(
        Status.ACCEPTED,
        deadline=dt.date(2020, 6, 30),
        content="完成扬中港区二期码头前期手续办理。",
        co_units=[unit("YZ-XINBA")],
    )
    return SupervisionSheet.objects.create(
        task=task, level="red", issued_on=timezone.localdate(), unit=task.lead_unit
    )


def _texts(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_supervision_sheet_is_a_gongwen_with_a_reply_slip(as_user, supervisor, red_sheet):
    response = as_user(supervisor).get(f"/tasks/supervision/{red_sheet.pk}/sheet.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''%E7%BA%A2" in response["Content-Disposition"]  # 红色督办单
    doc = open_gongwen(response.content)
    text = _texts(doc)
    task = red_sheet.task
    for fact in (task.title, task.code, "发展和改革委员会", "新坝镇", "2020年6月30日"):
        assert fact in text
    assert "完成扬中港区二期码头前期手续办理。" in text  # the request
    assert "红色督办单（督办）" in text and "回执" in text and "办理情况" in text
    level = next(
        r
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text == "红色督办单（督办）"
    )
    assert str(level.font.color.rgb) == "C00000"
    assert any(p.text == "扬中市发展和改革委员会：" for p in doc.paragraphs)  # 主送
    texts = [p.text for p in doc.paragraphs]
    dated = texts.index(
        f"{red_sheet.issued_on:%Y}年{red_sheet.issued_on.month}月{red_sheet.issued_on.day}日"
    )
    assert dated < texts.index(f"回执（{task.code}）")  # the slip follows the 落款, to cut off


@pytest.mark.parametrize(
    ("persona", "status"),
    # 新坝镇 only helps with the task: a sheet is the lead unit's and the issuer's.
    [("supervisor", 200), ("fgw", 200), ("xinba", 404), ("sanmao", 404), ("outsider", 403)],
)
def test_who_may_print_a_supervision_sheet(as_user, request, red_sheet, persona, status):
    user = request.getfixturevalue(persona)
    response = as_user(user).get(f"/tasks/supervision/{red_sheet.pk}/sheet.docx")
    assert response.status_code == status


def test_a_visitor_is_sent_to_sign_in(client, red_sheet):
    response = client.get(f"/tasks/supervision/{red_sheet.pk}/sheet.docx")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_task_page_and_the_sheet_list_offer_the_sheet(as_user, supervisor, red_sheet):
    url = f"/tasks/supervision/{red_sheet.pk}/sheet.docx"
    task_page = as_user(supervisor).get(f"/tasks/{red_sheet.task_id}/").content.decode()
    assert f'href="{url}"' in task_page
    listed = as_user(supervisor).get(f"/tasks/supervision/?q={red_sheet.task.code}")
    assert f'href="{url}"' in listed.content.decode()


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="2026年重点工作任务清单",
        kind=TaskList._meta.get_field("kind").choices[0][0],
        issuer=supervisor.unit,
        year=2026,
    )


def test_the_assignment_sheet_lists_the_tasks(
    as_user, supervisor, xinba, task_list, make_task, unit
):
    first = make_task(Status.ASSIGNED, task_list=task_list, co_units=[unit("YZ-XINBA")])
    second = make_task(
        Status.ASSIGNED, lead="YZ-XINBA", task_list=task_list, deadline=dt.date(2026, 12, 31)
    )
    page = as_user(supervisor).get(f"/tasks/lists/{task_list.pk}/").content.decode()
    url = f"/tasks/lists/{task_list.pk}/assignment.docx"
    assert f'href="{url}"' in page
    response = as_user(supervisor).get(url)
    assert response.status_code == 200
    doc = open_gongwen(response.content)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "任务",
        "牵头单位",
        "配合单位",
        "完成时限",
    ]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 2
    assert first.code in rows[0][1] and rows[0][2] == "发展和改革委员会" and rows[0][3] == "新坝镇"
    assert second.code in rows[1][1] and rows[1][4] == "2026年12月31日"
    assert "2026年重点工作任务清单交办单" in _texts(doc)
    # 新坝镇 sees the list through the tasks it leads or helps with, and only those.
    own = open_gongwen(as_user(xinba).get(url).content)
    assert len(own.tables[0].rows) == 3


@pytest.mark.parametrize(("persona", "status"), [("sanmao", 404), ("outsider", 403)])
def test_who_may_not_print_an_assignment_sheet(
    as_user, request, task_list, make_task, persona, status
):
    make_task(Status.ASSIGNED, task_list=task_list)
    user = request.getfixturevalue(persona)
    assert as_user(user).get(f"/tasks/lists/{task_list.pk}/assignment.docx").status_code == status


def test_both_print_as_a4_pages_in_libreoffice(as_user, supervisor, red_sheet, task_list, tmp_path):
    red_sheet.task.task_list = task_list
    red_sheet.task.save()
    client = as_user(supervisor)
    urls = {
        "sheet.docx": f"/tasks/supervision/{red_sheet.pk}/sheet.docx",
        "assignment.docx": f"/tasks/lists/{task_list.pk}/assignment.docx",
    }
    # One LibreOffice run converts both.
    printed = pdf_pages_of({name: client.get(url).content for name, url in urls.items()}, tmp_path)
    assert set(printed) == set(urls)
    for pages in printed.values():
        assert pages and all(page == (210, 297) for page in pages)
