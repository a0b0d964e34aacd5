"""Demo grid events: the three special campaigns the seed essay names (背街小巷整治, 户外广告
清理, 工地围挡提档升级, of its 六大专项行动), a category table, and events in 新坝镇 and 三茅街道
grids in every state, with their tasks and re-checks.

The campaigns are real (named in the essay); categories, time limits, events, dates and
the 三茅街道 grid worker are made up and flagged illustrative (示例). Dates are placed
around the day of the first load; later loads change nothing (matched by name and text).
Each event is reported, decided, handled and re-checked through the grid's and the task
engine's own actions (tasks.play), back-dated.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from mingzhu.demo.kit import run
from mingzhu.org.choices import RoleCode
from mingzhu.org.models import OrgUnit, Role, User
from mingzhu.tasks.choices import DeadlineBasis, ListKind
from mingzhu.tasks.jobs import supervise
from mingzhu.tasks.models import TaskList
from mingzhu.tasks.play import moment, play, staff_of

from . import actions as grid_actions
from .models import Campaign, EventCategory, GridEvent

SOURCE = (
    "《奋力创造“江中明珠”新的更大荣光》："
    "围绕背街小巷整治、户外广告清理、工地围挡提档升级等“六大专项行动”"
)
LIST_NAME = "六大专项行动（示例）"
CENTRE = "YZ-DEPT-SWZX"
CAMPAIGNS = ["背街小巷整治", "户外广告清理", "工地围挡提档升级"]

WH, WD = DeadlineBasis.WORKING_HOURS, DeadlineBasis.WORKING_DAYS
# (name, responsible unit, time limit, basis); None: the town of the grid handles it.
CATEGORIES = [
    ("暴露垃圾", "YZ-DEPT-CGJ", 4, WH),
    ("占道经营", "YZ-DEPT-CGJ", 1, WD),
    ("违规户外广告", "YZ-DEPT-CGJ", 3, WD),
    ("工地围挡破损", "YZ-DEPT-ZJJ", 3, WD),
    ("道路破损", "YZ-DEPT-ZJJ", 5, WD),
    ("违章搭建", "YZ-DEPT-CGJ", 10, WD),
    ("河道漂浮物", "YZ-DEPT-STHJ", 2, WD),
    ("乱堆乱放", None, 2, WD),
]

XB = "YZ-XINBA-V02-G0"
SM = "321182001000-V0"
# (grid, category, campaign, outcome, days ago, description, address)
EVENTS = [
    (f"{XB}1", "暴露垃圾", 0, "closed", 20, "村道旁垃圾桶满溢，周边有暴露垃圾", "立新村3组路口"),
    (f"{XB}1", "违规户外广告", 1, "closed_late", 30, "沿街店招破损且未经审批", "立新村商业街12号"),
    (
        f"{XB}2",
        "工地围挡破损",
        2,
        "awaiting",
        5,
        "工地围挡倒伏约10米，影响通行",
        "立新村安置房工地东侧",
    ),
    (f"{XB}2", "乱堆乱放", 0, "handling", 2, "村民在公共绿地堆放建筑垃圾", "立新村7组"),
    (f"{XB}1", "占道经营", 0, "returned", 10, "早市摊点占用机动车道", "新坝镇立新菜场门口"),
    (f"{XB}2", "道路破损", None, "reported", 0, "路面塌陷一处，约1平方米", "立新村村部西侧道路"),
    (f"{XB}1", "违章搭建", None, "rejected", 8, "院内新建彩钢棚", "立新村5组18号"),
    (f"{SM}1-G01", "暴露垃圾", 0, "closed", 15, "小区背街垃圾堆积", "新坝路社区东巷"),
    (f"{SM}1-G02", "违规户外广告", 1, "closed", 25, "楼顶大型广告牌锈蚀", "新坝路社区沿街商铺"),
    (f"{SM}1-G01", "工地围挡破损", 2, "overdue", 12, "围挡广告画褪色破损", "新坝路社区改造工地"),
    (f"{SM}1-G02", "违规户外广告", 1, "awaiting", 4, "灯杆上私设广告横幅", "新坝路与港湾路交叉口"),
    (f"{SM}2-G01", "占道经营", None, "reported", 1, "流动摊贩占道经营", "永胜村便民服务中心门口"),
]
REJECT_REASON = "经核实为已审批的临时建筑，不予立案。（示例）"


def load_grid(as_of: dt.date | None = None, audit: bool = False) -> int:
    """Create the demo campaigns, categories and events (idempotent); returns the events
    created. Not recorded in the audit trail unless asked, like the rest of the demo."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> int:
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="YZ")}
    units.update({u.code: u for u in OrgUnit.objects.filter(code__startswith="321182001000")})
    centre = units[CENTRE]
    # The campaigns' own task list (六大专项行动) belongs to the tasks demo, which does not
    # have one yet; until it does, the campaigns' tasks stand on their own.
    task_list = TaskList.objects.filter(name=LIST_NAME, kind=ListKind.CAMPAIGN).first()
    campaigns = [
        Campaign.objects.get_or_create(
            name=name,
            defaults={
                "start_date": today - dt.timedelta(days=120),
                "issuer": centre,
                "task_list": task_list,
                "description": SOURCE,
            },
        )[0]
        for name in CAMPAIGNS
    ]
    categories = {}
    for order, (name, unit, limit, basis) in enumerate(CATEGORIES, start=1):
        categories[name] = EventCategory.objects.get_or_create(
            name=name,
            defaults={
                "responsible_unit": units.get(unit) if unit else None,
                "time_limit": limit,
                "time_limit_basis": basis,
                "sort_order": order,
                "is_illustrative": True,
            },
        )[0]
    people = {u.username: u for u in User.objects.filter(username__in=["wangge", "supervisor"])}
    if "wangge" not in people:
        return 0
    reporters = {"YZ-XINBA": people["wangge"], "321182001000": _sanmao_grid_worker(units)}
    created = 0
    for grid_code, category, campaign, outcome, days_ago, description, address in EVENTS:
        grid = units[grid_code]
        text = f"{description}（示例）"
        if GridEvent.objects.filter(grid=grid, description=text).exists():
            continue
        town = grid_code.split("-V")[0]
        reporter = reporters[town]
        event = grid_actions.report_event(
            actor=reporter,
            grid=grid,
            category=categories[category],
            campaign=campaigns[campaign] if campaign is not None else None,
            description=text,
            address=address,
            at=moment(today - dt.timedelta(days=days_ago), 9),
        )
        GridEvent.objects.filter(pk=event.pk).update(is_illustrative=True)
        event.is_illustrative = True
        _decide(event, outcome, filer=people["supervisor"], town=units[town], today=today)
        created += 1
    supervise(today)
    return created


def _sanmao_grid_worker(units) -> User:
    """An illustrative grid worker for 三茅街道 (not a persona: no password, cannot sign in)."""
    user, created = User.objects.get_or_create(
        username="wangge_sanmao",
        defaults={
            "display_name": "三茅网格员（示例）",
            "title": "专职网格员",
            "unit": units[f"{SM}1-G01"],
            "is_demo": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.roles.set(Role.objects.filter(code=RoleCode.GRID_WORKER))
        user.custom_units.set(
            [units[f"{SM}1-G01"], units[f"{SM}1-G02"], units[f"{SM}2-G01"], units[f"{SM}2-G02"]]
        )
    return user


# outcome -> the task's steps after filing (which creates and assigns it); the re-check
# on site closes or returns it.
STEPS = {
    "handling": ["accept"],
    "overdue": [],
    "awaiting": ["accept", "report_progress", "request_closure"],
    "closed": ["accept", "request_closure"],
    "closed_late": ["accept", "request_closure"],
    "returned": ["accept", "request_closure"],
}
RECHECKS = {
    "closed": (True, "现场核查：已处置到位。（示例）"),
    "closed_late": (True, "现场核查：已处置到位。（示例）"),
    "returned": (False, "现场核查：问题仍然存在，请继续整改。（示例）"),
}
RESULT = "已处置完毕，现场照片已上传。（示例）"


def _decide(event: GridEvent, outcome: str, *, filer, town, today) -> None:
    """The centre decides two hours after the report; the responsible unit handles the
    event on its deadline (a day late for closed_late) and the grid worker re-checks it
    the same day."""
    if outcome == "reported":
        return
    decided_at = event.reported_at + dt.timedelta(hours=2)
    if outcome == "rejected":
        grid_actions.reject_event(event, actor=filer, reason=REJECT_REASON, at=decided_at)
        return
    lead = event.category.responsible_unit or town
    event = grid_actions.file_event(
        event, actor=filer, responsible_unit=lead, comment="（示例）", at=decided_at
    )
    handler = staff_of(lead)
    done_on = event.task.deadline + dt.timedelta(days=1 if outcome == "closed_late" else 0)
    done_on = min(done_on, today)
    times = {
        "accept": decided_at + dt.timedelta(hours=1),
        "report_progress": moment(done_on, 13),
        "request_closure": moment(done_on, 14),
    }
    values = {
        "report_progress": {"progress": 80, "comment": "已到现场处置。（示例）"},
        "request_closure": {"result": RESULT},
    }
    play(
        event.task,
        [(name, times[name], handler, values.get(name, {})) for name in STEPS[outcome]],
    )
    if outcome in RECHECKS:
        passed, comment = RECHECKS[outcome]
        grid_actions.recheck_event(
            event, actor=event.reported_by, passed=passed, comment=comment, at=moment(done_on, 16)
        )
