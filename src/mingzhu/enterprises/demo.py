"""Demo enterprises: about 600 illustrative enterprises across the towns with three years
of annual data (a few 百亿 ones, a spread that yields every class), the per-mu evaluation
of the last two years (the earlier one published), visits and demands in every state with
their tasks.

Everything here is made up (示例) and generated with a seeded random generator, except the
demo company unit YZ-CO-0001 of the org tree, which is linked to one of the enterprises
(the enterprise user ``qiye``). The 百亿企业 counts of the evaluated years go to the targets
module's ENT100 indicator. Loaded once: when illustrative enterprises exist, nothing
changes.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mingzhu.demo.kit import run
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.play import moment, play, staff_of
from mingzhu.tasks.services import add_working_days

from . import actions, credit, services
from . import evaluation as db_evaluation
from .actions import current_scheme, record_hundred_billion
from .choices import (
    Channel,
    DemandCategory,
    Digital,
    EvaluationStatus,
    Listing,
    Rating,
    Scale,
    VisitKind,
)
from .models import AnnualData, Demand, Enterprise, MuEvaluation, MuScheme, Visit

SEED = 20231231
# Two other provinces' ways, as schemes of their own (the sources: docs/enterprises.md). The
# indicators, weights and benchmark rules follow the published texts; the class shares,
# cap and policies the texts do not give are the demo's (示例).
_HUAIAN_KEYS = {
    "above": ("tax_per_mu", "sales_per_mu", "tax_per_energy"),
    "below": ("tax_per_mu", "sales_per_mu", "tax_per_electricity"),
}
_HUANGYAN_BENCHMARKS = {
    "above": {
        "tax_per_mu": 24.097,
        "value_added_per_mu": 136.16,
        "value_added_per_energy": 2.694,
        "value_added_per_emission": 4929.81,
        "labour_productivity": 18.14,
        "rd_share_of_revenue": 0.0302,
    },
    "below": {"tax_per_mu": 11.5932, "tax_per_electricity": 0.2352},
}
_HUANGYAN_WEIGHTS = {
    "above": {
        "tax_per_mu": 30,
        "value_added_per_mu": 20,
        "value_added_per_energy": 20,
        "value_added_per_emission": 10,
        "labour_productivity": 10,
        "rd_share_of_revenue": 10,
    },
    "below": {"tax_per_mu": 50, "tax_per_electricity": 50},
}
_POLICIES = {
    "A": {"land": "priority", "note": "优先保障用能、用地指标（示例）"},
    "C": {"electricity_surcharge": 0.1, "water_surcharge": 0.15, "discharge_surcharge": 0.2},
    "D": {
        "electricity_surcharge": 0.3,
        "water_surcharge": 0.3,
        "discharge_surcharge": 0.5,
        "land": "no_new_land",
    },
}
PROVINCE_SCHEMES = [
    (
        "jiangsu",
        "江苏·淮安式资源集约利用综合评价（示例）",
        {
            "weights": {
                g: dict(zip(keys, (45, 35, 20), strict=True)) for g, keys in _HUAIAN_KEYS.items()
            },
            "benchmarks": {
                g: {k: {"rule": "previous", "k": 2, "offset": 1} for k in keys}
                for g, keys in _HUAIAN_KEYS.items()
            },
            "missing": "one",
            "quotas": {"A": 0.2, "B": 0.6, "D": 0.05},
            "cap": 2.0,
            "min_land_below": 3,
            "exempt_items": ["水、电、气资源要素供给企业", "投产不到2年的新办企业"],
            "veto_items": ["发生较大及以上安全生产事故", "发生重大环境污染事件"],
            "policies": _POLICIES,
        },
        "权重与基准值规则依《淮安市工业企业资源集约利用综合评价办法》政策解读（淮安市工信局，"
        "2024-05-31）：亩均税收45%、亩均销售收入35%、单位能（电）耗税收20%，基准值取各县（区）"
        "上年度平均值的2倍左右；A前20%，B 20%–60%，C 60%–95%，D后5%。封顶与差别化政策为示例。",
    ),
    (
        "zhejiang",
        "浙江·黄岩式亩均效益综合评价（示例）",
        {
            "weights": _HUANGYAN_WEIGHTS,
            "benchmarks": {
                g: {k: {"rule": "published", "value": v} for k, v in values.items()}
                for g, values in _HUANGYAN_BENCHMARKS.items()
            },
            "missing": "group_average",
            "quotas": {"A": 0.2, "B": 0.6, "D": 0.05},
            "cap": None,
            "min_land_below": 3,
            "exempt_items": ["投产不足2年的新办企业（示例）"],
            "veto_items": ["发生较大及以上安全生产事故（示例）"],
            "policies": _POLICIES,
        },
        "公式与基准值依黄岩区深化“亩均论英雄”改革工作领导小组办公室《2022年度工业企业综合"
        "评价得分计算说明》（2023-09-25 公示）；规上无排放数据的按规上企业此项平均得分赋分。"
        "分类比例、封顶与差别化政策为示例。",
    ),
]
COUNT = 600
YEARS = (2023, 2024, 2025)
EVALUATED = (2024, 2025)  # 2024 published, 2025 a draft that may be re-run
# 百亿企业 per year (2023 agrees with the targets demo's illustrative figure). The 2025
# count stays below the target of 5: the targets demo shows every target missed at its
# deadline.
HUNDRED_BILLION = {2023: 3, 2024: 4, 2025: 4}
COMPANY_UNIT = "YZ-CO-0001"
COMPANY_NAME = "扬中示例电气有限公司"
TOWN_WEIGHTS = {
    "321182001000": 14,
    "YZ-XINGLONG": 10,
    "YZ-XINBA": 18,
    "YZ-YOUFANG": 12,
    "YZ-BAQIAO": 14,
    "YZ-XILAIQIAO": 8,
    "YZ-EDZ": 14,
    "YZ-HTZ": 10,
}
INDUSTRIES = [
    ("C38", "电气", 40),
    ("C34", "机械", 12),
    ("C33", "金属制品", 10),
    ("C39", "电子", 10),
    ("C29", "塑胶", 8),
    ("C37", "船舶配件", 6),
    ("C26", "化工", 6),
    ("C30", "建材", 8),
]
WORDS = list("华东江洲明珠长江扬子新能恒通中电瑞达宏远大全金港永盛天合鑫源正泰海纳同创汇丰锦程")
WORDS = ["".join(pair) for pair in zip(WORDS[::2], WORDS[1::2], strict=True)]
SUFFIX = ["有限公司", "股份有限公司", "科技有限公司", "集团有限公司"]
DEPARTMENT_FOR = {
    DemandCategory.LAND: "YZ-DEPT-ZRZY",
    DemandCategory.FINANCING: "YZ-DEPT-CZJ",
    DemandCategory.LABOUR: "YZ-DEPT-RSJ",
    DemandCategory.APPROVALS: "YZ-DEPT-SCJG",
    DemandCategory.POLICY_PAYMENT: "YZ-DEPT-FGW",
    DemandCategory.INFRASTRUCTURE: "YZ-DEPT-ZJJ",
    DemandCategory.OTHER: "YZ-DEPT-SWJ",
}
CONTENT = {
    DemandCategory.LAND: "扩产项目需新增工业用地约20亩，请协调用地指标。",
    DemandCategory.FINANCING: "流动资金紧张，希望对接银行开展知识产权质押融资。",
    DemandCategory.LABOUR: "新产线投产，急需招聘一线技工30名。",
    DemandCategory.APPROVALS: "新建厂房的规划许可办理进度较慢，请帮助加快。",
    DemandCategory.POLICY_PAYMENT: "去年“智改数转”补贴尚未兑现，请帮助跟进。",
    DemandCategory.INFRASTRUCTURE: "厂区门前道路破损，大货车通行困难。",
    DemandCategory.OTHER: "希望组织参加行业展会，拓展海外市场。",
}
REPLY = "已会同相关科室现场办理，问题已解决。（示例）"
# outcome of a demand -> the steps of its task after it is assigned
OUTCOMES = [
    "pending",
    "assigned",
    "handling",
    "overdue",
    "replied",
    "reopened",
    "closed_satisfied",
    "closed_basic",
    "closed_after_reopen",
    "cancelled",
]


def _code(rng: random.Random) -> str:
    body = "91321182MA" + "".join(rng.choice(credit.ALPHABET[:31]) for _ in range(7))
    return credit.complete(body)


def load(audit: bool = False, as_of: dt.date | None = None) -> dict[str, int]:
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> dict[str, int]:
    if Enterprise.objects.filter(is_illustrative=True).exists():
        return {}
    towns = {u.code: u for u in OrgUnit.objects.filter(kind__in=TOWN_KINDS)}
    towns = {code: towns[code] for code in TOWN_WEIGHTS if code in towns}
    if not towns:
        return {}
    rng = random.Random(SEED)
    enterprises = _enterprises(rng, towns)
    Enterprise.objects.bulk_create(enterprises)
    enterprises = list(Enterprise.objects.filter(is_illustrative=True).order_by("pk"))
    AnnualData.objects.bulk_create(_annual(rng, enterprises))
    scheme = current_scheme()
    for year in EVALUATED:
        _evaluate(scheme, year, published=year == EVALUATED[0])
        record_hundred_billion(year, illustrative=True)
    # A Jiangsu and a Zhejiang scheme evaluated beside the city's own for the last year.
    for code, name, data, notes in PROVINCE_SCHEMES:
        other = MuScheme.objects.create(code=code, version=1, name=name, data=data, notes=notes)
        _evaluate(other, EVALUATED[-1], published=False)
    visits = _visits(rng, enterprises, today)
    demands = _demands(rng, enterprises, visits, today)
    return {"enterprises": len(enterprises), "visits": len(visits), "demands": demands}


def _evaluate(scheme: MuScheme, year: int, *, published: bool) -> None:
    rows, ids, town_ids = db_evaluation.load_rows(year)
    pure = scheme.as_scheme()
    ev = services.evaluate(rows, pure, db_evaluation.load_history(year, pure))
    evaluation = MuEvaluation.objects.create(
        year=year,
        scheme=scheme,
        scheme_code=scheme.code,
        summary=services.summary(ev),
        status=EvaluationStatus.PUBLISHED if published else EvaluationStatus.DRAFT,
        run_at=moment(dt.date(year + 1, 4, 15), 10),
        published_at=moment(dt.date(year + 1, 5, 10), 10) if published else None,
        is_illustrative=True,
    )
    db_evaluation.store(evaluation, pure, ev, ids, town_ids)


def _enterprises(rng: random.Random, towns: dict[str, OrgUnit]) -> list[Enterprise]:
    company = OrgUnit.objects.filter(code=COMPANY_UNIT).first()
    codes = list(towns)
    weights = [TOWN_WEIGHTS[c] for c in codes]
    out = []
    used = set()
    for i in range(COUNT):
        industry, trade, _w = rng.choices(INDUSTRIES, [w for *_x, w in INDUSTRIES])[0]
        code = _code(rng)
        while code in used:
            code = _code(rng)
        used.add(code)
        giant = i < max(HUNDRED_BILLION.values())
        above = giant or rng.random() < 0.45
        land = rng.lognormvariate(3.3, 0.8) * (6 if giant else 1) if above else rng.uniform(0.8, 15)
        name = f"扬中{rng.choice(WORDS)}{trade}{rng.choice(SUFFIX)}（示例{i + 1:03d}）"
        town = towns[rng.choices(codes, weights)[0]]
        account = None
        if i == COUNT - 1 and company is not None:
            name, account = COMPANY_NAME, company
            town = towns.get("YZ-XINBA", town)
            above, land = True, 48.0
        high_tech = above and rng.random() < 0.3
        start = dt.date(rng.choice([2021, 2022, 2023]), rng.randint(1, 12), 1)
        out.append(
            Enterprise(
                credit_code=code,
                name=name,
                town=town,
                account_unit=account,
                industry=industry,
                scale=Scale.ABOVE if above else Scale.BELOW,
                land_mu=Decimal(f"{land:.2f}"),
                high_tech_certificate=f"GR{start.year}320{rng.randint(10000, 99999)}"
                if high_tech
                else "",
                high_tech_from=start if high_tech else None,
                high_tech_until=start.replace(year=start.year + 3) if high_tech else None,
                listing=Listing.LISTED
                if giant and i < 2
                else (Listing.RESERVE if above and rng.random() < 0.05 else Listing.NONE),
                digital=rng.choices(list(Digital), [50, 25, 15, 10])[0],
                is_illustrative=True,
            )
        )
    return out


def _dec(x: float | None, places: int = 2) -> Decimal | None:
    return None if x is None else Decimal(f"{x:.{places}f}")


def _annual(rng: random.Random, enterprises: list[Enterprise]) -> list[AnnualData]:
    out = []
    # The figures the Zhejiang indicators add come from a generator of their own, so that
    # the rest of the demo draws the same numbers as before they were added.
    extra = random.Random(SEED + 1)
    for i, e in enumerate(enterprises):
        land = float(e.land_mu)
        above = e.scale == Scale.ABOVE
        tax_per_mu = rng.lognormvariate(2.6 if above else 1.8, 0.7)  # 万元 per mu
        intensity = rng.uniform(12, 30)  # sales / tax
        growth = rng.uniform(-0.05, 0.12)
        exempt = rng.random() < 0.025
        veto_year = rng.choice(YEARS) if rng.random() < 0.015 else None
        for k, year in enumerate(YEARS):
            factor = (1 + growth) ** k
            tax = tax_per_mu * land * factor
            sales = tax * intensity
            if i < max(HUNDRED_BILLION.values()):
                big = i < HUNDRED_BILLION[year]
                sales = rng.uniform(1_050_000, 2_400_000) if big else rng.uniform(700_000, 950_000)
                tax = sales / rng.uniform(18, 25)
            missing = rng.random() < 0.04
            emissions = None if missing else sales * rng.uniform(0.00002, 0.0003)
            shares = [extra.uniform(0.3, 0.6), extra.uniform(0.02, 0.08)]
            shares += [extra.uniform(0.1, 0.3), extra.uniform(0.1, 0.3)]
            out.append(
                AnnualData(
                    enterprise=e,
                    year=year,
                    sales=_dec(sales),
                    tax=_dec(tax),
                    value_added=_dec(sales * rng.uniform(0.18, 0.3)),
                    energy_tce=None if missing else _dec(sales * rng.uniform(0.005, 0.04)),
                    electricity=_dec(sales * rng.uniform(0.01, 0.06)),
                    emissions=None if missing else _dec(emissions, 4),
                    revenue=_dec(sales * extra.uniform(0.92, 1.05)),
                    **{
                        k: None if missing else _dec(emissions * share, 4)
                        for k, share in zip(("cod", "ammonia", "so2", "nox"), shares, strict=True)
                    },
                    rd_expense=_dec(sales * rng.uniform(0.005, 0.05)) if above else None,
                    employees=max(5, int(sales / rng.uniform(80, 200))),
                    exempt_reason="公用事业企业（示例）" if exempt else "",
                    veto_reason="发生较大安全生产事故（示例）" if veto_year == year else "",
                    bonus=Decimal(rng.choice([3, 5, -2])) if rng.random() < 0.05 else None,
                    is_illustrative=True,
                )
            )
    return out


def _visits(rng: random.Random, enterprises: list[Enterprise], today: dt.date) -> list[Visit]:
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=["YZ-DEPT-GXJ", *TOWN_WEIGHTS])}
    visitors = ["工信局企业服务科（示例）", "镇经发局（示例）", "项目管家（示例）"]
    picked = [enterprises[-1], *rng.sample(enterprises[:-1], 59)]
    visits = []
    for n, e in enumerate(picked):
        kind = rng.choices(list(VisitKind), [60, 25, 15])[0]
        by_town = rng.random() < 0.5
        visits.append(
            Visit(
                enterprise=e,
                kind=kind,
                date=today - dt.timedelta(days=rng.randint(1, 120) if n else 20),
                visitors=visitors[1]
                if by_town
                else visitors[2 if kind == VisitKind.STEWARD else 0],
                unit=units.get(e.town.code) if by_town else units.get("YZ-DEPT-GXJ"),
                notes="了解生产经营情况，宣讲惠企政策。（示例）",
                is_illustrative=True,
            )
        )
    Visit.objects.bulk_create(visits)
    return list(Visit.objects.filter(is_illustrative=True).order_by("pk"))


def _demands(rng, enterprises, visits, today: dt.date) -> int:
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="YZ-DEPT-")}
    users = {u.username: u for u in User.objects.filter(username__in=["gxj", "qiye"])}
    gxj, qiye = users.get("gxj"), users.get("qiye")
    issuer = units.get("YZ-DEPT-GXJ")
    if issuer is None:
        return 0
    own = enterprises[-1]
    # (enterprise, visit, outcome): every outcome from visits, four for the demo company (two
    # replies waiting for its rating).
    plan = []
    for n, visit in enumerate(visits[1:31]):
        plan.append((visit.enterprise, visit, OUTCOMES[n % len(OUTCOMES)]))
    plan += [
        (own, visits[0], "closed_satisfied"),
        (own, None, "replied"),
        (own, None, "replied"),
        (own, None, "pending"),
    ]
    categories = list(DemandCategory)
    created = 0
    for n, (enterprise, visit, outcome) in enumerate(plan):
        category = categories[n % len(categories)]
        online = enterprise is own and visit is None
        raised = moment(visit.date if visit else today - dt.timedelta(days=12 if n % 2 else 3), 10)
        if outcome == "overdue":
            raised = moment(today - dt.timedelta(days=40), 10)
        demand = Demand.objects.create(
            enterprise=enterprise,
            visit=visit,
            category=category,
            content=f"{CONTENT[category]}（示例）",
            channel=Channel.ONLINE if online else Channel.VISIT if visit else Channel.HOTLINE,
            raised_by=qiye if online else gxj,
            raised_at=raised,
            is_illustrative=True,
        )
        created += 1
        if outcome != "pending":
            _task(demand, outcome, units[DEPARTMENT_FOR[category]], gxj, qiye, today)
    return created


REPLIED = ("replied", "reopened", "closed_satisfied", "closed_basic", "closed_after_reopen")


def _task(demand, outcome, department, gxj, qiye, today) -> None:
    """The demand dispatched the day after it was raised, handled by the department and
    rated by the enterprise (or, without an account, by the bureau on a follow-up call),
    through the enterprises' and the task engine's own actions (tasks.play), back-dated."""

    clock = [demand.raised_at]

    def at(day, hour):
        # Capped at today, and never before the previous step.
        when = max(moment(min(day, today), hour), clock[0] + dt.timedelta(minutes=30))
        clock[0] = when
        return when

    assigned = min(timezone.localdate(demand.raised_at) + dt.timedelta(days=1), today)
    demand = actions.dispatch_demand(
        demand, actor=gxj, department=department, comment="（示例）", at=at(assigned, 11)
    )
    task = demand.task
    if outcome == "assigned":
        return
    if outcome == "cancelled":
        play(task, [("cancel", at(assigned, 15), gxj, {"comment": "企业已自行解决。（示例）"})])
        return
    handler = staff_of(department)
    accepted = add_working_days(assigned, 1 if demand.pk % 3 else 2)
    steps = [("accept", at(accepted, 10), handler)]
    if outcome == "handling":
        report = {"progress": 40, "comment": "正在协调办理。（示例）"}
        play(task, [*steps, ("report_progress", at(accepted, 15), handler, report)])
        return
    if outcome not in REPLIED:
        play(task, steps)
        return
    replied = add_working_days(assigned, 4)
    play(task, [*steps, ("request_closure", at(replied, 14), handler, {"result": REPLY})])
    rater = qiye if demand.channel == Channel.ONLINE or demand.enterprise.account_unit_id else gxj
    first = {
        "closed_satisfied": (Rating.SATISFIED, "满意。（示例）"),
        "closed_basic": (Rating.BASIC, "（示例）"),
        "reopened": (Rating.DISSATISFIED, "问题未解决。（示例）"),
        "closed_after_reopen": (Rating.DISSATISFIED, "问题未解决。（示例）"),
    }.get(outcome)
    if first is None:
        return
    rated = at(replied, 16)
    actions.rate_demand(demand, actor=rater, rating=first[0], comment=first[1], at=rated)
    if outcome == "closed_after_reopen":
        again = at(add_working_days(replied, 3), 14)
        play(task, [("request_closure", again, handler, {"result": REPLY})])
        actions.rate_demand(
            demand,
            actor=rater,
            rating=Rating.BASIC,
            comment="（示例）",
            at=again + dt.timedelta(hours=2),
        )
