"""The engine's 公文 (core/gongwen.py): the 督办单 of a supervision sheet, with its reply
slip (回执), and the 交办单 of a task list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mingzhu.core import gongwen

from .choices import SheetLevel

# The level's name on the sheet, its colour, and what the unit is asked to do.
LEVELS = {
    SheetLevel.BLUE: ("蓝色督办单", "提醒", "0070C0", "请抓紧推进，确保在完成时限内办结。"),
    SheetLevel.YELLOW: (
        "黄色督办单",
        "警示",
        "BF8F00",
        "请分析进度滞后原因，制定赶进度措施，于收到本单后3个工作日内书面报送办理情况。",
    ),
    SheetLevel.RED: (
        "红色督办单",
        "督办",
        "C00000",
        "请单位主要负责人牵头，立即组织整改，于收到本单后2个工作日内书面报送整改情况；"
        "一季度内累计3张红色督办单的单位，将约谈其主要负责人。",
    ),
}
SITUATION = {
    SheetLevel.BLUE: "临近完成时限",
    SheetLevel.YELLOW: "进度滞后于计划",
    SheetLevel.RED: "已超过完成时限仍未办结",
}


def supervision_sheet(sheet, *, co_units: Iterable[str] = ()) -> bytes:
    """The 督办单 of ``sheet``: the task, its code, lead unit, deadline, the request and
    the level, then a 回执 the unit fills in and sends back."""
    task = sheet.task
    name, word, color, request = LEVELS[sheet.level]
    unit = sheet.unit or task.lead_unit
    co = "、".join(co_units) or "—"
    body: list[gongwen.Block] = [
        f"你单位牵头承办的“{task.title}”（任务编号{task.code}）{SITUATION[sheet.level]}，"
        f"现予{word}督办。{request}",
        gongwen.Table(
            [],
            [
                ["任务名称", task.title],
                ["任务编号", task.code],
                ["牵头单位", task.lead_unit.name],
                ["配合单位", co],
                ["完成时限", gongwen.chinese_date(task.deadline)],
                ["当前进度", f"{task.progress}%"],
                ["督办等级", gongwen.Cell(f"{name}（{word}）", color=color, bold=True)],
                ["督办事项", task.content or task.title],
                ["办理要求", request],
            ],
            widths=[1, 4],
            form=True,
        ),
    ]
    reply: list[gongwen.Block] = [
        gongwen.CutLine(),
        gongwen.Heading(f"回执（{task.code}）"),
        gongwen.Table(
            [],
            [
                ["任务名称", task.title],
                ["承办单位", unit.name],
                ["办理情况", ""],
                ["下步措施", ""],
                ["承办人", ""],
                ["联系电话", ""],
                ["单位负责人（签字）", ""],
                ["报送日期", "　　年　　月　　日（盖章）"],
            ],
            widths=[1, 4],
            form=True,
            min_height_mm=10,
        ),
    ]
    issuer = gongwen.organ_name(task.issuer)
    return gongwen.render(
        gongwen.Notice(
            organ=issuer,
            title=f"{name}（{word}）",
            addressees=gongwen.organ_name(unit),
            body=body,
            appendix=reply,
            signer=issuer,
            dated=sheet.issued_on,
            mark="（示例数据）" if task.is_illustrative else "",
            kind="supervision",
        )
    )


def assignment_sheet(task_list, tasks: Iterable, *, dated: dt.date) -> bytes:
    """The 交办单 of a task list: every task with its lead and co-units and deadline."""
    rows = []
    illustrative = False
    for n, task in enumerate(tasks, start=1):
        illustrative = illustrative or task.is_illustrative
        rows.append(
            [
                str(n),
                f"{task.title}（{task.code}）",
                task.lead_unit.name,
                "、".join(u.name for u in task.co_units.all()) or "—",
                gongwen.chinese_date(task.deadline),
            ]
        )
    source = f"根据《{task_list.source}》，" if task_list.source else ""
    body: list[gongwen.Block] = [
        f"{source}现将《{task_list.name}》交办你们，请牵头单位会同配合单位细化措施、明确责任人，"
        "按时限办结，并通过系统按时报送办理进展；逾期未办结的，将按规定督办。",
        gongwen.Table(
            ["序号", "任务", "牵头单位", "配合单位", "完成时限"],
            rows or [["—", "（本清单暂无任务）", "", "", ""]],
            widths=[0.8, 5, 2, 2.5, 2.2],
        ),
    ]
    issuer = gongwen.organ_name(task_list.issuer)
    return gongwen.render(
        gongwen.Notice(
            organ=issuer,
            title=f"{task_list.name}交办单",
            addressees="各责任单位",
            body=body,
            signer=issuer,
            dated=dated,
            mark="（示例数据）" if illustrative else "",
            kind="assignment",
        )
    )
