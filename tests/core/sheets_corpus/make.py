"""Write the composed corpus of ``benchmarks/imports_recall.py``: small sheets laid out as
offices keep their 台账 (title rows, a 填报 line, section rows, 合计, 注, a two-row header,
short unit and village names, the year in the title or a heading), with invented names,
and their truths: three for the task and project imports, one for each other importer.
Run it again after changing a sheet: ``.venv/bin/python tests/core/sheets_corpus/make.py``."""

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


# -- one sheet for each of the other importers (villages under their committees' names) --

VILLAGES = [
    {"name": "长林村民委员会", "kind": "village", "parent": "青禾县柳塘镇人民政府"},
    {"name": "白水村民委员会", "kind": "village", "parent": "青禾县柳塘镇人民政府"},
    {"name": "东塘社区居民委员会", "kind": "village", "parent": "青禾县城东街道办事处"},
]
PLACED = UNITS + VILLAGES
BRANCHES = [
    {"name": "中共青禾县柳塘镇长林村支部委员会", "unit": "长林村民委员会"},
    {"name": "中共青禾县柳塘镇白水村支部委员会", "unit": "白水村民委员会"},
]
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def credit_code(n):
    body = f"9132110000{n:07d}"
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return body + ALPHABET[(31 - total % 31) % 31]


def id_number(body):
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def none(row, what):
    return {"row": row, "expect": "none", "what": what}


def refuse(row, field, reason):
    return {"row": row, "expect": "refuse", "field": field, "reason": reason}


def placed_truth(name, importer, rows, **extra):
    truth(name, importer, rows, units=PLACED)
    path = HERE / f"{name}.json"
    data = json.loads(path.read_text())
    data.update(extra)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


# 4: an enterprise register: 所属乡镇（街道）, 企业规模 规模以上, 用地面积 租赁, 合计.
CODES = [credit_code(n) for n in (11, 12, 13)]
save(
    "d-enterprises-register",
    [
        ["2025年度参评企业名单"],
        [
            "序号",
            "企业名称",
            "统一社会信用代码",
            "所属乡镇（街道）",
            "国民经济行业代码",
            "企业规模",
            "用地面积（亩）",
        ],
        [1, "青禾示例轴承有限公司", CODES[0], "石桥镇", "C3451", "规模以上", 42.5],
        [2, "禾光示例包装厂", CODES[1], "柳塘镇", "C2231", "规模以下", "租赁"],
        [3, "北岸示例食品有限公司", CODES[2], "白沙镇", "C1391", "规模以下", 8],
        ["合计", None, None, None, None, None, 50.5],
    ],
)
placed_truth(
    "d-enterprises-register",
    "enterprises_registry",
    [
        {
            "row": 3,
            "expect": "create",
            "code": CODES[0],
            "name": "青禾示例轴承有限公司",
            "town": "青禾县石桥镇人民政府",
            "scale": "above",
            "land_mu": 42.5,
        },
        {
            "row": 4,
            "expect": "create",
            "code": CODES[1],
            "name": "禾光示例包装厂",
            "town": "青禾县柳塘镇人民政府",
            "scale": "below",
            "land_mu": None,
        },
        refuse(5, "town", "白沙镇 is no town of the county"),
        none(6, "合计"),
    ],
)

# 5: annual 亩均 data: the year only in the title, a two-row header, 1,024.6.
save(
    "e-enterprises-annual",
    [
        ["2025年度亩均效益评价数据表"],
        ["序号", "基本情况", None, "经济指标（万元）", None, "年平均职工人数（人）"],
        [None, "企业名称", "统一社会信用代码", "评价税收", "主营业务收入", None],
        [1, "青禾示例轴承有限公司", CODES[0], "1,024.6", 23500, 305],
        [2, "禾光示例包装厂", CODES[1], 45.8, 1980, 38],
    ],
    merges=["A2:A3", "B2:C2", "D2:E2", "F2:F3"],
)
placed_truth(
    "e-enterprises-annual",
    "enterprises_annual",
    [
        {
            "row": 4,
            "expect": "create",
            "code": CODES[0],
            "year": 2025,
            "tax": 1024.6,
            "revenue": 23500,
            "employees": 305,
        },
        refuse(5, "code", "no enterprise with this code in the registry"),
    ],
    enterprises=[
        {"code": CODES[0], "name": "青禾示例轴承有限公司", "town": "青禾县石桥镇人民政府"}
    ],
)

# 6: a town's roll: 所在党支部 written short, 组织委员, a branch not set up.
save(
    "f-party-roll",
    [
        ["柳塘镇党员花名册"],
        ["序号", "所在党支部", "姓名", "性别", "党内职务", "所在村（社区）"],
        [1, "长林村党支部", "甲一", "男", "支部书记", "长林村"],
        [2, "白水村党支部", "甲二", "女", "组织委员", "白水村"],
        [3, "柳塘镇机关党支部", "甲三", "男", None, "长林村"],
    ],
)
placed_truth(
    "f-party-roll",
    "party_members",
    [
        {
            "row": 3,
            "expect": "create",
            "name": "甲一",
            "organisation": BRANCHES[0]["name"],
            "village": "长林村民委员会",
            "role": "secretary",
        },
        {
            "row": 4,
            "expect": "create",
            "name": "甲二",
            "organisation": BRANCHES[1]["name"],
            "village": "白水村民委员会",
            "role": "committee_member",
        },
        refuse(5, "organisation", "柳塘镇机关党支部 is not set up"),
    ],
    party_organisations=BRANCHES,
)

# 7: a 党员联户 ledger: 党员姓名, 联系户户主, 联户时间 2024.3.
save(
    "g-party-links",
    [
        ["柳塘镇党员联系户台账"],
        ["序号", "村（社区）", "党员姓名", "联系户户主", "家庭住址", "联户时间"],
        [1, "长林村", "甲一", "乙一", "长林村一组1号", "2024.3"],
        [2, "长林村", "甲九", "乙二", "长林村一组2号", "2024.3"],
    ],
)
placed_truth(
    "g-party-links",
    "party_links",
    [
        {
            "row": 3,
            "expect": "create",
            "head_name": "乙一",
            "member": "甲一",
            "village": "长林村民委员会",
        },
        refuse(4, "member", "甲九 is no party member of 长林村"),
    ],
    party_organisations=BRANCHES,
    members=[{"name": "甲一", "organisation": BRANCHES[0]["name"], "village": "长林村民委员会"}],
)

# 8: monitored households: 乡镇 and 村, 监测对象类别, the income year in its heading, a 注.
save(
    "h-monitored-households",
    [
        ["防止返贫监测对象信息台账"],
        [
            "序号",
            "乡镇",
            "村",
            "户主姓名",
            "身份证号码",
            "家庭人口数",
            "监测对象类别",
            "2025年家庭人均纯收入（元）",
            "风险类型",
            "纳入监测时间",
            "帮扶责任人",
        ],
        [
            1,
            "柳塘镇",
            "白水村",
            "丙一",
            id_number("32112219580301001"),
            3,
            "脱贫不稳定户",
            "9,120",
            "因病",
            "2025.04.12",
            "丁一",
        ],
        [
            2,
            "柳塘镇",
            "长林村",
            "丙二",
            "3211221955010100",
            1,
            "边缘易致贫户",
            8000,
            "因病",
            "2025-03-01",
            "丁一",
        ],
        ["注：身份证号码须为18位。"],
    ],
)
placed_truth(
    "h-monitored-households",
    "households",
    [
        {
            "row": 3,
            "expect": "create",
            "head_name": "丙一",
            "village": "白水村民委员会",
            "household_type": "unstable",
            "members": 3,
            "income_year": 2025,
            "income_per_capita": 9120,
        },
        refuse(4, "id_number", "16 digits"),
        none(5, "注"),
    ],
)

# 9: a facility list: 村名, 设施类别 in offices' words, a type not in the catalogue.
save(
    "i-facilities",
    [
        ["柳塘镇农村公共基础设施管护清单"],
        ["序号", "村名", "设施类别", "设施名称", "管护责任人"],
        [1, "长林村", "农村公路", "长林通村公路", "甲一"],
        [2, "东塘社区", "公厕", "东塘公厕", "甲二"],
        [3, "白水村", "文化广场", "白水广场", "甲二"],
    ],
)
placed_truth(
    "i-facilities",
    "facilities",
    [
        {
            "row": 3,
            "expect": "create",
            "name": "长林通村公路",
            "village": "长林村民委员会",
            "type": "农村道路",
        },
        {
            "row": 4,
            "expect": "create",
            "name": "东塘公厕",
            "village": "东塘社区居民委员会",
            "type": "公共厕所",
        },
        refuse(5, "type", "文化广场 is no type of the catalogue"),
    ],
)

# 10: a debt ledger: 合同编号, 债务单位 县城投公司, 债务类型 naming kinds, 债务余额, 合计.
save(
    "j-debt-ledger",
    [
        ["青禾县融资平台公司债务明细表"],
        [None, None, None, None, None, None, None, "单位：万元"],
        [
            "序号",
            "合同编号",
            "债务单位",
            "债务类型",
            "借款日期",
            "到期日期",
            "年利率",
            "借款金额",
            "债务余额",
        ],
        [
            1,
            "QH-2021-01",
            "县城投公司",
            "银行贷款",
            "2021-07-01",
            "2029/6/30",
            "4.35%",
            20000,
            16000,
        ],
        [2, "QH-2022-03", "县交投公司", "融资租赁", "2022-01-10", "2027-01-09", 5.8, 3000, 1800],
        ["合计", None, None, None, None, None, None, 23000, 17800],
    ],
)
placed_truth(
    "j-debt-ledger",
    "debt",
    [
        {
            "row": 4,
            "expect": "create",
            "id": "QH-2021-01",
            "entity": "青禾县城市建设投资有限公司",
            "kind": "bank_loan",
            "principal": 16000,
            "rate": 4.35,
            "maturity": "2029-06-30",
        },
        refuse(5, "entity", "县交投公司 is no debt entity"),
        none(6, "合计"),
    ],
    debt_entities=[
        {"name": "青禾县城市建设投资有限公司", "kind": "platform", "unit": "青禾县财政局"}
    ],
)

# 11: observations in the import's own columns, under a title, with a unit written short.
save(
    "k-observations",
    [
        ["2026年1月各镇指标报表"],
        ["指标名称", "计量单位", "地区", "期间", "数值", "来源"],
        ["规上工业增加值", "亿元", "青禾县柳塘镇人民政府", "2026-01", 1.26, "统计局"],
        ["规上工业增加值", "亿元", "白沙镇人民政府", "2026-01", 0.8, "统计局"],
    ],
)
placed_truth(
    "k-observations",
    "observations",
    [
        {
            "row": 3,
            "expect": "create",
            "indicator": "规上工业增加值",
            "unit": "青禾县柳塘镇人民政府",
            "period": "2026-01",
            "value": 1.26,
        },
        refuse(4, "unit", "白沙镇 is no unit of the county"),
    ],
    indicators=[
        {
            "code": "GY-01",
            "name": "规上工业增加值",
            "unit": "亿元",
            "dimension": "total",
            "frequency": "month",
        }
    ],
)


# 12: a town's coverage sheet: no codes, the schemes side by side, the town in the title.
save(
    "l-coverage",
    [
        ["柳塘镇2026年全民参保情况表"],
        ["单位：人"],
        ["序号", "村（社区）", "户籍人口", "基本养老保险参保人数", "基本医疗保险参保人数"],
        [1, "白水村", 1240, 1190, 1229],
        [2, "东岗村", 760, 700, 751],
        ["合计", None, 2000, 1890, 1980],
    ],
)
placed_truth(
    "l-coverage",
    "coverage",
    [
        {
            "row": 4,
            "expect": "create",
            "village": "白水村民委员会",
            "town": "青禾县柳塘镇人民政府",
            "registered": 1240,
            "pension": 1190,
            "medical": 1229,
        },
        refuse(5, "village", "东岗村 is no village of the county"),
        none(6, "合计"),
    ],
)

# 13: a town's 帮扶措施台账: 计划完成时间, kinds as ledgers write them, two units in a cell.
MEASURED = id_number("32112219600301002")
save(
    "m-measures",
    [
        ["柳塘镇2026年防止返贫监测对象帮扶措施台账"],
        [
            "序号",
            "村（社区）",
            "户主姓名",
            "身份证号码",
            "帮扶措施类型",
            "帮扶措施",
            "帮扶单位",
            "计划完成时间",
        ],
        [1, "白水村", "丙三", MEASURED, "综合保障", "纳入农村低保", "县财政局", "2026年4月"],
        [
            2,
            "白水村",
            "丙三",
            MEASURED,
            "住房安全保障",
            "危房改造",
            "县住建局、柳塘镇",
            "2026年10月底",
        ],
        [
            3,
            "白水村",
            "丙四",
            id_number("32112219700101003"),
            "就业帮扶",
            "公益性岗位",
            "县财政局",
            "2026年5月",
        ],
    ],
)
placed_truth(
    "m-measures",
    "measures",
    [
        {
            "row": 3,
            "expect": "create",
            "household": "丙三",
            "kind": "social",
            "description": "纳入农村低保",
            "lead_unit": "青禾县财政局",
            "deadline": "2026-04-30",
        },
        {
            "row": 4,
            "expect": "create",
            "household": "丙三",
            "kind": "housing",
            "description": "危房改造",
            "lead_unit": "青禾县住房和城乡建设局",
            "deadline": "2026-10-31",
        },
        refuse(5, "id_number", "丙四 is no monitored household"),
    ],
    households=[{"head_name": "丙三", "id_number": MEASURED, "village": "白水村民委员会"}],
)

# 14: a monthly investment progress sheet (重点项目投资进度表) over the ledger's projects:
# a two-row header with 投资情况（亿元） merged over its figures, a section, 合计, a project
# not in the ledger.
save(
    "n-investment-progress",
    [
        ["青禾县2026年1月重点项目投资进度表"],
        ["序号", "项目名称", "所在镇（街道）", "投资情况（亿元）", None, "形象进度"],
        [None, None, None, "2026年计划投资", "1月完成投资", None],
        ["一、产业项目"],
        [1, "精密轴承生产线项目", "石桥镇", 1.2, 0.05, "桩基施工"],
        [2, "屋顶光伏项目", "柳塘镇", 0.3, 0.012, "组件进场"],
        [3, "禾田农机仓储项目", "柳塘镇", 0.2, 0.01, "场地平整"],
        ["合计", None, None, 1.7, 0.072, None],
    ],
    merges=["D2:E2", "A2:A3", "B2:B3", "C2:C3", "F2:F3"],
)
truth(
    "n-investment-progress",
    "investment",
    [
        none(4, "section"),
        {
            "row": 5,
            "expect": "create",
            "name": "精密轴承生产线项目",
            "town": "青禾县石桥镇人民政府",
            "planned": 12000,
            "completed": 500,
            "period": "2026-01",
            "progress": "桩基施工",
        },
        {
            "row": 6,
            "expect": "create",
            "name": "屋顶光伏项目",
            "town": "青禾县柳塘镇人民政府",
            "planned": 3000,
            "completed": 120,
            "period": "2026-01",
            "progress": "组件进场",
        },
        refuse(7, "name", "禾田农机仓储项目 is no project of the ledger"),
        none(8, "合计"),
    ],
)
path = HERE / "n-investment-progress.json"
data = json.loads(path.read_text())
data["projects"] = [
    {"name": "精密轴承生产线项目", "town": "青禾县石桥镇人民政府", "total": 32000},
    {"name": "屋顶光伏项目", "town": "青禾县柳塘镇人民政府", "total": 8600},
]
path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")

# 15: a 整改台账: the problem (存在问题) as the task and its 整改措施 as the detail,
# 整改责任单位 with a person in brackets, 整改时限 立行立改 and 持续整改, a 责任人 column, 注.
save(
    "o-tasks-rectification",
    [
        ["青禾县审计查出问题整改台账"],
        ["序号", "存在问题", "整改措施", "整改责任单位", "责任人", "整改时限"],
        [1, "部分非税收入未及时缴库", "立即缴入国库", "县财政局（甲某）", "甲某", "立行立改"],
        [2, "专项债券资金闲置", "加快项目资金支付", "县发改局、县财政局", "乙某", "持续整改"],
        [3, "政府采购未按规定公开招标", "规范采购程序", "县住建局", "丙某", "2026年6月底前"],
        ["注：整改时限以县审计局审定为准。"],
    ],
    merges=["A1:F1", "A6:F6"],
)
truth(
    "o-tasks-rectification",
    "tasks",
    [
        task(3, "部分非税收入未及时缴库", "财政局", "2026-02-28"),
        task(4, "专项债券资金闲置", "发展和改革局", "long_running", co=["青禾县财政局"]),
        task(5, "政府采购未按规定公开招标", "住房和城乡建设局", "2026-06-30"),
        none(6, "注"),
    ],
)

# 16: a 督查事项台账 kept for months: 交办时间 (the items handed out in the autumn, two of them
# overdue on the import day), 办理情况 (已办结 and 已化解 are done and left out; 正在推进 and
# 已完成前期工作 are progress), an overdue item without its 交办时间 and one handed out after
# the import day (both refused), 注.
save(
    "p-tasks-months",
    [
        ["青禾县政府督查室督查事项台账"],
        ["序号", "督查事项", "承办单位", "交办时间", "办结时限", "办理情况"],
        [1, "推进城北污水管网改造", "县住建局", "2025年10月8日", "2025年12月31日", "正在推进"],
        [2, "清理拖欠企业账款", "县财政局", "2025年11月3日", "2026年1月15日", "已办结"],
        [3, "农村公路危桥改造", "县交通运输局", None, "2025年12月20日", "未完成"],
        [4, "规范国有资产出租", "县财政局", "2025年9月1日", "2026年6月30日", "已完成前期工作"],
        [5, "完善自然资源执法巡查", "县自然资源局", "2026年3月1日", "2026年6月30日", "正在推进"],
        [
            6,
            "化解不动产登记遗留问题",
            "县自然资源局、各镇（街道）",
            "2025-08-15",
            "2025-11-30",
            "已化解",
        ],
        [
            7,
            "整治城区主干道破损路面",
            "县交通运输局、城东街道",
            "2025/11/20",
            "2026年1月20日",
            "正在推进",
        ],
        ["注：办理情况填写“已办结”“正在推进”“未完成”。"],
    ],
    merges=["A1:F1", "A10:F10"],
)
truth(
    "p-tasks-months",
    "tasks",
    [
        {
            **task(3, "推进城北污水管网改造", "住房和城乡建设局", "2025-12-31"),
            "created_on": "2025-10-08",
        },
        {"row": 4, "expect": "done"},
        refuse(5, "deadline", "overdue (2025-12-20) and no 交办时间"),
        {**task(6, "规范国有资产出租", "财政局", "2026-06-30"), "created_on": "2025-09-01"},
        refuse(7, "handed_out", "handed out after the import day (2026-03-01)"),
        {"row": 8, "expect": "done"},
        {
            **task(
                9, "整治城区主干道破损路面", "交通运输局", "2026-01-20", co=["青禾县城东街道办事处"]
            ),
            "created_on": "2025-11-20",
        },
        none(10, "注"),
    ],
)
