"""The monthly red-and-black list notice (三率红黑榜通报) as a 公文 (core/gongwen.py)."""

from __future__ import annotations

import datetime as dt

from mingzhu.core import gongwen


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def rates_notice(
    result: dict, *, year: int, month: int, issuer: str, illustrative: bool, dated: dt.date
) -> bytes:
    """The red list and black list of the month under the stated ranking rule, with each
    unit's place, three rates and composite score."""
    weights = result["weights"]
    k, n = weights.list_size, weights.min_cases
    body: list[gongwen.Block] = [
        f"按照接诉即办工作要求，现将{year}年{month}月各承办单位响应率、解决率、满意率及综合得分"
        f"（权重：响应率{weights.response}%、解决率{weights.resolution}%、"
        f"满意率{weights.satisfaction}%）排名情况通报如下。",
        f"响应率以派单后{weights.contact_hours}个工作小时内登记联系诉求人为准。"
        f"排名规则：当月派单不少于{n}件、回访不少于{n}件且三率齐全的单位参与排名，"
        f"得分相同者名次并列；红榜为前{k}名，黑榜为后{k}名，与榜单最后一名并列者一并列入，"
        "同一单位不同时列入红黑榜；件数不足的单位不参与排名。",
    ]
    for heading, rows in (
        (f"一、红榜（前{k}名）", result["red"]),
        (f"二、黑榜（后{k}名）", result["black"]),
    ):
        body.append(gongwen.Heading(heading))
        if not rows:
            body.append("本月无符合条件的单位。")
            continue
        body.append(
            gongwen.Table(
                ["名次", "单位", "响应率", "解决率", "满意率", "综合得分"],
                [
                    [
                        str(r["rank"]),
                        r["name"],
                        _pct(r["response_rate"]),
                        _pct(r["resolution_rate"]),
                        _pct(r["satisfaction_rate"]),
                        "—" if r["composite"] is None else f"{r['composite']:.2f}",
                    ]
                    for r in rows
                ],
                widths=[1, 3.5, 1.5, 1.5, 1.5, 1.5],
            )
        )
    body.append("请红榜单位总结经验，黑榜单位认真查找问题、限期整改，切实做到民有所呼、我有所应。")
    return gongwen.render(
        gongwen.Notice(
            organ=issuer,
            title=f"关于{year}年{month}月接诉即办“三率”红黑榜的通报",
            addressees="各承办单位",
            body=body,
            signer=issuer,
            dated=dated,
            cc="市委、市政府领导",
            mark="（示例数据）" if illustrative else "",
            kind="rates",
        )
    )
