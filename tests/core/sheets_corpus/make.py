"""Write the composed corpus of ``benchmarks/imports_recall.py``: three small sheets laid
out as offices keep their 台账 (title rows, a 填报 line, section rows, 合计, 注, a two-row
header, short unit names), with invented names, and their truths. Run it again after
changing a sheet: ``.venv/bin/python tests/core/sheets_corpus/make.py``."""

import json
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
CITY = {"name": "青禾县", "short_name": "青禾"}
DEPTS = ["发展和改革局", "住房和城乡建设局", "财政局", "自然资源局", "交通运输局"]
UNITS = [{"name": "青禾县" + d, "kind": "department"} for d in DEPTS] + [
    {"name": "青禾县柳塘镇人民政府", "kind": "town"},
    {"name": "青禾县石桥镇人民政府", "kind": "town"},
    {"name": "青禾县城东街道办事处", "kind": "street"},
]
TOWNS = ["青禾县柳塘镇人民政府", "青禾县石桥镇人民政府", "青禾县城东街道办事处"]


def save(name, rows, merges=()):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for merge in merges:
        ws.merge_cells(merge)
    wb.save(HERE / f"{name}.xlsx")


def truth(name, importer, rows, sheet=None, units=UNITS, today="2026-02-01"):
    data = {
        "importer": importer,
        "today": today,
        "year": 2026,
        "city": CITY,
        "units": units,
        "sheet": sheet or {"read": True},
        "rows": rows,
    }
    (HERE / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def task(row, title, lead, deadline, co=()):
    lead = "青禾县" + lead if not lead.startswith("青禾县") else lead
    return {
        "row": row,
        "expect": "create",
        "title": title,
        "lead": lead,
        "co_units": list(co),
        "deadline": deadline,
    }


# 1: a 任务分解表 with title rows, a 填报 line, section rows and a 注 line.
save(
    "a-tasks-plain",
    [
        ["附件1"],
        ["2026年县政府重点工作任务分解表"],
        ["填报单位：县政府办公室", None, None, "填报日期：2026年1月20日"],
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
        ["一、经济发展"],
        [1, "（示例外）建成城北物流园一期", "县发改局", "县财政局、县自然资源局", "2026年12月底"],
        [2, "完成农村公路提档升级30公里", "县交通运输局", "各镇（街道）", "年底前"],
        ["二、城乡建设"],
        [3, "推进老旧小区改造8个", "县住建局", None, "三季度末"],
        [4, "落实河湖长制", "县水利局", None, "长期坚持"],
        ["注：各牵头单位每月25日前报送进展。"],
    ],
    merges=["A2:E2", "A5:E5", "A8:E8", "A11:E11"],
)
truth(
    "a-tasks-plain",
    "tasks",
    [
        {"row": 5, "expect": "none", "what": "section"},
        task(
            6,
            "（示例外）建成城北物流园一期",
            "发展和改革局",
            "2026-12-31",
            ["青禾县财政局", "青禾县自然资源局"],
        ),
        task(7, "完成农村公路提档升级30公里", "交通运输局", "2026-12-31", TOWNS),
        {"row": 8, "expect": "none", "what": "section"},
        task(9, "推进老旧小区改造8个", "住房和城乡建设局", "2026-09-30"),
        {
            "row": 10,
            "expect": "refuse",
            "field": "lead",
            "reason": "县水利局 is no unit of the county",
        },
        {"row": 11, "expect": "none", "what": "注"},
    ],
)

# 2: a two-row header (责任单位 over 牵头单位 and 配合单位), 序号 1/（一）, a 小计 row.
save(
    "b-tasks-two-row-header",
    [
        ["2026年民生实事项目清单"],
        ["序号", "实事项目", "责任单位", None, "完成时间"],
        [None, None, "牵头单位", "配合单位", None],
        [1, "新建城东幼儿园", "县住建局", "城东街道", "2026年8月底前"],
        [2, "改造柳塘镇自来水管网12公里", "柳塘镇", None, "2026年11月30日"],
        ["小计", "2项"],
    ],
    merges=["A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"],
)
truth(
    "b-tasks-two-row-header",
    "tasks",
    [
        task(4, "新建城东幼儿园", "住房和城乡建设局", "2026-08-31", ["青禾县城东街道办事处"]),
        task(5, "改造柳塘镇自来水管网12公里", "青禾县柳塘镇人民政府", "2026-11-30"),
        {"row": 6, "expect": "none", "what": "小计"},
    ],
)

# 3: the 招商 ledger under its own words, with a section row and 合计.
save(
    "c-projects-ledger",
    [
        ["2026年一季度招商项目台账"],
        ["序号", "项目名称", "投资方", "产业链", "总投资（万元）", "所在镇（街道）", "洽谈日期"],
        ["一、工业项目"],
        [
            1,
            "精密轴承生产线项目",
            "青禾精工有限公司",
            "先进装备制造",
            32000,
            "石桥镇",
            "2026-01-10",
        ],
        [2, "屋顶光伏项目", "禾光新能源有限公司", "光伏新能源", 8600, "柳塘镇", "2026-01-15"],
        [3, "冷链仓储项目", "北岸物流有限公司", "其他", 5000, "白沙镇", "2026-01-18"],
        ["合计", None, None, None, 45600],
    ],
    merges=["A1:G1", "A3:G3"],
)
truth(
    "c-projects-ledger",
    "projects",
    [
        {"row": 3, "expect": "none", "what": "section"},
        {
            "row": 4,
            "expect": "create",
            "name": "精密轴承生产线项目",
            "town": "青禾县石桥镇人民政府",
            "investor": "青禾精工有限公司",
            "total": 32000,
        },
        {
            "row": 5,
            "expect": "create",
            "name": "屋顶光伏项目",
            "town": "青禾县柳塘镇人民政府",
            "investor": "禾光新能源有限公司",
            "total": 8600,
        },
        {
            "row": 6,
            "expect": "refuse",
            "field": "town",
            "reason": "白沙镇 is no town of the county",
        },
        {"row": 7, "expect": "none", "what": "合计"},
    ],
)
