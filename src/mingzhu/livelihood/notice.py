"""The monthly red-and-black list notice (三率红黑榜通报) as a 公文 (core/gongwen.py)."""

from __future__ import annotations

import datetime as dt

from mingzhu.core import gongwen


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def rates_notice(
    result: dict, *, year: int, month: int, issuer: str, illustrative: bool, dated: dt.date
) -> bytes:
    """The red list (best five) and black list (worst five) of the month, with each
    unit's three rates and composite score."""
    weights = result["weights"]
    body: list[gongwen.Block] = [
        f"按照接诉即办工作要求，现将{year}年{month}月各承办单位响应率、解决率、满意率及综合得分"
        f"（权重：响应率{weights.response}%、解决率{weights.resolution}%、"
        f"满意率{weights.satisfaction}%）排名情况通报如下。"
    ]
    for heading, rows in (
        ("一、红榜（前五名）", result["red"]),
        ("二、黑榜（后五名）", result["black"]),
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
                        str(i),
                        r["name"],
                        _pct(r["response_rate"]),
                        _pct(r["resolution_rate"]),
                        _pct(r["satisfaction_rate"]),
                        "—" if r["composite"] is None else f"{r['composite']:.2f}",
                    ]
                    for i, r in enumerate(rows, start=1)
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
