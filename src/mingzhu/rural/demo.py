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

from auditlog.context import disable_auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.choices import DeadlineBasis, EventAction, ListKind, SourceKind
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.models import Task, TaskEvent, TaskList, _unit_token
from mingzhu.tasks.services import add_working_days

from . import services
from .choices import FaultSource, InspectionKind, RemediationCategory
from .models import (
    Facility,
    FacilityFault,
    FacilityType,
    InspectionScore,
    Maintainer,
    Remediation,
    RemediationProgramme,
    ScoringItem,
    ScoringSheet,
    SecretaryPlan,
    VillageInspection,
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
SHEET_V2 = [
    ("垃圾治理", "生活垃圾分类收运", 20, "每发现一处暴露垃圾扣 1 分，扣完为止"),
    ("污水治理", "生活污水收集处理", 15, "设施未正常运行每处扣 2 分"),
    ("厕所革命", "户厕和公厕管护", 15, "公厕脏乱每座扣 2 分"),
    ("村容村貌", "乱堆乱放整治", 15, "每发现一处乱堆乱放扣 1 分"),
    ("村容村貌", "河塘沟渠清洁", 15, "每发现一处漂浮物扣 1 分"),
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


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class Tasks:
    """Tasks and their events gathered for bulk creation, with codes allocated as the
    engine would (year, issuing unit, sequence)."""

    def __init__(self, issuer: OrgUnit, today: dt.date):
        self.issuer = issuer
        self.today = today
        self.token = _unit_token(issuer)
        self.next: dict[str, int] = {}
        self.tasks: list[Task] = []
        self.steps: list[list] = []

    def _code(self, year: int) -> str:
        prefix = f"{year}-{self.token}-"
        if prefix not in self.next:
            last = (
                Task._base_manager.filter(code__startswith=prefix)
                .order_by("-code")
                .values_list("code", flat=True)
                .first()
            )
            self.next[prefix] = int(last.rsplit("-", 1)[-1]) + 1 if last else 1
        number = self.next[prefix]
        self.next[prefix] += 1
        return f"{prefix}{number:04d}"

    def add(self, *, state: str, assigned_on: dt.date, actor, handler, done_on=None, **values):
        """A task brought to ``state`` (assigned, accepted, in_progress,
        closure_requested, closed) with the events that brought it there."""
        year = values["task_list"].year if values.get("task_list") else values["deadline"].year
        task = Task(
            code=self._code(year),
            issuer=self.issuer,
            assigned_on=assigned_on,
            is_illustrative=True,
            **values,
        )
        path = [
            (EventAction.CREATE, "", T.DRAFT, actor),
            (EventAction.ASSIGN, T.DRAFT, T.ASSIGNED, actor),
        ]
        order = [T.ACCEPTED, T.IN_PROGRESS, T.CLOSURE_REQUESTED, T.CLOSED]
        actions_for = {
            T.ACCEPTED: EventAction.ACCEPT,
            T.IN_PROGRESS: EventAction.REPORT,
            T.CLOSURE_REQUESTED: EventAction.REQUEST_CLOSURE,
            T.CLOSED: EventAction.VERIFY,
        }
        reach = order.index(state) + 1 if state in order else 0
        before = T.ASSIGNED
        for status in order[:reach]:
            who = actor if status == T.CLOSED else handler
            path.append((actions_for[status], before, status, who))
            before = status
        task.status = state
        if reach >= 1:
            task.accepted_on = assigned_on + dt.timedelta(days=1)
        task.progress = {T.IN_PROGRESS: 60, T.CLOSURE_REQUESTED: 100, T.CLOSED: 100}.get(state, 0)
        if reach >= 3:
            task.result = "已整改到位，照片存档。" + MARK
        end = done_on or assigned_on + dt.timedelta(days=2)
        if state == T.CLOSED:
            task.closed_on = end
        self.tasks.append(task)
        self.steps.append(
            [(a, f, t, who, assigned_on, end, i) for i, (a, f, t, who) in enumerate(path)]
        )
        return task

    def save(self) -> None:
        # Parents first: a milestone needs its project's id.
        for parents in (True, False):
            batch = [t for t in self.tasks if (t.parent is None) == parents]
            for t in batch:
                if t.parent is not None:
                    t.parent_id = t.parent.pk
            Task.objects.bulk_create(batch, batch_size=500)
        events = []
        for task, path in zip(self.tasks, self.steps, strict=True):
            n = len(path)
            for action, before, after, who, start, end, i in path:
                if i <= 2:
                    day = start if i < 2 else start + dt.timedelta(days=1)
                else:
                    day = start + (end - start) * i // max(n - 1, 1)
                    day = min(max(day, start + dt.timedelta(days=1)), end)
                day = min(day, self.today)
                events.append(
                    TaskEvent(
                        task=task,
                        actor=who,
                        at=_at(day, 9 + i),
                        action=action,
                        from_status=before,
                        to_status=after,
                        comment=MARK,
                        progress=task.progress if action == EventAction.REPORT else None,
                    )
                )
        TaskEvent.objects.bulk_create(events, batch_size=1000)


def load(audit: bool = False, as_of: dt.date | None = None) -> dict[str, int]:
    """Load this app's part of the Yangzhong demo data (idempotent)."""
    if audit:
        return _load(as_of)
    with disable_auditlog():
        return _load(as_of)


@transaction.atomic
def _load(as_of: dt.date | None) -> dict[str, int]:
    today = as_of or timezone.localdate()
    issuer = OrgUnit.objects.filter(code=ISSUER).first()
    if issuer is None:
        return {}
    users = {
        u.username: u for u in User.objects.filter(username__in=["nyj", "lixin", "xinba", "wangge"])
    }
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
    tasks = Tasks(issuer, today)
    handlers = {"YZ-XINBA-V02": users.get("lixin"), "YZ-XINBA": users.get("xinba")}
    after = []
    if not RemediationProgramme.objects.filter(name=PROGRAMME).exists():
        after.append(_remediation(tasks, naturals, today, users["nyj"], handlers, rng))
    if not ScoringSheet.objects.filter(name=SHEET).exists():
        after.append(_inspections(tasks, villages, today, users["nyj"], handlers, rng))
    if not Facility.objects.filter(is_illustrative=True).exists():
        after.append(_facilities(tasks, villages, today, users, handlers, rng))
    if not SecretaryPlan.objects.filter(is_illustrative=True).exists():
        after.append(_secretaries(tasks, villages, today, users["nyj"], handlers, rng))
    tasks.save()
    for finish in after:
        counts.update(finish())
    counts["tasks"] = len(tasks.tasks)
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


def _remediation(tasks: Tasks, naturals, today, actor, handlers, rng):
    start = dt.date(today.year - 4, 1, 1)
    task_list = TaskList.objects.create(
        name=f"{today.year}年自然村人居环境整治任务清单（示例）",
        kind=ListKind.LIVING_ENVIRONMENT,
        issuer=tasks.issuer,
        year=today.year,
        source=PROGRAMME_SOURCE,
        is_illustrative=True,
    )
    programme = RemediationProgramme.objects.create(
        name=PROGRAMME,
        start_date=start,
        end_date=dt.date(today.year, 12, 31),
        target_share=Decimal(100),
        task_list=task_list,
        source=PROGRAMME_SOURCE,
        is_illustrative=True,
    )
    planned = []
    assigned_on = today - dt.timedelta(days=150)
    for k, nv in enumerate(naturals):
        done_village = k % 5 < 3  # three in five natural villages are complete
        village = nv.parent
        for j, category in enumerate(RemediationCategory):
            if done_village:
                state = T.CLOSED
            else:
                state = [T.CLOSED, T.IN_PROGRESS, T.ACCEPTED, T.CLOSURE_REQUESTED, T.ASSIGNED][
                    (k + j) % 5
                ]
            deadline = today + dt.timedelta(days=rng.choice([-20, 15, 40, 70]))
            task = tasks.add(
                state=state,
                assigned_on=assigned_on,
                actor=actor,
                handler=handlers.get(village.code),
                done_on=min(assigned_on + dt.timedelta(days=30 + 7 * j), today),
                title=f"{nv.name}：{category.label}",
                content=PROGRAMME,
                task_list=task_list,
                lead_unit=village,
                deadline=deadline,
                source_kind=SourceKind.REMEDIATION,
                content_type=ContentType.objects.get_for_model(Remediation),
            )
            planned.append((nv, category, task))

    def finish():
        rows = Remediation.objects.bulk_create(
            [
                Remediation(
                    programme=programme,
                    natural_village=nv,
                    category=category,
                    task=task,
                    is_illustrative=True,
                )
                for nv, category, task in planned
            ]
        )
        _link([(r.task, r.pk) for r in rows])
        return {"remediations": len(rows)}

    return finish


def _link(pairs) -> None:
    """Point each task at its domain object."""
    for task, pk in pairs:
        task.object_id = pk
    Task.objects.bulk_update([t for t, _pk in pairs], ["object_id"], batch_size=500)


def _quarter_days(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The previous quarter and the current one so far."""
    year, quarter = services.quarter_of(today)
    current = services.quarter_bounds(year, quarter)
    prev_year, prev_quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    previous = services.quarter_bounds(prev_year, prev_quarter)
    return [previous, (current[0], today)]


def _inspections(tasks: Tasks, villages, today, actor, handlers, rng):
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
    rect_list = TaskList.objects.create(
        name=f"{today.year}年农村人居环境检查整改清单（示例）",
        kind=ListKind.LIVING_ENVIRONMENT,
        issuer=tasks.issuer,
        year=today.year,
        is_illustrative=True,
    )
    plans = []
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
                scores.append(
                    (item, item.points - lost, FINDINGS[m % len(FINDINGS)] if lost else "")
                )
            plans.append((village, sheet, day, kind, scores))
    inspections = VillageInspection.objects.bulk_create(
        [
            VillageInspection(
                village=village,
                sheet=sheet,
                kind=kind,
                inspected_on=day,
                inspectors="市农业农村局检查组" + MARK,
                summary="整体较好，个别问题现场交办。" + MARK,
                recorded_by=actor,
                is_illustrative=True,
            )
            for village, sheet, day, kind, _scores in plans
        ]
    )
    score_rows = []
    raised = []
    ct = ContentType.objects.get_for_model(InspectionScore)
    for inspection, (village, _sheet, day, _kind, scores) in zip(inspections, plans, strict=True):
        for item, value, note in scores:
            row = InspectionScore(inspection=inspection, item=item, score=value, note=note)
            if note:
                deadline = add_working_days(day, 15)
                late = deadline < today
                state = (
                    T.CLOSED
                    if late or len(raised) % 3 == 0
                    else [T.ACCEPTED, T.CLOSURE_REQUESTED][len(raised) % 2]
                )
                row.task = tasks.add(
                    state=state,
                    assigned_on=day,
                    actor=actor,
                    handler=handlers.get(village.code),
                    done_on=min(deadline - dt.timedelta(days=2), today),
                    title=f"{village.name}：{item.name}（扣{item.points - value}分）",
                    content=f"{day:%Y-%m-%d}：{note}",
                    task_list=rect_list,
                    lead_unit=village,
                    deadline=deadline,
                    source_kind=SourceKind.VILLAGE_INSPECTION,
                    content_type=ct,
                )
                raised.append(row)
            score_rows.append(row)

    def finish():
        InspectionScore.objects.bulk_create(score_rows, batch_size=500)
        _link([(r.task, r.pk) for r in raised])
        return {"inspections": len(inspections), "rectifications": len(raised)}

    return finish


def _facilities(tasks: Tasks, villages, today, users, handlers, rng):
    # The default types come with the migrations; a flushed database has lost them.
    from importlib import import_module

    from django.apps import apps as global_apps

    import_module("mingzhu.rural.migrations.0002_default_facility_types").create(global_apps, None)
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
    by_type = {t.pk: t for t in types}
    ct = ContentType.objects.get_for_model(FacilityFault)
    faults = []
    dispatched = []
    reporter = users.get("wangge")
    picks = rng.sample(range(len(facilities)), min(60, len(facilities)))
    for m, index in enumerate(picks):
        facility = facilities[index]
        kind = by_type[facility.type_id]
        days_ago = 3 + (m * 5) % 80
        reported = today - dt.timedelta(days=days_ago)
        in_grid = facility.village.code == "YZ-XINBA-V02" and reporter is not None
        fault = FacilityFault(
            facility=facility,
            grid_id=_grid_id(facility.village) if in_grid else None,
            source=FaultSource.GRID_WORKER if in_grid else FaultSource.VILLAGER,
            reporter_name="" if in_grid else "村民" + MARK,
            description=FAULTS.get(kind.name, "设施损坏") + MARK,
            reported_by=reporter if in_grid else users["nyj"],
            reported_at=_at(reported, 9),
            is_illustrative=True,
        )
        if m % 10 != 0:  # one in ten still awaits dispatch
            deadline = add_working_days(reported, kind.time_limit)
            lateness = 2 if m % 6 == 1 else 0
            open_state = [T.ASSIGNED, T.ACCEPTED, T.CLOSURE_REQUESTED][m % 3]
            state = T.CLOSED if days_ago > 10 and m % 7 else open_state
            lead = facility.maintainer.unit if facility.maintainer_id else facility.village
            fault.task = tasks.add(
                state=state,
                assigned_on=reported,
                actor=users["nyj"],
                handler=handlers.get(lead.code),
                done_on=min(deadline + dt.timedelta(days=lateness), today),
                title=f"{kind.name}维修：{facility}",
                content=fault.description,
                lead_unit=lead,
                deadline=deadline,
                deadline_basis=DeadlineBasis.WORKING_DAYS,
                time_limit=kind.time_limit,
                source_kind=SourceKind.FACILITY_FAULT,
                content_type=ct,
            )
            dispatched.append(fault)
        faults.append(fault)

    def finish():
        FacilityFault.objects.bulk_create(faults, batch_size=500)
        _link([(f.task, f.pk) for f in dispatched])
        return {
            "maintainers": len(maintainers),
            "facilities": len(facilities),
            "faults": len(faults),
        }

    return finish


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


def _secretaries(tasks: Tasks, villages, today, actor, handlers, rng):
    towns = sorted({v.parent for v in villages}, key=lambda u: u.path)
    plans = []
    # Last year's plans of the towns, reviewed at the year's end; this year's of every
    # town and village, under way.
    for year, units in ((today.year - 1, towns), (today.year, towns + villages)):
        past = year < today.year
        for n, unit in enumerate(units):
            task_list = TaskList.objects.create(
                name=f"{year}年{unit.name}书记项目（示例）",
                kind=ListKind.SECRETARY_PROJECTS,
                issuer=tasks.issuer,
                year=year,
                is_illustrative=True,
            )
            plans.append(
                SecretaryPlan(
                    unit=unit,
                    secretary=f"{unit.short_name or unit.name}党组织书记" + MARK,
                    year=year,
                    task_list=task_list,
                    review_score=Decimal(80 + (n * 7) % 18) if past else None,
                    review_comment="述职评议：项目推进有力。" + MARK if past else "",
                    reviewed_on=dt.date(year + 1, 1, 15) if past else None,
                    is_illustrative=True,
                )
            )
            _projects(tasks, unit, task_list, year, today, actor, handlers.get(unit.code), n)

    def finish():
        rows = SecretaryPlan.objects.bulk_create(plans)
        ct = ContentType.objects.get_for_model(SecretaryPlan)
        by_list = {p.task_list_id: p.pk for p in rows}
        items = list(Task.objects.filter(task_list_id__in=by_list))
        for task in items:
            task.content_type = ct
            task.object_id = by_list[task.task_list_id]
        Task.objects.bulk_update(items, ["content_type", "object_id"], batch_size=500)
        return {"secretary_plans": len(rows)}

    return finish


def _projects(tasks: Tasks, unit, task_list, year, today, actor, handler, n) -> None:
    assigned_on = dt.date(year, 2, 15)
    end = dt.date(year, 12, 31)
    for p, (title, milestones) in enumerate(PROJECTS):
        parent = tasks.add(
            state=T.CLOSED if end < today else T.IN_PROGRESS,
            assigned_on=assigned_on,
            actor=actor,
            handler=handler,
            done_on=min(end, today),
            title=title,
            content=f"{unit.name}{title}" + MARK,
            task_list=task_list,
            lead_unit=unit,
            deadline=end,
            source_kind=SourceKind.OTHER,
        )
        done = 0
        for m, name in enumerate(milestones):
            due = dt.date(year, 4 * (m + 1), 28)
            closed = due < today and (end < today or (n + p + m) % 4)
            done += bool(closed)
            tasks.add(
                state=T.CLOSED if closed else T.ACCEPTED,
                assigned_on=assigned_on,
                actor=actor,
                handler=handler,
                done_on=min(due, today),
                title=name,
                task_list=task_list,
                lead_unit=unit,
                deadline=due,
                parent=parent,
                source_kind=SourceKind.OTHER,
            )
        parent.progress = round(100 * done / len(milestones))
