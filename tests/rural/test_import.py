"""The facilities register (八位一体运维台账) imports as villages keep it: a title row,
the headings they use, the template's 示例 row; a second import creates nothing; errors
name the row and the column; who may import, and where."""

import io
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from mingzhu.core.testing import import_through_page, xlsx
from mingzhu.rural.importer import import_facilities
from mingzhu.rural.models import Facility, Maintainer

from .conftest import LIXIN, XINZHI, YONGSHENG

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

URL = "/rural/facilities/import/"


def sheet(rows, name="台账.xlsx") -> io.BytesIO:
    return xlsx(rows, name=name)


def entries_for(objects):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Facility),
        object_id__in=[o.pk for o in objects],
    )


@pytest.fixture
def maintainer(unit):
    return Maintainer.objects.create(name="新坝运维队", unit=unit("YZ-XINBA"))


def messy():
    """A hand-made register: a title row, a note row, the headings offices write, an
    example row, abbreviations for the status."""
    return sheet(
        [
            ["新坝镇八位一体运维设施台账"],
            ["填报单位：新坝镇农业农村服务中心"],
            ["序号", "村", "设施", "类别", "地点", "管护单位", "状态"],
            ["示例", "立新村", "示例设施", "路灯", "", "", "是"],
            [1, "立新村", "测试路灯1号", "路灯", "1组路口", "新坝运维队", "在用"],
            [2, "立新村", "测试公厕", "公共厕所", "村部旁", "", ""],
            [3, "新治村", "测试污水站", "污水处理", "", "新坝运维队", "停用"],
        ]
    )


def test_a_messy_register_imports_after_a_preview_and_again_creates_nothing(
    as_user, xinba, maintainer, unit
):
    client = as_user(xinba)
    before = Facility.objects.count()
    preview = client.post(URL, {"file": messy()})
    assert preview.status_code == 200
    assert Facility.objects.count() == before
    assert len(preview.context["to_create"]) == 3 and not preview.context["refused"]

    done = client.post(URL, {"staged": preview.context["staged"]})
    assert done.status_code == 302
    made = {f.name: f for f in Facility.objects.filter(name__startswith="测试")}
    assert set(made) == {"测试路灯1号", "测试公厕", "测试污水站"}
    lamp = made["测试路灯1号"]
    assert (lamp.village, lamp.type.name, lamp.location, lamp.maintainer) == (
        unit(LIXIN),
        "路灯",
        "1组路口",
        maintainer,
    )
    assert lamp.is_active and not made["测试污水站"].is_active
    assert made["测试污水站"].village == unit(XINZHI)
    assert not Facility.objects.filter(name="示例设施").exists()
    # Every write carries its author.
    entries = entries_for(made.values())
    assert entries.count() == 3 and {e.actor for e in entries} == {xinba}

    again = import_through_page(client, URL, {"file": messy()})
    assert again.status_code == 302
    assert Facility.objects.count() == before + 3


def test_a_re_import_updates_the_sheet_columns_and_keeps_the_others(xinba, maintainer, unit):
    lamp = Facility.objects.create(
        village=unit(LIXIN),
        type_id=Facility._meta.get_field("type").related_model.objects.get(name="路灯").pk,
        name="测试路灯1号",
        location="旧位置",
        maintainer=maintainer,
        is_illustrative=True,
    )
    upload = sheet(
        [
            ["村（社区）", "设施名称", "设施类型", "位置"],
            ["立新村", "测试路灯1号", "路灯", "新位置"],
        ]
    )
    result = import_facilities(upload, actor=xinba)
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    lamp.refresh_from_db()
    # The sheet has no 运维主体 column: the maintainer stays; the 示例 flag stays.
    assert lamp.location == "新位置" and lamp.maintainer == maintainer and lamp.is_illustrative
    assert import_facilities(upload, actor=xinba).unchanged == 1


def test_errors_name_the_row_and_the_column_and_nothing_is_written(xinba):
    upload = sheet(
        [
            ["村（社区）", "设施名称", "设施类型", "运维主体", "是否在用"],
            ["立新村", "测试甲", "路灯", "", ""],
            ["不存在村", "测试乙", "路灯", "", ""],
            ["立新村", "测试丙", "飞船", "无名队", "也许"],
            ["立新村", "测试甲", "路灯", "", ""],
        ]
    )
    result = import_facilities(upload, actor=xinba)
    messages = [str(e) for e in result.errors]
    assert "Row 3, 村（社区）: no village named 不存在村" in messages
    assert "Row 4, 设施类型: no facility type named 飞船" in messages
    assert "Row 4, 运维主体: no maintainer named 无名队" in messages
    assert "Row 4, 是否在用: 是 or 否" in messages
    assert "Row 5, 设施名称: the same facility as row 2" in messages
    assert not Facility.objects.filter(name__startswith="测试").exists()

    # Asked for, the valid rows alone are written.
    kept = import_facilities(upload, actor=xinba, valid_only=True)
    assert kept.created == 1 and Facility.objects.filter(name="测试甲").count() == 1


def test_a_village_outside_the_scope_is_a_row_error_naming_it(sanmao, xinba, unit):
    upload = sheet([["村（社区）", "设施名称", "设施类型"], ["永胜村", "测试灯", "路灯"]])
    result = import_facilities(upload, actor=xinba)
    assert [str(e) for e in result.errors] == ["Row 2, 村（社区）: no village named 永胜村"]
    assert import_facilities(upload, actor=sanmao).created == 1
    assert Facility.objects.get(name="测试灯").village == unit(YONGSHENG)


def test_a_facility_the_user_may_not_change_is_refused(xinba, nyj, unit):
    Facility.objects.create(
        village=unit(YONGSHENG),
        type=Facility._meta.get_field("type").related_model.objects.get(name="路灯"),
        name="测试灯",
    )
    upload = sheet(
        [
            ["所属镇（街道）", "村（社区）", "设施名称", "设施类型"],
            ["三茅街道", "永胜村", "测试灯", "路灯"],
        ]
    )
    # The agriculture bureau works city-wide; the town staff of 新坝镇 do not see 三茅.
    assert import_facilities(upload, actor=nyj).unchanged == 1
    assert import_facilities(upload, actor=xinba).errors


@pytest.mark.parametrize(
    ("persona", "status"),
    [("xinba", 200), ("nyj", 200), ("sanmao", 200), ("lixin", 403), ("outsider", 403)],
)
def test_who_may_import_and_download_the_template(request, as_user, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.get("/rural/facilities/template/").status_code == status
    page = client.get("/rural/facilities/")
    if page.status_code == 200:
        assert ('id="import-facilities"' in page.content.decode()) == (status == 200)


def test_anonymous_users_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302
    assert client.post(URL, {"file": messy()}).status_code == 302


def test_the_template_lists_the_villages_in_scope_and_imports_back(as_user, xinba):
    reply = as_user(xinba).get("/rural/facilities/template/")
    wb = load_workbook(io.BytesIO(reply.content))
    header = [c.value for c in wb.worksheets[0][1]]
    assert header[:3] == ["村（社区）", "设施名称", "设施类型"]
    hidden = next(ws for ws in wb.worksheets if ws.sheet_state == "hidden")
    options = [c.value for c in hidden["A"]]
    assert "立新村" in options and "永胜村" not in options
    buffer = io.BytesIO(reply.content)
    buffer.name = "模板.xlsx"
    result = import_facilities(buffer, actor=xinba)
    assert (result.created, result.errors) == (0, [])


def test_the_command_imports_as_the_user_it_names(xinba, maintainer, tmp_path):
    path = tmp_path / "设施.xlsx"
    path.write_bytes(messy().getvalue())
    out = StringIO()
    call_command("rural", "import-facilities", str(path), "--user", "xinba", "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 3
    made = Facility.objects.filter(name__startswith="测试")
    assert {e.actor for e in entries_for(made)} == {xinba}
    # Again: nothing new.
    out = StringIO()
    call_command("rural", "import-facilities", str(path), "--user", "xinba", "--json", stdout=out)
    assert json.loads(out.getvalue())["unchanged"] == 3 and made.count() == 3


def test_the_command_refuses_a_user_without_the_right_and_a_bad_sheet(lixin, tmp_path):
    path = tmp_path / "设施.xlsx"
    path.write_bytes(
        sheet([["村（社区）", "设施名称", "设施类型"], ["立新村", "测试灯", "飞船"]]).getvalue()
    )
    with pytest.raises(CommandError, match="may not"):
        call_command("rural", "import-facilities", str(path), "--user", "lixin")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("rural", "import-facilities", str(path), "--user", "xinba", stdout=StringIO())
    assert not Facility.objects.filter(name="测试灯").exists()
