"""Demo civilised-city data: the creation categories (the four defaults of the "四创建"
model, and three commendations), applications in every state of their way with their
events and objections, volunteer activities of 新时代文明实践 with participants and
hours, and the creation campaign's task list (全国文明城市创建) on the task engine.

The four creation categories are the defaults the module ships with; the commendations,
applications, activities, volunteers, tasks and dates are made up and flagged
illustrative (示例). Bulk inserts; the campaign's tasks are played through the task
engine (tasks.play). A second load changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mingzhu.demo.kit import run
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks import actions
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.models import TaskList
from mingzhu.tasks.play import moment, play, staff_of

from . import models
from .choices import ApplicationAction as A
from .choices import ApplicationStatus as S
from .choices import CategoryKind, ObjectionOutcome
from .services import notice_end

CREATION = ["文明村镇", "文明单位", "文明家庭", "文明校园"]
COMMENDATIONS = ["道德模范", "扬中好人", "最美志愿者"]
LIST_NAME = "全国文明城市创建 测评任务清单（示例）"
# (title, lead unit, status, days to deadline, progress)
CAMPAIGN_TASKS = [
    ("背街小巷环境卫生长效管理", "YZ-DEPT-CGJ", T.IN_PROGRESS, 20, 60),
    ("农贸市场规范化管理", "YZ-DEPT-SCJG", T.ACCEPTED, 10, 20),
    ("公益广告刊播全覆盖", "YZ-DEPT-ZJJ", T.CLOSED, -5, 100),
    ("社区新时代文明实践站规范运行", "321182001000", T.IN_PROGRESS, -3, 40),
    ("交通秩序文明劝导", "YZ-XINBA", T.ASSIGNED, 30, 0),
    ("未成年人思想道德建设测评迎检", "YZ-DEPT-MZJ", T.CLOSURE_REQUESTED, 4, 100),
]
# status -> the steps of a campaign task after its creation
PATH = {
    T.ASSIGNED: ["assign"],
    T.ACCEPTED: ["assign", "accept"],
    T.IN_PROGRESS: ["assign", "accept", "report_progress"],
    T.CLOSURE_REQUESTED: ["assign", "accept", "report_progress", "request_closure"],
    T.CLOSED: ["assign", "accept", "report_progress", "request_closure", "verify"],
}
ISSUING = ("assign", "verify")
# Each state an application is shown in, with the steps that bring it there.
WAYS = {
    S.SUBMITTED: [],
    S.APPROVED: [A.APPROVE],
    S.REJECTED: [A.REJECT],
    S.ON_NOTICE: [A.APPROVE, A.PUBLISH],
    S.AWARDED: [A.APPROVE, A.PUBLISH, A.AWARD],
    S.NOT_AWARDED: [A.APPROVE, A.PUBLISH, A.OBJECTION, A.RESOLVE, A.REFUSE],
}
ACTIVITIES = [
    ("文明交通志愿劝导", "主要路口", "在早晚高峰劝导行人和非机动车文明出行。"),
    ("“清洁家园”环境整治", "背街小巷", "清理卫生死角，宣传垃圾分类。"),
    ("关爱空巢老人上门服务", "村（社区）", "为独居老人打扫卫生、检查用电安全。"),
    ("新时代文明实践宣讲", "新时代文明实践站", "宣讲市民公约和文明行为规范。"),
    ("江滩护绿行动", "长江江滩", "捡拾垃圾、补种绿植。"),
]
VOLUNTEERS = ["陈晓明", "王丽", "张伟", "刘芳", "杨洋", "赵磊", "黄静", "周杰", "吴敏", "徐强"]


def load(audit: bool = False, as_of: dt.date | None = None) -> int:
    """Load the demo civility data (idempotent); returns the applications created."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> int:
    _categories()
    if models.Application.objects.filter(is_illustrative=True).exists():
        return 0
    office = OrgUnit.objects.filter(code="YZ-DEPT-WMB").first()
    actor = User.objects.filter(username="wmb").first()
    if office is None or actor is None:
        return 0
    created = _applications(today, actor)
    _activities(today, office)
    _campaign(today, office, actor)
    return created


def _categories() -> None:
    existing = set(models.Category.objects.values_list("name", flat=True))
    rows = [
        models.Category(name=name, kind=CategoryKind.CREATION, sort_order=i)
        for i, name in enumerate(CREATION, start=1)
    ] + [
        models.Category(
            name=name, kind=CategoryKind.COMMENDATION, sort_order=10 + i, is_illustrative=True
        )
        for i, name in enumerate(COMMENDATIONS, start=1)
    ]
    models.Category.objects.bulk_create(r for r in rows if r.name not in existing)


def _applications(today: dt.date, actor) -> int:
    categories = list(models.Category.objects.order_by("kind", "sort_order"))
    towns = list(OrgUnit.objects.filter(kind__in=TOWN_KINDS, parent__kind=UnitKind.CITY))
    villages = list(
        OrgUnit.objects.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)).order_by("path")
    )
    units = villages + towns
    apps, ways = [], []
    n = 0
    for status, steps in WAYS.items():
        for copy in range(2):
            category = categories[n % len(categories)]
            unit = units[(n * 5) % len(units)]
            n += 1
            submitted = today - dt.timedelta(days=60 - 2 * n)
            suffix = "" if category.kind == CategoryKind.CREATION else "推荐人选"
            start = submitted + dt.timedelta(days=5)
            # One application of each pair is on notice now, the other's notice is over.
            if status == S.ON_NOTICE and copy == 0:
                start = today - dt.timedelta(days=2)
            end = notice_end(start, category.notice_days)
            on_notice = A.PUBLISH in steps
            app = models.Application(
                category=category,
                year=today.year,
                applicant=f"{unit.name}{suffix}（示例{n}）",
                unit=unit,
                description="创建工作扎实，群众满意度高。（示例）",
                status=status,
                submitted_on=submitted,
                notice_start=start if on_notice else None,
                notice_end=end if on_notice else None,
                decided_on=end + dt.timedelta(days=1)
                if status in (S.AWARDED, S.NOT_AWARDED)
                else submitted + dt.timedelta(days=3)
                if status == S.REJECTED
                else None,
                is_illustrative=True,
            )
            apps.append(app)
            ways.append((app, steps, submitted, start, end, copy))
    models.Application.objects.bulk_create(apps)
    events, objections = [], []
    for app, steps, submitted, start, end, copy in ways:
        status = S.SUBMITTED
        events.append(_event(app, actor, A.SUBMIT, "", status, submitted))
        for step in steps:
            before = status
            if step == A.APPROVE:
                status, on, note = S.APPROVED, submitted + dt.timedelta(days=3), ""
            elif step == A.REJECT:
                status, on, note = S.REJECTED, submitted + dt.timedelta(days=3), "材料不全（示例）"
            elif step == A.PUBLISH:
                status, on, note = S.ON_NOTICE, start, f"公示 {start} – {end}"
            elif step == A.OBJECTION:
                on, note = start + dt.timedelta(days=2), "群众反映存在不文明行为（示例）"
                objections.append(
                    models.Objection(
                        application=app,
                        received_on=on,
                        content=note,
                        outcome=ObjectionOutcome.UPHELD,
                        resolution="经核查属实（示例）",
                        resolved_on=on + dt.timedelta(days=2),
                        is_illustrative=True,
                    )
                )
            elif step == A.RESOLVE:
                on, note = start + dt.timedelta(days=4), "属实：经核查属实（示例）"
            elif step == A.AWARD:
                status, on, note = S.AWARDED, end + dt.timedelta(days=1), ""
            else:
                status, on, note = S.NOT_AWARDED, end + dt.timedelta(days=1), "异议属实（示例）"
            events.append(_event(app, actor, step, before, status, on, note))
        if app.status == S.ON_NOTICE and copy == 0:
            # An objection received during the running notice, still being checked.
            objections.append(
                models.Objection(
                    application=app,
                    received_on=start,
                    content="来电反映申报材料与实际不符（示例）",
                    is_illustrative=True,
                )
            )
            events.append(
                _event(app, actor, A.OBJECTION, status, status, start, objections[-1].content)
            )
    models.ApplicationEvent.objects.bulk_create(events)
    models.Objection.objects.bulk_create(objections)
    return len(apps)


def _event(app, actor, action, before, after, on, comment=""):
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))
    return models.ApplicationEvent(
        application=app,
        actor=actor,
        at=at,
        on=on,
        action=action,
        from_status=before,
        to_status=after,
        comment=comment,
    )


def _activities(today: dt.date, office) -> None:
    organisers = [office, *OrgUnit.objects.filter(kind__in=TOWN_KINDS).order_by("sort_order")]
    villages = list(OrgUnit.objects.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)))
    activities = models.VolunteerActivity.objects.bulk_create(
        models.VolunteerActivity(
            title=f"{ACTIVITIES[i % len(ACTIVITIES)][0]}（示例）",
            organiser=organisers[i % len(organisers)],
            held_on=today + dt.timedelta(days=10 - 3 * i),
            place=ACTIVITIES[i % len(ACTIVITIES)][1],
            content=ACTIVITIES[i % len(ACTIVITIES)][2],
            hours=Decimal("2.0") + Decimal(i % 3),
            is_illustrative=True,
        )
        for i in range(24)
    )
    models.Participation.objects.bulk_create(
        models.Participation(
            activity=a,
            volunteer=VOLUNTEERS[(i + k) % len(VOLUNTEERS)],
            unit=villages[(i + k) % len(villages)],
            hours=a.hours,
        )
        for i, a in enumerate(activities)
        if a.held_on <= today
        for k in range(3 + i % 4)
    )


def _campaign(today: dt.date, office, actor) -> None:
    task_list = TaskList.objects.create(
        name=LIST_NAME,
        kind=ListKind.CIVILISED_CITY,
        issuer=office,
        year=today.year,
        source="《奋力创造“江中明珠”新的更大荣光》：确保 2023 年创成全国文明城市",
        is_illustrative=True,
    )
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[t[1] for t in CAMPAIGN_TASKS])}
    for n, (title, lead, status, days_left, progress) in enumerate(CAMPAIGN_TASKS, start=1):
        assigned = today - dt.timedelta(days=30)
        at = moment(assigned, 9)
        task = actions.create_task(
            actor=actor,
            at=at,
            code=f"{today.year}-WMB-{n:04d}",
            title=f"{title}（示例）",
            task_list=task_list,
            issuer=office,
            lead_unit=units[lead],
            deadline=today + dt.timedelta(days=days_left),
            is_illustrative=True,
        )
        handler = staff_of(units[lead])
        values = {
            "report_progress": {"progress": progress},
            "request_closure": {"result": "已按测评标准完成。（示例）"},
        }
        # A step a day; a closed task was verified six days ago.
        when = {
            "request_closure": today - dt.timedelta(days=7),
            "verify": today - dt.timedelta(days=6),
        }
        play(
            task,
            [
                (
                    name,
                    moment(when[name], 10)
                    if status == T.CLOSED and name in when
                    else at + dt.timedelta(days=step),
                    # The office assigns and verifies; the lead unit's steps are its own.
                    actor if name in ISSUING else handler,
                    values.get(name, {}),
                )
                for step, name in enumerate(PATH[status])
            ],
        )
