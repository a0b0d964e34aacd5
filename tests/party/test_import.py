"""The party's 台账 import as branches keep them: the members roll and the member–household
links, with a title row, the headings offices use and the template's 示例 row; a second
import creates nothing; errors name the row and the column; who may import, and where."""

import datetime as dt
import io
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from mingzhu.core.testing import import_through_page, xlsx
from mingzhu.party.choices import LinkKind, MemberRole
from mingzhu.party.importer import import_links, import_members
from mingzhu.party.models import Household, HouseholdLink, PartyGroup, PartyMember

from .conftest import LIXIN, XINZHI

MEMBERS = "/party/members/import/"
LINKS = "/party/links/import/"


def sheet(rows, name="台账.xlsx") -> io.BytesIO:
    return xlsx(rows, name=name)


def gbk_csv(text: str) -> io.BytesIO:
    upload = io.BytesIO(text.encode("gbk"))
    upload.name = "花名册.csv"
    return upload


def entries_for(model, objects):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[o.pk for o in objects],
    )


@pytest.fixture
def branches(branch):
    lixin = branch(LIXIN)
    PartyGroup.objects.create(organisation=lixin, name="第一党小组")
    return lixin, branch(XINZHI)


def roll():
    """A hand-made roll as a GBK CSV: a title row, the headings offices write, 中共 in
    front of a branch's name, an example row."""
    return gbk_csv(
        "\n".join(
            [
                "新坝镇党员花名册（2025年）,,,,,",
                "序号,党员姓名,所在支部,村,党小组,职务,在册",
                f"示例,示例党员,测试支部{LIXIN},立新村,,党员,是",
                f"1,测试甲,中共测试支部{LIXIN},立新村,第一党小组,书记,是",
                f"2,测试乙,测试支部{LIXIN},立新村,,,",
                f"3,测试丙,测试支部{XINZHI},新治村,,支委,否",
            ]
        )
    )


def test_a_messy_roll_imports_after_a_preview_and_again_creates_nothing(
    as_user, zzb, branches, unit
):
    client = as_user(zzb)
    preview = client.post(MEMBERS, {"file": roll()})
    assert preview.status_code == 200
    assert not PartyMember.objects.filter(name__startswith="测试").exists()
    assert len(preview.context["to_create"]) == 3 and not preview.context["refused"]

    done = client.post(MEMBERS, {"staged": preview.context["staged"]})
    assert done.status_code == 302
    made = {m.name: m for m in PartyMember.objects.filter(name__startswith="测试")}
    assert set(made) == {"测试甲", "测试乙", "测试丙"}
    first = made["测试甲"]
    assert (first.organisation, first.group.name, first.village, first.role) == (
        branches[0],
        "第一党小组",
        unit(LIXIN),
        MemberRole.SECRETARY,
    )
    assert made["测试乙"].role == MemberRole.MEMBER and made["测试乙"].is_active
    assert made["测试丙"].role == MemberRole.COMMITTEE_MEMBER and not made["测试丙"].is_active
    assert not PartyMember.objects.filter(name="示例党员").exists()
    entries = entries_for(PartyMember, made.values())
    assert entries.count() == 3 and {e.actor for e in entries} == {zzb}

    again = import_through_page(client, MEMBERS, {"file": roll()})
    assert again.status_code == 302
    assert PartyMember.objects.filter(name__startswith="测试").count() == 3


def test_a_re_imported_member_keeps_the_columns_the_sheet_lacks(zzb, branches, member):
    kept = member("测试甲", LIXIN)
    kept.role = MemberRole.DEPUTY_SECRETARY
    kept.is_illustrative = True
    kept.save()
    upload = sheet(
        [
            ["姓名", "所属党组织", "村（社区）", "是否在册"],
            ["测试甲", kept.organisation.name, "立新村", "否"],
        ]
    )
    result = import_members(upload, actor=zzb)
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    kept.refresh_from_db()
    assert not kept.is_active
    assert kept.role == MemberRole.DEPUTY_SECRETARY and kept.is_illustrative
    assert import_members(upload, actor=zzb).unchanged == 1


def test_member_errors_name_the_row_and_the_column(zzb, branches):
    upload = sheet(
        [
            ["姓名", "所属党组织", "村（社区）", "党小组", "党内职务"],
            ["测试甲", f"测试支部{LIXIN}", "立新村", "", ""],
            ["测试乙", "无名支部", "立新村", "", ""],
            ["测试丙", f"测试支部{LIXIN}", "不存在村", "第九党小组", "司令"],
            ["测试丁", f"测试支部{LIXIN}", "立新村", "第九党小组", ""],
            ["测试甲", f"测试支部{LIXIN}", "立新村", "", ""],
            ["", f"测试支部{LIXIN}", "立新村", "", ""],
        ]
    )
    result = import_members(upload, actor=zzb)
    messages = [str(e) for e in result.errors]
    assert "Row 3, 所属党组织: no party organisation named 无名支部" in messages
    assert any(m.startswith("Row 4, 党内职务: one of 书记") for m in messages)
    assert f"Row 5, 党小组: 测试支部{LIXIN} has no party group named 第九党小组" in messages
    assert "Row 6, 姓名: the same member as row 2" in messages
    assert "Row 7, 姓名: is required" in messages
    assert not PartyMember.objects.filter(name__startswith="测试").exists()
    assert import_members(upload, actor=zzb, valid_only=True).created == 1


def ledger():
    """A hand-made 党员联户 ledger: a title row, the headings villages write, an
    example row, the members written by name."""
    return sheet(
        [
            ["立新村党员联户台账"],
            ["村", "联系户户主", "家庭住址", "联系党员", "类型", "结对时间"],
            ["示例", "示例户", "示例地址", "示例党员", "", ""],
            ["立新村", "测试户一", "1组1号", "测试甲", "党员联户", "2025-03-01"],
            ["立新村", "测试户二", "1组2号", "测试甲", "中心户", ""],
            ["新治村", "测试户三", "2组8号", "测试乙", "", dt.date(2025, 1, 2)],
        ]
    )


@pytest.fixture
def linked_members(member):
    return member("测试甲", LIXIN), member("测试乙", XINZHI)


def test_a_messy_link_ledger_imports_after_a_preview_and_again_creates_nothing(
    as_user, xinba, linked_members, household
):
    existing = household("测试户一", LIXIN, "1组1号")
    client = as_user(xinba)
    preview = client.post(LINKS, {"file": ledger()})
    assert preview.status_code == 200, preview.context.get("errors")
    assert not HouseholdLink.objects.filter(member__in=linked_members).exists()
    assert len(preview.context["to_create"]) == 3 and not preview.context["refused"]

    done = client.post(LINKS, {"staged": preview.context["staged"]})
    assert done.status_code == 302
    links = {
        link.household.head_name: link
        for link in HouseholdLink.objects.filter(member__in=linked_members)
    }
    assert set(links) == {"测试户一", "测试户二", "测试户三"}
    assert links["测试户一"].household == existing  # matched, not added again
    assert links["测试户一"].started_on == dt.date(2025, 3, 1)
    assert links["测试户二"].kind == LinkKind.CENTRAL
    assert links["测试户二"].started_on == timezone.localdate()
    assert links["测试户三"].member == linked_members[1]
    assert Household.objects.filter(head_name__startswith="测试户").count() == 3
    assert not Household.objects.filter(head_name="示例户").exists()
    households = Household.objects.filter(head_name__in=["测试户二", "测试户三"])
    written = [*entries_for(HouseholdLink, links.values()), *entries_for(Household, households)]
    assert len(written) == 5 and {e.actor for e in written} == {xinba}

    again = import_through_page(client, LINKS, {"file": ledger()})
    assert again.status_code == 302
    assert HouseholdLink.objects.filter(member__in=linked_members).count() == 3
    assert Household.objects.filter(head_name__startswith="测试户").count() == 3


def test_a_household_linked_to_another_member_is_refused_naming_the_member(
    xinba, linked_members, member, household
):
    other = member("测试丙", LIXIN)
    home = household("测试户一", LIXIN, "1组1号")
    HouseholdLink.objects.create(household=home, member=other, started_on=dt.date(2025, 1, 1))
    result = import_links(ledger(), actor=xinba)
    messages = [str(e) for e in result.errors]
    assert messages == [
        "Row 4, 联系党员: 测试户一（1组1号） is already linked to 测试丙 since 2025-01-01; "
        "end that link first."
    ]
    assert result.created == 0
    assert not HouseholdLink.objects.filter(member__in=linked_members).exists()


def test_link_errors_name_the_row_and_the_column(xinba, linked_members):
    upload = sheet(
        [
            ["村（社区）", "户主", "地址", "联户党员", "联户类型", "联户日期"],
            ["立新村", "测试户一", "1组1号", "无名氏", "", ""],
            ["立新村", "测试户二", "1组2号", "测试甲", "包干", "明年"],
            [
                "立新村",
                "测试户三",
                "1组3号",
                "测试甲",
                "",
                timezone.localdate() + dt.timedelta(days=2),
            ],
            ["永胜村", "测试户四", "1组4号", "测试甲", "", ""],
        ]
    )
    messages = [str(e) for e in import_links(upload, actor=xinba).errors]
    assert "Row 2, 联户党员: no party member named 无名氏 in 立新村 or above it" in messages
    assert "Row 3, 联户类型: 党员联户, 分区包片 or 中心户结对" in messages
    assert (
        "Row 3, 联户日期: Dates must look like 2025-12-31, 2025/12/31, 2025.12.31 or "
        "2025年12月31日."
    ) in messages
    assert "Row 4, 联户日期: The link cannot start in the future." in messages
    # 永胜村 lies in 三茅街道, outside 新坝镇's scope: not a village its staff can name.
    assert "Row 5, 村（社区）: no village named 永胜村" in messages
    assert not Household.objects.filter(head_name__startswith="测试户").exists()


def test_a_village_staff_links_its_own_households_only(lixin, linked_members):
    upload = sheet(
        [
            ["村（社区）", "户主", "地址", "联户党员"],
            ["立新村", "测试户一", "1组1号", "测试甲"],
            ["新治村", "测试户三", "2组8号", "测试乙"],
        ]
    )
    result = import_links(upload, actor=lixin)
    assert [str(e) for e in result.errors] == ["Row 3, 村（社区）: no village named 新治村"]
    assert import_links(upload, actor=lixin, valid_only=True).created == 1


@pytest.mark.parametrize(
    ("persona", "members", "links"),
    [
        ("zzb", 200, 200),
        ("xinba", 403, 200),
        ("lixin", 403, 200),
        ("fgw", 403, 403),
        ("outsider", 403, 403),
    ],
)
def test_who_may_import_and_download_the_templates(request, as_user, persona, members, links):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(MEMBERS).status_code == members
    assert client.get("/party/members/template/").status_code == members
    assert client.get(LINKS).status_code == links
    assert client.get("/party/links/template/").status_code == links
    member_list = client.get("/party/members/")
    if member_list.status_code == 200:
        assert ('id="import-members"' in member_list.content.decode()) == (members == 200)
    link_list = client.get("/party/links/")
    if link_list.status_code == 200:
        assert ('id="import-links"' in link_list.content.decode()) == (links == 200)


def test_anonymous_users_are_sent_to_sign_in(client):
    for url in (MEMBERS, LINKS):
        assert client.get(url).status_code == 302
        assert client.post(url, {"file": ledger()}).status_code == 302


def test_the_templates_list_what_the_user_may_name_and_import_back(as_user, xinba, zzb, branches):
    reply = as_user(xinba).get("/party/links/template/")
    wb = load_workbook(io.BytesIO(reply.content))
    assert [c.value for c in wb.worksheets[0][1]][:4] == ["村（社区）", "户主", "地址", "联户党员"]
    hidden = next(ws for ws in wb.worksheets if ws.sheet_state == "hidden")
    villages = [c.value for c in hidden["A"]]
    assert "立新村" in villages and "永胜村" not in villages
    buffer = io.BytesIO(reply.content)
    buffer.name = "模板.xlsx"
    result = import_links(buffer, actor=xinba)
    assert (result.created, result.errors) == (0, [])

    reply = as_user(zzb).get("/party/members/template/")
    buffer = io.BytesIO(reply.content)
    buffer.name = "模板.xlsx"
    result = import_members(buffer, actor=zzb)
    assert (result.created, result.errors) == (0, [])


def test_the_commands_import_as_the_user_they_name(zzb, branches, tmp_path):
    path = tmp_path / "花名册.csv"
    path.write_bytes(roll().getvalue())
    out = StringIO()
    call_command("party", "import-members", str(path), "--user", "zzb", "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 3
    made = PartyMember.objects.filter(name__startswith="测试")
    assert {e.actor for e in entries_for(PartyMember, made)} == {zzb}
    out = StringIO()
    call_command("party", "import-members", str(path), "--user", "zzb", "--json", stdout=out)
    assert json.loads(out.getvalue())["unchanged"] == 3 and made.count() == 3

    ledger_path = tmp_path / "联户.xlsx"
    ledger_path.write_bytes(ledger().getvalue())
    out = StringIO()
    call_command("party", "import-links", str(ledger_path), "--user", "zzb", "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 3
    # 测试户三 of 新治村 is linked to 测试乙, who lives in 立新村 of the same town.
    link = HouseholdLink.objects.get(household__head_name="测试户三")
    assert link.member.name == "测试乙" and link.household.village.name == "新治村"


def test_the_commands_refuse_a_user_without_the_right(xinba, tmp_path):
    path = tmp_path / "花名册.csv"
    path.write_bytes(roll().getvalue())
    with pytest.raises(CommandError, match="may not"):
        call_command("party", "import-members", str(path), "--user", "xinba")
    with pytest.raises(CommandError, match="no active user"):
        call_command("party", "import-members", str(path), "--user", "nobody")


def test_a_refused_row_reads_in_chinese_on_the_page(settings, as_user, xinba, linked_members):
    upload = sheet(
        [
            ["村（社区）", "户主", "地址", "联户党员"],
            ["立新村", "测试户一", "1组1号", "测试甲"],
            ["永胜村", "测试户四", "1组4号", "测试甲"],
            ["立新村", "测试户五", "1组5号", "无名氏"],
        ]
    )
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        preview = as_user(xinba).post(LINKS, {"file": upload}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert preview.status_code == 200
    assert preview.context["refused"] == [
        "第 3 行，村（社区）：没有名为“永胜村”的村（社区）",
        "第 4 行，联户党员：立新村 及其上级单位没有名为“无名氏”的党员",
    ]
    assert "从 Excel 导入党员联户" in preview.content.decode()


def test_a_household_of_a_natural_village_is_linked_to_a_member_of_its_village(
    lixin, linked_members, unit
):
    upload = sheet(
        [["村（社区）", "户主", "地址", "联户党员"], ["立新东庄", "测试户六", "东庄3号", "测试甲"]]
    )
    result = import_links(upload, actor=lixin)
    assert (result.created, result.errors) == (1, [])
    link = HouseholdLink.objects.get(household__head_name="测试户六")
    assert link.household.village == unit(f"{LIXIN}-N01") and link.member == linked_members[0]
