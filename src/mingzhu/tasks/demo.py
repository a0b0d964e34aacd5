"""Demo tasks: the commitments of the seed essay 《奋力创造"江中明珠"新的更大荣光》 as one
task list, one task per "一是/二是/三是" item, in several states with their events.

The commitments are real (quoted from the essay); which department leads each one, the
dates and the progress are made up and flagged illustrative (示例). Dates are placed around
the day of the first load so that lights and sheets show something; later loads change
nothing (tasks are matched by code). Every task is played through the engine's actions
(tasks.play), as its people would have done it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from mingzhu.demo.kit import run
from mingzhu.org.models import OrgUnit, User

from . import actions
from .choices import ListKind, Status
from .jobs import supervise
from .models import Task, TaskList
from .play import AFTER_ASSIGN, moment, play, staff_of

SOURCE = "《奋力创造“江中明珠”新的更大荣光》，张德军，中共扬中市委（2023）"
LIST_NAME = "“江中明珠”新荣光 年度重点工作任务清单（示例）"

# (title, content, lead unit, co-units, state, days to deadline, progress, days since assigned)
ITEMS = [
    (
        "矢志开新局、闯新路",
        "围绕现代化新实践、港产城融合等创新课题，推动重大战略部署在扬中落地生根。",
        "YZ-DEPT-FGW",
        (),
        Status.CLOSED,
        -10,
        100,
        60,
    ),
    (
        "推进兴隆港产城融合发展区建设",
        "以兴隆港产城融合发展区建设为抓手，增创领跑现代化征程的竞争优势。",
        "YZ-XINGLONG",
        ("YZ-DEPT-FGW", "YZ-DEPT-ZRZY"),
        Status.IN_PROGRESS,
        30,
        60,
        40,
    ),
    (
        "三量齐升：“十四五”末 GDP 突破 800 亿元",
        "GDP 突破 800 亿元，一般公共预算收入超过 50 亿元，"
        "工业应税销售突破 1500 亿元，百亿企业 5 家以上。",
        "YZ-DEPT-FGW",
        ("YZ-DEPT-TJJ", "YZ-DEPT-CZJ"),
        Status.IN_PROGRESS,
        20,
        30,
        60,
    ),
    (
        "加大项目引建力度",
        "深化招商体制改革，力争在 30 亿元、50 亿元以上重大项目上实现新突破；"
        "健全市领导挂钩联系、定期观摩等项目推进机制。",
        "YZ-DEPT-SWJ",
        ("YZ-DEPT-FGW", "YZ-DEPT-ZRZY"),
        Status.IN_PROGRESS,
        -3,
        40,
        50,
    ),
    (
        "提升创新转型浓度",
        "提标实施“才聚江洲”人才新政，深入推进“智改数转”三年行动，树牢“以亩均论英雄”导向。",
        "YZ-DEPT-GXJ",
        ("YZ-DEPT-RSJ",),
        Status.CLOSURE_REQUESTED,
        5,
        100,
        45,
    ),
    (
        "提升营商惠企热度",
        "以“暖企新十条”稳住市场主体信心和预期，常态化开展暖企走访，打响“项目管家”帮办服务品牌。",
        "YZ-DEPT-FGW",
        ("YZ-DEPT-GXJ", "YZ-DEPT-SCJG"),
        Status.ACCEPTED,
        2,
        0,
        3,
    ),
    (
        "加快促进共同富裕",
        "健全防止致贫返贫监测帮扶，深入实施“幸福家园”村社互助工程，推进全民参保登记。",
        "YZ-DEPT-MZJ",
        ("YZ-DEPT-RSJ", "YZ-DEPT-NYNC"),
        Status.RETURNED,
        15,
        80,
        50,
    ),
    (
        "深入推进乡村振兴",
        "开展党建引领乡村治理国家级试点，攻坚农村人居环境整治提升五年行动，发展乡村旅游。",
        "YZ-DEPT-NYNC",
        ("YZ-XINBA",),
        Status.DEFERRED,
        45,
        50,
        40,
    ),
    (
        "提升城市文明内涵",
        "以争创全国文明城市为目标，提升城市精细化管理能力。",
        "YZ-DEPT-CGJ",
        ("321182001000",),
        Status.IN_PROGRESS,
        40,
        70,
        30,
    ),
    (
        "坚持不懈“锻长板”",
        "系统排查整治安全生产、信访维稳、防洪抗汛等重点领域安全隐患，确保可知可控。",
        "YZ-DEPT-YJJ",
        ("YZ-DEPT-XFJ",),
        Status.ASSIGNED,
        60,
        0,
        1,
    ),
    (
        "坚决有力“补短板”",
        "高质量做好中央环保督察整改“后半篇文章”，整治“散乱污”企业、水环境和臭氧污染。",
        "YZ-DEPT-STHJ",
        ("YZ-XINBA",),
        Status.IN_PROGRESS,
        -20,
        20,
        70,
    ),
    (
        "坚定不移“固底板”",
        "落实年度债务管控目标，实施“削峰计划”“破冰行动”，守牢不发生区域性流动性风险的底线。",
        "YZ-DEPT-CZJ",
        (),
        Status.CLOSED,
        -30,
        100,
        90,
    ),
    (
        "强化党建引领",
        "放大党员带头、党组织带动、党群联动的红色效应，打响独具扬中特色的党建品牌。",
        "321182001000",
        (),
        Status.IN_PROGRESS,
        60,
        50,
        20,
    ),
    (
        "锻造先锋闯将",
        "纵深推进“对党绝对忠诚”系列活动，用好“1+X”初心锤炼体系，放大“三项机制”引领力。",
        "YZ-XINBA",
        (),
        Status.CLOSURE_REQUESTED,
        10,
        100,
        30,
    ),
    (
        "深化管党治党",
        "依托省委巡视整改，一体推进不敢腐、不能腐、不想腐。",
        "YZ-YOUFANG",
        (),
        Status.DRAFT,
        90,
        0,
        0,
    ),
]

# The steps each state is reached through, after creation.
PATHS = {
    Status.DRAFT: [],
    **{state: ["assign", *steps] for state, steps in AFTER_ASSIGN.items()},
    Status.RETURNED: ["assign", *AFTER_ASSIGN[Status.CLOSURE_REQUESTED], "return_for_rework"],
    Status.DEFERRED: [
        "assign",
        *AFTER_ASSIGN[Status.IN_PROGRESS],
        "request_extension",
        "approve_extension",
    ],
}
ISSUING = {"assign", "verify", "return_for_rework", "approve_extension"}
RESULT = "已按要求完成，材料见附件说明。（示例）"
RETURN_REASON = "佐证材料不全，请补充后再申请销号。（示例）"
EXTENSION_REASON = "受季节性施工影响，申请延期。（示例）"
# A deferred task's first deadline lay this many days before the one granted.
EXTENDED_BY = 42


def load_tasks(as_of: dt.date | None = None, audit: bool = False) -> int:
    """Create the demo task list and its tasks (idempotent); returns the tasks created.
    Not recorded in the audit trail unless asked, like the rest of the demo load."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> int:
    issuer = OrgUnit.objects.get(code="YZ-DEPT-DB")
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(code__startswith="YZ")
        | OrgUnit.objects.filter(code="321182001000")
    }
    users = {u.username: u for u in User.objects.filter(username__in=["supervisor", "leader"])}
    supervisor = users.get("supervisor")
    if supervisor is None:
        return 0
    task_list = TaskList.objects.filter(name=LIST_NAME).first()
    if task_list is None:
        task_list = TaskList.objects.create(
            name=LIST_NAME,
            kind=ListKind.WORK_POINTS,
            issuer=issuer,
            year=today.year,
            source=SOURCE,
            is_illustrative=True,
        )
    created = 0
    for n, (title, content, lead, co, state, days_left, progress, days_since) in enumerate(
        ITEMS, start=1
    ):
        code = f"{task_list.year}-DB-{n:04d}"
        if Task.objects.filter(code=code).exists():
            continue
        assigned_on = today - dt.timedelta(days=days_since)
        deadline = today + dt.timedelta(days=days_left)
        first_deadline = (
            deadline - dt.timedelta(days=EXTENDED_BY) if state == Status.DEFERRED else deadline
        )
        task = actions.create_task(
            actor=supervisor,
            at=moment(assigned_on - dt.timedelta(days=1)),
            code=code,
            title=title,
            content=content,
            task_list=task_list,
            issuer=issuer,
            lead_unit=units[lead],
            leader=users.get("leader"),
            deadline=first_deadline,
            is_illustrative=True,
            co_units=[units[c] for c in co],
        )
        handler = staff_of(units[lead]) if state != Status.DRAFT else None
        play(task, _script(state, progress, assigned_on, deadline, today, supervisor, handler))
        created += 1
    supervise(today)
    return created


def _script(state, progress, assigned_on, deadline, today, issuer_user, handler) -> list:
    """The steps that bring a task to the state: assigned on the day, accepted the next,
    the later steps spread between acceptance and today (the deadline, if closed)."""
    names = PATHS[state]
    end = min(deadline, today) if state == Status.CLOSED else today
    steps = []
    for i, name in enumerate(names):
        if i < 2:
            day = assigned_on + dt.timedelta(days=i)
        else:
            day = assigned_on + (end - assigned_on) * i // len(names)
        values = {
            "report_progress": {"progress": progress},
            "request_closure": {"result": RESULT},
            "return_for_rework": {"comment": RETURN_REASON},
            "request_extension": {"new_deadline": deadline, "comment": EXTENSION_REASON},
        }.get(name, {})
        actor = issuer_user if name in ISSUING else handler
        steps.append((name, day, actor, values))
    return steps
