"""Demo risks data, all made up and flagged illustrative (示例):

- ~200 hazards across the seed essays' domains (安全生产, 信访维稳, 防洪抗汛 …), the towns,
  villages and departments, in every state, each with its rectification task (and the
  red supervision sheet of the major ones);
- the rectification lists of an environmental inspection and a provincial inspection
  (环保督察整改, 巡视整改) as task lists of those kinds;
- the government and three platform companies with ~150 instruments whose maturities
  pile up a visible peak, five years of monthly cash and of 综合财力, and one saved plan.

Hazards are registered and their tasks played through the risks' and the task engine's
own actions (tasks.play), back-dated; the debt rows are written with bulk_create. Dates
are placed around the day of the first load; later loads change nothing (matched by the
illustrative flag and names).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from mingzhu.demo.kit import run
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.models import TaskList
from mingzhu.tasks.play import AFTER_ASSIGN, Staff, moment, play, staff_of

from . import actions
from .choices import Domain, Level
from .debt.choices import Budget, EntityKind, InstrumentKind
from .models import (
    CashPosition,
    DebtEntity,
    DebtInstrument,
    FiscalYear,
    Hazard,
    Instalment,
    RepaymentPlan,
)

SEED = 20231231
ISSUER = "YZ-DEPT-DB"

# Per domain: (what, where, who found it)
HAZARDS = {
    Domain.PRODUCTION_SAFETY: [
        ("企业危化品仓库未按规定分区存放", "安委办专项检查组"),
        ("厂房违规设置员工宿舍（三合一）", "镇安监办"),
        ("有限空间作业未落实审批制度", "应急局执法大队"),
        ("粉尘涉爆车间除尘系统未定期清理", "安委办专项检查组"),
        ("建筑工地塔吊未按期检测", "住建局质安站"),
    ],
    Domain.PETITION: [
        ("征地拆迁补偿纠纷群体信访苗头", "信访局"),
        ("企业欠薪引发劳资纠纷隐患", "人社局劳动监察"),
        ("小区物业矛盾反复信访", "社区网格员"),
    ],
    Domain.FLOOD: [
        ("长江干堤局部渗水需加固", "水利站汛前检查"),
        ("排涝泵站机组老化", "防汛办"),
        ("沿江涵闸启闭设备故障", "水利站汛前检查"),
        ("低洼片区排水不畅", "村（社区）巡查"),
    ],
    Domain.ECOLOGY: [
        ("企业雨污管网混接", "生态环境局"),
        ("河道沿岸堆放建筑垃圾", "河长办巡河"),
        ("VOCs 治理设施未正常运行", "生态环境局"),
    ],
    Domain.FIRE: [
        ("沿街店铺电动车违规充电", "消防救援大队"),
        ("高层住宅消防通道堵塞", "社区网格员"),
        ("老旧小区消防设施损坏", "消防救援大队"),
    ],
    Domain.FINANCE: [
        ("民间借贷担保链风险", "金融监管局"),
        ("企业资金链紧张、贷款逾期苗头", "财政局"),
    ],
    Domain.OTHER: [("户外广告牌结构锈蚀", "城管局")],
}
DEPARTMENTS = {
    Domain.PRODUCTION_SAFETY: "YZ-DEPT-YJJ",
    Domain.PETITION: "YZ-DEPT-XFJ",
    Domain.FLOOD: "YZ-DEPT-NYNC",
    Domain.ECOLOGY: "YZ-DEPT-STHJ",
    Domain.FIRE: "YZ-DEPT-YJJ",
    Domain.FINANCE: "YZ-DEPT-CZJ",
    Domain.OTHER: "YZ-DEPT-CGJ",
}
OWNERS = ["张建国", "李卫东", "王海燕", "陈志强", "刘明", "周红梅", "吴斌", "徐丽"]
MEASURES = "落实专人盯守，制定整改方案，限期整改到位并报送销号材料。（示例）"
# state -> weight
STATES = [
    ("assigned", 3),
    ("accepted", 4),
    ("in_progress", 5),
    ("awaiting", 2),
    ("closed", 8),
    ("closed_late", 2),
    ("overdue", 2),
    ("cancelled", 1),
]
DAYS_BY_LEVEL = {Level.MAJOR: 60, Level.SERIOUS: 30, Level.ORDINARY: 15}

ENV_LIST = "中央生态环境保护督察反馈问题整改清单（示例）"
INSPECTION_LIST = "省委巡视反馈问题整改清单（示例）"
RECTIFICATIONS = {
    ENV_LIST: (
        ListKind.ENVIRONMENTAL_RECTIFICATION,
        [
            ("沿江化工企业废水排放整治", "YZ-DEPT-STHJ"),
            ("长江岸线违规码头清理", "YZ-DEPT-ZRZY"),
            ("城镇污水处理厂提标改造", "YZ-DEPT-ZJJ"),
            ("农村生活污水治理设施运维", "YZ-XINBA"),
            ("工业园区 VOCs 综合治理", "YZ-EDZ"),
            ("河道黑臭水体整治", "YZ-YOUFANG"),
            ("建筑工地扬尘管控", "YZ-DEPT-ZJJ"),
        ],
    ),
    INSPECTION_LIST: (
        ListKind.INSPECTION_RECTIFICATION,
        [
            ("政府隐性债务化解进度滞后", "YZ-DEPT-CZJ"),
            ("重大项目审批程序不规范", "YZ-DEPT-FGW"),
            ("基层减负落实不到位", "YZ-DEPT-DB"),
            ("安全生产责任制落实不到位", "YZ-DEPT-YJJ"),
            ("惠民资金发放监管不严", "YZ-DEPT-MZJ"),
            ("村级集体资产管理不规范", "321182001000"),
        ],
    ),
}
# status, days from today to the deadline
RECTIFICATION_STATES = [
    (T.CLOSED, -20),
    (T.IN_PROGRESS, 40),
    (T.ACCEPTED, 60),
    (T.IN_PROGRESS, -5),
    (T.CLOSURE_REQUESTED, 10),
    (T.ASSIGNED, 90),
    (T.CLOSED, -40),
]

RECTIFYING = {
    "report_progress": {"progress": 50},
    "request_closure": {"result": "已按清单整改到位。（示例）"},
}

GOVERNMENT = "扬中市人民政府"
# The platform companies are units of the tree (demo/yangzhong.py COMPANIES).
PLATFORM_UNITS = ["YZ-PT-CT", "YZ-PT-JT", "YZ-PT-XC"]
LENDERS = {
    InstrumentKind.GOVERNMENT_BOND: ["江苏省政府专项债券", "江苏省政府一般债券", "再融资债券"],
    InstrumentKind.BANK_LOAN: ["国家开发银行", "农业发展银行", "工商银行", "农商银行", "建设银行"],
    InstrumentKind.ENTERPRISE_BOND: ["公司债", "中期票据", "企业债"],
    InstrumentKind.NON_STANDARD: ["某信托计划", "某保险债权计划", "某资管计划"],
    InstrumentKind.LEASING: ["某金融租赁公司", "某融资租赁公司"],
    InstrumentKind.OTHER: ["其他借款"],
}


def load(audit: bool = False) -> dict[str, int]:
    """Load the risks demo (idempotent); returns what was created."""
    return run(_load, audit)


@transaction.atomic
def _load(today: dt.date) -> dict[str, int]:
    supervisor = User.objects.filter(username="supervisor").select_related("unit").first()
    if supervisor is None or supervisor.unit is None:
        return {}
    counts = {
        "hazards": _hazards(today, supervisor),
        "rectifications": _rectifications(
            today, supervisor, User.objects.filter(username="leader").first()
        ),
        "instruments": _debt(today),
    }
    counts["plans"] = _plan(today)
    return counts


def _hazard_units() -> list[OrgUnit]:
    towns = list(OrgUnit.objects.filter(kind__in=TOWN_KINDS).order_by("sort_order", "pk"))
    villages = list(
        OrgUnit.objects.filter(
            kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY), parent__in=towns
        ).order_by("path")
    )
    return towns + villages


def _hazards(today: dt.date, supervisor: User) -> int:
    if Hazard.objects.filter(is_illustrative=True).exists():
        return 0
    rng = random.Random(SEED)
    places = _hazard_units()
    departments = {u.code: u for u in OrgUnit.objects.filter(code__in=DEPARTMENTS.values())}
    if not places:
        return 0
    states = [s for s, w in STATES for _ in range(w)]
    domains = [d for d, items in HAZARDS.items() for _ in items]
    hazards, plans = [], []
    for n in range(200):
        domain = domains[n % len(domains)]
        what, finder = rng.choice(HAZARDS[domain])
        level = rng.choices([Level.MAJOR, Level.SERIOUS, Level.ORDINARY], [1, 3, 8])[0]
        state = rng.choice(states)
        if rng.random() < 0.15 and departments:
            unit = departments[DEPARTMENTS[domain]]
        else:
            unit = rng.choice(places)
        limit = DAYS_BY_LEVEL[level]
        if state in ("closed", "closed_late", "overdue", "cancelled"):
            found = today - dt.timedelta(days=rng.randint(limit + 5, 330))
        else:
            found = today - dt.timedelta(days=rng.randint(0, max(limit - 3, 1)))
        deadline = found + dt.timedelta(days=limit)
        knowable = rng.random() < 0.8 or state in ("closed", "closed_late")
        hazards.append(
            {
                "title": f"{unit.short_name or unit.name}：{what}（示例）",
                "domain": domain,
                "level": level,
                "unit": unit,
                "address": f"{unit.name}{rng.randint(1, 40)}号附近",
                "found_on": found,
                "found_by": finder,
                "description": f"{what}，现场检查发现，需限期整改。（示例）",
                "owner": rng.choice(OWNERS) if knowable else "",
                "measures": MEASURES if knowable or rng.random() < 0.5 else "",
                "deadline": deadline,
            }
        )
        plans.append(state)
    staff = Staff()
    for values, state in zip(hazards, plans, strict=True):
        closed_on = None
        if state == "closed":
            closed_on = values["deadline"] - dt.timedelta(days=rng.randint(0, 5))
        elif state == "closed_late":
            closed_on = values["deadline"] + dt.timedelta(days=rng.randint(1, 10))
        if closed_on:
            closed_on = max(min(closed_on, today), values["found_on"])
        _rectify(values, state, closed_on, today, supervisor, staff)
    return len(hazards)


# state -> the steps of the hazard's task after registration (which creates and assigns it)
STEPS = {
    "assigned": [],
    "accepted": ["accept"],
    "in_progress": ["accept", "report_progress"],
    "awaiting": ["accept", "report_progress", "request_closure"],
    "closed": ["accept", "request_closure", "verify"],
    "closed_late": ["accept", "request_closure", "verify"],
    "overdue": ["accept"],
    "cancelled": ["cancel"],
}
HOURS = {"accept": 10, "report_progress": 11, "request_closure": 14, "verify": 16, "cancel": 10}
VALUES = {
    "report_progress": {"progress": 60},
    "request_closure": {"result": "已整改到位。（示例）"},
    "cancel": {"comment": "经核实为重复登记，撤销。（示例）"},
}


def _rectify(values, state, closed_on, today, supervisor, staff) -> None:
    """Register the hazard on the day it was found (its task created and assigned, a major
    one's red sheet issued) and play its rectification through the engine: accepted the
    next day, handled by the day it is done, verified by the supervision office."""
    found = values["found_on"]
    hazard = actions.register_hazard(
        actor=supervisor, at=moment(found, 9), is_illustrative=True, **values
    )
    names = STEPS[state]
    if not names:
        return
    done = max(closed_on or min(found + dt.timedelta(days=5), today), found)
    days = {
        "accept": min(found + dt.timedelta(days=1), today, done),
        "cancel": min(found + dt.timedelta(days=2), today),
    }
    handler = staff(hazard.unit) if names != ["cancel"] else None
    steps = [
        (
            name,
            moment(days.get(name, done), HOURS[name]),
            supervisor if name in ("verify", "cancel") else handler,
            VALUES.get(name, {}),
        )
        for name in names
    ]
    play(hazard.task, steps)


def _rectifications(today: dt.date, supervisor: User, leader: User | None) -> int:
    created = 0
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in=[c for _k, items in RECTIFICATIONS.values() for _t, c in items]
        )
    }
    for name, (kind, items) in RECTIFICATIONS.items():
        if TaskList.objects.filter(name=name).exists():
            continue
        task_list = TaskList.objects.create(
            name=name, kind=kind, issuer=supervisor.unit, year=today.year, is_illustrative=True
        )
        for n, (title, code) in enumerate(items):
            if code not in units:
                continue
            status, days = RECTIFICATION_STATES[n % len(RECTIFICATION_STATES)]
            lead = units[code]
            deadline = today + dt.timedelta(days=days)
            assigned = today - dt.timedelta(days=60)
            task = task_actions.create_task(
                actor=supervisor,
                at=moment(assigned, 9),
                title=f"{title}（示例）",
                content="督察（巡视）反馈问题，按清单逐项整改、对账销号。（示例）",
                task_list=task_list,
                lead_unit=lead,
                deadline=deadline,
                is_illustrative=True,
            )
            # The office's own item is assigned and checked by the city leader above it.
            issuing = leader if task_actions.in_unit(supervisor, lead) else supervisor
            handler = staff_of(lead)
            done = min(deadline, today)
            when = {
                "accept": moment(assigned + dt.timedelta(days=2), 9),
                "report_progress": moment(assigned + dt.timedelta(days=10), 10),
                "request_closure": moment(done - dt.timedelta(days=2), 14),
                "verify": moment(done, 16),
            }
            steps = [("assign", moment(assigned, 9), issuing)] + [
                (
                    name,
                    when[name],
                    issuing if name == "verify" else handler,
                    RECTIFYING.get(name, {}),
                )
                for name in AFTER_ASSIGN[status]
            ]
            play(task, steps)
            created += 1
    return created


def _month(day: dt.date, add: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + add
    return dt.date(index // 12, index % 12 + 1, 1)


def _debt(today: dt.date) -> int:
    finance = OrgUnit.objects.filter(code="YZ-DEPT-CZJ").first()
    city = OrgUnit.objects.filter(kind=UnitKind.CITY).order_by("pk").first()
    if finance is None or city is None:
        return 0
    if DebtEntity.objects.filter(name=GOVERNMENT).exists():
        return 0
    companies = {u.code: u for u in OrgUnit.objects.filter(code__in=PLATFORM_UNITS)}
    if len(companies) != len(PLATFORM_UNITS):
        return 0
    rng = random.Random(SEED + 1)
    entities = [
        DebtEntity(name=GOVERNMENT, short_name="市政府", kind=EntityKind.GOVERNMENT, unit=finance)
    ] + [
        DebtEntity(
            name=companies[code].name,
            short_name=companies[code].short_name,
            kind=EntityKind.PLATFORM,
            unit=companies[code],
            is_illustrative=True,
        )
        for code in PLATFORM_UNITS
    ]
    DebtEntity.objects.bulk_create(entities)
    entities = list(DebtEntity.objects.filter(name__in=[e.name for e in entities]).order_by("pk"))
    government, platforms = entities[0], entities[1:]
    instruments, schedules = [], {}
    n = 0

    def add(entity, kind, principal, rate, start, maturity, refinanceable, defer, amortise=False):
        nonlocal n
        n += 1
        code = f"ZW-{n:04d}"
        start = min(start, _month(today, -1))  # drawn already: the principal is outstanding
        lender = rng.choice(LENDERS[kind])
        instruments.append(
            DebtInstrument(
                code=code,
                entity=entity,
                kind=kind,
                lender=f"{lender}（示例）",
                budget=Budget.SPECIAL if "专项" in lender else Budget.GENERAL,
                principal=Decimal(principal),
                rate=Decimal(str(rate)),
                start=start,
                maturity=maturity,
                refinanceable=refinanceable,
                max_defer_months=defer,
                is_illustrative=True,
            )
        )
        if amortise:
            # Equal quarterly instalments from next quarter to maturity.
            months = list(
                range(3, (maturity.year - today.year) * 12 + maturity.month - today.month + 1, 3)
            )
            if months:
                part = (Decimal(principal) / len(months)).quantize(Decimal("0.01"))
                amounts = [part] * (len(months) - 1) + [
                    Decimal(principal) - part * (len(months) - 1)
                ]
                schedules[code] = [
                    (_month(today, m), a) for m, a in zip(months, amounts, strict=True)
                ]

    # Government bonds: spread over ten years.
    for _ in range(45):
        ahead = rng.randint(2, 119)
        add(
            government,
            InstrumentKind.GOVERNMENT_BOND,
            rng.randrange(8000, 30000, 100),
            round(rng.uniform(2.4, 3.6), 2),
            _month(today, ahead - rng.choice([60, 84, 120])),
            _month(today, ahead),
            False,
            0,
        )
    # Platform debt: a wall 13–18 months out (bonds and non-standard issued together).
    for _ in range(105):
        entity = rng.choice(platforms)
        kind = rng.choices(
            [
                InstrumentKind.BANK_LOAN,
                InstrumentKind.ENTERPRISE_BOND,
                InstrumentKind.NON_STANDARD,
                InstrumentKind.LEASING,
                InstrumentKind.OTHER,
            ],
            [45, 20, 20, 12, 3],
        )[0]
        peak = rng.random() < 0.4
        ahead = rng.randint(13, 18) if peak else rng.randint(1, 72)
        rate = {
            InstrumentKind.BANK_LOAN: (3.4, 5.2),
            InstrumentKind.ENTERPRISE_BOND: (3.8, 6.5),
            InstrumentKind.NON_STANDARD: (6.2, 8.8),
            InstrumentKind.LEASING: (5.5, 7.5),
            InstrumentKind.OTHER: (4.0, 6.0),
        }[kind]
        refinanceable = kind in (InstrumentKind.BANK_LOAN, InstrumentKind.LEASING) or (
            kind == InstrumentKind.NON_STANDARD and rng.random() < 0.3
        )
        add(
            entity,
            kind,
            rng.randrange(3000, 40000, 100),
            round(rng.uniform(*rate), 2),
            _month(today, ahead - rng.choice([24, 36, 60])),
            _month(today, ahead) + dt.timedelta(days=14),
            refinanceable,
            rng.choice([6, 12, 12, 24]) if refinanceable else 0,
            amortise=kind == InstrumentKind.LEASING and ahead > 12,
        )
    DebtInstrument.objects.bulk_create(instruments)
    ids = dict(DebtInstrument.objects.filter(code__in=schedules).values_list("code", "pk"))
    Instalment.objects.bulk_create(
        [
            Instalment(instrument_id=ids[code], due_on=due, principal=amount)
            for code, parts in schedules.items()
            for due, amount in parts
        ]
    )
    first = dt.date(today.year - 1, 1, 1)
    cash = []
    for entity in entities:
        base = 90000 if entity.kind == EntityKind.GOVERNMENT else rng.randint(15000, 30000)
        for m in range(60):
            cash.append(
                CashPosition(
                    entity=entity,
                    month=_month(first, m),
                    cash=Decimal(int(base * rng.uniform(0.8, 1.2))),
                    inflow=Decimal(int(base * rng.uniform(0.1, 0.3))),
                    is_illustrative=True,
                )
            )
    CashPosition.objects.bulk_create(cash)
    years = []
    for k, year in enumerate(range(today.year - 1, today.year + 4)):
        growth = Decimal("1.04") ** k
        years.append(
            FiscalYear(
                unit=city,
                year=year,
                general_budget_revenue=(Decimal(380000) * growth).quantize(Decimal(1)),
                transfer_revenue=(Decimal(120000) * growth).quantize(Decimal(1)),
                fund_revenue=(Decimal(260000) * growth).quantize(Decimal(1)),
                state_capital_revenue=Decimal(6000),
                remittance=(Decimal(18000) * growth).quantize(Decimal(1)),
                general_budget_expenditure=(Decimal(540000) * growth).quantize(Decimal(1)),
                fund_expenditure=(Decimal(250000) * growth).quantize(Decimal(1)),
                # Reported for the years closed or running; none for the years ahead.
                overdue_debt=Decimal(0) if year <= today.year else None,
                balance_target=Decimal(1000000) - Decimal(30000) * k,
                cost_target=Decimal("4.2"),
                is_illustrative=True,
            )
        )
    FiscalYear.objects.bulk_create(years)
    return len(instruments)


def _plan(today: dt.date) -> int:
    if RepaymentPlan.objects.filter(is_illustrative=True).exists():
        return 0
    czj = User.objects.filter(username="czj").select_related("unit").first()
    if czj is None or not DebtInstrument.objects.exists():
        return 0
    from .debt.actions import save_plan

    save_plan(actor=czj, name="削峰计划（示例）", as_of=today, window=12, is_illustrative=True)
    return 1
