"""Import a task list from the spreadsheet government offices use
(序号, 任务内容, 牵头单位, 配合单位, 责任领导, 完成时限).

Every row is checked first; unit and leader names are matched to the org tree. Then all
rows are written in one transaction, or none (unless only the valid rows are asked for).
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.tabular import (
    Column,
    ImportResult,
    RowError,
    RowForm,
    read_table,
    validate_rows,
)
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit, User

from . import actions
from .choices import ListKind
from .models import TaskList

COLUMNS = [
    Column("content", "任务内容", ("工作任务", "任务")),
    Column("lead", "牵头单位", ("责任单位",)),
    Column("deadline", "完成时限", ("完成时间", "时限")),
    Column("number", "序号", required=False),
    Column("co_units", "配合单位", required=False),
    Column("leader", "责任领导", ("分管领导",), required=False),
]
SEPARATORS = re.compile(r"[、,，;；\s]+")
CHINESE_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")


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
    """The units the importing user may see, by the names offices write (市发改委,
    扬中市生态环境局, 县发展和改革局: ``mingzhu.org.matching``)."""

    def __init__(self, user):
        self.matcher = UnitMatcher.of_city(OrgUnit.objects.restrict(user, "view"))

    def find(self, name: str) -> OrgUnit:
        found = self.matcher.candidates(name)
        if not found:
            raise forms.ValidationError(_("no unit named %(name)s") % {"name": name})
        if len(found) > 1:
            raise forms.ValidationError(_("%(name)s names more than one unit") % {"name": name})
        return found[0]


class TaskRow(RowForm):
    content = forms.Field(required=False)
    lead = forms.Field(required=False)
    co_units = forms.Field(required=False)
    leader = forms.Field(required=False)
    deadline = forms.Field(required=False)

    def clean_content(self):
        content = str(self.cleaned_data["content"] or "").strip()
        if not content:
            raise forms.ValidationError(_("is required"))
        return content

    def clean_lead(self):
        return self.context["units"].find(str(self.cleaned_data["lead"] or "").strip())

    def clean_co_units(self):
        found, problems = [], []
        for name in SEPARATORS.split(str(self.cleaned_data["co_units"] or "").strip()):
            if name:
                try:
                    found.append(self.context["units"].find(name))
                except forms.ValidationError as exc:
                    problems.append(exc)
        if problems:
            raise forms.ValidationError(problems)
        return found

    def clean_leader(self):
        name = str(self.cleaned_data["leader"] or "").strip()
        if not name:
            return None
        leader = self.context["leaders"].get(name)
        if leader is None:
            raise forms.ValidationError(_("no leader named %(name)s") % {"name": name})
        return leader

    def clean_deadline(self):
        deadline = _date(self.cleaned_data["deadline"])
        if deadline is None:
            raise forms.ValidationError(_("not a date such as 2025-12-31"))
        problem = actions.deadline_before_creation(deadline, timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return deadline


def _leaders(actor) -> dict[str, User]:
    """The leaders the importing user may see, by display name and by user name (read
    once for the whole sheet; a display name shared by two answers the first by id)."""
    found: dict[str, User] = {}
    leaders = User.objects.restrict(actor, "view").filter(roles__code="leader").distinct()
    for leader in leaders.order_by("pk"):
        for name in (leader.display_name, leader.username):
            if name:
                found.setdefault(name, leader)
    return found


def import_tasks(file, *, actor, task_list: TaskList, valid_only: bool = False) -> ImportResult:
    """Create the tasks of the sheet in ``task_list``; ``result.objects`` are the tasks.

    Every row is validated first (unit and leader names matched against what was read
    once for the sheet); then the good rows are created together by
    ``actions.create_tasks`` (codes once per prefix, inserts in batches, one transaction).
    A row the action refuses is reported by its number and nothing is written."""
    table = read_table(file, COLUMNS)
    context = {"units": _Units(actor), "leaders": _leaders(actor)}
    good, errors = validate_rows(table, TaskRow, context=context)
    result = ImportResult(errors=errors)
    if (errors and not valid_only) or not good:
        return result
    rows = [
        {
            "title": row["content"].splitlines()[0][:100],
            "content": row["content"],
            "task_list": task_list,
            "lead_unit": row["lead"],
            "co_units": row["co_units"],
            "leader": row["leader"],
            "deadline": row["deadline"],
        }
        for _number, row in good
    ]
    try:
        tasks = actions.create_tasks(rows, actor=actor)
    except actions.RowRefused as refused:
        for index, (field, message) in sorted(refused.problems.items()):
            number = good[index][0]
            header = table.header(FIELDS.get(field, field))
            result.errors.append(RowError(number, header, message))
        return result
    result.objects = tasks
    result.created = len(tasks)
    return result


# The sheet's column behind each field of a task.
FIELDS = {"title": "content", "content": "content", "lead_unit": "lead", "leader": "leader"}


def list_named(name: str, *, actor, year: int) -> TaskList:
    """The task list of that name, created (kind "other") when it does not exist yet."""
    task_list = TaskList.objects.filter(name=name).first()
    if task_list is None:
        task_list = TaskList.objects.create(
            name=name, kind=ListKind.OTHER, issuer=actor.unit, year=year
        )
    return task_list
