"""Who may and who may not, page by page, and what the pages show."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from mingzhu.org.personas import PERSONAS
from mingzhu.risks.models import DebtInstrument, FiscalYear, Hazard, RepaymentPlan
from mingzhu.tasks.choices import SourceKind
from mingzhu.tasks.models import Task

ALL = [p.username for p in PERSONAS]
DEBT_READERS = {"leader", "supervisor", "czj"}
HAZARD_READERS = {
    "leader",
    "supervisor",
    "fgw",
    "tongji",
    "sanmao",
    "xinba",
    "gxj",
    "czj",
    "rexian",
    "nyj",
    "zzb",
    "wmb",
    "lixin",
}
DEBT_PAGES = [
    "risks:wall",
    "risks:indicators",
    "risks:high_cost",
    "risks:planner",
    "risks:debtinstrument_list",
    "risks:debtentity_list",
    "risks:fiscalyear_list",
    "risks:repaymentplan_list",
]


@pytest.fixture
def client_for(as_user, django_user_model):
    return lambda name: as_user(django_user_model.objects.get(username=name))


def test_every_persona_is_covered():
    assert DEBT_READERS.issubset(ALL)
    assert HAZARD_READERS.issubset(ALL)


@pytest.mark.parametrize("name", ALL)
def test_debt_pages_only_for_leader_supervisor_and_finance(name, client_for):
    client = client_for(name)
    for page in DEBT_PAGES:
        status = client.get(reverse(page)).status_code
        assert status == (200 if name in DEBT_READERS else 403), (page, status)
    instrument = DebtInstrument.objects.first()
    plan = RepaymentPlan.objects.first()
    for url in (
        instrument.get_absolute_url(),
        plan.get_absolute_url(),
        FiscalYear.objects.first().get_absolute_url(),
        instrument.entity.get_absolute_url(),
    ):
        status = client.get(url).status_code
        assert status == 200 if name in DEBT_READERS else status in (403, 404), (url, status)
    api = client.get("/api/v1/risks/debt/instruments/").status_code
    assert api == (200 if name in DEBT_READERS else 403)


@pytest.mark.parametrize("name", ALL)
def test_hazard_pages_by_persona(name, client_for):
    client = client_for(name)
    expected = 200 if name in HAZARD_READERS else 403
    assert client.get(reverse("risks:hazard_list")).status_code == expected
    assert client.get(reverse("risks:metrics")).status_code == expected
    register = client.get(reverse("risks:hazard_add")).status_code
    assert register == (200 if name in {"leader", "supervisor"} else 403)


def test_anonymous_is_sent_to_sign_in(client):
    for page in ["risks:hazard_list", "risks:wall", "risks:planner", "risks:metrics"]:
        response = client.get(reverse(page))
        assert response.status_code == 302


def test_a_town_lists_only_its_hazards(client_for, unit):
    xinba = unit("YZ-XINBA")
    mine = Hazard.objects.filter(unit__path__startswith=xinba.path).count()
    response = client_for("xinba").get(reverse("risks:hazard_list"), {"page": 1})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == mine
    other = (
        Hazard.objects.exclude(unit__path__startswith=xinba.path)
        .exclude(task__lead_unit__path__startswith=xinba.path)
        .first()
    )
    assert client_for("xinba").get(other.get_absolute_url()).status_code == 404
    own = Hazard.objects.filter(unit__path__startswith=xinba.path).first()
    page = client_for("xinba").get(own.get_absolute_url())
    assert page.status_code == 200
    assert own.title in page.content.decode()


def test_the_hazard_list_filters_and_exports(client_for):
    client = client_for("supervisor")
    response = client.get(reverse("risks:hazard_list"), {"level": "major", "status": "open"})
    assert response.status_code == 200
    expected = Hazard.objects.filter(level="major").with_status("open").count()
    assert response.context["page_obj"].paginator.count == expected
    export = client.get(reverse("risks:hazard_list"), {"export": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        client.get(reverse("risks:hazard_list"), {"found_on_after": "nonsense"}).status_code == 200
    )


def test_registering_through_the_page(client_for, unit):
    client = client_for("supervisor")
    today = timezone.localdate()
    data = {
        "title": "页面登记的隐患",
        "domain": "fire",
        "level": "major",
        "unit": unit("YZ-XINBA").pk,
        "found_on": today.isoformat(),
        "found_by": "消防检查",
        "description": "通道堵塞",
        "deadline": (today + dt.timedelta(days=10)).isoformat(),
    }
    response = client.post(reverse("risks:hazard_add"), data)
    assert response.status_code == 302
    hazard = Hazard.objects.get(title="页面登记的隐患")
    assert hazard.task.sheets.filter(level="red").exists()
    assert response["Location"] == hazard.get_absolute_url()
    # The success message names the hazard the action registered.
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(notes) == 1 and str(hazard) in notes[0]
    bad = client.post(reverse("risks:hazard_add"), {**data, "deadline": ""})
    assert bad.status_code == 400
    past = client.post(
        reverse("risks:hazard_add"),
        {**data, "deadline": (today - dt.timedelta(days=3)).isoformat()},
    )
    assert past.status_code == 400
    own = client.post(reverse("risks:hazard_add"), {**data, "unit": unit("YZ-DEPT-DB").pk})
    assert own.status_code == 400
    # The action's refusal of a unit outside the user's reach lands on the unit field.
    assert own.context["form"].errors["unit"]
    assert client_for("xinba").post(reverse("risks:hazard_add"), data).status_code == 403


def test_owner_and_measures_page(client_for, unit):
    xinba = unit("YZ-XINBA")
    hazard = Hazard.objects.filter(unit=xinba).with_status("open").first()
    url = reverse("risks:hazard_edit", args=[hazard.pk])
    client = client_for("xinba")
    assert client.get(url).status_code == 200
    assert client.post(url, {"owner": "赵六", "measures": "立即整改"}).status_code == 302
    hazard.refresh_from_db()
    assert hazard.owner == "赵六"
    assert client_for("sanmao").get(url).status_code == 404
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("leader").get(url).status_code == 200


def test_metrics_page_shows_the_heat_map_and_rates(client_for):
    response = client_for("leader").get(reverse("risks:metrics"), {"from": "2020-01-01"})
    assert response.status_code == 200
    heat = response.context["heat"]
    assert len(heat["cells"]) == len(heat["towns"]) * len(heat["domains"])
    assert sum(c[3] for c in heat["cells"]) == response.context["open"]
    assert response.context["knowable"].denominator == response.context["open"]
    bad = client_for("leader").get(reverse("risks:metrics"), {"from": "x"})
    assert bad.status_code == 200


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("risks:environmental_rectification", "environmental_rectification"),
        ("risks:inspection_rectification", "inspection_rectification"),
    ],
)
def test_rectification_ledgers_reuse_the_task_ledger(page, kind, client_for):
    response = client_for("supervisor").get(reverse(page))
    assert response.status_code == 200
    expected = Task.objects.filter(task_list__kind=kind).count()
    assert response.context["page_obj"].paginator.count == expected > 0
    sanmao = client_for("sanmao").get(reverse(page))
    assert sanmao.status_code == 200
    assert sanmao.context["page_obj"].paginator.count < expected
    assert client_for("outsider").get(reverse(page)).status_code == 403
    assert client_for("supervisor").get(reverse(page), {"export": "xlsx"}).status_code == 200


def test_wall_indicators_and_high_cost_pages(client_for):
    client = client_for("czj")
    wall = client.get(reverse("risks:wall"), {"by": "kind", "freq": "quarter"})
    assert wall.status_code == 200
    assert wall.context["quarterly"] is True
    assert client.get(reverse("risks:wall"), {"export": "xlsx"}).status_code == 200
    indicators = client.get(reverse("risks:indicators"))
    assert len(indicators.context["yearly"]) == 5
    page = indicators.content.decode()
    for name in (
        "债务率",
        "新增债务率",
        "偿债率",
        "逾期债务率",
        "国发〔2014〕43号",
        "国办函〔2016〕88号",
    ):
        assert name in page
    # The demo's government bonds are general and special debt; each has its own ratio.
    this_year = next(
        r for r in indicators.context["yearly"] if r["year"] == timezone.localdate().year
    )
    assert this_year["general_interest"] > 0 and this_year["special_interest"] > 0
    assert this_year["special_interest_ratio"] is not None
    assert this_year["service_ratio"] > 0
    high = client.get(reverse("risks:high_cost"), {"threshold": "6", "replace_at": "3"})
    assert all(h.row.rate > 6 for h in high.context["found"])
    assert client.get(reverse("risks:high_cost"), {"threshold": "abc"}).status_code == 200
    assert client.get(reverse("risks:high_cost"), {"export": "xlsx"}).status_code == 200


def test_the_indicators_page_says_what_each_indicator_means(client_for, settings):
    """The page explains its indicators itself, in Chinese (what each tells, how it is
    computed, its thresholds and sources), and sends its reader to no file of the
    project's repository."""
    import re

    settings.LANGUAGE_CODE = "zh-hans"  # as the platform is used
    with translation.override("zh-hans"):
        page = client_for("czj").get(reverse("risks:indicators")).content.decode()
    assert 'lang="zh-hans"' in page
    assert "docs/" not in page and ".md" not in page
    about = page[page.index('id="about-indicators"') :]
    assert "指标的含义与计算方法" in about
    terms = re.findall(r"<dt[^>]*>(.*?)</dt>", about)
    assert terms == [
        "综合财力",
        "债务率",
        "新增债务率",
        "偿债率",
        "逾期债务率",
        "一般债务利息支出率",
        "专项债务利息支出率",
        "短期债务占比",
        "现金覆盖率",
        "加权平均成本",
        "非标占比",
    ]
    for said in (
        "债务规模相对于可用财力的轻重。计算：年末政府债务余额 ÷ 综合财力。",
        "绿",  # the grades from the fiscal year's thresholds
        "达到 10% 的市县须启动财政重整计划",
        "高于 30% 预警",
        "低于 1 预警",
        "不是监管指标",
        "国发〔2014〕43号",
        "国办函〔2016〕88号",
    ):
        assert said in about, said


def test_the_planner_page_plans_exports_and_saves(client_for):
    client = client_for("czj")
    response = client.get(reverse("risks:planner"), {"window": "12", "refi_rate": "4"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.peak_after <= result.peak_before
    assert response.context["moves"]
    assert client.get(reverse("risks:planner"), {"window": "999"}).status_code == 200
    export = client.get(reverse("risks:planner"), {"window": "12", "export": "xlsx"})
    assert export.status_code == 200
    saved = client.post(reverse("risks:planner"), {"name": "页面计划", "window": "12"})
    assert saved.status_code == 302
    plan = RepaymentPlan.objects.get(name="页面计划")
    assert plan.window == 12
    assert client.post(reverse("risks:planner"), {"name": ""}).status_code == 302
    assert client_for("leader").post(reverse("risks:planner"), {"name": "x"}).status_code == 403
    # The supervision office turns the moves into tasks; the finance bureau may not.
    issue = reverse("risks:repaymentplan_issue", args=[plan.pk])
    assert client.post(issue).status_code == 403
    assert client_for("sanmao").post(issue).status_code == 404
    assert client_for("supervisor").post(issue).status_code == 302
    assert Task.objects.filter(source_kind=SourceKind.DEBT_PLAN).count() == plan.moves.count()
    detail = client.get(plan.get_absolute_url())
    assert detail.status_code == 200
    assert all(m.task_id for m in detail.context["moves"])


def test_the_hazard_list_query_count_does_not_grow_with_rows(
    client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("leader")
    client.get(reverse("risks:hazard_list"))  # sessions, caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("risks:hazard_list"), {"domain": "finance", "level": "major"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("risks:hazard_list"))
    assert len(response.context["rows"]) == 50


def test_hazard_photos_are_checked_and_served_only_within_scope(
    client_for, unit, settings, tmp_path
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "orange").save(buffer, "JPEG")
    today = timezone.localdate()
    data = {
        "title": "带照片的隐患",
        "domain": "fire",
        "level": "ordinary",
        "unit": unit("YZ-XINBA").pk,
        "found_on": today.isoformat(),
        "found_by": "消防检查",
        "description": "通道堵塞",
        "deadline": (today + dt.timedelta(days=10)).isoformat(),
    }
    client = client_for("supervisor")
    fake = SimpleUploadedFile("假照片.jpg", b"MZ\x90\x00" + bytes(300))
    refused = client.post(reverse("risks:hazard_add"), {**data, "photos": [fake]})
    assert refused.status_code == 400 and "假照片.jpg" in refused.content.decode()
    assert not Hazard.objects.filter(title="带照片的隐患").exists()
    real = SimpleUploadedFile("现场.jpg", buffer.getvalue())
    assert client.post(reverse("risks:hazard_add"), {**data, "photos": [real]}).status_code == 302
    photo = Hazard.objects.get(title="带照片的隐患").photos.get()
    assert (photo.content_type, photo.uploaded_by.username) == ("image/jpeg", "supervisor")
    url = reverse("risks:photo", args=[photo.pk])
    shown = client_for("xinba").get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert shown["Content-Disposition"].startswith("attachment")  # a download, never inline
    assert b"".join(shown.streaming_content) == buffer.getvalue()
    assert client_for("sanmao").get(url).status_code == 404  # another town's hazard
    outsider = sorted(set(ALL) - HAZARD_READERS)[0]
    assert client_for(outsider).get(url).status_code == 403


def test_the_plan_says_how_many_tasks_it_issues_and_to_whom_before_issuing(client_for):
    plan = RepaymentPlan.objects.get(is_illustrative=True)
    unissued = plan.moves.filter(task__isnull=True).select_related("instrument__entity__unit")
    assert unissued.exists()
    issued = plan.moves.filter(task__isnull=False).count()
    response = client_for("supervisor").get(plan.get_absolute_url())
    assert response.context["can_issue"]
    assert response.context["issue_count"] == unissued.count()
    units = sorted({m.instrument.entity.unit.name for m in unissued})
    assert response.context["issue_units"] == units
    page = response.content.decode()
    assert 'id="issue-summary"' in page and 'id="issue-tasks"' in page
    assert all(name in page for name in units)
    # Seeing the confirmation issues nothing.
    assert plan.moves.filter(task__isnull=False).count() == issued
    # Those who may not issue see no button.
    assert not client_for("czj").get(plan.get_absolute_url()).context["can_issue"]
