"""Demo rural data: natural villages under the demo villages with their remediation
tasks, two quarters of village inspections on a sheet changed mid-year, about 300
facilities with faults, and the secretaries' projects.

All of it is made up and flagged illustrative (示例), except the programme's aim, quoted
from the seed essay ("高质量完成全部自然村人居环境整治任务"). Dates are placed around the
day of the first load; later loads change nothing (each part is matched by its name or
code). Everything is written with bulk_create: tasks get their codes here, their
events are written in one go.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from mingzhu.demo.kit import run
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.models import Task, TaskList
from mingzhu.tasks.play import AFTER_ASSIGN, Staff, moment, play, script
from mingzhu.tasks.services import add_working_days

from . import actions, services
from .choices import FaultSource, InspectionKind, RemediationCategory
from .models import (
    Facility,
    FacilityType,
    Maintainer,
    RemediationProgramme,
    ScoringItem,
    ScoringSheet,
    SecretaryPlan,
)

ISSUER = "YZ-DEPT-NYNC"
PROGRAMME = "农村人居环境整治提升五年行动（示例）"
PROGRAMME_SOURCE = "《强化党建引领 办好“三件大事”》：高质量完成全部自然村人居环境整治任务"
SHEET = "农村人居环境检查评分表（示例）"
NATURAL_SUFFIXES = ["东庄", "西埭", "南圩", "北港", "中心组"]
MARK = "（示例）"

# (category, item, points, deduction rule): version 1, then version 2 from mid-year.
SHEET_V1 = [
    ("垃圾治理", "生活垃圾分类收运", 15, "每发现一处暴露垃圾扣 1 分，扣完为止"),
    ("污水治理", "生活污水收集处理", 15, "设施未正常运行每处扣 2 分"),
    ("厕所革命", "户厕和公厕管护", 15, "公厕脏乱每座扣 2 分"),
    ("村容村貌", "乱堆乱放整治", 15, "每发现一处乱堆乱放扣 1 分"),
    ("村容村貌", "河塘沟渠清洁", 15, "每发现一处漂浮物扣 1 分"),
    ("长效管护", "保洁队伍和制度", 15, "制度不全扣 3 分，台账缺失扣 2 分"),
    ("长效管护", "村民参与", 10, "无村规民约或未公示扣 2 分"),
]
# Version 2 weighs waste sorting more, keeps the next four items and replaces the two
# long-term care items by one (八位一体运维).
SHEET_V2 = [
    (*SHEET_V1[0][:2], 20, SHEET_V1[0][3]),
    *SHEET_V1[1:5],
    ("长效管护", "八位一体运维", 20, "设施无运维主体每处扣 1 分"),
]
FINDINGS = [
    "路边发现暴露垃圾",
    "污水终端设备停运",
    "公厕保洁不到位",
    "屋后乱堆杂物",
    "河塘有漂浮物",
]
FACILITY_NAMES = {
    "农村道路": ["村道{}号线", "组道{}段"],
    "河道沟塘": ["{}号河塘", "{}号沟渠"],
    "绿化": ["{}号绿地", "村口游园{}"],
    "垃圾收运": ["{}号垃圾收集点", "{}号分类亭"],
    "污水处理": ["{}号污水终端", "{}号提升泵站"],
    "公共厕所": ["{}号公厕"],
    "路灯": ["{}号路灯组"],
    "供水": ["{}号供水管网", "{}号加压点"],
}
FAULTS = {
    "农村道路": "路面坑洼，雨天积水",
    "河道沟塘": "水面漂浮物较多",
    "绿化": "绿化带枯死缺株",
    "垃圾收运": "垃圾桶破损，未按时清运",
    "污水处理": "终端设备异响停运",
    "公共厕所": "冲水设施损坏",
    "路灯": "路灯不亮",
    "供水": "管网漏水",
}


# The steps' other values.
VALUES = {
    "report_progress": {"progress": 60},
    "request_closure": {"result": "已整改到位，照片存档。" + MARK},
}


class Cast:
    """Who plays the rural tasks: the agriculture bureau's persona issues and verifies,
    a member of the lead unit handles (``tasks.play.Staff``); nothing after ``today``."""

    def __init__(self, actor: User, today: dt.date):
        self.actor = actor
        self.today = today
        self.staff = Staff()

    def at(self, day: dt.date, hour: int = 9) -> dt.datetime:
        return moment(min(day, self.today), hour)

    def play(self, task: Task, state: str, *, start: dt.date, end: dt.date, **values) -> Task:
        """Play the task, assigned on ``start``, to ``state``, its last step by ``end``."""
        names = AFTER_ASSIGN[state]
        if not names:
            return task
        steps = script(
            names,
            issuer=self.actor,
            handler=self.staff(task.lead_unit),
            start=start,
            end=min(end, self.today),
            values={**VALUES, **values},
        )
        return play(task, steps)


def load(audit: bool = False, as_of: dt.date | None = None) -> dict[str, int]:
    """Load this app's part of the Yangzhong demo data (idempotent)."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> dict[str, int]:
    if not OrgUnit.objects.filter(code=ISSUER).exists():
        return {}
    users = {u.username: u for u in User.objects.filter(username__in=["nyj", "wangge"])}
    villages = list(
        OrgUnit.objects.filter(kind=UnitKind.VILLAGE, code__in=_demo_village_codes())
        .select_related("parent")
        .order_by("path")
    )
    if not villages or "nyj" not in users:
        return {}
    rng = random.Random(20231)
    naturals = _natural_villages(villages)
    counts = {"natural_villages": len(naturals)}
    cast = Cast(users["nyj"], today)
    tasks_before = Task.objects.count()
    if not RemediationProgramme.objects.filter(name=PROGRAMME).exists():
        counts.update(_remediation(cast, naturals, rng))
    if not ScoringSheet.objects.filter(name=SHEET).exists():
        counts.update(_inspections(cast, villages, rng))
    if not Facility.objects.filter(is_illustrative=True).exists():
        counts.update(_facilities(cast, villages, users.get("wangge"), rng))
    if not SecretaryPlan.objects.filter(is_illustrative=True).exists():
        counts.update(_secretaries(cast, villages))
    counts["tasks"] = Task.objects.count() - tasks_before
    return counts


def _demo_village_codes() -> list[str]:
    from mingzhu.demo.yangzhong import TOWNS

    return [v.code for t in TOWNS for v in t.children if v.kind == UnitKind.VILLAGE]


def _natural_villages(villages: list[OrgUnit]) -> list[OrgUnit]:
    """Three to five natural villages under each demo village (codes <village>-N01…)."""
    existing = {u.code: u for u in OrgUnit.objects.filter(kind=UnitKind.NATURAL_VILLAGE)}
    result = []
    for i, village in enumerate(villages):
        base = village.name.removesuffix("村")
        for n, suffix in enumerate(NATURAL_SUFFIXES[: 3 + i % 3], start=1):
            code = f"{village.code}-N{n:02d}"
            unit = existing.get(code)
            if unit is None:
                unit = OrgUnit.objects.create(
                    code=code,
                    name=f"{base}{suffix}",
                    kind=UnitKind.NATURAL_VILLAGE,
                    parent=village,
                    sort_order=100 + n,
                    is_illustrative=True,
                    source="示例自然村",
                )
            result.append(unit)
    return result


def _remediation(cast: Cast, naturals, rng) -> dict[str, int]:
    today = cast.today
    task_list = TaskList.objects.create(
        name=f"{today.year}年自然村人居环境整治任务清单（示例）",
        kind=ListKind.LIVING_ENVIRONMENT,
        issuer=cast.actor.unit,
        year=today.year,
        source=PROGRAMME_SOURCE,
        is_illustrative=True,
    )
    programme = RemediationProgramme.objects.create(
        name=PROGRAMME,
        start_date=dt.date(today.year - 4, 1, 1),
        end_date=dt.date(today.year, 12, 31),
        target_share=Decimal(100),
        task_list=task_list,
        source=PROGRAMME_SOURCE,
        is_illustrative=True,
    )
    assigned_on = today - dt.timedelta(days=150)
    created = 0
    for k, nv in enumerate(naturals):
        done_village = k % 5 < 3  # three in five natural villages are complete
        for j, category in enumerate(RemediationCategory):
            if done_village:
                state = T.CLOSED
            else:
                state = [T.CLOSED, T.IN_PROGRESS, T.ACCEPTED, T.CLOSURE_REQUESTED, T.ASSIGNED][
                    (k + j) % 5
                ]
            deadline = today + dt.timedelta(days=rng.choice([-20, 15, 40, 70]))
            (remediation,) = actions.start_remediation(
                actor=cast.actor,
                programme=programme,
                natural_village=nv,
                categories=[category],
                deadline=deadline,
                at=cast.at(assigned_on),
            )
            done_on = assigned_on + dt.timedelta(days=30 + 7 * j)
            cast.play(remediation.task, state, start=assigned_on, end=done_on)
            created += 1
    return {"remediations": created}


def _quarter_days(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The previous quarter and the current one so far."""
    year, quarter = services.quarter_of(today)
    current = services.quarter_bounds(year, quarter)
    prev_year, prev_quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    previous = services.quarter_bounds(prev_year, prev_quarter)
    return [previous, (current[0], today)]


def _inspections(cast: Cast, villages, rng) -> dict[str, int]:
    today = cast.today
    quarters = _quarter_days(today)
    v1_from = dt.date(quarters[0][0].year, 1, 1)
    sheets = []
    for version, (items, valid_from) in enumerate(
        [(SHEET_V1, v1_from), (SHEET_V2, quarters[1][0])], start=1
    ):
        sheet = ScoringSheet.objects.create(
            name=SHEET,
            version=version,
            valid_from=valid_from,
            notes="第 2 版于季度初启用：提高垃圾治理分值，增加八位一体运维。"
            if version == 2
            else "",
            is_illustrative=True,
        )
        rows = ScoringItem.objects.bulk_create(
            [
                ScoringItem(
                    sheet=sheet,
                    order=n,
                    category=category,
                    name=name,
                    points=Decimal(points),
                    deduction_rule=rule,
                )
                for n, (category, name, points, rule) in enumerate(items, start=1)
            ]
        )
        sheets.append((sheet, rows))
    inspections = raised = 0
    for q, ((start, end), (sheet, items)) in enumerate(zip(quarters, sheets, strict=True)):
        span = max((end - start).days, 0)
        for n, village in enumerate(villages):
            if q == 1 and n == len(villages) - 1:
                continue  # one village not inspected yet this quarter
            day = start + dt.timedelta(days=min(10 + 5 * n, span))
            kind = InspectionKind.OBSERVATION if n % 4 == 0 else InspectionKind.INSPECTION
            scores = []
            for m, item in enumerate(items):
                lost = Decimal(rng.choice([0, 0, 0, 1, 2, 3])) if (n + m) % 3 else Decimal(0)
                if n == 1 and m == 0:
                    lost = Decimal(2)  # a deduction for 立新村 in every quarter
                note = FINDINGS[m % len(FINDINGS)] if lost else ""
                scores.append(
                    {
                        "item": item,
                        "score": item.points - lost,
                        "note": note,
                        "raise_task": bool(lost),
                    }
                )
            deadline = add_working_days(day, 15)
            inspection = actions.record_inspection(
                actor=cast.actor,
                village=village,
                sheet=sheet,
                inspected_on=day,
                scores=scores,
                kind=kind,
                inspectors="市农业农村局检查组" + MARK,
                summary="整体较好，个别问题现场交办。" + MARK,
                rectification_deadline=deadline,
                is_illustrative=True,
                at=cast.at(day),
            )
            inspections += 1
            late = deadline < today
            rectified = inspection.scores.filter(task__isnull=False).select_related("task")
            for score in rectified.order_by("item__order"):
                if late or raised % 3 == 0:
                    state = T.CLOSED
                else:
                    state = [T.ACCEPTED, T.CLOSURE_REQUESTED][raised % 2]
                done_on = deadline - dt.timedelta(days=2)
                cast.play(score.task, state, start=day, end=done_on)
                raised += 1
    return {"inspections": inspections, "rectifications": raised}


def _facilities(cast: Cast, villages, reporter: User | None, rng) -> dict[str, int]:
    # The default types come with the migrations; a flushed database has lost them.
    from importlib import import_module

    from django.apps import apps as global_apps

    import_module("mingzhu.rural.migrations.0002_default_facility_types").create(global_apps, None)
    today = cast.today
    types = list(FacilityType.objects.filter(is_active=True).order_by("sort_order"))
    towns = {v.parent_id: v.parent for v in villages if v.parent.kind in TOWN_KINDS}
    maintainers = {}
    for town in towns.values():
        maintainers[town.pk] = Maintainer.objects.get_or_create(
            name=f"{town.name}八位一体运维服务队（示例）",
            defaults={"unit": town, "contact": "运维热线（示例）", "is_illustrative": True},
        )[0]
    facilities = []
    for n, village in enumerate(villages):
        for kind in types:
            names = FACILITY_NAMES.get(kind.name, ["{}号" + kind.name])
            for k in range(4 + (n + kind.sort_order) % 3):
                name = names[k % len(names)].format(k + 1)
                no_maintainer = (n * 7 + k + kind.sort_order) % 13 == 0
                facilities.append(
                    Facility(
                        village=village,
                        type=kind,
                        name=f"{village.name}{name}",
                        location=f"{village.name}{k + 1}组" + MARK,
                        maintainer=None if no_maintainer else maintainers.get(village.parent_id),
                        is_illustrative=True,
                    )
                )
    facilities = Facility.objects.bulk_create(facilities, batch_size=500)
    picks = rng.sample(range(len(facilities)), min(60, len(facilities)))
    faults = 0
    for m, index in enumerate(picks):
        facility = facilities[index]
        kind = facility.type
        days_ago = 3 + (m * 5) % 80
        reported = today - dt.timedelta(days=days_ago)
        in_grid = facility.village.code == "YZ-XINBA-V02" and reporter is not None
        fault = actions.report_fault(
            actor=reporter if in_grid else cast.actor,
            facility=facility,
            description=FAULTS.get(kind.name, "设施损坏") + MARK,
            source=FaultSource.GRID_WORKER if in_grid else FaultSource.VILLAGER,
            reporter_name="" if in_grid else "村民" + MARK,
            at=cast.at(reported),
        )
        faults += 1
        if m % 10 == 0:
            continue  # one in ten still awaits dispatch
        fault = actions.dispatch_fault(fault, actor=cast.actor, at=cast.at(reported, 10))
        lateness = 2 if m % 6 == 1 else 0
        open_state = [T.ASSIGNED, T.ACCEPTED, T.CLOSURE_REQUESTED][m % 3]
        state = T.CLOSED if days_ago > 10 and m % 7 else open_state
        done_on = fault.task.deadline + dt.timedelta(days=lateness)
        cast.play(fault.task, state, start=reported, end=done_on)
    return {"maintainers": len(maintainers), "facilities": len(facilities), "faults": faults}


_GRIDS: dict[int, int] = {}


def _grid_id(village: OrgUnit) -> int:
    if village.pk not in _GRIDS:
        _GRIDS[village.pk] = (
            OrgUnit.objects.filter(parent=village, kind=UnitKind.GRID)
            .order_by("code")
            .values_list("pk", flat=True)
            .first()
        )
    return _GRIDS[village.pk]


PROJECTS = [
    ("党建引领人居环境长效管护", ["制定管护制度", "组建党员志愿保洁队", "季度评比"]),
    ("发展壮大村级集体经济", ["项目选址论证", "项目开工", "年底见效"]),
]


PROJECTS = [
    ("党建引领人居环境长效管护", ["制定管护制度", "组建党员志愿保洁队", "季度评比"]),
    ("发展壮大村级集体经济", ["项目选址论证", "项目开工", "年底见效"]),
]


def _secretaries(cast: Cast, villages) -> dict[str, int]:
    today = cast.today
    towns = sorted({v.parent for v in villages}, key=lambda u: u.path)
    plans = 0
    # Last year's plans of the towns, reviewed at the year's end; this year's of every
    # town and village, under way.
    for year, units in ((today.year - 1, towns), (today.year, towns + villages)):
        past = year < today.year
        for n, unit in enumerate(units):
            task_list = TaskList.objects.create(
                name=f"{year}年{unit.name}书记项目（示例）",
                kind=ListKind.SECRETARY_PROJECTS,
                issuer=cast.actor.unit,
                year=year,
                is_illustrative=True,
            )
            plan = SecretaryPlan.objects.create(
                unit=unit,
                secretary=f"{unit.short_name or unit.name}党组织书记" + MARK,
                year=year,
                task_list=task_list,
                review_score=Decimal(80 + (n * 7) % 18) if past else None,
                review_comment="述职评议：项目推进有力。" + MARK if past else "",
                reviewed_on=dt.date(year + 1, 1, 15) if past else None,
                is_illustrative=True,
            )
            plans += 1
            _projects(cast, plan, n)
    return {"secretary_plans": plans}


def _projects(cast: Cast, plan: SecretaryPlan, n: int) -> None:
    """The plan's projects, their milestones played first (each closed by its date, but
    for one in four of this year's), then the project itself (closed once its year is
    over, else under way with the progress its milestones make)."""
    year, unit, today = plan.year, plan.unit, cast.today
    assigned_on = dt.date(year, 2, 15)
    end = dt.date(year, 12, 31)
    for p, (title, milestones) in enumerate(PROJECTS):
        dues = [dt.date(year, 4 * (m + 1), 28) for m in range(len(milestones))]
        project = actions.add_secretary_project(
            plan,
            actor=cast.actor,
            title=title,
            content=f"{unit.name}{title}" + MARK,
            deadline=end,
            milestones=[(name, due, 1) for name, due in zip(milestones, dues, strict=True)],
            at=cast.at(assigned_on),
        )
        done = 0
        for m, (task, due) in enumerate(zip(project.children.order_by("pk"), dues, strict=True)):
            closed = due < today and (end < today or (n + p + m) % 4)
            done += bool(closed)
            cast.play(task, T.CLOSED if closed else T.ACCEPTED, start=assigned_on, end=due)
        progress = {"progress": round(100 * done / len(milestones))}
        state = T.CLOSED if end < today else T.IN_PROGRESS
        cast.play(project, state, start=assigned_on, end=end, report_progress=progress)
