"""The quarterly notice (通报) of the village ranking (人居环境排名) as a 公文
(core/gongwen.py)."""

from __future__ import annotations

import datetime as dt

from mingzhu.core import gongwen


def _score(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _rank(value) -> str:
    return str(value) if value is not None else "未检查"


def ranking_notice(ranking: dict, *, issued_by: str, issued_on: dt.date) -> bytes:
    """The ranking's notice: the rule, then the towns' and the villages' tables."""
    quarter = f"{ranking['year']}年第{'一二三四'[ranking['quarter'] - 1]}季度"
    body: list[gongwen.Block] = [
        f"现将{quarter}农村人居环境检查排名情况通报如下。本季度检查时间为"
        f"{gongwen.chinese_date(ranking['start'])}至{gongwen.chinese_date(ranking['end'])}。"
        "村得分为其各次检查得分（百分制）的平均值，镇（街道）得分为其已检查村的平均值；"
        "未检查的村列出但不排名。",
        gongwen.Heading("一、镇（街道）排名"),
        gongwen.Table(
            ["名次", "单位", "得分"],
            [[_rank(r["rank"]), r["name"], _score(r["score"])] for r in ranking["towns"]],
            widths=[1, 3, 1.5],
        ),
        gongwen.Heading("二、村排名"),
        gongwen.Table(
            ["名次", "村", "所属镇（街道）", "得分"],
            [
                [_rank(r["rank"]), r["name"], r.get("town", ""), _score(r["score"])]
                for r in ranking["villages"]
            ],
            widths=[1, 2.5, 2.5, 1.5],
        ),
        "请排名靠后的镇（街道）、村对照检查发现的问题，立即整改，持续提升农村人居环境。",
    ]
    return gongwen.render(
        gongwen.Notice(
            organ=issued_by,
            title=f"关于{quarter}农村人居环境检查排名情况的通报",
            addressees="各镇（街道）、各村",
            body=body,
            signer=issued_by,
            dated=issued_on,
            kind="ranking",
        )
    )
