"""The Yangzhong (扬中市) demo org tree.

Real facts carry their source; everything made up is flagged ``is_illustrative`` and
shows as 示例 on the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mingzhu.org.choices import UnitKind

SRC_DIVISION = "国家统计局统计用区划代码（扬中市 321182）"
SRC_CITY = "扬中市人民政府网站，行政区划"
LOCAL_CODE = "本地编码；官方 12 位区划代码待核实"


@dataclass
class Unit:
    code: str
    name: str
    kind: str
    children: list[Unit] = field(default_factory=list)
    short_name: str = ""
    illustrative: bool = False
    source: str = ""


def _grids(prefix: str, town: str, count: int) -> list[Unit]:
    return [
        Unit(f"{prefix}-G{n:02d}", f"{town}第{n}网格", UnitKind.GRID, illustrative=True)
        for n in range(1, count + 1)
    ]


def _villages(prefix: str, names: list[tuple[str, str]], grids: int = 2) -> list[Unit]:
    units = []
    for n, (name, kind) in enumerate(names, start=1):
        code = f"{prefix}-V{n:02d}"
        units.append(Unit(code, name, kind, _grids(code, name, grids), illustrative=True))
    return units


V, C = UnitKind.VILLAGE, UnitKind.COMMUNITY

TOWNS = [
    Unit(
        "321182001000",
        "三茅街道",
        UnitKind.STREET,
        _villages("321182001000", [("新坝路社区", C), ("永胜村", V), ("联合村", V)]),
        short_name="三茅",
        source=SRC_DIVISION,
    ),
    Unit(
        "YZ-XINGLONG",
        "兴隆街道",
        UnitKind.STREET,
        _villages("YZ-XINGLONG", [("兴隆社区", C), ("光明村", V)]),
        short_name="兴隆",
        source=LOCAL_CODE,
    ),
    Unit(
        "YZ-XINBA",
        "新坝镇",
        UnitKind.TOWN,
        _villages("YZ-XINBA", [("新坝社区", C), ("立新村", V), ("新治村", V)]),
        short_name="新坝",
        source=LOCAL_CODE,
    ),
    Unit(
        "YZ-YOUFANG",
        "油坊镇",
        UnitKind.TOWN,
        _villages("YZ-YOUFANG", [("油坊社区", C), ("长江村", V)]),
        short_name="油坊",
        source=LOCAL_CODE,
    ),
    Unit(
        "YZ-BAQIAO",
        "八桥镇",
        UnitKind.TOWN,
        _villages("YZ-BAQIAO", [("八桥社区", C), ("同德村", V)]),
        short_name="八桥",
        source=LOCAL_CODE,
    ),
    Unit(
        "YZ-XILAIQIAO",
        "西来桥镇",
        UnitKind.TOWN,
        _villages("YZ-XILAIQIAO", [("西来桥社区", C), ("东来村", V)]),
        short_name="西来桥",
        source=LOCAL_CODE,
    ),
    Unit("YZ-EDZ", "扬中经济开发区", UnitKind.ZONE, short_name="经开区", source=SRC_CITY),
    Unit("YZ-HTZ", "扬中高新技术产业开发区", UnitKind.ZONE, short_name="高新区", source=SRC_CITY),
]

DEPARTMENTS = [
    ("DB", "市委办公室督查室", "督查室"),
    ("FGW", "发展和改革委员会", "发改委"),
    ("GXJ", "工业和信息化局", "工信局"),
    ("SWJ", "商务局", "商务局"),
    ("CZJ", "财政局", "财政局"),
    ("ZRZY", "自然资源和规划局", "资规局"),
    ("STHJ", "生态环境局", "生态环境局"),
    ("ZJJ", "住房和城乡建设局", "住建局"),
    ("CGJ", "城市管理局", "城管局"),
    ("YJJ", "应急管理局", "应急局"),
    ("NYNC", "农业农村局", "农业农村局"),
    ("RSJ", "人力资源和社会保障局", "人社局"),
    ("MZJ", "民政局", "民政局"),
    ("XFJ", "信访局", "信访局"),
    ("TJJ", "统计局", "统计局"),
    ("SCJG", "市场监督管理局", "市场监管局"),
    ("SWZX", "市社会治理现代化指挥中心", "指挥中心"),
    ("ZZB", "市委组织部", "组织部"),
    ("WMB", "市文明办", "文明办"),
]

COMPANIES = [
    # An illustrative enterprise account, placed under its town.
    ("YZ-XINBA", Unit("YZ-CO-0001", "扬中示例电气有限公司", UnitKind.COMPANY, illustrative=True)),
    # Illustrative financing platform companies, under the finance bureau that supervises
    # them: their debt's rectification tasks go to the company itself.
    *[
        (
            "YZ-DEPT-CZJ",
            Unit(code, name, UnitKind.COMPANY, short_name=short, illustrative=True),
        )
        for code, name, short in (
            ("YZ-PT-CT", "扬中示例城市建设投资集团有限公司", "示例城投"),
            ("YZ-PT-JT", "扬中示例交通产业投资有限公司", "示例交投"),
            ("YZ-PT-XC", "扬中示例新城开发建设有限公司", "示例新城"),
        )
    ],
]

CITY = Unit(
    "321182000000",
    "扬中市",
    UnitKind.CITY,
    [
        *TOWNS,
        *[
            Unit(f"YZ-DEPT-{code}", name, UnitKind.DEPARTMENT, short_name=short, source=SRC_CITY)
            for code, name, short in DEPARTMENTS
        ],
    ],
    short_name="扬中",
    source=SRC_DIVISION,
)

# Peer counties the city benchmarks itself against (outside the city's tree).
PEERS = [
    Unit("320281000000", "江阴市", UnitKind.PEER, source=SRC_DIVISION),
    Unit("320582000000", "张家港市", UnitKind.PEER, source=SRC_DIVISION),
    Unit("320583000000", "昆山市", UnitKind.PEER, source=SRC_DIVISION),
    Unit("321181000000", "丹阳市", UnitKind.PEER, source=SRC_DIVISION),
]
