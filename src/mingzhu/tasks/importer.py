"""Import a task list from the spreadsheet (台账) government offices keep
(序号, 任务内容, 牵头单位, 配合单位, 责任领导, 完成时限), as they write it.

The sheet is read by ``core.tabular`` (.xlsx, .xls or .csv in UTF-8 or GBK, title rows
above the header, header synonyms, merged cells filled, the template's 示例 row skipped).
Unit names are matched by ``org.matching.UnitMatcher`` (市发改委, 新坝镇人民政府, the
administrator's aliases); collective co-units (各镇（街道）) stand for the towns, streets
and zones; a name that matches no unit, or several, is the row's error. Deadlines are the
phrases offices write (``core.periods.deadline_in``: 2026年12月底, 年底前, 三季度末,
6月30日前); 长期坚持 / 持续推进 make a long-running task, whose deadline is its next
monthly progress report (``services.next_report_due``). A time limit counted from a day
(``core.periods.within``: 3日内, 15个工作日内, 一个月内, 30日内办结, 半个月内, 半年内,
24小时内 as whole days) counts from the day the row says the item was handed out or found
(交办时间, 排查时间, 反馈时间, 立案时间 …), else from the import day, working days by the
holiday calendar (``services.add_working_days``); a bare number is no deadline. A 整改类型
(整改方式) column gives the deadline of an empty 时限 cell: 立行立改 the end of the import
month, 持续整改 / 长期… long-running; 限期整改 / 分阶段整改 without a 时限 is the row's
error; when both are given the 时限 is imported and a 整改类型 saying otherwise is named in
the result's remarks. A row the ledger marks done, in its 整改情况 or in the 时限
cell itself (已化解, 已整改), is left out and named. 整改目标 (整改要求, 工作目标) and 责任人
(具体责任人, 联系人: a name, no user is made) are kept in the task's text, labelled by their
headings, after the detail (整改措施).

A row's natural key is its 序号 in the list (its title when it has none), or the task's
code (编码) when the sheet carries one, as the ledger's export does: a row whose key is
already a task of the list updates that task (the sheet's columns only; its status,
progress, co-units when the sheet has no 配合单位 column, 示例 flag and the rest are kept),
never a second one. The ledger's export imports again unchanged: its 标题 is read as the
task's text (a row repeating a task's title leaves its longer content alone) and a
long-running task's report day as its deadline. Every row is checked
first; then all rows are written in one transaction, or none (unless only the valid rows
are asked for).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.periods import at_once, deadline_in, month_end, within
from mingzhu.core.tabular import (
    TRAILING_BRACKET,
    Column,
    ImportResult,
    RowError,
    RowForm,
    Table,
    cell_text,
    changeable,
    read_day,
    read_table,
    validate_rows,
)
from mingzhu.core.templates_xlsx import Template, TemplateColumn
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit, User

from . import actions, calendar, services
from .choices import ListKind
from .models import Task, TaskList
from .play import moment

COLUMNS = [
    Column(
        "content",
        "任务内容",
        (
            "工作任务",
            "任务",
            "重点任务",
            "工作内容",
            "任务名称",
            "标题",
            # The task's heading in lists of 民生实事 and of a meeting's decisions.
            "民生实事",
            "实事项目",
            "项目名称",
            "确定事项",
            "议定事项",
            "督办事项",
            "督查事项",
            "督查内容",
            "交办事项",
            "重点工作",
            # A 民生实事 sheet's items under the 项目名称 merged over them: each is a task.
            "子项目",
        ),
        prefer=("子项目",),
        # The problem of a 整改/督查/巡察/信访 台账, its 整改措施 added as the detail; beside
        # a task heading (工作任务 | 存在问题) a column of the task's progress.
        fallback=(
            "问题",
            "存在问题",
            "问题描述",
            "反馈问题",
            "巡察反馈问题",
            "督察反馈问题",
            "审计发现问题",
            "审计查出问题",
            "交办问题",
            "隐患描述",
            "隐患内容",
            "信访事项",
            "反映问题",
        ),
    ),
    Column(
        "lead",
        "牵头单位",
        (
            "责任单位",
            "牵头部门",
            "责任部门",
            "主办单位",
            "牵头责任单位",
            "整改责任单位",
            "承办单位",
        ),
        prefer=("牵头单位", "牵头部门", "牵头责任单位"),
    ),
    Column(
        "deadline",
        "完成时限",
        (
            "完成时间",
            "时限",
            "时间节点",
            "完成期限",
            "时间要求",
            "办理时限",
            "办结时限",
            "整改时限",
            "整改期限",
            "整改完成时限",
            "化解时限",
        ),
        required=False,
    ),
    # What the task is, beside its heading (项目名称 | 主要内容): added to the task's text.
    Column(
        "detail",
        "主要内容",
        ("具体内容", "工作措施", "具体措施", "建设内容", "整改措施", "化解措施"),
        required=False,
    ),
    Column("number", "序号", ("编号",), required=False),
    # 责任单位 beside a 牵头单位 column names the units that co-operate.
    Column(
        "co_units",
        "配合单位",
        ("协办单位", "配合部门", "参与单位", "协同单位"),
        required=False,
        besides=("责任单位", "责任部门"),
    ),
    Column(
        "leader",
        "责任领导",
        ("分管领导", "牵头领导", "责任市领导", "责任县领导", "牵头县领导", "包案领导", "包抓领导"),
        required=False,
    ),
    Column("code", "任务编码", ("编码",), required=False),
    # The day a ledger's item was handed out, found or registered: a new task is created
    # as of that day (an item overdue on import is importable only with it).
    Column(
        "handed_out",
        "交办时间",
        (
            "交办日期",
            "下发时间",
            "下发日期",
            "发现时间",
            "发现日期",
            "受理时间",
            "受理日期",
            "登记时间",
            "登记日期",
            "督办时间",
            "督办日期",
            # The day a hazard was found or a problem fed back (隐患排查, 巡察反馈, 立案).
            "排查时间",
            "排查日期",
            "检查时间",
            "检查日期",
            "反馈时间",
            "反馈日期",
            "立案时间",
            "立案日期",
        ),
        required=False,
    ),
    # What the rectification is to achieve (整改目标, 整改要求, 工作目标) and the person
    # answering for it (责任人, 具体责任人, 联系人: a name, no user): kept in the task's
    # text, labelled by the heading, after the detail.
    Column("goal", "整改目标", ("整改要求", "工作目标"), required=False),
    # How a problem is to be put right (立行立改, 限期整改, 分阶段整改, 持续整改 …): gives
    # the deadline when the 时限 cell is empty (``TaskRow.clean_kind``).
    Column("kind", "整改类型", ("整改方式",), required=False),
    Column("person", "责任人", ("具体责任人", "联系人"), required=False),
    # Whether a ledger's item is done (已完成, 已整改, 已办结; 是否办结: 是): a row marked done
    # is left out. Its other words (正在整改, 已完成选址, 完成80%) are progress.
    Column(
        "state",
        "整改情况",
        (
            "完成情况",
            "办理情况",
            "进展情况",
            "是否办结",
            "是否完成",
            "是否销号",
            "状态",
            "整改状态",
            "办理状态",
            "办结情况",
            "化解情况",
            "整改进展",
            "办理进展",
            "整改完成情况",
            "销号情况",
        ),
        required=False,
        prefer=("是否办结", "是否完成", "是否销号"),
    ),
]
# A cell saying a ledger's item is done, written alone (trailing punctuation aside); a
# sentence or a share (已完成选址, 完成80%) is progress, not completion.
DONE_WORDS = frozenset(
    {
        "已完成",
        "完成",
        "全部完成",
        "已全部完成",
        "已完成整改",
        "整改完成",
        "已整改完成",
        "已整改",
        "已整改到位",
        "整改到位",
        "已整改销号",
        "已办结",
        "办结",
        "已化解",
        "已销号",
        "已解决",
    }
)
# The words of a 整改类型 (整改方式) column for work due by a time limit the 时限 cell must
# give; its words of work at once (立行立改) and of work that goes on (持续整改) are read as a
# 时限 cell's are (``core.periods.at_once``, ``deadline_in``).
LIMITED_KINDS = frozenset({"限期整改", "限时整改", "分阶段整改"})
# A yes-or-no column (是否办结): 是 is done.
YES_WORDS = frozenset({"是"})
SEPARATORS = re.compile(r"[、,，;；/\s]+")
# Co-units a sheet names without saying which: the task's text says who; none is added.
UNSPECIFIED = re.compile(
    r"^(?:县直|市直|区直)?(?:各|其他|其它)?(?:相关|有关)(?:部门|单位|镇街|部门和单位|单位和部门)$"
)


class _Units:
    """The units the importing user may see, by the names offices write (市发改委,
    扬中市生态环境局, 新坝镇人民政府, the administrator's aliases: ``mingzhu.org.matching``).
    Each name is matched once for the sheet (a year's list names a few dozen units over
    thousands of rows); its answer, the units or the error's message, is kept."""

    def __init__(self, user):
        self.matcher = UnitMatcher.of_city(OrgUnit.objects.restrict(user, "view"))
        self._found: dict[str, OrgUnit | str] = {}
        self._expanded: dict[str, list[OrgUnit] | str] = {}

    def find(self, name: str) -> OrgUnit:
        if name not in self._found:
            self._found[name] = self._find(name)
        return _answer(self._found[name])

    def _find(self, name: str) -> OrgUnit | str:
        found = self.matcher.candidates(name)
        if not found:
            # A collective name (各街道) standing for one unit (a county with one street)
            # is that unit.
            collective = self.matcher.collective(name)
            if len(collective) == 1:
                return collective[0]
            return _("no unit named %(name)s") % {"name": name}
        if len(found) > 1:
            return _("%(name)s names more than one unit") % {"name": name}
        return found[0]

    def expand(self, name: str) -> list[OrgUnit]:
        """The units a co-unit name stands for: every town for 各镇（街道）, none for
        各相关部门, else the one unit it names."""
        if name not in self._expanded:
            if UNSPECIFIED.match(name):
                self._expanded[name] = []
            else:
                towns = self.matcher.collective(name)
                if towns:
                    self._expanded[name] = towns
                else:
                    found = self._found.setdefault(name, self._find(name))
                    self._expanded[name] = found if isinstance(found, str) else [found]
        return _answer(self._expanded[name])


def _answer(found):
    if isinstance(found, str):
        raise forms.ValidationError(found)
    return found


def _names(value) -> list[str]:
    return list(_split_names(str(value or "").strip()))


@functools.lru_cache(maxsize=4096)
def _split_names(text: str) -> tuple[str, ...]:
    # 各镇（街道、园区）: the separator inside the brackets is part of the name.
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        if depth == 0 and SEPARATORS.match(ch):
            if current:
                parts.append(current)
            current = ""
        else:
            current += ch
    if current:
        parts.append(current)
    return tuple(parts)


class TaskRow(RowForm):
    code = forms.Field(required=False)
    number = forms.Field(required=False)
    content = forms.Field(required=False)
    detail = forms.Field(required=False)
    lead = forms.Field(required=False)
    co_units = forms.Field(required=False)
    leader = forms.Field(required=False)
    goal = forms.Field(required=False)
    person = forms.Field(required=False)
    # (before the deadline: a time limit such as 3日内 counts from this day, the 整改类型
    # gives the deadline of an empty 时限 cell)
    handed_out = forms.Field(required=False)
    kind = forms.Field(required=False)
    deadline = forms.Field(required=False)

    def clean_number(self):
        number = str(self.cleaned_data["number"] or "").strip()[:20]
        if number:
            first = self.seen_before(number, "number")
            if first is not None:
                raise forms.ValidationError(
                    _("序号 %(number)s is also on row %(row)s") % {"number": number, "row": first}
                )
        return number

    def clean_code(self):
        return str(self.cleaned_data["code"] or "").strip()[:40]

    def clean_content(self):
        content = str(self.cleaned_data["content"] or "").strip()
        if not content:
            raise forms.ValidationError(_("is required"))
        detail = str(self.data.get("detail") or "").strip()  # (cleaned after content)
        if detail and detail not in content:
            content = f"{content}\n{detail}"
        # 整改目标 and 责任人 labelled by their headings (整改目标：…, 责任人：王某).
        for key in ("goal", "person"):
            text = cell_text(self.data.get(key))
            if text and key in self.context["headers"]:
                label = TRAILING_BRACKET.sub("", self.context["headers"][key]).strip()
                line = f"{label}：{text}"
                if line not in content:
                    content = f"{content}\n{line}"
        return content

    def clean_lead(self):
        names = _names(self.cleaned_data["lead"])
        if not names:
            raise forms.ValidationError(_("is required"))
        # 市发改委、市工信局: the first leads, the others co-operate, and stand for what
        # co-units do (县自然资源局，各乡镇（街道）: every town co-operates).
        units, problems = [], []
        for index, name in enumerate(names):
            try:
                if index == 0:
                    units.append(self.context["units"].find(name))
                else:
                    units.extend(self.context["units"].expand(name))
            except forms.ValidationError as exc:
                problems.append(exc)
        if problems:
            raise forms.ValidationError(problems)
        return units

    def clean_co_units(self):
        found, problems = [], []
        for name in _names(self.cleaned_data["co_units"]):
            try:
                found.extend(self.context["units"].expand(name))
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
        if leader is None:  # not yet a user: the task is imported without one, and told
            self.context["notes"].append(
                RowError(
                    self.row,
                    self.context["headers"].get("leader", "责任领导"),
                    _("no leader named %(name)s; the task is imported without one")
                    % {"name": name},
                )
            )
        return leader

    def clean_kind(self):
        """What the 整改类型 (整改方式) cell says of the deadline: "limited"
        (``LIMITED_KINDS``), "at_once" (立行立改, 立即整改, 即知即改) or "long_running"
        (持续整改, 长期坚持, 长效管理), as a 时限 cell's words are read; "" for an empty cell or
        other words. 限期整改 or 分阶段整改
        with no 时限 to go by is refused here: the time limit is needed."""
        words = re.sub(r"\s+", "", cell_text(self.cleaned_data["kind"]))
        if not words:
            return ""
        kind = (
            "limited"
            if words in LIMITED_KINDS
            else "at_once"
            if at_once(words)
            else "long_running"
            if _long_running(words)
            else ""
        )
        headers = self.context["headers"]
        if kind == "limited" and not cell_text(self.data.get("deadline")):
            raise forms.ValidationError(
                _(
                    "%(words)s needs its time limit: write it in %(column)s (such as "
                    "2026年6月30日前 or 15个工作日内)"
                )
                % {"words": words, "column": headers.get("deadline", "完成时限")}
            )
        return kind

    def clean_deadline(self):
        headers = self.context["headers"]
        kind = self.cleaned_data.get("kind", "")
        value = self.cleaned_data["deadline"] if "deadline" in headers else None
        if not cell_text(value):
            if "kind" in headers and "kind" not in self.cleaned_data:
                return None, False  # refused at its 整改类型 (限期整改 without its limit)
            if kind == "at_once":
                return self._at_once(self._words("kind"), "kind"), False
            if kind == "long_running":
                return None, True
            if "deadline" not in headers:
                # No 完成时限 column: the list is the year's work (said once, in the notes).
                return dt.date(self.context["year"], 12, 31), False
        limit = within(value)
        if limit is not None:
            day, long_running = self._counted(limit), False
        else:
            # Read once per distinct cell: a sheet repeats its few deadlines.
            seen = self.context["deadlines"]
            if value not in seen:
                if at_once(value):
                    seen[value] = (self._at_once(str(value).strip(), "deadline"), False)
                else:
                    seen[value] = deadline_in(value, self.context["year"])
            day, long_running = seen[value]
        if day is None and not long_running:
            raise forms.ValidationError(
                _(
                    "not a deadline such as 2026-12-31, 2026年12月底, 6月30日前, "
                    "三季度末, 15个工作日内 or 长期坚持"
                )
            )
        if kind and _differs(kind, value, day, long_running, self.context["today"]):
            self.context["differing"].append((self.row, self._words("kind"), cell_text(value)))
        return day, long_running

    def _words(self, key: str) -> str:
        """The row's cell of column ``key`` as written, spaces taken out."""
        return re.sub(r"\s+", "", cell_text(self.data.get(key)))

    def _at_once(self, words: str, key: str) -> dt.date:
        """立行立改, 立即整改 in the 时限 or the 整改类型 cell: due by the end of the month of
        the import, said once per words and column in the notes."""
        today = self.context["today"]
        day = month_end(today.year, today.month)
        if (words, key) not in self.context["at_once"]:
            self.context["at_once"].add((words, key))
            self.context["notes"].append(
                RowError(
                    self.row,
                    self.context["headers"][key],
                    _("%(words)s: due by the end of this month, %(day)s")
                    % {"words": words, "day": day.isoformat()},
                )
            )
        return day

    def _counted(self, limit) -> dt.date:
        """The deadline of a time limit such as 3日内 or 15个工作日内 (``core.periods.within``):
        counted from the day the row says the item was handed out or found (交办时间,
        排查时间 …), else from the import day; working days by the working-day calendar
        (``services.add_working_days``: holidays and make-up days). Said once per cell's
        words and the day counted from, in the notes."""
        handed, unread = self.cleaned_data.get("handed_out") or (None, None)
        column = self.context["headers"].get("handed_out")
        if unread:
            raise forms.ValidationError(
                _("%(words)s counts from the day in %(column)s, and that cell is no day")
                % {"words": limit.words, "column": column}
            )
        start = handed or self.context["today"]
        day = limit.due(start, services.add_working_days)
        if limit.unit == "working_day":
            self.context["unentered"].update(
                services.current_calendar().unentered_years(start, day)
            )
        basis = "handed" if handed else "today"
        if (limit.words, basis) not in self.context["counted"]:
            self.context["counted"].add((limit.words, basis))
            if handed:
                message = _(
                    "%(words)s: counted from the day in %(column)s (here %(start)s, due %(day)s)"
                )
            else:
                message = _("%(words)s: counted from today, %(start)s: due %(day)s")
            if limit.unit == "working_day":
                message += _(", in working days (holidays and make-up working days counted)")
            self.context["notes"].append(
                RowError(
                    self.row,
                    self.context["headers"]["deadline"],
                    message
                    % {
                        "words": limit.words,
                        "column": column,
                        "start": start.isoformat(),
                        "day": day.isoformat(),
                    },
                )
            )
        return day

    def clean_handed_out(self):
        """The day the item was handed out (交办时间 …), read by the shared day reader (a
        day without its year in the sheet's title's year, else the list's): (day, None),
        (None, None) for an empty cell, (None, why) for a cell that is no day, refused
        only where the day is needed (``_created_on``)."""
        try:
            day = read_day(
                self.cleaned_data["handed_out"], required=False, year=self.context["day_year"]
            )
        except forms.ValidationError as exc:
            return None, " ".join(exc.messages)
        return day, None


def _long_running(words: str) -> bool:
    """Words of work that goes on (持续整改, 长效管理, 长期坚持)."""
    return deadline_in(words, None)[1]


def _differs(kind: str, value, day: dt.date | None, long_running: bool, today: dt.date) -> bool:
    """The 时限 cell says otherwise than the 整改类型: at once but due after the end of the
    import month or long-running; long-running but with a deadline; with a time limit
    (限期整改, 分阶段整改) but long-running or at once (立行立改 in the 时限 cell)."""
    if kind == "at_once":
        return long_running or day > month_end(today.year, today.month)
    if kind == "long_running":
        return not long_running
    return long_running or at_once(value)


def _done(value, *, yes_or_no: bool = False) -> str:
    """The words of a cell saying the item is done (``DONE_WORDS``; 是 in a yes-or-no
    column), else ""."""
    words = re.sub(r"\s+", "", cell_text(value)).rstrip("。.；;!！")
    return words if words in DONE_WORDS or (yes_or_no and words in YES_WORDS) else ""


def _done_rows(table: Table) -> list[RowError]:
    """The rows a ledger marks as done, taken out of ``table``: its 整改情况 (完成情况,
    是否办结 …) or its 时限 cell (化解时限 已化解, 整改时限 已整改) reads 已完成, 已整改,
    已办结, 已化解, 已销号 … alone: a problem put right is no open task, and a time limit
    saying so is no deadline to refuse. Returns a line naming each, by row (counted apart
    from errors)."""

    def why(words: str) -> str:
        if not words:
            return ""
        return _("the ledger marks it done (%(words)s): not imported") % {"words": words}

    left_out = []
    if "state" in table.headers:
        yes_or_no = table.headers["state"].startswith("是否")
        left_out += table.leave_out(
            "state", lambda record: why(_done(record.get("state"), yes_or_no=yes_or_no))
        )
    if "deadline" in table.headers:
        left_out += table.leave_out("deadline", lambda record: why(_done(record.get("deadline"))))
    return sorted(left_out, key=lambda e: e.row)


def _created_on(
    number: int, row: dict, values: dict, table: Table, today: dt.date, notes: list
) -> tuple[dt.date | None, RowError | None]:
    """The day a new task is created as of, and why the row is refused if it is: the day
    the sheet says the item was handed out (交办时间, 发现时间 …) when it gives one, else
    today (None). A deadline already past on the import day needs that day (a ledger kept
    for months: the task is overdue from its creation); a handed-out day in the future or
    after the deadline is refused; a cell that is no day refuses an overdue row, and is
    noted on another (created today)."""
    handed, unread = row["handed_out"]
    deadline = None if values["long_running"] else values["deadline"]
    overdue = deadline is not None and deadline < today
    column = table.header("handed_out") if "handed_out" in table.headers else "交办时间"
    if unread:
        if overdue:
            return None, RowError(
                number,
                column,
                _(
                    "%(problem)s The deadline %(deadline)s has already passed: the day the "
                    "item was handed out is needed."
                )
                % {"problem": unread, "deadline": deadline.isoformat()},
            )
        notes.append(
            RowError(
                number, column, _("%(problem)s The task is created today.") % {"problem": unread}
            )
        )
        return None, None
    if handed is None:
        if not overdue:
            return None, None
        if "handed_out" in table.headers:
            message = _(
                "the deadline %(deadline)s has already passed (today is %(today)s): write "
                "the day the item was handed out here, and the task is created as of that day"
            )
        else:
            column = table.header("deadline")
            message = _(
                "the deadline %(deadline)s has already passed (today is %(today)s): an item "
                "overdue on import needs the day it was handed out, in a 交办时间 column (or "
                "下发时间, 发现时间, 排查时间, 反馈时间, 受理时间, 登记时间, 督办时间); the task "
                "is then created as of that day"
            )
        return None, RowError(
            number, column, message % {"deadline": deadline.isoformat(), "today": today.isoformat()}
        )
    if handed > today:
        return None, RowError(
            number,
            column,
            _("%(day)s is after today (%(today)s): the item cannot have been handed out yet")
            % {"day": handed.isoformat(), "today": today.isoformat()},
        )
    if deadline is not None and handed > deadline:
        return None, RowError(
            number,
            column,
            _("%(day)s is after the deadline %(deadline)s: an item is handed out before it is due")
            % {"day": handed.isoformat(), "deadline": deadline.isoformat()},
        )
    return handed, None


def _differing(rows: list[tuple[int, str, str]], table: Table) -> str:
    """The remark naming the rows whose 整改类型 and 时限 disagree (the first ten): the
    时限 is what is imported."""
    named = [
        _("row %(row)s (%(kind)s, %(deadline)s)") % {"row": row, "kind": kind, "deadline": deadline}
        for row, kind, deadline in rows[:10]
    ]
    return _(
        "%(count)s rows' %(kind)s differs from their %(deadline)s; the %(deadline)s is "
        "imported: %(rows)s"
    ) % {
        "count": len(rows),
        "kind": table.header("kind"),
        "deadline": table.header("deadline"),
        "rows": "、".join(named) + ("…" if len(rows) > 10 else ""),
    }


def _sub_items(table: Table) -> list[RowError]:
    """A 序号 cell merged over the rows of a task's sub-items (5 over 开工建设老年养护楼 and
    开工建设老年大学) makes each row a task of its own, numbered 5-1, 5-2, when their texts
    differ. Returns the notes that say so. (A 序号 written twice, not merged, stays the
    error it is.)"""
    notes, rows, start = [], table.rows, 0
    while start < len(rows):
        number = str(rows[start][1].get("number") or "").strip()
        end = start + 1
        while (
            number
            and end < len(rows)
            and (rows[end][0], "number") in table.merged
            and str(rows[end][1].get("number") or "").strip() == number
        ):
            end += 1
        run = rows[start:end]
        texts = {(r.get("content"), r.get("detail")) for _n, r in run}
        if len(run) > 1 and len(texts) == len(run):
            for index, (_n, record) in enumerate(run, start=1):
                record["number"] = f"{number}-{index}"
            notes.append(
                RowError(
                    run[0][0],
                    table.header("number"),
                    _("序号 %(number)s covers rows %(first)s–%(last)s: imported as %(numbers)s")
                    % {
                        "number": number,
                        "first": run[0][0],
                        "last": run[-1][0],
                        "numbers": "、".join(f"{number}-{i}" for i in range(1, len(run) + 1)),
                    },
                )
            )
        start = end
    return notes


def _one_task_per_unit(table: Table, units: _Units) -> list[RowError]:
    """A row whose 牵头单位 is a collective name standing for several units (各镇（街道）
    for the towns, 各街道 for the streets) is a task for each of them, each leading its
    own: numbered by the unit (5-柳塘镇, 5-城东街道: a town added to the tree later moves
    no other town's task on a re-import), or, without a 序号, with the unit's name after
    the task's heading. The other units of the cell co-operate. Returns the notes that say
    so."""
    notes, rows = [], []
    for number, record in table.rows:
        names = _names(record.get("lead"))
        group = units.matcher.collective(names[0]) if names else []
        if len(group) < 2:
            rows.append((number, record))
            continue
        sequence = str(record.get("number") or "").strip()
        content = str(record.get("content") or "").strip()
        head, _sep, rest = content.partition("\n")
        for unit in group:
            split = {**record, "lead": "、".join([unit.name, *names[1:]])}
            if sequence:
                split["number"] = f"{sequence}-{_bare(unit)}"
            else:
                split["content"] = f"{head}（{_bare(unit)}）" + (f"\n{rest}" if rest else "")
            rows.append((number, split))
        notes.append(
            RowError(
                number,
                table.header("lead"),
                _("%(name)s stands for %(count)s units: a task for each, each leading it")
                % {"name": names[0], "count": len(group)},
            )
        )
    table.rows = rows
    return notes


def _bare(unit: OrgUnit) -> str:
    """A town's name as lists write it: its short name, else its name without the county
    in front and 人民政府/办事处 behind (青禾县柳塘镇人民政府 → 柳塘镇)."""
    if unit.short_name:
        return unit.short_name
    name = re.sub(r"(?:人民政府|办事处)$", "", unit.name)
    parent = getattr(unit.parent, "name", "")
    return name.removeprefix(parent) if parent and name != parent else name


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


def _key(number: str, title: str) -> tuple[str, str]:
    return ("number", number) if number else ("title", title)


def _values(row: dict, task_list: TaskList, today) -> dict:
    """A task's fields from a cleaned row."""
    leads = list(dict.fromkeys(row["lead"]))
    co_units = list(dict.fromkeys(u for u in [*leads[1:], *row["co_units"]] if u != leads[0]))
    day, long_running = row["deadline"]
    return {
        "title": row["content"].splitlines()[0][:100],
        "content": row["content"],
        "task_list": task_list,
        "lead_unit": leads[0],
        "co_units": co_units,
        "leader": row["leader"],
        "deadline": services.next_report_due(today) if long_running else day,
        "long_running": long_running,
        "list_number": row["number"],
        "code": row["code"],
    }


def _update(task: Task, values: dict, carried) -> bool:
    """The sheet's columns (``carried``: the keys of the columns it has) written onto
    ``task`` (audited); True when anything changed. A long-running task keeps the report
    day it has (also when the sheet gives that day, as the export does); a row whose text
    is the task's title (the export's 标题) leaves its content alone; the fields of the
    columns the sheet lacks are kept."""
    fields = ["lead_unit", "long_running"] if "deadline" in carried else ["lead_unit"]
    if values["content"] != task.title:
        fields += ["title", "content"]
    if "leader" in carried:
        fields.append("leader")
    if "number" in carried and values["list_number"]:
        fields.append("list_number")
    if task.long_running and not values["long_running"] and task.deadline == values["deadline"]:
        values = {**values, "long_running": True}  # the exported report day
    changed = [f for f in fields if getattr(task, f) != values[f]]
    if (
        "deadline" in carried
        and not (values["long_running"] and task.long_running)
        and task.deadline != values["deadline"]
    ):
        changed.append("deadline")
    for name in changed:
        setattr(task, name, values[name])
    if changed:
        task.save(update_fields=[*changed, "updated_at"])
    stored = set(task.co_units.values_list("pk", flat=True))
    co_units = {u.pk for u in values["co_units"]}
    if "co_units" not in carried:
        co_units |= stored  # no such column: co-units named as further leads are added
    if stored != co_units:
        task.co_units.set(co_units)
        changed.append("co_units")
    return bool(changed)


def import_tasks(file, *, actor, task_list: TaskList, valid_only: bool = False) -> ImportResult:
    """Create or update the tasks of the sheet in ``task_list``; ``result.objects`` are
    the tasks written, ``result.notes`` what was imported with a caveat.

    Every row is validated first (unit and leader names matched against what was read
    once for the sheet); a row whose 序号 (or, without one, title) is a task of the list
    updates it, the others are created together by ``actions.create_tasks`` (codes once
    per prefix, inserts in batches). All in one transaction: a row refused by the
    action or out of the actor's reach is reported by its number and nothing is written."""
    table = read_table(file, COLUMNS)
    today = timezone.localdate()
    year = task_list.year or today.year
    notes = _sub_items(table)
    left_out = _done_rows(table)
    units = _Units(actor)
    notes += _one_task_per_unit(table, units)
    if "deadline" not in table.headers:
        notes.append(
            RowError(
                table.header_row,
                "完成时限",
                (
                    _(
                        "the sheet has no 完成时限 column: every task is given the end of the "
                        "list's year, %(day)s"
                    )
                    if "kind" not in table.headers
                    else _(
                        "the sheet has no 完成时限 column: a task is given the end of the "
                        "list's year, %(day)s, unless its %(kind)s says otherwise"
                    )
                )
                % {"day": dt.date(year, 12, 31).isoformat(), "kind": table.header("kind")},
            )
        )
    context = {
        "units": units,
        "leaders": _leaders(actor),
        "year": year,
        "today": today,
        "day_year": table.title_year() or year,
        "notes": notes,
        "headers": table.headers,
        "deadlines": {},
        "at_once": set(),  # (words, column) of 立行立改 … said in the notes
        "differing": [],  # (row, 整改类型, 时限) of a row whose two cells disagree
        "counted": set(),
        "unentered": set(),  # years without a holiday arrangement counted through
    }
    good, errors = validate_rows(table, TaskRow, context=context)
    result = ImportResult(errors=errors, notes=context["notes"], left_out=left_out)
    if context["unentered"]:
        result.remarks.append(calendar.warning_for(context["unentered"]))
    if context["differing"]:
        result.remarks.append(_differing(context["differing"], table))
    existing: dict[tuple[str, str], Task] = {}
    for task in Task.objects.filter(task_list=task_list).order_by("pk"):
        existing.setdefault(_key(task.list_number, task.title), task)
        existing.setdefault(("title", task.title), task)
        existing[("code", task.code)] = task
    codes = {values["code"] for _n, values in good if values["code"]}
    elsewhere = dict(
        Task.objects.filter(code__in=codes)
        .exclude(task_list=task_list)
        .values_list("code", "task_list__name")
    )
    may_change = changeable(Task.objects.filter(task_list=task_list), actor)
    new, updates, seen, overdue = [], [], {}, 0
    for number, row in good:
        values = _values(row, task_list, today)
        key = _key(values["list_number"], values["title"])
        if key in seen:
            result.errors.append(
                RowError(
                    number,
                    table.header("content"),
                    _("the same task as row %(row)s") % {"row": seen[key]},
                )
            )
            continue
        seen[key] = number
        code = values.pop("code")
        if code in elsewhere:
            result.errors.append(
                RowError(
                    number,
                    table.header("code"),
                    _("task %(code)s belongs to the list %(list)s")
                    % {"code": code, "list": elsewhere[code]},
                )
            )
            continue
        task = existing.get(("code", code)) or existing.get(key)
        if task is None:
            handed, problem = _created_on(number, row, values, table, today, result.notes)
            if problem:
                result.errors.append(problem)
                continue
            if handed is not None:
                values["at"] = moment(handed)
                values["comment"] = _(
                    "Imported from a ledger that says it was handed out on %(day)s."
                ) % {"day": handed.isoformat()}
                overdue += not values["long_running"] and values["deadline"] < today
            new.append((number, values))
        elif task.pk not in may_change:
            result.errors.append(
                RowError(
                    number,
                    table.header("number"),
                    _("you may not change task %(code)s") % {"code": task.code},
                )
            )
        else:
            updates.append((number, task, values))
    if overdue:
        result.remarks.append(
            _(
                "%(count)s of the rows to create are already overdue: each task is created "
                "as of the day the sheet says it was handed out, and shows red once assigned."
            )
            % {"count": overdue}
        )
    if (result.errors and not valid_only) or not (new or updates):
        return result
    with transaction.atomic():
        for number, task, values in updates:
            if _update(task, values, table.headers):
                result.add(number, task, created=False)
            else:
                result.unchanged += 1
        if new:
            try:
                tasks = actions.create_tasks([v for _n, v in new], actor=actor)
            except actions.RowRefused as refused:
                transaction.set_rollback(True)
                for index, (field, message) in sorted(refused.problems.items()):
                    header = table.header(FIELDS.get(field, field))
                    result.errors.append(RowError(new[index][0], header, message))
                result.created = result.updated = result.unchanged = 0
                result.objects, result.written, result.remarks = [], [], []
                return result
            for (number, _row), task in zip(new, tasks, strict=True):
                result.add(number, task, created=True)
    return result


# The sheet's column behind each field of a task.
FIELDS = {
    "title": "content",
    "content": "content",
    "lead_unit": "lead",
    "leader": "leader",
    "deadline": "deadline",
    "list_number": "number",
}


def template(units) -> Template:
    """The template of the sheet (``core.templates_xlsx``), with ``units`` (the names
    the importing user may use) in the unit columns' drop-downs."""
    names = [u.name for u in units]
    return Template(
        sheet=_("Tasks"),
        columns=[
            TemplateColumn(
                "序号",
                _(
                    "The task's number in the list; a task with the same number is "
                    "updated on a later import."
                ),
                False,
            ),
            TemplateColumn("任务内容", _("What is to be done; the first line is the title."), True),
            TemplateColumn(
                "牵头单位",
                _(
                    "The lead unit, as offices write it (市发改委, 新坝镇人民政府); 各镇（街道） "
                    "makes a task for each town, street and zone, each leading its own."
                ),
                True,
                choices=names,
            ),
            TemplateColumn(
                "配合单位",
                _(
                    "Co-operating units separated by 、; 各镇（街道） means every town, "
                    "street and zone."
                ),
                False,
            ),
            TemplateColumn("责任领导", _("The responsible city leader's name."), False),
            TemplateColumn(
                "完成时限",
                _(
                    "A date (2026-12-31), a phrase (2026年12月底, 6月30日前, 三季度末, 年底前), "
                    "a time limit (15个工作日内, 3日内, 半个月内, 一个月内, 24小时内) counted "
                    "from the row's 交办时间 (排查时间, 发现时间 …), else from the day of the "
                    "import, 立行立改 for the end of the month of the import, or 长期坚持 for a "
                    "long-running task reporting monthly."
                ),
                True,
            ),
        ],
        example=[
            "示例",
            "（示例）完成老旧小区改造 10 个",
            names[0] if names else "市发改委",
            "各镇（街道）",
            "",
            "2026年12月底",
        ],
    )


def list_named(name: str, *, actor, year: int) -> TaskList:
    """The task list of that name, created (kind "other") when it does not exist yet."""
    task_list = TaskList.objects.filter(name=name).first()
    if task_list is None:
        task_list = TaskList.objects.create(
            name=name, kind=ListKind.OTHER, issuer=actor.unit, year=year
        )
    return task_list
