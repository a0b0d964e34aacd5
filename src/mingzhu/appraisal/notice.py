"""The notice (通报) of a quarter's flags (流动红黄旗) as a 公文 (core/gongwen.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mingzhu.core import gongwen, numbers

from .scoring import SchemeSpec, ScoreRow, item_text


@dataclass(frozen=True)
class NoticeData:
    year: int
    quarter: int
    scheme: SchemeSpec
    rows: list[ScoreRow]
    issuer: str  # e.g. 市委办公室督查室
    dated: dt.date
    interviews: tuple[str, ...] = ()  # names of towns due an interview (约谈)
    kept_for_good: tuple[str, ...] = ()  # names of towns keeping the red flag for good
    draft: bool = False


def build_notice(data: NoticeData) -> bytes:
    quarter = f"{data.year}年第{'一二三四'[data.quarter - 1]}季度"
    red = [r.name for r in data.rows if r.flag == "red"]
    yellow = [r.name for r in data.rows if r.flag == "yellow"]
    body: list[gongwen.Block] = [
        f"根据《{data.scheme.name}》（第{data.scheme.version}版），现将{quarter}评比结果通报如下。"
    ]
    if red or yellow:
        body.append(gongwen.Heading("一、流动红黄旗"))
        parts = []
        if red:
            parts.append(f"{'、'.join(red)}获得“流动红旗”")
        if yellow:
            parts.append(f"{'、'.join(yellow)}获得“流动黄旗”")
        body.append("；".join(parts) + "。")
    if data.kept_for_good:
        body.append(f"{'、'.join(data.kept_for_good)}连续三个季度获得“流动红旗”，红旗永久保留。")
    if data.interviews:
        body.append(f"{'、'.join(data.interviews)}连续两个季度获得“流动黄旗”，将予以约谈。")
    items = list(data.scheme.items)
    body.append(gongwen.Heading(f"{'二' if red or yellow else '一'}、评比得分"))
    rows = []
    for r in data.rows:
        flag = {"red": "（红旗）", "yellow": "（黄旗）"}.get(r.flag, "")
        color = {"red": "C00000", "yellow": "B8860B"}.get(r.flag, "")
        rows.append(
            [
                str(r.rank),
                gongwen.Cell(r.name + flag, color=color),
                *[item_text(i.name, r.items.get(i.code)) for i in items],
                numbers.number(r.bonus),
                numbers.number(r.score, 2),
            ]
        )
    body.append(
        gongwen.Table(
            [
                "排名",
                "单位",
                *[f"{i.name}（{numbers.number(i.weight)}分）" for i in items],
                "加分",
                "得分",
            ],
            rows,
            widths=[1, 3, *[2] * len(items), 1, 1.5],
        )
    )
    body.append("希望受表彰的单位再接再厉，其他单位对标先进、找准差距，推动项目建设再上新台阶。")
    return gongwen.render(
        gongwen.Notice(
            organ=data.issuer,
            title=f"关于{quarter}{data.scheme.name}结果的通报",
            addressees="各镇（街道、园区）",
            body=body,
            signer=data.issuer,
            dated=data.dated,
            cc="市委、市政府领导",
            mark="（征求意见稿）" if data.draft else "",
            kind="flags",
        )
    )


def notice_for(result) -> bytes:
    """The notice of a stored result (draft marked as such)."""
    from django.utils import timezone

    from .choices import ResultStatus

    rows = [
        ScoreRow(
            unit=r.unit.code,
            name=r.unit.name,
            score=float(r.score),
            rank=r.rank,
            items=r.items,
            points=r.points,
            bonus=float(r.bonus),
            flag=r.flag,
        )
        for r in result.rows.select_related("unit").order_by("rank")
    ]
    flags = list(result.flags.select_related("unit"))
    dated = timezone.localdate(result.published_at or result.computed_at)
    return build_notice(
        NoticeData(
            year=result.year,
            quarter=result.quarter,
            scheme=result.scheme.spec(),
            rows=rows,
            issuer=gongwen.organ_name(result.issuer),
            dated=dated,
            interviews=tuple(f.unit.name for f in flags if f.interview),
            kept_for_good=tuple(f.unit.name for f in flags if f.kept_for_good),
            draft=result.status != ResultStatus.PUBLISHED,
        )
    )
