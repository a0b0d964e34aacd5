"""Demo projects: about 80 illustrative projects across the towns and industry chains
(a few of 30 and 50 亿元 and more), with stage histories over the last two years,
investment plans and monthly figures, factor requests in every state (with their tasks)
and quarterly inspections.

Everything here is made up and flagged illustrative (示例): names, investors, amounts and
dates. The industry chains are the city's own (临港产业, 汽车核心零部件, 光伏新能源, 工程
电气, 先进装备制造). Dates are placed around the day of the first load; a second load
changes nothing. The factor requests' tasks are played through the engine (tasks.play).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mingzhu.demo.kit import past_quarter, run
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.play import moment, play, staff_of

from . import actions
from .choices import STAGE_EVIDENCE, Chain, FactorKind, Stage
from .choices import QuantityUnit as QU
from .choices import Satisfaction as S
from .models import (
    FactorRequest,
    Inspection,
    InspectionScore,
    InvestmentPlan,
    MonthlyInvestment,
    Project,
    StageChange,
)

SEED = 20231
TOWNS = [
    "321182001000",
    "YZ-XINGLONG",
    "YZ-XINBA",
    "YZ-YOUFANG",
    "YZ-BAQIAO",
    "YZ-XILAIQIAO",
    "YZ-EDZ",
    "YZ-HTZ",
]
PRODUCTS = {
    Chain.PORT: ["港口物流中心", "江海联运仓储基地", "临港船舶配套", "散货码头智能化改造"],
    Chain.AUTO_PARTS: ["新能源汽车电驱系统", "汽车热管理系统", "车用精密铸件", "智能座舱电子"],
    Chain.PHOTOVOLTAIC: ["高效光伏组件", "光伏逆变器", "储能电池系统", "异质结电池片"],
    Chain.ELECTRICAL: ["智能变电站成套设备", "特高压电缆附件", "智能配电柜", "环网柜"],
    Chain.EQUIPMENT: ["工业机器人", "精密减速器", "数控机床", "智能仓储装备"],
    Chain.OTHER: ["生物医药中试基地", "冷链食品加工", "新材料", "数据中心"],
}
INVESTORS = ["瑞江", "澜扬", "恒洲", "泓川", "启明", "远帆", "青禾", "嘉屿", "锦程", "沐川"]
SUFFIXES = [
    "科技有限公司",
    "电气股份有限公司",
    "新能源有限公司",
    "智能装备有限公司",
    "集团有限公司",
]
# Flag history shaped on purpose: 经开区 signs a 50 亿元 project each of the last three
# quarters; 西来桥镇 signs nothing in the last two and falls behind its plan.
LEADING_TOWN = "YZ-EDZ"
TRAILING_TOWN = "YZ-XILAIQIAO"


def _quarter_start(day: dt.date, back: int) -> dt.date:
    """The first day of the quarter ``back`` quarters before the one of ``day``."""
    year, quarter = past_quarter(day, back)
    return dt.date(year, 3 * quarter - 2, 1)


def load(as_of: dt.date | None = None, audit: bool = False) -> int:
    """Create the demo projects (idempotent); returns the projects created."""
    return run(_load, audit, as_of)


def _amount(rng: random.Random) -> Decimal:
    roll = rng.random()
    if roll < 0.45:
        value = rng.randint(5, 95) * 1000
    elif roll < 0.85:
        value = rng.randint(10, 28) * 10_000
    else:
        value = rng.randint(30, 48) * 10_000
    return Decimal(value)


@transaction.atomic
def _load(today: dt.date) -> int:
    if Project.objects.filter(is_illustrative=True).exists():
        return 0
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=TOWNS)}
    if len(units) != len(TOWNS):
        return 0
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["leader", "supervisor", "sanmao", "xinba"])
    }
    stewards = {"321182001000": users.get("sanmao"), "YZ-XINBA": users.get("xinba")}
    rng = random.Random(SEED)
    specs = _specs(rng, today)
    projects = []
    for n, spec in enumerate(specs, start=1):
        chain = spec["chain"]
        town = units[spec["town"]]
        big = spec["total"] >= 100_000
        projects.append(
            Project(
                name=f"{rng.choice(INVESTORS)}{PRODUCTS[chain][n % 4]}项目（示例{n:02d}）",
                investor=f"{rng.choice(INVESTORS)}{rng.choice(SUFFIXES)}（示例）",
                chain=chain,
                total_investment=spec["total"],
                foreign_investment=(spec["total"] * Decimal("0.2")).quantize(Decimal(1))
                if n % 7 == 0
                else Decimal(0),
                town=town,
                in_port_zone=spec["town"] in ("YZ-XINGLONG", "YZ-EDZ") and n % 2 == 0,
                stage=spec["stage"],
                negotiating_on=spec["dates"][Stage.NEGOTIATING],
                signed_on=spec["dates"].get(Stage.SIGNED),
                landed_on=spec["dates"].get(Stage.LANDED),
                started_on=spec["dates"].get(Stage.UNDER_CONSTRUCTION),
                completed_on=spec["dates"].get(Stage.IN_OPERATION),
                suspended_on=spec["dates"].get(Stage.SUSPENDED),
                suspended_from=spec.get("suspended_from", ""),
                suspension_reason="投资方资金链调整，暂缓推进。（示例）"
                if spec.get("suspended_from")
                else "",
                liaison_leader=users.get("leader") if big else None,
                steward=stewards.get(spec["town"]),
                party_branch_name=f"项目现场临时党支部（示例{n:02d}）"
                if big and spec["dates"].get(Stage.UNDER_CONSTRUCTION)
                else "",
                party_branch_secretary="王建华（示例）"
                if big and spec["dates"].get(Stage.UNDER_CONSTRUCTION)
                else "",
                party_branch_members=rng.randint(3, 12)
                if big and spec["dates"].get(Stage.UNDER_CONSTRUCTION)
                else 0,
                description="示例项目，数据为虚构。",
                is_illustrative=True,
            )
        )
    Project.objects.bulk_create(projects)
    projects = list(Project.objects.filter(is_illustrative=True).order_by("pk"))
    _stage_changes(projects, specs, users.get("supervisor"))
    _investment(projects, specs, today)
    _inspections(projects, today, users.get("leader"), rng)
    _factor_requests(projects, today, users)
    return len(projects)


def _specs(rng: random.Random, today: dt.date) -> list[dict]:
    """Town, chain, amount, final stage and stage dates of each project."""
    chains = list(Chain)
    specs = []
    for n in range(78):
        town = TOWNS[n % len(TOWNS)]
        start = today - dt.timedelta(days=rng.randint(40, 730))
        specs.append(
            {"town": town, "chain": chains[n % len(chains)], "total": _amount(rng), "start": start}
        )
    # The largest: one of 100 亿元 and one of 52 亿元.
    specs[3]["total"], specs[11]["total"] = Decimal(1_050_000), Decimal(520_000)
    # 经开区 signs a project of 50 亿元 or more, and starts building a major one, in each
    # of the last three quarters.
    for back in (1, 2, 3):
        q_start = _quarter_start(today, back)
        specs.append(
            {
                "town": LEADING_TOWN,
                "chain": chains[back],
                "total": Decimal(510_000 + 10_000 * back),
                "start": q_start - dt.timedelta(days=60),
                "fixed": {Stage.SIGNED: q_start + dt.timedelta(days=20)},
            }
        )
        specs.append(
            {
                "town": LEADING_TOWN,
                "chain": chains[back + 1],
                "total": Decimal(150_000),
                "start": q_start - dt.timedelta(days=300),
                "fixed": {
                    Stage.SIGNED: q_start - dt.timedelta(days=200),
                    Stage.LANDED: q_start - dt.timedelta(days=90),
                    Stage.UNDER_CONSTRUCTION: q_start + dt.timedelta(days=30),
                },
                "until": Stage.UNDER_CONSTRUCTION,
            }
        )
    for spec in specs:
        spec["dates"], spec["stage"] = _dates(rng, spec, today)
        signed = spec["dates"].get(Stage.SIGNED)
        if spec["town"] == TRAILING_TOWN and signed and signed >= _quarter_start(today, 2):
            # Nothing signed in the last two quarters.
            spec["dates"] = {Stage.NEGOTIATING: spec["dates"][Stage.NEGOTIATING]}
            spec["stage"] = Stage.NEGOTIATING
    # A few suspended projects (signed or landed, outside the towns shaped above).
    waiting = [
        s
        for s in specs
        if s["stage"] in (Stage.SIGNED, Stage.LANDED)
        and s["town"] not in (LEADING_TOWN, TRAILING_TOWN)
    ]
    for spec in waiting[1:8:3]:
        last = max(spec["dates"].values())
        spec["suspended_from"] = spec["stage"]
        spec["dates"][Stage.SUSPENDED] = min(today, last + dt.timedelta(days=30))
        spec["stage"] = Stage.SUSPENDED
    return specs


ORDER = [
    Stage.NEGOTIATING,
    Stage.SIGNED,
    Stage.LANDED,
    Stage.UNDER_CONSTRUCTION,
    Stage.IN_OPERATION,
]


def _dates(rng: random.Random, spec: dict, today: dt.date) -> tuple[dict, str]:
    dates = {Stage.NEGOTIATING: spec["start"]}
    day = spec["start"]
    stage = Stage.NEGOTIATING
    fixed = spec.get("fixed", {})
    for nxt in ORDER[1:]:
        gap = rng.randint(25, 160)
        day = fixed.get(nxt) or day + dt.timedelta(days=gap)
        if day > today or (nxt not in fixed and rng.random() < 0.1):
            break
        dates[nxt] = day
        stage = nxt
        if nxt == spec.get("until"):
            break
    return dates, stage


def _stage_changes(projects, specs, actor) -> None:
    rows = []
    for project, spec in zip(projects, specs, strict=True):
        previous = Stage.NEGOTIATING
        for stage in [*ORDER[1:], Stage.SUSPENDED]:
            on = spec["dates"].get(stage)
            if on is None:
                continue
            rows.append(
                StageChange(
                    project=project,
                    from_stage=previous,
                    to_stage=stage,
                    on=on,
                    actor=actor,
                    at=timezone.make_aware(dt.datetime.combine(on, dt.time(10))),
                    note=project.suspension_reason if stage == Stage.SUSPENDED else "（示例）",
                    evidence_kind=STAGE_EVIDENCE.get(stage, ""),
                )
            )
            previous = stage
    StageChange.objects.bulk_create(rows)


def _investment(projects, specs, today: dt.date) -> None:
    """A plan for each year a project is being built (30% of its total a year, for the
    months it builds) and the monthly completed investment at the project's pace."""
    plans, monthly = [], []
    for n, (project, spec) in enumerate(zip(projects, specs, strict=True)):
        started = spec["dates"].get(Stage.UNDER_CONSTRUCTION) or spec["dates"].get(Stage.LANDED)
        if started is None:
            continue
        finished = spec["dates"].get(Stage.IN_OPERATION)
        # Some projects keep pace, some fall a little behind, some far behind.
        pace = [Decimal("1.1"), Decimal("0.95"), Decimal("0.75"), Decimal("0.4")][n % 4]
        if spec["town"] == LEADING_TOWN:
            pace = Decimal("1.3")
        elif spec["town"] == TRAILING_TOWN:
            pace = Decimal("0.3")
        for year in (today.year - 1, today.year):
            if started.year > year or (finished and finished.year < year):
                continue
            first = started.month if started.year == year else 1
            last = finished.month if finished and finished.year == year else 12
            months = max(last - first + 1, 1)
            planned = (project.total_investment * Decimal("0.3") * months / 12).quantize(Decimal(1))
            plans.append(InvestmentPlan(project=project, year=year, planned=planned))
            until = min(last, 12 if year < today.year else today.month)
            for month in range(first, until + 1):
                value = (planned / months * pace).quantize(Decimal("0.01"))
                monthly.append(
                    MonthlyInvestment(project=project, year=year, month=month, completed=value)
                )
    InvestmentPlan.objects.bulk_create(plans)
    MonthlyInvestment.objects.bulk_create(monthly)


def _inspections(projects, today: dt.date, leader, rng: random.Random) -> None:
    """One inspection tour in the middle month of each of the last six quarters."""
    for back in range(6, 0, -1):
        start = _quarter_start(today, back)
        date = start + dt.timedelta(days=45)
        building = [
            p
            for p in projects
            if p.started_on
            and p.started_on <= date
            and (p.completed_on is None or p.completed_on >= date)
        ]
        # Up to two projects of each town.
        per_town: dict[int, int] = {}
        visited = []
        for p in building:
            if per_town.get(p.town_id, 0) < 2:
                per_town[p.town_id] = per_town.get(p.town_id, 0) + 1
                visited.append(p)
        if not visited:
            continue
        inspection = Inspection.objects.create(
            title=f"{date.year}年第{(date.month - 1) // 3 + 1}季度重大项目现场观摩（示例）",
            date=date,
            leader=leader,
            remarks="观摩组听取项目建设情况汇报，现场打分。（示例）",
            is_illustrative=True,
        )
        InspectionScore.objects.bulk_create(
            InspectionScore(
                inspection=inspection,
                project=p,
                score=Decimal(55 if p.town.code == TRAILING_TOWN else rng.randint(70, 96)),
                remarks="（示例）",
            )
            for p in visited
        )


# (kind, quantity, unit, days ago raised, outcome, satisfaction)
REQUESTS = [
    (FactorKind.LAND, 120, QU.MU, 3, "submitted", ""),
    (FactorKind.FUNDING, 2000, QU.WAN_YUAN, 5, "submitted", ""),
    (FactorKind.ENERGY, 8000, QU.TCE, 6, T.ASSIGNED, ""),
    (FactorKind.LABOUR, 300, QU.PERSON, 12, T.ACCEPTED, ""),
    (FactorKind.LAND, 80, QU.MU, 20, T.IN_PROGRESS, ""),
    (FactorKind.ENERGY, 1500, QU.WAN_KWH, 15, T.CLOSURE_REQUESTED, ""),
    (FactorKind.FUNDING, 5000, QU.WAN_YUAN, 30, T.RETURNED, ""),
    (FactorKind.LAND, 200, QU.MU, 40, T.CANCELLED, ""),
    (FactorKind.LAND, 150, QU.MU, 60, T.CLOSED, S.SATISFIED),
    (FactorKind.FUNDING, 3000, QU.WAN_YUAN, 75, T.CLOSED, S.BASICALLY),
    (FactorKind.ENERGY, 6000, QU.TCE, 95, T.CLOSED, S.UNSATISFIED),
    (FactorKind.LABOUR, 500, QU.PERSON, 110, T.CLOSED, S.SATISFIED),
    (FactorKind.LAND, 60, QU.MU, 130, T.CLOSED, S.SATISFIED),
    (FactorKind.FUNDING, 1200, QU.WAN_YUAN, 150, T.CLOSED, ""),
    (FactorKind.ENERGY, 900, QU.WAN_KWH, 170, T.CLOSED, S.SATISFIED),
    (FactorKind.LABOUR, 120, QU.PERSON, 185, T.CLOSED, S.UNSATISFIED),
]
# outcome -> the steps of the department's task after dispatch (which creates and
# assigns it).
STEPS = {
    T.ASSIGNED: [],
    T.ACCEPTED: ["accept"],
    T.IN_PROGRESS: ["accept", "report_progress"],
    T.CLOSURE_REQUESTED: ["accept", "request_closure"],
    T.RETURNED: ["accept", "request_closure", "return_for_rework"],
    T.CANCELLED: ["cancel"],
    T.CLOSED: ["accept", "request_closure", "verify"],
}
REVIEWING = {"verify", "return_for_rework", "cancel"}
STEP_VALUES = {
    "report_progress": {"progress": 50},
    "request_closure": {"result": "已协调落实。（示例）"},
}


def _factor_requests(projects, today: dt.date, users) -> None:
    """Requests raised, dispatched by the supervision office three hours later, handled by
    the department and rated by whoever raised them, through the projects' and the task
    engine's own actions (tasks.play), back-dated."""
    office = users.get("supervisor")
    if office is None or office.unit is None:
        return
    candidates = [
        p for p in projects if p.stage in (Stage.SIGNED, Stage.LANDED, Stage.UNDER_CONSTRUCTION)
    ]
    for n, (kind, quantity, unit, days_ago, outcome, rating) in enumerate(REQUESTS):
        project = candidates[(n * 5) % len(candidates)]
        raised = moment(today - dt.timedelta(days=days_ago), 9)
        request = FactorRequest.objects.create(
            project=project,
            kind=kind,
            quantity=Decimal(quantity),
            unit=unit,
            needed_by=today - dt.timedelta(days=days_ago) + dt.timedelta(days=45),
            description="项目建设急需，请予保障。（示例）",
            raised_by=users.get("xinba") if project.town.code == "YZ-XINBA" else office,
            raised_at=raised,
            is_illustrative=True,
        )
        if outcome == "submitted":
            continue
        dispatched = raised + dt.timedelta(hours=3)
        request = actions.dispatch_factor_request(
            request, actor=office, comment="（示例）", at=dispatched
        )
        task = request.task
        handler = staff_of(task.lead_unit)
        # Most are closed in time; one in four is late.
        done_on = min(
            today,
            task.deadline - dt.timedelta(days=2) if n % 4 else task.deadline + dt.timedelta(days=3),
        )
        steps = []
        for step, name in enumerate(STEPS[outcome]):
            at = (
                dispatched + dt.timedelta(days=1 if n % 3 else 3)
                if name == "accept"
                else moment(done_on, 10 + step)
            )
            actor = office if name in REVIEWING else handler
            steps.append((name, at, actor, STEP_VALUES.get(name, {})))
        task = play(task, steps)
        if rating:
            actions.rate_factor_request(
                request, actor=request.raised_by, satisfaction=rating, at=moment(task.closed_on)
            )
