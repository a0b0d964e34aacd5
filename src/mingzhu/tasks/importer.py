"""Import a task list from the spreadsheet government offices use
(序号, 任务内容, 牵头单位, 配合单位, 责任领导, 完成时限).

Every row is checked first; unit and leader names are matched to the org tree. Then all
rows are written in one transaction, or none (unless only the valid rows are asked for).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, read_xlsx
from mingzhu.org.models import OrgUnit, User

from . import actions
from .choices import ListKind
from .models import TaskList

REQUIRED = ("任务内容", "牵头单位", "完成时限")
OPTIONAL = ("序号", "配合单位", "责任领导")
SEPARATORS = re.compile(r"[、,，;；\s]+")
CHINESE_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    match = CHINESE_DATE.match(text)
    if match:
        text = "{}-{:0>2}-{:0>2}".format(*match.groups())
    try:
        return dt.date.fromisoformat(text.replace("/", "-").replace(".", "-"))
    except ValueError:
        return None


class _Units:
    """Unit names (full or short) the importing user may see."""

    def __init__(self, user):
        self.by_name: dict[str, list[OrgUnit]] = {}
        for unit in OrgUnit.objects.restrict(user, "view").exclude(kind="peer"):
            for name in {unit.name, unit.short_name} - {""}:
                self.by_name.setdefault(name, []).append(unit)

    def find(self, name: str) -> tuple[OrgUnit | None, str | None]:
        found = self.by_name.get(name, [])
        if not found:
            return None, _("no unit named %(name)s") % {"name": name}
        if len(found) > 1:
            return None, _("%(name)s names more than one unit") % {"name": name}
        return found[0], None


def import_tasks(file, *, actor, task_list: TaskList, valid_only: bool = False) -> ImportResult:
    sheet = read_xlsx(file, REQUIRED, OPTIONAL)
    result = ImportResult(errors=list(sheet.errors))
    units = _Units(actor)
    leaders = User.objects.restrict(actor, "view").filter(roles__code="leader")
    rows = []
    for number, record in sheet.rows:
        errors = []
        content = str(record.get("任务内容") or "").strip()
        if not content:
            errors.append(RowError(number, "任务内容", _("is required")))
        lead, problem = units.find(str(record.get("牵头单位") or "").strip())
        if problem:
            errors.append(RowError(number, "牵头单位", problem))
        co_units = []
        for name in SEPARATORS.split(str(record.get("配合单位") or "").strip()):
            if name:
                co, problem = units.find(name)
                if problem:
                    errors.append(RowError(number, "配合单位", problem))
                else:
                    co_units.append(co)
        leader = None
        leader_name = str(record.get("责任领导") or "").strip()
        if leader_name:
            leader = leaders.filter(Q(display_name=leader_name) | Q(username=leader_name)).first()
            if leader is None:
                errors.append(
                    RowError(
                        number, "责任领导", _("no leader named %(name)s") % {"name": leader_name}
                    )
                )
        deadline = _date(record.get("完成时限"))
        if deadline is None:
            errors.append(RowError(number, "完成时限", _("not a date such as 2025-12-31")))
        result.errors.extend(errors)
        if not errors:
            rows.append((number, content, lead, co_units, leader, deadline))
    if result.errors and not valid_only:
        return result
    with transaction.atomic():
        for _number, content, lead, co_units, leader, deadline in rows:
            title = content.splitlines()[0][:100]
            result.created.append(
                actions.create_task(
                    actor=actor,
                    title=title,
                    content=content,
                    task_list=task_list,
                    lead_unit=lead,
                    co_units=co_units,
                    leader=leader,
                    deadline=deadline,
                )
            )
    return result


def list_named(name: str, *, actor, year: int) -> TaskList:
    """The task list of that name, created (kind "other") when it does not exist yet."""
    task_list = TaskList.objects.filter(name=name).first()
    if task_list is None:
        task_list = TaskList.objects.create(
            name=name, kind=ListKind.OTHER, issuer=actor.unit, year=year
        )
    return task_list
