"""Every page, for those who may and those who may not."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mingzhu.core.testing import import_through_page
from mingzhu.enterprises import actions, credit
from mingzhu.enterprises.models import (
    AnnualData,
    Demand,
    Enterprise,
    MuEvaluation,
    MuScheme,
    Visit,
)

LIST_PAGES = [
    "enterprises:enterprise_list",
    "enterprises:results",
    "enterprises:visit_list",
    "enterprises:demand_list",
    "enterprises:rates",
]


@pytest.mark.parametrize("name", LIST_PAGES)
@pytest.mark.parametrize("who", ["gxj", "leader", "supervisor", "xinba", "enterprise_user"])
def test_readers_see_the_pages(request, as_user, who, name):
    response = as_user(request.getfixturevalue(who)).get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", LIST_PAGES)
def test_outsiders_are_refused(as_user, outsider, grid_worker, name):
    assert as_user(outsider).get(reverse(name)).status_code == 403
    assert as_user(grid_worker).get(reverse(name)).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("enterprises:enterprise_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def _names(response):
    return {obj.name for obj, _values in response.context["rows"]}


def test_a_town_sees_only_its_enterprises(as_user, xinba, sanmao, own_enterprise):
    page = as_user(xinba).get(reverse("enterprises:enterprise_list"), {"page": 1})
    assert (
        page.context["page_obj"].paginator.count
        == Enterprise.objects.filter(town__code="YZ-XINBA").count()
    )
    url = own_enterprise.get_absolute_url()
    assert as_user(xinba).get(url).status_code == 200
    assert as_user(sanmao).get(url).status_code == 404


def test_the_enterprise_sees_only_itself(as_user, enterprise_user, own_enterprise):
    client = as_user(enterprise_user)
    page = client.get(reverse("enterprises:enterprise_list"))
    assert _names(page) == {own_enterprise.name}
    other = Enterprise.objects.exclude(pk=own_enterprise.pk).first()
    assert client.get(other.get_absolute_url()).status_code == 404
    results = client.get(reverse("enterprises:results"), {"year": 2025})
    assert {r.enterprise_id for r in results.context["page_obj"]} == {own_enterprise.pk}
    demands = client.get(reverse("enterprises:demand_list"))
    assert {d.enterprise_id for d, _v in demands.context["rows"]} == {own_enterprise.pk}


def test_the_detail_page_shows_classes_and_the_radar(as_user, gxj, own_enterprise):
    response = as_user(gxj).get(own_enterprise.get_absolute_url())
    assert response.status_code == 200
    results = [(r.year, r.evaluation.scheme_code) for r in response.context["results"]]
    assert results == [(2025, "city"), (2025, "jiangsu"), (2025, "zhejiang"), (2024, "city")]
    # The indicators shown are the city's own scheme's.
    assert response.context["latest"].evaluation.scheme_code == "city"
    radar = response.context["radar"]
    assert len(radar["indicators"]) == 6 and radar["benchmark"] == [1.0] * 6
    assert b'id="radar"' in response.content
    assert (
        as_user(gxj)
        .get(reverse("enterprises:enterprise_history", args=[own_enterprise.pk]))
        .status_code
        == 200
    )


def test_the_results_page_filters_charts_and_exports(as_user, gxj):
    client = as_user(gxj)
    page = client.get(
        reverse("enterprises:results"), {"year": 2024, "mu_class": "A", "group": "above"}
    )
    assert page.status_code == 200
    assert {r.mu_class for r in page.context["page_obj"]} == {"A"}
    chart = page.context["chart"]
    assert chart["towns"] and [s["name"] for s in chart["series"]] == ["A", "B", "C", "D", "T"]
    export = client.get(reverse("enterprises:results"), {"year": 2024, "export": "xlsx"})
    rows = list(
        load_workbook(BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert rows[0][0] == "统一社会信用代码" and len(rows) == 601


def test_only_the_industry_bureau_runs_and_publishes(as_user, gxj, xinba, leader):
    url = reverse("enterprises:run")
    assert as_user(xinba).post(url, {"year": 2025}).status_code == 403
    assert as_user(leader).post(url, {"year": 2025}).status_code == 403
    response = as_user(gxj).post(url, {"year": 2025})
    assert response.status_code == 302
    response = as_user(gxj).post(url, {"year": 2024}, follow=True)  # published: refused
    assert "2024" in response.content.decode()
    assert as_user(gxj).post(url, {"year": "abc"}).status_code == 302


def test_the_results_page_shows_the_schemes_side_by_side(as_user, gxj, leader, enterprise_user):
    url = reverse("enterprises:results")
    page = as_user(leader).get(url, {"year": 2025})
    assert page.context["evaluation"].scheme_code == "city"
    rows = page.context["side_by_side"]
    assert [r["evaluation"].scheme_code for r in rows] == ["city", "jiangsu", "zhejiang"]
    for r in rows:
        assert sum(r["counts"].values()) == sum(
            r["evaluation"].summary[g]["counts"][c]
            for g in ("above", "below")
            for c in ("A", "B", "C", "D", "T")
        )
    html = page.content.decode()
    assert 'id="side-by-side"' in html and "浙江·黄岩式" in html
    zhejiang = as_user(leader).get(url, {"year": 2025, "scheme": "zhejiang"})
    assert zhejiang.context["evaluation"].scheme_code == "zhejiang"
    assert {r.evaluation.scheme_code for r in zhejiang.context["page_obj"]} == {"zhejiang"}
    # Drafts (all of 2025) stay hidden from the enterprise.
    mine = as_user(enterprise_user).get(url, {"year": 2025, "scheme": "zhejiang"})
    assert mine.context["evaluation"].year == 2024 and not mine.context["side_by_side"][1:]
    # Run under a scheme by its code; an unknown code is refused.
    run = reverse("enterprises:run")
    done = as_user(gxj).post(run, {"year": 2025, "scheme": "jiangsu"})
    assert done.status_code == 302 and "scheme=jiangsu" in done["Location"]
    assert as_user(gxj).post(run, {"year": 2025, "scheme": "nope"}, follow=True).status_code == 200
    assert not MuEvaluation.objects.filter(scheme_code="nope").exists()
    api = as_user(leader).get(
        "/api/v1/enterprises/mu-results/", {"year": 2025, "scheme": "zhejiang"}
    )
    assert api.json()["count"] == 600


def test_scheme_pages_and_versions(as_user, gxj, xinba):
    scheme = MuScheme.objects.get(code="city", version=1)
    client = as_user(gxj)
    assert client.get(reverse("enterprises:muscheme_list")).status_code == 200
    assert client.get(scheme.get_absolute_url()).status_code == 200
    assert as_user(xinba).get(reverse("enterprises:muscheme_list")).status_code == 403
    import json

    data = dict(scheme.data, cap=1.8)
    url = reverse("enterprises:muscheme_edit", args=[scheme.pk])
    response = client.post(url, {"name": "新方案", "data": json.dumps(data), "notes": ""})
    assert response.status_code == 302
    # Version 1 is used by evaluations: it is kept, a new version holds the change.
    assert MuScheme.objects.get(code="city", version=1).data["cap"] == 2.0
    assert MuScheme.objects.get(code="city", version=2).data["cap"] == 1.8
    bad = client.post(url, {"name": "坏方案", "data": json.dumps({"cap": 0}), "notes": ""})
    assert bad.status_code == 200 and MuScheme.objects.filter(code="city").count() == 2
    assert as_user(xinba).post(url, {"name": "x", "data": "{}"}).status_code in (403, 404)


def test_the_enterprise_raises_and_rates_on_its_pages(as_user, enterprise_user, own_enterprise):
    client = as_user(enterprise_user)
    form = client.get(reverse("enterprises:demand_add"))
    assert list(form.context["form"].fields["enterprise"].queryset) == [own_enterprise]
    response = client.post(
        reverse("enterprises:demand_add"),
        {"enterprise": own_enterprise.pk, "category": "labour", "content": "招工难"},
    )
    assert response.status_code == 302
    demand = Demand.objects.get(content="招工难")
    assert demand.channel == "online"
    other = Enterprise.objects.exclude(pk=own_enterprise.pk).first()
    refused = client.post(
        reverse("enterprises:demand_add"),
        {"enterprise": other.pk, "category": "land", "content": "x"},
    )
    assert refused.status_code == 400
    replied = Demand.objects.filter(
        enterprise=own_enterprise, task__status="closure_requested"
    ).first()
    page = client.get(replied.get_absolute_url())
    assert page.context["can_rate"]
    response = client.post(
        reverse("enterprises:demand_rate", args=[replied.pk]), {"rating": "satisfied"}
    )
    assert response.status_code == 302
    replied.task.refresh_from_db()
    assert replied.task.status == "closed"
    # Again: nothing awaits a rating now; the page says so.
    again = client.post(
        reverse("enterprises:demand_rate", args=[replied.pk]), {"rating": "satisfied"}
    )
    assert again.status_code == 400 and again.context["form"].non_field_errors()


def test_dispatch_page(as_user, gxj, xinba, unit):
    pending = Demand.objects.filter(task__isnull=True, enterprise__town__code="YZ-XINBA").first()
    if pending is None:
        pending = actions.raise_demand(
            actor=gxj,
            enterprise=Enterprise.objects.filter(town__code="YZ-XINBA").first(),
            category="land",
            content="x",
        )
    url = reverse("enterprises:demand_dispatch", args=[pending.pk])
    assert as_user(xinba).get(url).status_code == 403
    assert as_user(gxj).get(url).status_code == 200
    bad = as_user(gxj).post(url, {"department": unit("YZ-XINBA-V02").pk})
    assert bad.status_code == 400
    ok = as_user(gxj).post(url, {"department": unit("YZ-DEPT-ZRZY").pk, "time_limit": 7})
    assert ok.status_code == 302
    pending.refresh_from_db()
    assert pending.task.time_limit == 7


def test_a_department_sees_the_demands_handed_to_it(as_user, fgw):
    page = as_user(fgw).get(reverse("enterprises:demand_list"))
    seen = {d.pk for d, _v in page.context["rows"]}
    expected = set(
        Demand.objects.filter(task__lead_unit__code="YZ-DEPT-FGW").values_list("pk", flat=True)
    )
    assert expected and seen == expected


def test_visits(as_user, xinba, sanmao, enterprise_user, own_enterprise):
    client = as_user(xinba)
    response = client.post(
        reverse("enterprises:visit_add"),
        {
            "enterprise": own_enterprise.pk,
            "kind": "warm",
            "date": "2025-06-01",
            "visitors": "镇长",
            "demand_category": "land",
            "demand_content": "用地",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get(visitors="镇长")
    assert visit.demands.get().channel == "visit"
    assert client.get(visit.get_absolute_url()).status_code == 200
    assert as_user(sanmao).get(visit.get_absolute_url()).status_code == 404
    assert as_user(enterprise_user).get(reverse("enterprises:visit_add")).status_code == 403
    half = client.post(
        reverse("enterprises:visit_add"),
        {
            "enterprise": own_enterprise.pk,
            "kind": "warm",
            "date": "2025-06-01",
            "visitors": "x",
            "demand_category": "land",
        },
    )
    assert half.status_code == 400


def _xlsx(headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "data.xlsx"
    return buf


def test_registry_import_is_all_or_nothing(as_user, gxj, xinba):
    from mingzhu.enterprises.importer import REGISTRY_HEADERS

    code = credit.complete("91321182LM0000001")
    good = [code, "导入企业", "新坝镇", "C38", "规上", 12, "", None, None, "未上市", "未开展"]
    bad = ["123", "", "火星", "38", "大", -1, "", "x", None, "?", "?"]
    url = reverse("enterprises:enterprise_import")
    response = as_user(gxj).post(url, {"file": _xlsx(REGISTRY_HEADERS, [good, bad])})
    assert response.status_code == 400
    errors = response.context["errors"]
    assert len(errors) >= 8 and all("3" in e for e in errors)
    assert not Enterprise.objects.filter(credit_code=code).exists()
    response = import_through_page(as_user(gxj), url, {"file": _xlsx(REGISTRY_HEADERS, [good])})
    assert response.status_code == 302
    assert Enterprise.objects.get(credit_code=code).town.code == "YZ-XINBA"
    again = as_user(gxj).post(url, {"file": _xlsx(REGISTRY_HEADERS, [good])})
    assert again.context["preview"].unchanged == 1 and not again.context["to_create"]
    assert Enterprise.objects.filter(credit_code=code).count() == 1
    assert as_user(xinba).get(url).status_code == 403
    not_xlsx = BytesIO(b"not a workbook")
    not_xlsx.name = "x.xlsx"
    assert as_user(gxj).post(url, {"file": not_xlsx}).status_code == 400


def test_registry_export_can_be_imported_again(as_user, gxj):
    from auditlog.models import LogEntry

    client = as_user(gxj)
    export = client.get(reverse("enterprises:enterprise_list"), {"export": "xlsx"})
    content = BytesIO(export.content)
    content.name = "again.xlsx"
    before = list(Enterprise.objects.order_by("pk").values())
    entries = LogEntry.objects.count()
    url = reverse("enterprises:enterprise_import")
    preview = client.post(url, {"file": content})
    assert preview.status_code == 200, preview.context.get("errors")
    result = preview.context["preview"]
    assert (result.created, result.updated, result.errors) == (0, 0, [])
    assert result.unchanged == len(before)
    response = client.post(url, {"staged": preview.context["staged"]})
    assert response.status_code == 302
    assert list(Enterprise.objects.order_by("pk").values()) == before  # 示例 flags too
    assert LogEntry.objects.count() == entries


def test_annual_export_can_be_imported_again(as_user, gxj):
    from auditlog.models import LogEntry

    from mingzhu.enterprises.models import AnnualData

    client = as_user(gxj)
    export = client.get(reverse("enterprises:annualdata_export"))
    assert export.status_code == 200
    content = BytesIO(export.content)
    content.name = "annual.xlsx"
    before = list(AnnualData.objects.order_by("pk").values())
    entries = LogEntry.objects.count()
    url = reverse("enterprises:annualdata_import")
    preview = client.post(url, {"file": content})
    assert preview.status_code == 200, preview.context.get("errors")
    result = preview.context["preview"]
    assert (result.created, result.updated, result.errors) == (0, 0, [])
    assert result.unchanged > 0
    assert client.post(url, {"staged": preview.context["staged"]}).status_code == 302
    assert list(AnnualData.objects.order_by("pk").values()) == before
    assert LogEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("name", "persona", "status"),
    [
        ("enterprises:enterprise_template", "gxj", 200),
        ("enterprises:enterprise_template", "xinba", 403),
        ("enterprises:annualdata_template", "gxj", 200),
        ("enterprises:annualdata_template", "outsider", 403),
    ],
)
def test_the_templates_download_for_those_who_import(as_user, request, name, persona, status):
    response = as_user(request.getfixturevalue(persona)).get(reverse(name))
    assert response.status_code == status
    if status == 200:
        wb = load_workbook(BytesIO(response.content))
        assert wb.worksheets[0]["A2"].value == "示例" and len(wb.sheetnames) >= 2
        # Every column says what it means (the 说明 sheet: column, required, meaning).
        notes = list(wb.worksheets[1].iter_rows(min_row=2, max_col=3, values_only=True))
        columns = [row for row in notes if row[0] and row[1]]
        assert columns and all(row[2] for row in columns), columns


def test_annual_import(as_user, gxj, own_enterprise):
    from mingzhu.enterprises.importer import ANNUAL_HEADERS

    def row(**cells):
        return [cells.get(h, "") for h in ANNUAL_HEADERS]

    figures = {"统一社会信用代码": own_enterprise.credit_code, "年度": 2026, "应税销售": 5000}
    figures |= {"营业收入": 5200, "实缴税收": 300, "工业增加值": 800, "综合能耗": 100}
    figures |= {"用电量": 200, "排放量": 1, "化学需氧量": 0.5, "氮氧化物": 0.2}
    figures |= {"研发经费": 100, "职工人数": 50, "加减分": 2}
    good = row(**figures)
    bad = row(**figures | {"应税销售": -1, "实缴税收": "x", "职工人数": 2.5, "加减分": "a"})
    bad[ANNUAL_HEADERS.index("氨氮")] = "-0.1"
    url = reverse("enterprises:annualdata_import")
    response = as_user(gxj).post(url, {"file": _xlsx(ANNUAL_HEADERS, [good, bad])})
    assert response.status_code == 400
    # sales, tax, ammonia, employees, bonus, duplicate
    assert len(response.context["errors"]) == 6
    assert any("氨氮" in e for e in response.context["errors"])
    assert not AnnualData.objects.filter(year=2026).exists()
    done = import_through_page(as_user(gxj), url, {"file": _xlsx(ANNUAL_HEADERS, [good])})
    assert done.status_code == 302
    stored = AnnualData.objects.get(year=2026, enterprise=own_enterprise)
    assert (stored.tax, stored.revenue, stored.cod, stored.nox) == (
        300,
        5200,
        Decimal("0.5"),
        Decimal("0.2"),
    )
    assert stored.ammonia is None
    export = as_user(gxj).get(reverse("enterprises:annualdata_export"), {"year": 2026})
    rows = list(
        load_workbook(BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert rows[0] == tuple(ANNUAL_HEADERS) and len(rows) == 2


def test_rates_page(as_user, gxj):
    response = as_user(gxj).get(
        reverse("enterprises:rates"), {"from": "2020-01-01", "to": "2030-12-31"}
    )
    assert response.status_code == 200
    assert response.context["rows"] and response.context["total"]["assigned"] > 0
    bad = as_user(gxj).get(reverse("enterprises:rates"), {"from": "nonsense"})
    assert bad.status_code == 200


def test_the_cockpit_panel(as_user, leader, outsider, django_user_model):
    import datetime as dt

    from mingzhu.enterprises.cockpit import enterprises_panel

    panel = enterprises_panel(leader, dt.date(2026, 6, 30))
    assert panel is not None and not panel.empty
    assert panel.context["evaluation"].year == 2025
    assert sum(panel.context["counts"].values()) > 500
    assert panel.context["hundred"] == 4
    assert enterprises_panel(outsider, dt.date(2026, 6, 30)) is None
    assert as_user(leader).get("/").status_code == 200
    # The pie holds a slice for each class that holds enterprises, none for an empty one.
    (series,) = panel.context["chart"]["series"]
    assert [d["name"] for d in series["data"]] == [
        c for c, n in panel.context["counts"].items() if n
    ]


def test_an_enterprise_user_sees_its_own_enterprise_on_the_cockpit(as_user, enterprise_user):
    """An enterprise's cockpit holds what is about it: its class in the latest evaluation
    and its own demands, not the city's count of 百亿企业 nor a pie of one slice; and no
    task lights (it leads no task)."""
    import datetime as dt

    from mingzhu.enterprises.cockpit import enterprises_panel
    from mingzhu.enterprises.models import Enterprise, MuEvaluation

    own = enterprises_panel(enterprise_user, dt.date(2026, 6, 30))
    assert not own.empty and "chart" not in own.context and "hundred" not in own.context
    enterprise = Enterprise.objects.get(account_unit=enterprise_user.unit)
    assert own.context["enterprise"]["name"] == enterprise.name
    assert own.context["result"]["mu_class"]
    # Its class in the latest published evaluation: the later drafts are not its to see.
    assert own.context["evaluation"].status == "published"
    assert MuEvaluation.objects.filter(year__gt=own.context["evaluation"].year).exists()
    response = as_user(enterprise_user).get("/")
    assert [p.key for p, _body in response.context["panels"]] == ["enterprises"]
    content = response.content.decode()
    assert "本企业：亩均评价与诉求" in content and 'id="own-class"' in content
    assert "评价类别：" in content and "本企业本年诉求" in content
    for city_wide in ("百亿企业", "任务亮灯", 'id="mu-pie"', "panel-empty"):
        assert city_wide not in content


def test_the_industry_bureau_edits_the_registry(as_user, gxj, xinba, own_enterprise, unit):
    url = reverse("enterprises:enterprise_edit", args=[own_enterprise.pk])
    assert as_user(xinba).get(url).status_code == 404  # reads it, may not change it
    assert as_user(gxj).get(url).status_code == 200
    data = {
        "credit_code": own_enterprise.credit_code.lower(),
        "name": own_enterprise.name,
        "town": own_enterprise.town_id,
        "account_unit": own_enterprise.account_unit_id,
        "industry": "C38",
        "scale": "above",
        "land_mu": "50",
        "listing": "reserve",
        "digital": "under_way",
    }
    assert as_user(gxj).post(url, data).status_code == 302
    own_enterprise.refresh_from_db()
    assert own_enterprise.listing == "reserve" and own_enterprise.land_mu == 50
    bad = as_user(gxj).post(
        url, data | {"credit_code": "91321182MA0000000X", "town": unit("YZ-XINBA-V02").pk}
    )
    assert bad.status_code == 200
    assert {"credit_code", "town"} <= set(bad.context["form"].errors)
    history = as_user(gxj).get(reverse("enterprises:enterprise_history", args=[own_enterprise.pk]))
    assert "reserve" in history.content.decode() or "上市后备" in history.content.decode()


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("enterprises:enterprise_list", 12),
        ("enterprises:demand_list", 14),
        ("enterprises:results", 16),
    ],
)
def test_list_pages_take_a_fixed_number_of_queries(
    as_user, gxj, django_assert_max_num_queries, name, limit
):
    client = as_user(gxj)
    client.get(reverse(name))  # warm the session and caches
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(name)).status_code == 200


def test_an_enterprise_sees_no_chart_of_the_towns_on_its_results(as_user, enterprise_user, gxj):
    """The classes by town are one bar to an enterprise, which sees only itself: its
    results page shows the benchmarks and its own row; the bureau's shows the chart."""
    own = as_user(enterprise_user).get("/enterprises/mu/").content.decode()
    assert 'id="town-chart"' not in own and 'id="benchmarks"' in own
    assert 'id="town-chart"' in as_user(gxj).get("/enterprises/mu/").content.decode()
