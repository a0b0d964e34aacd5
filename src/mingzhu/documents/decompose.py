"""Decomposition of a policy text into sections, items (tasks) and targets.

A pure module: text in, dataclasses out. No database, no clock, no network. Every rule is a
regular expression or an explicit list, and every result carries the span of the text it
was found in and the rule or keyword that fired, so the office can see why a row is there.

The steps, in order:

1. ``join_lines``: text extracted from PDF breaks lines in the middle of sentences. Lines
   are joined back unless a line ends a paragraph (it ends with a full stop and is shorter
   than the page width, or it is a short title line), page separators are dropped.
2. ``split_header``: the title (first short line) and the author lines after it.
3. ``find_structure``: sections and their items, from "一、"/"（一）"/"1." headings at the
   start of paragraphs, or inside a paragraph from "一是……二是……" and parallel heads
   (three or more short sentences opening the same way).
4. ``find_targets``: quantitative commitments (indicator, comparator, value, unit,
   deadline) and dated qualitative ones ("确保 2023 年创成全国文明城市").
5. ``suggest_lead``: each item's lead unit from the keyword table.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from mingzhu.core.periods import chinese_number, item_deadline, month_end  # noqa: F401

# ---------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class LeadRule:
    """One row of the keyword → lead unit table (the order is the priority)."""

    keyword: str
    unit_name: str
    unit_code: str = ""


@dataclass
class Item:
    code: str  # "2.3": section 2, item 3
    section: int
    number: int
    title: str
    text: str
    start: int  # span in Decomposition.text
    end: int
    rule: str  # the enumeration that found it: "一是", "（一）", "1.", "parallel:必须" …
    heading: str = ""  # the heading that groups it inside its section ("（一）招商引资")
    lead_unit: str = ""
    lead_unit_code: str = ""
    keyword: str = ""  # the keyword of the lead-unit table that fired
    keyword_in: str = ""  # "title" or "text"
    # Units the text names itself ("（牵头单位：X；责任单位：Y、Z）", "X牵头，Y配合", a heading
    # "X牵头工作"): the lead, the co-operating units, the responsible leader, the words.
    named_lead: str = ""
    named_co: list[str] = field(default_factory=list)
    named_leader: str = ""
    unit_words: str = ""
    deadline: dt.date | None = None
    deadline_words: str = ""
    long_running: bool = False  # 长期坚持, 持续推进, 每年 …: no single deadline


@dataclass
class Section:
    number: int
    title: str
    start: int
    end: int
    rule: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Target:
    indicator: str
    comparator: str | None  # ">", ">=", "<=", "<", "=" or None (qualitative)
    value: Decimal | None
    unit: str
    deadline: dt.date | None
    text: str  # the sentence
    start: int  # span of the commitment itself in Decomposition.text
    end: int
    rule: str  # the words that fired: "突破", "以上", "下降", "确保…创成" …
    deadline_rule: str = ""  # the words the deadline was read from
    change: str = ""  # "increase" / "decrease" for change targets (增长/下降 X%)
    item_code: str = ""  # the item whose text holds it


@dataclass
class Decomposition:
    title: str
    author: str
    affiliation: str
    text: str  # the joined text; every span points into it
    year: int | None  # the document's year: its date line, 文号 or title, else its body
    sections: list[Section]
    targets: list[Target]
    issued_on: dt.date | None = None  # the date line (落款)
    doc_number: str = ""  # the 文号 (国发〔2020〕6号)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


class DecompositionError(ValueError):
    """The text cannot be decomposed (empty, or nothing but blanks)."""


# ---------------------------------------------------------------------------------------
# Default keyword → lead unit table (the office edits its copy in the database).

DEFAULT_RULES: tuple[LeadRule, ...] = (
    LeadRule("文明城市", "市文明办", "YZ-DEPT-WMB"),
    LeadRule("文明创建", "市文明办", "YZ-DEPT-WMB"),
    LeadRule("文明实践", "市文明办", "YZ-DEPT-WMB"),
    LeadRule("环保督察", "生态环境局", "YZ-DEPT-STHJ"),
    LeadRule("散乱污", "生态环境局", "YZ-DEPT-STHJ"),
    LeadRule("臭氧", "生态环境局", "YZ-DEPT-STHJ"),
    LeadRule("安全生产", "应急管理局", "YZ-DEPT-YJJ"),
    LeadRule("防洪", "应急管理局", "YZ-DEPT-YJJ"),
    LeadRule("信访", "信访局", "YZ-DEPT-XFJ"),
    LeadRule("债务", "财政局", "YZ-DEPT-CZJ"),
    LeadRule("平台公司", "财政局", "YZ-DEPT-CZJ"),
    LeadRule("智改数转", "工业和信息化局", "YZ-DEPT-GXJ"),
    LeadRule("高企", "工业和信息化局", "YZ-DEPT-GXJ"),
    LeadRule("亩均", "工业和信息化局", "YZ-DEPT-GXJ"),
    LeadRule("人才", "人力资源和社会保障局", "YZ-DEPT-RSJ"),
    LeadRule("就业", "人力资源和社会保障局", "YZ-DEPT-RSJ"),
    LeadRule("参保", "人力资源和社会保障局", "YZ-DEPT-RSJ"),
    LeadRule("乡村", "农业农村局", "YZ-DEPT-NYNC"),
    LeadRule("人居环境", "农业农村局", "YZ-DEPT-NYNC"),
    LeadRule("招商", "商务局", "YZ-DEPT-SWJ"),
    LeadRule("项目", "发展和改革委员会", "YZ-DEPT-FGW"),
    LeadRule("营商环境", "发展和改革委员会", "YZ-DEPT-FGW"),
    LeadRule("教育", "教育局", ""),
    LeadRule("医疗", "卫生健康委员会", ""),
    LeadRule("党建", "市委组织部", "YZ-DEPT-ZZB"),
)

# Indicator names in texts → the catalogue's name (GDP ↔ 地区生产总值).
INDICATOR_ALIASES: dict[str, str] = {
    "GDP": "地区生产总值",
    "国内生产总值": "地区生产总值",
    "生产总值": "地区生产总值",
    "地区生产总值": "地区生产总值",
    "一般公共预算收入": "一般公共预算收入",
    "财政一般公共预算收入": "一般公共预算收入",
    "工业应税销售": "工业应税销售",
    "百亿企业": "百亿企业数",
    "百亿企业数": "百亿企业数",
    "常住人口": "常住人口",
    "人均GDP": "人均地区生产总值",
    "人均地区生产总值": "人均地区生产总值",
    "单位GDP能耗": "单位地区生产总值能耗",
    "单位地区生产总值能耗": "单位地区生产总值能耗",
}


def catalogue_name(indicator: str) -> str:
    """The catalogue name an indicator named in a text stands for (itself if unknown)."""
    key = re.sub(r"\s+", "", indicator)
    return INDICATOR_ALIASES.get(key, key)


# ---------------------------------------------------------------------------------------
# 1. Joining lines

TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》"
_SEPARATOR = re.compile(
    r"^(?:-{3,}|\*{3,}|_{3,}|={3,}|[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$"
)
_HEADING_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}(?:[.．](?!\d)|、)|[（(]\d{1,2}[)）])"
)
# Full-width digits, and the small full stop some pages number rows with ("1﹒…").
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９﹒", "0123456789．")
# The emoji a post or a chat reprint puts after its lines ("…增长8%和9%。📈💪",
# "展望2024年工作目标🎯"): no part of the text, and they hide where its sentences end.
_EMOJI = re.compile("[\U0001f300-\U0001faff\ufe0f]+")


class _CharWidths(dict):
    """Printed width of each character met so far (looked up once per character)."""

    def __missing__(self, c: str) -> int:
        width = self[c] = 0 if c.isspace() else 2 if unicodedata.east_asian_width(c) in "WFA" else 1
        return width


_CHAR_WIDTHS = _CharWidths()


def _width(line: str) -> int:
    """Printed width: CJK and ambiguous-width marks count two, other characters one,
    spaces none (PDF text carries spaces the page does not show)."""
    return sum(map(_CHAR_WIDTHS.__getitem__, line))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


WRAP_MAX = 130  # the widest a page wraps its lines at, read from a few lines (65 characters)


def _wrap_width(widths: list[int]) -> float | None:
    """The page width when the text is hard-wrapped (most lines about as wide as the
    widest), else None."""
    long = [w for w in widths if w > 0]
    if len(long) < 5:
        return None
    top = sorted(long)[int(len(long) * 0.9)]
    body = [w for w in long if w >= 0.6 * top]
    width = statistics.median(body)
    near = sum(1 for w in long if 0.9 * width <= w <= 1.1 * width)
    if near >= 0.5 * len(long) and (width <= WRAP_MAX or len(long) >= 10):
        # (a few paragraphs of a news page, each a long line, are no page wrapped at 80
        # characters: a wrap that wide is believed on ten lines or more)
        return width
    # A page's lines (at most 50 characters wide, eight of them at least) among short ones
    # (a sharing site's counters, a title): the short lines are no lines of the wrapped body.
    lines = sum(1 for w in long if w >= 0.3 * top)
    return width if width <= 100 and near >= max(8, 0.5 * lines) else None


# Texts copied from pages in traditional characters: the words the rules look for are
# read in either form (實施 as 实施, 萬畝 as 万亩).
_S2T = str.maketrans(
    "实设开创举组织现进项处亩万亿户辆张台条场间对吨顷个达于过内长减级产养训装扩复网务营动认办园区农业兴发车层医卫疗调盘额资样馆镇县"
    "规团总称责单时计划阶标购备预确争将体导则领拟",
    "實設開創舉組織現進項處畝萬億戶輛張臺條場間對噸頃個達於過內長減級產養訓裝擴復網務營動認辦園區農業興發車層醫衛療調盤額資樣館鎮縣"
    "規團總稱責單時計劃階標購備預確爭將體導則領擬",
)
_T2S = str.maketrans(
    "實設開創舉組織現進項處畝萬億戶輛張臺條場間對噸頃個達於過內長減級產養訓裝擴復網務營動認辦園區農業興發車層醫衛療調盤額資樣館鎮縣"
    "規團總稱責單時計劃階標購備預確爭將體導則領擬",
    "实设开创举组织现进项处亩万亿户辆张台条场间对吨顷个达于过内长减级产养训装扩复网务营动认办园区农业兴发车层医卫疗调盘额资样馆镇县"
    "规团总称责单时计划阶标购备预确争将体导则领拟",
)


def _tw(alternation: str) -> str:
    """An alternation "a|b" with the traditional form of each word added."""
    words = alternation.split("|")
    return "|".join(dict.fromkeys(words + [w.translate(_S2T) for w in words]))


# A 任务分解表 copied from a web page arrives one cell a line: "序号", the headers, then
# each row's number, task, units and time limit on lines of their own.
_TABLE_NUMBER = re.compile(r"^(?:序号|编号|序號|編號)$")
_TABLE_TASK = ("任务", "工作", "事项", "内容", "举措", "措施", "实事", "项目", "指标名称")
_TABLE_UNIT = ("牵头", "单位", "部门", "科室", "责任")
_TABLE_END = re.compile(r"^(?:附件|[一二三四五六七八九十]+、)")
# A date line under the table: the 落款 of a text that ends with its table.
_TABLE_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_TIME_CELL = re.compile(
    r"^(?:\d{4}\s*年)?\s*\d{1,2}\s*月|^\d{4}\s*[.．]\s*\d{1,2}(?:\s*[-—–~～至]\s*\d{4}\s*[.．]\s*\d{1,2})?$|"
    r"年底|年内|年內|全年|季度|上半年|下半年|长期|持续|常态化|每年|"
    r"^(?:19|20)\d{2}\s*年$"  # a bare year ("2018年"): that year's end
)


_AMOUNT_CELL = re.compile(r"^\d+(?:\.\d+)?$")


def _cell_kind(cell: str) -> str:
    bare = cell.rstrip("。")
    if (
        bare != cell
        and "。" not in bare
        and all(_UNIT_CELL.match(n) or n.startswith("各") for n in re.split("[、，,]", bare))
    ):
        return "unit"  # "区投资促进中心。": a cell of units closed by a full stop
    if "。" in cell or len(cell) > 24:
        return "task"
    if _TIME_CELL.search(cell):
        return "time"
    return "unit"


def _merge_header(words: list[str], width: int) -> list[str]:
    """Header words broken over lines joined back into ``width`` columns: a bracket
    ("总投资" "(万元)") to the word before it, then the shortest neighbours first, the later
    pair on a tie ("责任" "领导" → "责任领导")."""
    words = list(words)
    k = 1
    while k < len(words) and len(words) > width:
        if words[k][:1] in "（(":
            words[k - 1 : k + 1] = [words[k - 1] + words[k]]
        else:
            k += 1
    while len(words) > width:
        best = min(range(len(words) - 1), key=lambda i: (len(words[i]) + len(words[i + 1]), -i))
        words[best : best + 2] = [words[best] + words[best + 1]]
    return words


_GROUP_ROW = re.compile(r"^[一二三四五六七八九十]+、")
# A group row of either level, "一、…" or "（一）…".
_ANY_GROUP_ROW = re.compile(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]{1,3}[)）]\S")
# A group's number in a cell of its own, its name in the next ("一" "主要任务", "(一)"
# "构建…体系"): one group row.
_GROUP_MARK_CELL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}|[（(][一二三四五六七八九十]{1,3}[)）])$"
)


def _group_marks_joined(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A group's number and name standing in cells of their own joined into one group row
    ("一、主要任务", "（一）构建…体系"), when a row's number or another group follows."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(cells):
        n, cell = cells[k]
        if (
            _GROUP_MARK_CELL.match(cell)
            and k + 2 < len(cells)
            and 2 <= len(name := cells[k + 1][1]) <= 40
            and "。" not in name
            and not _ROW_NUMBER.match(name)
            and not _GROUP_MARK_CELL.match(name)
            and (_ROW_NUMBER.match(cells[k + 2][1]) or _GROUP_MARK_CELL.match(cells[k + 2][1]))
        ):
            mark = cell.strip("（()）")
            out.append((n, f"{mark}、{name}" if cell == mark else f"（{mark}）{name}"))
            k += 2
            continue
        out.append((n, cell))
        k += 1
    return out


def _names_rejoined(rows: list[list[str]]) -> list[list[str]]:
    """Rows of a table with many columns whose first cell, a name, the page broke over
    lines ("城市用气" "提升工程"): the row with more cells than the others has its first
    short cells joined back, when that makes every row as wide."""
    widths = {len(row) for row in rows}
    if len(widths) < 2 or (width := min(widths)) < 4:
        return rows
    out = []
    for row in rows:
        extra = len(row) - width
        if extra and all(len(c) <= 12 and "。" not in c for c in row[: extra + 1]):
            row = ["".join(row[: extra + 1]), *row[extra + 1 :]]
        if len(row) != width:
            return rows
        out.append(row)
    return out


def _units_rejoined(row: list[str]) -> list[str]:
    """A unit the page broke over two cells ("区新兴产业" "服务中心") joined back."""
    out: list[str] = []
    for cell in row:
        if (
            out
            and _UNIT_CELL.match(cell)
            and not _UNIT_CELL.match(out[-1])
            and len(out[-1]) <= 10
            and out[-1][0] in "区县市州镇乡區縣鎮鄉"  # a unit's name opens with its level
            and _cell_kind(out[-1]) == "unit"
            and _UNIT_CELL.match(out[-1] + cell)
            and len(out) >= 2  # (not the project's name before its first unit)
        ):
            out[-1] += cell
        else:
            out.append(cell)
    return out


def _plain(header: str) -> str:
    return "".join(header.split()).translate(_PLAIN)


_CELL_THEN_NUMBER = re.compile(r"^(.*\S)\s*[|｜]\s*(\d{1,3})$")
# The name of a unit in a lead cell ("区卫健局", "区消防救援大队", "团区委").
_UNIT_CELL = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,20}"
    + f"(?:{_tw('局|委|办|队|会|院|中心|政府|办事处|街道|公司|集团|部|所|站|处|镇|乡')})$"
)
_NUMERALS = "一二三四五六七八九十"
# Headers of a table's column of leaders and of its column of categories.
_LEADER_HEADS = ("领导", "領導")
_CATEGORY_HEADS = ("指标", "类别", "领域", "类型")
# A person's name in a cell of its own: two to four characters, a space between the
# family name and a one-character given name ("周 斐").
_PERSON_CELL = re.compile(
    r"^[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}$"
    r"(?<![股室馆館科组組局委办辦队隊会會院所站处處镇鎮乡鄉村司部厅廳])"
)


def _rows_by_lead(
    rows: list[list[str]], header: list[str]
) -> tuple[list[str], list[tuple[str, list[str]]]] | None:
    """Rows of a table one cell a line whose last column holds any number of co-units, one
    a line (or "/" for none), read from their lead cell: the cells before it are the
    columns before the lead column; a row one cell short there lacks the first column,
    a group the page merged over the rows below its first ("事项分类"), which becomes a
    group heading. None when the rows do not read so."""
    plain = [_plain(h) for h in header]
    lead = next((i for i, h in enumerate(plain) if "牵头" in h), None)
    if (
        lead is None
        or lead != len(header) - 2
        or not any(w in plain[-1] for w in TABLE_COLUMNS["co"])
    ):
        return None
    read: list[tuple[bool, list[str]]] = []
    for row in rows:
        if lead >= 2 and len(row) > lead - 1 and _UNIT_CELL.match(row[lead - 1]):
            read.append((False, row[:lead] + ["、".join(c for c in row[lead:] if c != "/")]))
        elif len(row) > lead and _UNIT_CELL.match(row[lead]):
            read.append(
                (True, row[: lead + 1] + ["、".join(c for c in row[lead + 1 :] if c != "/")])
            )
        else:
            return None
    if all(full for full, _row in read):
        return header, [("", row) for _full, row in read]
    if not read[0][0]:
        return None
    # The first column is a merged group: its cell heads the rows down to the next one.
    return header[1:], [(row[0], row[1:]) if full else ("", row) for full, row in read]


_ROW_NUMBER = re.compile(r"^\d{1,3}$")

# A Word table a document-sharing page flattened without any separator: the header words
# run together after 序号, each row its number, name and content, then the leader, the lead
# unit and the co-units, run together too ("1增加…供给实施…。何某某教育局…街道2促进…").
_RUN_HEADER_WORD = (
    r"项目名称|任务名称|实事名称|工作任务|主要内容|工作内容|具体内容|目标任务|"
    r"[区县市]政府分管领导|分管领导|责任领导|牵头领导|牵头单位|责任单位|配合单位|协办单位|"
    r"完成时限|完成时间"
)
_RUN_HEADER = re.compile(rf"序号(?P<words>(?:{_RUN_HEADER_WORD}){{3,}})(?=1[\u4e00-\u9fff])")
_RUN_WORD = re.compile(_RUN_HEADER_WORD)
_RUN_PAGE_MARK = re.compile(r"\n\d{1,2}、")  # the page numbers of the sharing site
_RUN_UNIT_END = "局委办院司道镇区园心团府）)"
_RUN_LEAD = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:局|委员会|委|办公室|办|中心|院|公司|集团)")
_RUN_CO = re.compile(
    r"[\u4e00-\u9fff]{1,12}?(?:公司|集团|街道|政府|局|委|办|中心|区|园|镇)(?:[（(][^（()）]{1,12}[）)])?"
)
# A task's text, not a unit: it opens with a verb of work.
_RUN_NOT_UNIT = re.compile(
    r"^(?:推进|推动|完成|开展|提升|加快|实施|新建|建成|建设|改造|打造|落实|支持|组织|举办|对|为)"
)


def _run_leader_lead(text: str, at: int) -> tuple[str, str, int] | None:
    """A leader's name (two or three characters) and a lead unit run together at ``at``:
    "何某某教育局", "张某民政局" (a unit of three characters at least decides)."""
    for size in (3, 2):
        leader = text[at : at + size]
        if (
            len(leader) == size
            and re.fullmatch(r"[\u4e00-\u9fff]+", leader)
            and (m := _RUN_LEAD.match(text, at + size))
        ):
            return leader, m.group(0), m.end()
    return None


def run_together_tables(text: str) -> str:
    """Such a table rewritten as numbered rows
    "1.名称内容。（牵头单位：X；责任单位：Y、Z；牵头领导：W）"; a row holding two tasks, each
    with its own leader and lead, gives two rows; its co-units end where a verb of work
    opens the next task's text."""
    header = _RUN_HEADER.search(text) if "序号" in text else None
    if header is None or not {"牵头单位", "责任单位"} & set(
        _RUN_WORD.findall(header.group("words"))
    ):
        return text
    body = _RUN_PAGE_MARK.sub("", text[header.end() :])
    body = re.sub(rf"序号(?:{_RUN_HEADER_WORD})+", "", body).replace("\n", "")
    starts, n, at = [], 1, 0
    while (m := re.compile(rf"(?<!\d){n}(?=[\u4e00-\u9fff])").search(body, at)) is not None:
        if n > 1 and body[m.start() - 1 : m.start()] not in _RUN_UNIT_END + "。":
            at = m.end()
            continue
        starts.append(m.start())
        n, at = n + 1, m.end()
    if len(starts) < 2:
        return text
    out: list[str] = []
    for a, b in zip(starts, [*starts[1:], len(body)], strict=True):
        row = re.sub(r"^\d+", "", body[a:b])
        parts, content, k = [], "", 0
        while k < len(row):
            stop = row.find("。", k)
            if stop < 0:
                content += row[k:]
                break
            content += row[k : stop + 1]
            found = _run_leader_lead(row, stop + 1)
            if found is None:
                k = stop + 1
                continue
            leader, lead, k = found
            co = []
            while (unit := _RUN_CO.match(row, k)) and not _RUN_NOT_UNIT.match(unit.group(0)):
                co.append(unit.group(0))
                k = unit.end()
            parts.append([content, leader, lead, co])
            content = ""
        if content and parts:
            parts[-1][0] += content  # what follows the last units: the same task's text
        elif content:
            parts.append([content, "", "", []])
        for task, leader, lead, co in parts:
            notes = [f"牵头单位：{lead}"] if lead else []
            notes += [f"责任单位：{'、'.join(co)}"] if co else []
            notes += [f"牵头领导：{leader}"] if leader else []
            note = f"（{'；'.join(notes)}）" if notes else ""
            out.append(f"{len(out) + 1}.{task.rstrip('。；; ')}。{note}")
    before, _n, caption = text[: header.start()].rpartition("\n")
    caption = re.sub(r"^\d{1,2}、", "", caption.strip())  # the site's page number
    return "\n".join([*([before] if _n else []), *([caption] if caption else []), *out])


# Records of labelled fields, a label on a line (its value after it or on the lines
# below): "01 项目名称：…" "项目内容：" … "责任单位：" … "进展与成效：" ….
_RECORD_NAME = re.compile(r"^(?:(?P<n>\d{1,3})\s*)?项目名称\s*[:：]?\s*(?P<rest>.*)$")
_RECORD_LABEL = re.compile(
    r"^(?P<label>项目内容|主要内容|建设内容|具体内容|工作内容|责任单位|牵头单位|配合单位|责任部门|"
    r"完成时限|完成时间|时间节点|进展与成效|进展情况|完成情况|推进情况|工作成效)\s*[:：]?\s*(?P<rest>.*)$"
)
_RECORD_FIELDS = {
    "项目内容": "content", "主要内容": "content", "建设内容": "content", "具体内容": "content",
    "工作内容": "content", "责任单位": "units", "责任部门": "units", "牵头单位": "lead",
    "配合单位": "co", "完成时限": "time", "完成时间": "time", "时间节点": "time",
}  # fmt: skip


def labelled_records(text: str) -> str:
    """Records of labelled fields ("01 项目名称：提升县域生态环境", "项目内容：" and its text,
    "责任单位：" and the units, "进展与成效：" and a report) rewritten as the numbered rows
    "1.名称。内容（牵头单位：X；责任单位：Y；完成时限：Z）" the steps below read; what a
    record reports is left out, as a table's report columns are. Two records at least,
    one naming its units."""
    if "项目名称" not in text:
        return text
    lines = text.split("\n")
    starts = [k for k, line in enumerate(lines) if _RECORD_NAME.match(line.strip())]
    if len(starts) < 2:
        return text
    records: list[dict[str, list[str]]] = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
        record: dict[str, list[str]] = {"name": []}
        field: str | None = "name"
        rest = _RECORD_NAME.match(lines[a].strip()).group("rest")
        if rest:
            record["name"].append(rest)
        for k in range(a + 1, b):
            line = lines[k].strip()
            if not line or (_ROW_NUMBER.match(line) and k == b - 1):
                continue  # empty, or the number of the next record on a line of its own
            if m := _RECORD_LABEL.match(line):
                field = _RECORD_FIELDS.get(m.group("label"))  # None: a report, left out
                if field and m.group("rest"):
                    record.setdefault(field, []).append(m.group("rest"))
                elif field:
                    record.setdefault(field, [])
            elif field:
                record.setdefault(field, []).append(line)
        records.append(record)
    if not any(r.get("units") or r.get("lead") for r in records):
        return text
    out = []
    for n, record in enumerate(records, start=1):
        name = "".join(record["name"]).strip().rstrip("。；; ")
        if not name:
            continue
        content = "".join(record.get("content", [])).strip()
        notes = [
            f"{label}：{'、'.join(x for v in record.get(key, []) for x in [v.strip()] if x)}"
            for key, label in (
                ("lead", "牵头单位"),
                ("units", "责任单位"),
                ("co", "配合单位"),
                ("time", "完成时限"),
            )
            if any(v.strip() for v in record.get(key, []))
        ]
        note = f"（{'；'.join(notes)}）" if notes else ""
        body = f"{content.rstrip('。；; ')}。" if content else ""
        out.append(f"{n}.{name}。{body}{note}")
    # A number on a line of its own before a record's name belongs to it.
    first = starts[0] - (1 if starts[0] and _ROW_NUMBER.match(lines[starts[0] - 1].strip()) else 0)
    return "\n".join(lines[:first] + out)


# A task card as a progress page prints it: a label closed by a bar on a line of its own
# ("重点工作 |"), then its cell closed by a bar ("开展…。 |"); the card's units and number on
# a line above ("牵头单位:市医保局、市人社局 任务编号:80").
_CARD_LABEL = re.compile(r"^\s*(?P<label>[\u4e00-\u9fff]{2,8})\s*[|｜]\s*$")
_CARD_WORK = frozenset(
    ("重点工作", "工作任务", "重点任务", "任务内容", "工作内容", "主要任务", "目标任务",
     "具体任务", "任务名称", "重點工作", "工作任務", "重點任務")
)  # fmt: skip
_CARD_TIME = frozenset(("完成时限", "完成时间", "时间节点", "完成時限", "完成時間"))
_CARD_UNITS = re.compile(
    r"(?P<role>牵头单位|责任单位|配合单位|牽頭單位|責任單位|配合單位)\s*[:：]\s*(?P<names>[^\s|｜]+)"
)
_CARD_NUMBER = re.compile(r"任[务務]编号\s*[:：]\s*(?P<number>\d{1,4})")


def task_cards(text: str) -> str:
    """Task cards of a progress page, each a label closed by a bar on a line of its own over
    its cell ("重点工作 |" over the work, "完成时限 |" over "2023年12月底 |", "本月进展 |" over a
    report), its units on a line above ("牵头单位:X、Y 任务编号:80"), rewritten as the numbered
    rows "80.工作（牵头单位：X、Y；完成时限：…）" the steps below read; the cells under the
    other labels (the reports) are left out, as a table's report columns are. Only where a
    card has a label of its work and one of its time limit."""
    if "|" not in text and "｜" not in text:
        return text
    lines = text.split("\n")
    labels = [_CARD_LABEL.match(line) for line in lines]
    found = {m.group("label") for m in labels if m}
    if not found & _CARD_WORK or not found & _CARD_TIME:
        return text
    for k, m in enumerate(labels):
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].strip()), None)
        if m and (nxt is None or labels[nxt] or not lines[nxt].strip().rstrip("|｜ ")):
            # A label over another label or an empty cell ("工作内容 |" "牵头部门 |"): the
            # header of a table flattened one cell a line, no card.
            return text
    cards: list[dict[str, str]] = []
    kept: list[str] = []
    card: dict[str, str] | None = None
    field: str | None = None
    for line, m in zip(lines, labels, strict=True):
        stripped = line.strip()
        units = list(_CARD_UNITS.finditer(stripped))
        if m:
            label = m.group("label")
            field = "work" if label in _CARD_WORK else "time" if label in _CARD_TIME else None
            if field == "work" and (card is None or card.get("work")):
                card = {}
                cards.append(card)
            continue
        if units and len(stripped) <= 120 and not _ends_sentence(stripped):
            card = {
                "units": "；".join(
                    f"{u.group('role').translate(_SIMPLIFIED)}：{u.group('names')}" for u in units
                )
            }
            if number := _CARD_NUMBER.search(stripped):
                card["number"] = number.group("number")
            cards.append(card)
            field = None
            continue
        if card is None:
            kept.append(line)
            continue
        if field and stripped:
            cell = stripped.rstrip("|｜ ").strip()
            card[field] = card.get(field, "") + cell
    out = []
    for n, card in enumerate((c for c in cards if c.get("work")), start=1):
        notes = [card[k] for k in ("units",) if card.get(k)]
        if card.get("time"):
            notes.append(f"完成时限：{card['time']}")
        note = f"（{'；'.join(notes)}）" if notes else ""
        work = card["work"].rstrip("。；; ")
        out.append(f"{card.get('number', n)}.{work}。{note}")
    if not out:
        return text
    return "\n".join(kept + out)


# A line of its own naming the units of the paragraph above it ("承办部门:市人社局 咨询电话:…"),
# and a further unit on the line below with its telephone ("市卫计委 2835085").
_UNITS_LABEL_LINE = re.compile(
    r"^\s*(?:承办部门|承办单位|责任单位|责任部门|牵头单位|牵头部门|承辦部門|承辦單位|責任單位|牽頭單位)"
    r"\s*[:：]\s*\S"
)
_UNIT_WITH_PHONE = re.compile(
    r"^\s*(?P<name>[\u4e00-\u9fff]{2,20}?(?:局|委|办|中心|公司|院|辦))\s+[\d－-]{6,}\s*$"
)


def led_paragraphs(text: str) -> str:
    """Works written as paragraphs without numbers, each with its units on a labelled line
    of its own below it (a project archive's "巩固完善…。2018年,…" over "承办部门:市人社局
    咨询电话:…" and "市卫计委 2835085"): each such paragraph becomes a numbered row, a unit
    listed with its telephone on the line after the label joins the label's list. Only where
    no paragraph above such a line is numbered (a numbered text's rows stand as they are)."""
    if "：" not in text and ":" not in text:
        return text
    lines = text.split("\n")
    marked = [k for k, line in enumerate(lines) if _UNITS_LABEL_LINE.match(line)]
    if not marked:
        return text
    heads = []
    for k in marked:
        above = next((j for j in range(k - 1, -1, -1) if lines[j].strip()), None)
        if above is None:
            return text
        para = lines[above].strip()
        if _NUMBERED.match(para) or _level(para) or len(para) < 20 or not _ends_sentence(para):
            return text
        if _UNITS_LABEL_LINE.match(para):
            return text
        heads.append(above)
    for n, (k, above) in enumerate(zip(marked, heads, strict=True), start=1):
        lines[above] = f"{n}.{lines[above].strip()}"
        nxt = k + 1
        while nxt < len(lines) and (phone := _UNIT_WITH_PHONE.match(lines[nxt])):
            lines[k] = re.sub(
                r"(?<=[:：])\s*([^\s]+)", rf"\1、{phone.group('name')}", lines[k], count=1
            )
            lines[nxt] = ""
            nxt += 1
    return "\n".join(lines)


# A field of a record on a line of its own: "【目标要求】续建…", "（二）年度目标：完成…".
_RECORD_FIELD = re.compile(
    r"^\s*(?:【(?P<bracket>[\u4e00-\u9fff]{2,8})】"
    r"|[（(][一二三四五六七八九十]{1,2}[)）]\s*(?P<label>[\u4e00-\u9fff]{2,8})\s*[:：])\s*(?P<rest>.*)$"
)
_RECORD_FIELD_START = re.compile(
    r"^[ \t]*(?:【[\u4e00-\u9fff]{2,8}】"
    r"|[（(][一二三四五六七八九十]{1,2}[)）][ \t]*[\u4e00-\u9fff]{2,8}[ \t]*[:：])",
    re.M,
)
_FIELD_ROLES = {
    "目标要求": "content", "目标任务": "content", "年度目标": "content", "建设内容": "content",
    "主要内容": "content", "项目内容": "content", "实施内容": "content", "工作目标": "content",
    "建设任务": "content", "责任单位": "units", "牵头单位": "lead", "完成时限": "time",
    "完成时间": "time",
}  # fmt: skip
# Labels of a numbered field that reports or names a person: left out with their text.
_FIELD_OTHER = re.compile(
    r"^(?:完成情况|进展情况|推进情况|实施情况|存在问题|下步打算|下一步打算|责任领导|分管领导|"
    r"牵头领导|联系领导|工作成效|主要成效)$"
)
# A record's name: "一、关于《全乡域单村供水站提升项目》进展情况", "人才公寓".
_RECORD_HEAD = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]\s*)?(?:关于)?《?(?P<name>[^《》。；;：:！？!?]{2,30}?)》?"
    r"(?:的?(?:进展|完成|推进|实施)情况)?\s*$"
)


def field_records(text: str) -> str:
    """Records of fields on lines of their own under each work's name (a report's
    "人才公寓" over "【目标要求】…" "【实事剪影】…" "【完成情况】…", or "一、关于《X》进展情况" over
    "（一）责任领导：…" "（二）年度目标：…" "（三）完成情况：…") rewritten as the numbered rows
    "1.名称。目标（责任单位：…；完成时限：…）"; what a record reports, tells or names of a
    person is left out, as a table's report columns are. Two records at least, one with a
    field of what the work is to do; a last record cut in the passage's last line is left
    out too."""
    if "【" not in text and "：" not in text and ":" not in text:
        return text
    if len(list(itertools.islice(_RECORD_FIELD_START.finditer(text), 2))) < 2:
        return text  # (a look for the fields' first marks before reading line by line)
    lines = text.split("\n")
    fields = [_RECORD_FIELD.match(line) for line in lines]

    def role(m: re.Match) -> str | None:
        label = m.group("bracket") or m.group("label")
        return _FIELD_ROLES.get(label)

    starts = []
    for k, line in enumerate(lines):
        if fields[k] or not line.strip() or not _RECORD_HEAD.match(line):
            continue
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].strip()), None)
        if nxt is not None and fields[nxt]:
            starts.append(k)
    if len(starts) < 2:
        return text
    records = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
        record: dict[str, list[str]] = {}
        field: str | None = None
        ok = True
        for k in range(a + 1, b):
            if m := fields[k]:
                if m.group("label") and not (role(m) or _FIELD_OTHER.match(m.group("label"))):
                    ok = False  # "（一）深化理论武装：…" is a row of its own, no field
                field = role(m)
                if field and m.group("rest").strip():
                    record.setdefault(field, []).append(m.group("rest").strip())
            elif field and lines[k].strip():
                record[field].append(lines[k].strip())
        if not ok:
            return text
        records.append((_RECORD_HEAD.match(lines[a]).group("name").strip(), record))
    if not any(r.get("content") for _n, r in records):
        return text
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    if last and not _ends_sentence(last) and last[-1] not in "）)】”":
        records.pop()  # the passage was cut in the last record
    out = []
    for n, (name, record) in enumerate(records, start=1):
        content = "".join(record.get("content", [])).strip().rstrip("。；; ")
        notes = [
            f"{label}：{'、'.join(record[key])}"
            for key, label in (("lead", "牵头单位"), ("units", "责任单位"), ("time", "完成时限"))
            if record.get(key)
        ]
        note = f"（{'；'.join(notes)}）" if notes else ""
        out.append(f"{n}.{name}。{content + '。' if content else ''}{note}")
    return "\n".join(lines[: starts[0]] + out)


# A page of one work under labels on lines of their own: "任务安排" over what it is to do,
# "落实情况" over what was done by each quarter.
_TASK_LABEL = re.compile(
    r"^\s*(?:任务安排|工作任务|目标任务|建设任务|建设内容|实施内容|项目内容|任務安排|工作任務)\s*[:：]?\s*$"
)
_REPORT_LABEL = re.compile(
    r"^\s*(?:落实情况|进展情况|完成情况|推进情况|实施情况|工作进展|落實情況|進展情況|完成情況)"
    r"\s*[:：]?\s*$"
)
_LABEL_LINES = re.compile(
    r"^[ \t]*(?:任[务務]|工作任|目标任|建设|实施内|项目内)\S{0,3}[ \t]*[:：]?[ \t]*$", re.M
)
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、．.])"
)


def labelled_blocks(text: str) -> str:
    """A page of work under labels on lines of their own ("任务安排" over "新建…13所", then
    "落实情况" over "第一季度：…"): each line under a label of what is to be done becomes a
    numbered row, what the lines under a label of a report tell is left out, with the
    labels. Only where both kinds of label stand on lines of their own."""
    if "情况" not in text and "情況" not in text and "进展" not in text:
        return text
    if not _LABEL_LINES.search(text):
        return text
    lines = text.split("\n")
    kinds = [
        "task" if _TASK_LABEL.match(line) else "report" if _REPORT_LABEL.match(line) else None
        for line in lines
    ]
    if "task" not in kinds or "report" not in kinds or kinds.index("task") > kinds.index("report"):
        return text
    for k, label in enumerate(kinds):
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].strip()), None)
        if label and (nxt is None or kinds[nxt] or len(lines[nxt].strip()) <= 8):
            # A label over another label or a short cell ("项目内容" "责任单位" "进展情况"):
            # the header of a table flattened one cell a line, no page of labelled work.
            return text
    out, kind, number = [], None, 0
    for line, label in zip(lines, kinds, strict=True):
        if label:
            kind = label
            continue
        if kind == "report":
            continue
        if kind == "task" and line.strip() and not _NUMBERED.match(line):
            number += 1
            line = f"{number}.{line.strip()}"
        out.append(line)
    return "\n".join(out)


def _rows_aligned(rows: list[list[str]], header: list[str]) -> list[list[str]] | None:
    """Rows of unequal widths, the page having dropped their empty cells, set under the
    header by their lead cell: the first cell is the task, the cells between it and the
    lead cell stand in the columns just before the lead column, those after it in the
    columns after it, in order. None when a row has no lead cell where it can stand."""
    lead = next((i for i, h in enumerate(header) if "牵头" in _plain(h)), None)
    if lead is None or lead < 1:
        return None
    aligned = []
    for row in rows:
        at = next((i for i in range(1, len(row)) if _UNIT_CELL.match(row[i])), None)
        if at is None or at > lead or len(row) - at > len(header) - lead:
            return None
        full = [""] * len(header)
        full[0] = row[0]
        for offset, cell in enumerate(row[1:at], start=lead - (at - 1)):
            full[offset] = cell
        full[lead : lead + len(row) - at] = row[at:]
        aligned.append(full)
    return aligned


# A 目标任务分解表 of scored indicators a page flattened one cell a line, without a
# number column: "项 目" "分值" "目标任务" "监考单位", then each indicator, its score, its
# target and its units; a category ("宏观调控") on a line of its own before its group.
_SCORE_HEADER = re.compile(r"^(?:分值|分数|权重|權重)$")
_SCORE_CELL = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")
# Units run together in one cell ("区发改局区统计局").
_UNITS_CELL = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,10}?(?:局|委|办|中心|政府|公司|集团|院|队|站|所))+$"
)
_UNIT_IN_CELL = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:局|委|办|中心|政府|公司|集团|院|队|站|所)")


def _starts_row(body: list[tuple[int, str]], i: int) -> bool:
    """A row of a scored table starts here: a name followed by its score."""
    return (
        i + 1 < len(body)
        and not _SCORE_CELL.match(body[i][1])
        and not _UNITS_CELL.match(body[i][1])
        and _SCORE_CELL.match(body[i + 1][1]) is not None
    )


def _group_cell(body: list[tuple[int, str]], i: int) -> bool:
    """A category of a scored table ("宏观调控") over the row that starts after it."""
    cell = body[i][1]
    return (
        len(cell) <= 12
        and not _UNITS_CELL.match(cell)
        and not re.search(r"\d", cell)
        and _starts_row(body, i + 1)
    )


def scored_tables(text: str) -> str:
    """A table of scored indicators one cell a line rewritten as numbered rows
    "1.指标。目标值：186。（牵头单位：X；责任单位：Y）". A row starts with a name followed by
    its score; cells the page merged over rows below their first are missing from those
    rows, which share them: the units always, the target when the row has nothing after
    its score."""
    if "分值" not in text and "权重" not in text and "分数" not in text:
        return text
    lines = text.split("\n")
    cells = [(n, line.strip()) for n, line in enumerate(lines) if line.strip()]
    for k in range(1, len(cells) - 3):
        if not _SCORE_HEADER.match(cells[k][1]):
            continue
        task = "".join(cells[k - 1][1].split())
        header = [task, cells[k][1], cells[k + 1][1], cells[k + 2][1]]
        if not (
            any(w in task for w in ("项目", "指标", "事项", "任务"))
            and any(w in header[3] for w in _TABLE_UNIT)
        ):
            continue
        j = k + 3
        rows: list[list[str]] = []
        body = cells[j:]

        i, last = 0, j
        while i < len(body):
            cell = body[i][1]
            if _starts_row(body, i):
                row = [cell, body[i + 1][1]]
                i += 2
                while i < len(body) and not _starts_row(body, i) and len(body[i][1]) <= 40:
                    if _group_cell(body, i):
                        break  # a category over the rows below
                    row.append(body[i][1])
                    i += 1
                rows.append(row)
                last = j + i - 1
            elif _group_cell(body, i):
                i += 1  # a category ("宏观调控"), repeated at the top of a page
            else:
                break
        if len(rows) < 3:
            continue
        out, units, target = [], "", ""
        for n, row in enumerate(rows, start=1):
            rest = row[2:]
            names = [c for c in rest if _UNITS_CELL.match(c)]
            figures = [c for c in rest if not _UNITS_CELL.match(c)]
            if names:
                units = names[0]
            if figures:
                target = figures[0]
            elif rest:
                target = ""  # (nothing after the score: merged over, the target above stands)
            named = _UNIT_IN_CELL.findall(units)
            note = ""
            if named:
                note = f"（牵头单位：{named[0]}" + (
                    f"；责任单位：{'、'.join(named[1:])}）" if len(named) > 1 else "）"
                )
            value = f"目标值：{target}。" if target else ""
            out.append(f"{n}.{row[0]}。{value}{note}")
        first, end = cells[k - 1][0], cells[last][0]
        return "\n".join(lines[:first] + out + lines[end + 1 :])
    return text


def _after_groups(cells: list[tuple[int, str]], j: int) -> int:
    """The index of the first cell after the group rows standing from ``j`` on."""
    while j < len(cells) and _GROUP_ROW.match(cells[j][1]) and len(cells[j][1]) <= 120:
        j += 1
    return j


def _row_skipped_to(
    cells: list[tuple[int, str]], j: int, expected: int, rows: list[list[str]]
) -> bool:
    """The cell at ``j`` numbers a row further on than the next ("68" after row 3): a
    passage of the table's rows picked out of it. Only after a row as wide as the first,
    and before a task's cell (or the first words of one, cut by the passage)."""
    cell = cells[j][1]
    return (
        bool(_ROW_NUMBER.match(cell))
        and expected < int(cell) <= expected + 300
        and bool(rows)
        and len(rows[-1]) >= max(2, len(rows[0]))
        and j + 1 < len(cells)
        and (
            _cell_kind(nxt := cells[j + 1][1]) == "task"
            or (len(nxt) > 12 and not _units_listed(nxt) and not _ROW_NUMBER.match(nxt))
        )
    )


def _reports_after_time(header: list[str]) -> bool:
    """The header has a column reporting on the rows ("目前完成情况") after their time
    limit's ("计划完成时间")."""
    plain = [_plain(h) for h in header]
    time_at = next(
        (i for i, h in enumerate(plain) if any(w in h for w in ("时限", "时间", "期限"))), None
    )
    return time_at is not None and any(_REPORT_COLUMN.search(h) for h in plain[time_at + 1 :])


# The columns of a table of indicators: the measure ("单位") and the year's target
# ("年度目标") of each, the units answering for it ("责任部门") and, last, the ones scoring
# it ("评分部门").
_MEASURE_HEADS = ("单位", "计量单位", "單位")
_GOAL_HEADS = ("年度目标", "目标值", "年度任务", "年度目標", "目標值")
_SCORER_HEADS = ("评分", "考核部门", "考核单位", "评价", "評分")
_MEASURE_CELL = re.compile(
    r"^(?:%|％|‰|[-—/]|[万亿千百]?[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff]{1,2})?)$"
)
_INDICATOR_GOAL = re.compile(
    r"^(?P<op>[≥≤＞＜><]|不低于|不高于|不少于)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<m>%|％|‰)?$"
)
_INDICATOR_WORDS = {
    "≥": "不低于",
    "≤": "不高于",
    "＞": "超过",
    ">": "超过",
    "＜": "低于",
    "<": "低于",
}


def _indicator_rows(rows: list[list[str]], header: list[str]) -> list[str] | None:
    """Rows of a table of indicators one cell a line (`考核内容 | 单位 | 年度目标 | 责任部门 |
    评分部门`), the page having dropped its empty cells: each row is read from its end, the
    last run of units answering for it (the last of two or more the scorer's, when the
    last column scores), the cells before them its name, measure and target
    (`粮食播种面积` `万亩` `0.07` → `粮食播种面积达到0.07万亩`; `≥2%` at least; a target of 0
    sets none). The year's target is due by the year's end. None when the header has no
    such columns or a row does not read so."""
    plain = [_plain(h) for h in header]
    if not (
        any(h in _MEASURE_HEADS for h in plain)
        and any(h in _GOAL_HEADS for h in plain)
        and any(w in h for h in plain for w in ("责任", "牵头"))
    ):
        return None
    # (a group cell the page merged over the rows below may stand after the last column)
    scorer = any(w in h for h in plain[-2:] for w in _SCORER_HEADS)
    category = any(
        w in h
        for h in plain[: next(i for i, h in enumerate(plain) if h in _GOAL_HEADS)]
        for w in _CATEGORY_HEADS
    )
    out = []
    for index, row in enumerate(rows):
        at = len(row)
        while at > 1 and (_UNIT_CELL.match(row[at - 1]) or _UNITS_CELL.match(row[at - 1])):
            at -= 1
        units = row[at:]
        if scorer and len(units) >= 2:
            units = units[:-1]
        names = row[:at]
        if not units or not names:
            if index == len(rows) - 1 and index >= 2:
                break  # the last row, cut in its units by the passage's end
            return None
        figure = ""
        if len(names) >= 2 and (goal := _INDICATOR_GOAL.match(names[-1])):
            measure = ""
            names = names[:-1]
            if len(names) >= 2 and _MEASURE_CELL.match(names[-1]):
                measure, names = names[-1].strip("-—/"), names[:-1]
            measure = goal["m"] or measure
            if float(goal["n"]):
                word = _INDICATOR_WORDS.get(goal["op"] or "", goal["op"] or "达到")
                figure = f"{word}{goal['n']}{measure}"
        elif len(names) >= 3 and _MEASURE_CELL.match(names[-2]):
            names = names[:-2]  # a target in words ("良好以上", "全市统筹")
        if category and len(names) >= 2:
            names = names[1:]  # the indicator's category ("确保粮食…供给"), merged over its group
        title = "".join(names).rstrip("。；; ")
        out.append(f"{title}{figure}。（责任单位：{'、'.join(units)}；完成时限：年底）")
    return out


def unflatten_tables(text: str) -> str:
    """A 任务分解表 flattened one cell a line, rewritten as the numbered rows a Word table
    becomes ("1.任务。（责任单位：X、Y；完成时限：Z）"), so that the steps below read it; a
    row holding two tasks, each with its time limit, gives two rows sharing its units."""
    lines = text.split("\n")
    # A cell closed by "|" ("序号 |", "1 |") is the same cell; "…各乡镇人民政府 |2 |" holds
    # the last cell of a row and the number of the next.
    cells = []
    for n, line in enumerate(lines):
        if c := line.strip().strip("|｜").strip():
            if m := _CELL_THEN_NUMBER.match(c):
                cells += [(n, m.group(1)), (n, m.group(2))]
            else:
                cells.append((n, c))
    cells = _group_marks_joined(cells)
    for k, (first, cell) in enumerate(cells):
        if not _TABLE_NUMBER.match(cell):
            continue
        header = []
        j = k + 1
        # The header runs to the first row's number: 1, or the number a passage of the
        # table starts with ("24").
        while (
            j < len(cells)
            and not _ROW_NUMBER.match(cells[j][1])
            and len(cells[j][1]) <= 12
            and len(header) < 24
            and not (header and _ANY_GROUP_ROW.match(cells[j][1]))
        ):
            header.append(cells[j][1])
            j += 1
        opening = ""  # a group row between the header and the first row
        if (
            j + 1 < len(cells)
            and _GROUP_ROW.match(cells[j][1])
            and _ROW_NUMBER.match(cells[j + 1][1])
        ):
            opening, j = cells[j][1], j + 1
        elif (
            j + 2 < len(cells)
            and _GROUP_ROW.match(cells[j][1])
            and _ANY_GROUP_ROW.match(cells[j + 1][1])
            and not _GROUP_ROW.match(cells[j + 1][1])
            and cells[j + 2][1] == "1"
        ):
            # "一、主要任务" then "（一）构建…体系" over the first row: both head it.
            opening, j = f"{cells[j][1]}\n{cells[j + 1][1]}", j + 2
        if (
            j >= len(cells)
            or not _ROW_NUMBER.match(cells[j][1])
            or not any(w in _plain(h) for h in header for w in _TABLE_TASK)
            or not any(w in _plain(h) for h in header for w in _TABLE_UNIT)
        ):
            continue
        role = "牵头单位" if any("牵头" in h for h in header) else "责任单位"
        # A column reporting on the rows after their time limit ("计划完成时间 | 目前完成情况"):
        # its cells, a paragraph long or more, belong to their row.
        report_column = _reports_after_time(header)
        rows: list[list[str]] = []
        groups: dict[int, str] = {0: opening} if opening else {}  # "一、…" group rows
        last = j
        expected = int(cells[j][1])
        while j < len(cells):
            cell = cells[j][1]
            if (
                report_column
                and rows
                and len(cell) > 120
                and j + 1 < len(cells)
                and (
                    cells[j + 1][1] == str(expected)
                    or _row_skipped_to(cells, j + 1, expected, rows)
                    or (j + 2 >= len(cells) and len(cells[j + 1][1]) <= 12)
                )
            ):
                rows[-1].append(cell)
                last = j
                j += 1
                continue
            if (
                cell == cells[k][1]
                and [c for _n, c in cells[j + 1 : j + 1 + len(header)]] == header
            ):
                j += 1 + len(header)  # the header again at the top of a new page
                continue
            if cell == str(expected) or _row_skipped_to(cells, j, expected, rows):
                rows.append([])
                expected = int(cell) + 1
            elif (
                _ANY_GROUP_ROW.match(cell)
                and not _GROUP_ROW.match(cell)
                and len(cell) <= 40
                and opening.count("\n") == 1
                and rows
                and j + 1 < len(cells)
                and cells[j + 1][1] == "1"
            ):
                # "（二）增强…能力" between the rows of a table grouped in two levels: the
                # rows under it are numbered from 1 again.
                groups[len(rows)] = cell
                expected = 1
                j += 1
                continue
            elif (
                _GROUP_ROW.match(cell)
                and len(cell) <= 120
                and (after := _after_groups(cells, j)) < len(cells)
                and (
                    cells[after][1] == str(expected)
                    or _row_skipped_to(cells, after, expected, rows)
                )
            ):
                # "一、主要经济指标（牵头领导：…）" inside the table; in a passage of the
                # table's rows (a department's, "3", "68", "69"), groups without any of its
                # rows stand one after another: the last one heads the next row.
                groups[len(rows)] = cells[after - 1][1]
                j = after
                continue
            elif cell.endswith((":", "：")) or len(cell) > 120 or _TABLE_END.match(cell):
                break  # "分享到：", a paragraph, "附件2" or "二、…": the table has ended
            elif _TABLE_DATE_LINE.match(cell):
                # The issuer above the date line follows the last row's time limit: it
                # signs the table and is no unit of that row.
                row = rows[-1]
                if len(row) > 2 and _cell_kind(row[-2]) == "time" and _cell_kind(row[-1]) == "unit":
                    row.pop()
                    last = j - 2
                break
            else:
                rows[-1].append(cell)
            last = j
            j += 1
        if j >= len(cells) and len(rows) >= 3 and len(rows[-1]) < min(map(len, rows[:-1])):
            rows.pop()  # the text ends in a row short of the cells of the rows above: cut off
        elif len(rows) >= 2 and not rows[-1]:
            # A row's number before the cell that ended the table (a paragraph-long task
            # the passage cut before its units): no row.
            rows.pop()
            last -= 1
        if indicators := _indicator_rows(rows, header):
            out = [
                f"{n}{'、' if line[:1].isdigit() else '.'}{line}"
                for n, line in enumerate(indicators, start=1)
            ]
            return "\n".join(lines[:first] + out + lines[cells[last][0] + 1 :])
        # A table of projects (序号 | 项目 | 责任单位 | 建设内容 | 总投资 | 目标进度), each
        # project holding sub-rows without number or name: the name heads its rows, and
        # the cells after a sum, to the next unit, are the progress of the row before.
        # (The units' column stands before the content's, which is why a sub-row's units
        # open it.)
        plain = [_plain(h) for h in header]
        unit_at = next((i for i, h in enumerate(plain) if "单位" in h), None)
        content_at = next((i for i, h in enumerate(plain) if "内容" in h), None)
        projects = (
            any(h in ("项目", "项目名称", "项目名") for h in plain)
            and unit_at is not None
            and content_at is not None
            and unit_at < content_at
            and any("投资" in h or "万元" in h for h in plain)
        )
        end = cells[last][0]
        if not projects:  # (a project's name and its units are cells of their own)
            rows = _names_rejoined(rows)
        widths = {len(row) for row in rows}
        if len(widths) > 1 and (aligned := _rows_aligned(rows, header)) is not None:
            rows, widths = aligned, {len(header)}
        if len(widths) == 1 and 2 <= (width := widths.pop()) <= len(header):
            # Every row has a cell for each column: read them by their headers, the header
            # words broken over lines ("责任" "领导") joined back.
            merged = _merge_header(header, width)
            columns = table_columns(merged)
            if "task" in columns and {"lead", "co"} & set(columns):
                numbered = [[str(n), *row] for n, row in enumerate(rows, start=1)]
                out = table_lines([["序号", *merged], *numbered])
                if len(out) == len(rows) and groups:
                    out = [g for n, line in enumerate(out) for g in (groups.get(n), line) if g]
                return "\n".join(lines[:first] + out + lines[end + 1 :])
        if by_lead := _rows_by_lead(rows, header):
            merged, grouped = by_lead
            numbered, group_rows = [], dict(groups)
            for n, (group, row) in enumerate(grouped, start=1):
                if group:
                    group_rows[n - 1] = f"{_NUMERALS[len(group_rows) % len(_NUMERALS)]}、{group}"
                numbered.append([str(n), *row])
            out = table_lines([["序号", *merged], *numbered])
            if len(out) == len(numbered):
                out = [g for n, line in enumerate(out) for g in (group_rows.get(n), line) if g]
                return "\n".join(lines[:first] + out + lines[end + 1 :])
        out, number = [], 0
        # A column of the leader ("责任领导") holds people's names, no units; a column of
        # categories before the task's ("指标", "类别") opens a group's first row with its
        # category: no task of its own.
        leaders = any(w in h for h in plain for w in _LEADER_HEADS)
        task_at = next((i for i, h in enumerate(plain) if any(w in h for w in _TABLE_TASK)), None)
        categories = task_at is not None and any(
            w in h for h in plain[:task_at] for w in _CATEGORY_HEADS
        )
        for index, row in enumerate(rows):
            if index in groups:
                out.append(groups[index])
            if (
                categories
                and len(row) >= 2
                and _cell_kind(row[0]) == "unit"
                and _cell_kind(row[1]) == "task"
                and not _UNIT_CELL.match(row[0])
            ):
                row = row[1:]  # "文化产业" above "培育…企业1家。": the row's category
            leader = ""
            if leaders:
                named = [c for c in row if _PERSON_CELL.match(c) and not _UNIT_CELL.match(c)]
                if named:
                    leader = named[0].replace(" ", "").replace("\u3000", "")
                    row = [c for c in row if c not in named]
            if projects:
                row = _units_rejoined(row)
                if row and _cell_kind(row[0]) == "unit" and not _UNIT_CELL.match(row[0]):
                    out.append(f"{_NUMERALS[index % len(_NUMERALS)]}、{row[0]}")
                    row = row[1:]
            units: list[str] = []
            tasks: list[list] = []  # [task, units, time]
            progress = False  # after a sum, in a table of projects
            pending: list[str] = []
            for cell in row:
                if report_column and tasks and tasks[-1][2]:
                    break  # what has been done, after the row's time limit: no task
                if _AMOUNT_CELL.match(cell):
                    progress = projects
                    continue  # "48414" under "总投资（万元）": a sum, no unit nor task
                if progress and tasks and not _UNIT_CELL.match(cell):
                    tasks[-1][2] += cell
                    continue
                progress = False
                kind = _cell_kind(cell)
                if projects and kind == "unit" and (not tasks or tasks[-1][2]):
                    pending.append(cell)  # the units of the (sub-)row, before its content
                elif kind == "task" or not tasks:
                    tasks.append([cell, pending, ""])
                    pending = []
                elif kind == "unit":
                    tasks[-1][1].append(cell.rstrip("。"))
                else:
                    tasks[-1][2] = cell
            for task, task_units, time_limit in tasks:
                units = task_units or units
                reported = ""
                if projects and time_limit:
                    # The year's progress of a project ("一季度开工，…年内完成工程量的50%"):
                    # the latest time it names is the row's limit; what it says follows.
                    _day, words, _long = item_deadline(time_limit.translate(_T2S), 2000)
                    reported = time_limit
                    time_limit = words if _day is not None else time_limit.rstrip("。，,")
                notes = (
                    ([f"{role}：{'、'.join(units)}"] if units else [])
                    + ([f"完成时限：{time_limit}"] if time_limit else [])
                    + ([f"责任领导：{leader}"] if leader else [])
                )
                number += 1
                note = f"（{'；'.join(notes)}）" if notes else ""
                out.append(f"{number}.{task.rstrip('。；; ')}。{note}{reported}")
        end = cells[last][0]
        return "\n".join(lines[:first] + out + lines[end + 1 :])
    return text


# A table of projects grouped under the unit that leads them, one cell a line: "序号"
# "牵头单位" … "项目名称" "业主单位" "进展…", then a group numbered "一" with its lead and
# its count, the projects "(一)…" "(二)…" under it, each with its owner and progress, and
# numbered parts ("1.文化中心北路") under some.
_LED_GROUP = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_LED_PROJECT = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*(?P<name>\S.*)$")
_LED_HEADER_CELL = re.compile(r"^[ \t]*牵头(?:单位|部门)[ \t]*[|｜]?[ \t]*$", re.M)
_LED_COUNT = re.compile(r"[（(]?\d{1,3}\s*[个個项項件][）)]?$")


def led_project_tables(text: str) -> str:
    """Such a table rewritten as numbered rows naming their lead ("1.项目。（牵头单位：X）"):
    the owner and the progress columns neither lead nor set a task, and the numbered parts
    of a project are its places, no rows of their own. A project the passage cut before
    its cells is left out."""
    if "牵头单位" not in text or not _LED_HEADER_CELL.search(text):
        return text
    lines = text.split("\n")
    cells = [(n, c) for n, line in enumerate(lines) if (c := line.strip().strip("|｜").strip())]
    for k, (first, cell) in enumerate(cells):
        if not _TABLE_NUMBER.match(cell):
            continue
        header = []
        j = k + 1
        while j < len(cells) and not _LED_GROUP.match(cells[j][1]) and len(header) < 12:
            header.append(_plain(cells[j][1]))
            j += 1
        if (
            j >= len(cells)
            or not header
            or header[0] not in ("牵头单位", "牵头部门")
            or not any("项目" in h and "数量" not in h for h in header)
        ):
            continue
        rows: list[list[str]] = []  # [project, lead, cells after it]
        lead = ""
        last = cells[j][0]
        while j < len(cells):
            cell = cells[j][1]
            if _LED_GROUP.match(cell) and j + 1 < len(cells):
                lead = cells[j + 1][1]
                j += 2
                if (
                    j < len(cells)
                    and _LED_COUNT.search(cells[j][1])
                    and not _LED_PROJECT.match(cells[j][1])
                ):
                    j += 1  # "区政府民生实事项目(3个)": how many the group holds
            elif m := _LED_PROJECT.match(cell):
                rows.append([m.group("name"), lead, 0])
                j += 1
            else:
                if rows:
                    rows[-1][2] += 1  # an owner, a progress or a part of the project
                j += 1
            last = cells[j - 1][0]
        if rows and rows[-1][2] == 0:
            rows.pop()  # the passage ends in the last project's name: cut there
        if len(rows) < 2 or not all(lead for _p, lead, _n in rows):
            continue
        out = [
            f"{n}.{project.rstrip('。；; ')}。（牵头单位：{lead}）"
            for n, (project, lead, _cells) in enumerate(rows, start=1)
        ]
        return "\n".join(lines[:first] + out + lines[last + 1 :])
    return text


# A progress table whose page ran each row's cells together on one line, the header too
# ("实事内容工作任务责任单位进展情况", then "一季度二季度三季度四季度"): each row its task
# closed by a full stop, the units apart by commas, then the reports ("1.完成…", "目前已…").
_RUN_PROGRESS_WORD = (
    r"实事内容|实事名称|项目名称|工作任务|主要内容|工作内容|目标任务|责任单位|牵头单位|配合单位|"
    r"进展情况|完成情况|推进情况"
)
_RUN_PROGRESS_HEADER = re.compile(rf"^(?:{_RUN_PROGRESS_WORD}){{3,6}}$")
_RUN_PERIODS = re.compile(r"^(?:[一二三四]季度|上半年|下半年|\d{1,2}月(?:份)?)+$")
_RUN_PROGRESS_ROW = re.compile(
    r"^(?P<task>[^。]{4,80}?)。"
    r"(?P<units>[\u4e00-\u9fff]{2,10}?(?:[，,、][\u4e00-\u9fff]{2,10}?)*?)"
    r"(?=\d{1,2}[.．、]|目前|已|截至|截止|累计|完成)"
)
_RUN_UNIT_NAME = re.compile(
    r"^(?:各|相关)?[\u4e00-\u9fff]{0,8}(?:局|委|办|中心|政府|公司|集团|院|队|站|所|联|会|街|镇|乡|部)$"
)


def run_together_progress_tables(text: str) -> str:
    """Such a table rewritten as numbered rows naming their units ("1.创建20个…社区。
    （责任单位：区残联、相关镇街）"); what the rows report is left out."""
    if "情况" not in text:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        words = line.strip()
        if (
            not _RUN_PROGRESS_HEADER.match(words)
            or not re.search(r"(?:责任|牵头)单位", words)
            or not re.search(r"情况$", words)
        ):
            continue
        j = k + 1
        while j < len(lines) and (not lines[j].strip() or _RUN_PERIODS.match(lines[j].strip())):
            j += 1
        out: list[str] = []
        while j < len(lines):
            row = lines[j].strip()
            m = _RUN_PROGRESS_ROW.match(row)
            names = re.split(r"[，,、]", m.group("units")) if m else []
            if not m or not all(_RUN_UNIT_NAME.match(n) for n in names):
                break
            out.append(f"{len(out) + 1}.{m.group('task')}。（责任单位：{'、'.join(names)}）")
            j += 1
        if out:
            return "\n".join(lines[:k] + out + lines[j:])
    return text


# A table of a year's tasks and how they went, copied one cell a line without a number
# column: "项目名称" "项目内容" "责任单位" "进展情况", then a group "(一)" over its name, then
# each row's task, its units and what it reports.
_GROUP_MARK = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]$")
_PROGRESS_HEADER = re.compile(
    r"^(?:进展情况|完成情况|推进情况|进度情况|落实情况|执行情况|工作进展|推进进度|本月进展)$"
)
# A cell of that header on a line of its own: the quick sign such a table is there.
_PROGRESS_CELL = re.compile(
    r"^[ \t]*(?:进展情况|完成情况|推进情况|进度情况|落实情况|执行情况|工作进展|推进进度|本月进展|"
    r"進展情況|完成情況|推進情況|落實情況)"
    r"[ \t]*[|｜]?[ \t]*$",
    re.M,
)
# The period a progress column reports on, in a cell of its own under its header ("(7月)").
# (not a group's number, "(一)")
_PERIOD_CELL = re.compile(r"^[（(][^（()）]{0,6}(?:\d|月|季|年)[^（()）]{0,6}[)）]$")


def _simplified_header(cell: str) -> str:
    """A header cell in simplified characters ("牽頭單位" → "牵头单位", "進展情況")."""
    return cell.replace(" ", "").translate(_T2S).translate(_SIMPLIFIED).replace("況", "况")


_LISTED_UNITS = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:[、，,][\u4e00-\u9fff（）()]{2,30})*$")


def _names_unit(name: str) -> bool:
    """A name of a unit ("区发改委") or of every unit of a kind ("各乡镇人民政府")."""
    return bool(_UNIT_IN_CELL.search(name)) or name.startswith("各")


def _units_listed(cell: str) -> bool:
    """A cell naming units ("区发改经信局、区科技工业区管委会、各街道"), not a task nor a report."""
    return bool(_LISTED_UNITS.match(cell)) and all(map(_names_unit, re.split(r"[、，,]", cell)))


def progress_tables(text: str) -> str:
    """A table flattened one cell a line whose columns are a group's name, the task, its
    units and its progress (no number column) rewritten as numbered rows under their
    groups ("（一）经济社会发展主要预期目标", "1.地区生产总值增长6.5%以上。（责任单位：X、Y）"):
    the progress column only reports, so it is left out; a last row short of its report
    was cut by the passage."""
    if not any(w in text for w in ("情况", "进展", "进度", "情況")) or not _PROGRESS_CELL.search(
        text
    ):
        return text
    lines = text.split("\n")
    cells = [(n, c) for n, line in enumerate(lines) if (c := line.strip().strip("|｜").strip())]
    for k in range(len(cells)):
        if not _PROGRESS_HEADER.match(_simplified_header(cells[k][1])) or k < 2:
            continue
        header = [_simplified_header(c) for _n, c in cells[max(0, k - 4) : k + 1]]
        start = next(
            (
                i
                for i in range(len(header))
                if all(len(h) <= 8 and not re.search(r"\d", h) for h in header[i:])
            ),
            None,
        )
        if start is None:
            continue
        header = header[start:]
        plain = [_plain(h) for h in header]
        unit_at = next((i for i, h in enumerate(plain) if "单位" in h or "部门" in h), None)
        task_at = next(
            (
                i
                for i, h in enumerate(plain)
                if any(w in h for w in ("内容", "任务", "事项", "工作"))
            ),
            None,
        )
        if (
            unit_at is None
            or task_at is None
            or not 0 < task_at < unit_at == len(header) - 2
            or any(_TABLE_NUMBER.match(h) for h in plain)
        ):
            continue
        j, out, number = k + 1, [], 0
        first, last = cells[k - len(header) + 1][0], cells[k][0]
        # Progress columns for several periods ("进展情况" "(7月)" "进展情况" "(10月)"): the
        # header's cells after the first, and how many reports each row holds.
        reports = 1
        while j < len(cells) and (
            _PERIOD_CELL.match(cells[j][1])
            or _PROGRESS_HEADER.match(_simplified_header(cells[j][1]))
        ):
            reports += bool(_PROGRESS_HEADER.match(_simplified_header(cells[j][1])))
            last, j = cells[j][0], j + 1
        # A name column before the task's ("项目" "名称" "内容"): each row opens with its name.
        named = task_at > 0 and any(w in plain[0] for w in ("项目", "名称"))

        def named_row(at: int) -> bool:
            return (
                at + 2 < len(cells)
                and not _units_listed(cells[at][1])
                and _cell_kind(cells[at + 1][1]) == "task"
                and _units_listed(cells[at + 2][1])
            )

        while j < len(cells):
            cell = cells[j][1]
            if named and reports > 1 and named_row(j):
                # name, task, units, then a report for each period: the task is the row.
                if j + 2 + reports >= len(cells):
                    break  # the passage ends in the row's reports: it was cut
                number += 1
                task = cells[j + 1][1].rstrip("。；; ")
                out.append(f"{number}.{task}。（牵头单位：{cells[j + 2][1]}）")
                last, j = cells[j + 2 + reports][0], j + 3 + reports
                # Short cells after the last period's report, to the next row, the page's
                # controls ("分享:") or the end: what the row reached, reported too.
                extra = 0
                while (
                    j < len(cells)
                    and extra < reports
                    and len(cells[j][1]) <= 60
                    and not cells[j][1].endswith((":", "："))
                    and not named_row(j)
                ):
                    last, j, extra = cells[j][0], j + 1, extra + 1
                continue
            if _GROUP_MARK.match(cell) and j + 1 < len(cells) and len(cells[j + 1][1]) <= 30:
                out.append(f"{cell}{cells[j + 1][1]}")
                last, j = cells[j + 1][0], j + 2
                continue
            if j + 1 < len(cells) and _units_listed(cells[j + 1][1]) and not _units_listed(cell):
                if j + 2 >= len(cells):
                    break  # the passage ends in the row's units: it was cut
                number += 1
                out.append(f"{number}.{cell.rstrip('。；; ')}。（责任单位：{cells[j + 1][1]}）")
                last, j = cells[j + 2][0], j + 3
                continue
            break
        if number:
            if j >= len(cells) - 2:
                last = cells[-1][0]  # what the table's cut last row left is no text
            return "\n".join(lines[:first] + out + lines[last + 1 :])
    return text


# The columns of a 任务分解表 (a Word table, a sheet, a table pasted from a page), by the
# words of their headers. A 指标要求 column completes the task ("地区生产总值" "增长5.5%").
TABLE_COLUMNS = {
    "number": ("序号", "编号"),
    # The steps of a row after its task column ("工作举措及实施计划", "月度工作计划"): the
    # latest time they name is the row's time limit.
    "plan": ("实施计划", "工作计划", "推进计划", "进度安排", "计划安排", "工作举措", "推进措施"),
    "task": ("任务", "工作", "事项", "内容", "举措", "措施", "实事", "项目", "指标名称"),
    # A column that breaks the task down ("工作任务 | 细化分工"): its cell is the row's task,
    # the task column's the group it stands in (often merged over the group's rows).
    "detail": ("细化分工", "具体分工", "细化任务", "分解任务", "具体任务"),
    "lead": ("牵头", "主办"),
    "co": ("责任单位", "配合", "协办", "协同", "参与", "责任部门", "科室", "股室", "处室"),
    "leader": ("领导",),
    "deadline": ("时限", "时间", "节点", "完成期限", "起止年限"),
    "target": (
        "指标要求",
        "目标要求",
        "年度目标",
        "指标值",
        "目标值",
        "主要内容",
        "建设内容",
        "建设规模",
        "任务目标",
        "目标任务",  # "全年目标任务"
        "工作标准",  # "项目名称 | 工作标准": what the row is to reach
        # After a task column ("事项名称 | 项目内容"), what the row does.
        "项目内容",
        "具体内容",
        # After a task column ("主要任务 | 细化措施"), the measures that carry its figures.
        "细化措施",
        "具体措施",
    ),
}
_ROW_LABELS = {"lead": "牵头单位", "co": "责任单位", "leader": "牵头领导", "deadline": "完成时限"}


def table_columns(header: list[str]) -> dict[str, int]:
    """Which column holds what, from the header's words (spaces inside a header cell,
    "任 务 名 称", do not count)."""
    found: dict[str, int] = {}
    for index, raw in enumerate(header):
        text = "".join(raw.split()).translate(_T2S).translate(_PLAIN)
        for key, words in TABLE_COLUMNS.items():
            if key == "plan" and "task" not in found:
                continue  # before the task column, such words name the task
            if (
                key == "co"
                and "co" in found
                and "lead" not in found
                and any(w in text for w in words)
            ):
                # "责任单位 | 配合单位": the responsible unit leads, the other co-operates.
                found["lead"], found["co"] = found["co"], index
                break
            if key not in found and any(w in text for w in words):
                found[key] = index
                break
    return found


# A cell of a unit column that reports instead of naming ("已完成。完成120个").
_NOT_UNITS = re.compile(r"[。！？!?]|\d|已完成|完成情况")


def table_lines(rows: list[list[str]]) -> list[str]:
    """The lines of a table: a 任务分解表 (a header naming the task and its lead or
    responsible unit) as numbered rows "1.任务（牵头单位：X；责任单位：Y；完成时限：Z）"; any
    other table a line a row."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return []
    columns = table_columns(rows[0])
    if "task" not in columns or not ({"lead", "co"} & set(columns)):
        return ["　".join(dict.fromkeys(c for c in row if c)) for row in rows]
    # A table of goals: "指标名称 | 单位 | 2022年 | 2025年 | 2027年": the years after the
    # first (the base) are the values to reach by then, in the unit column's measure.
    years = [
        (i, m.group(1))
        for i, h in enumerate(rows[0])
        if i > columns["task"] and (m := re.fullmatch(r"((?:19|20)\d{2})\s*年?(?:目标值?)?", h))
    ]
    years = years[1:] if len(years) >= 2 else years
    measure = next((i for i, h in enumerate(rows[0]) if h in ("单位", "计量单位")), None)
    lines = []
    for number, row in enumerate(rows[1:], start=1):
        task = row[columns["task"]] if columns["task"] < len(row) else ""
        if not task:
            continue
        if years:
            unit = row[measure] if measure is not None and measure < len(row) else ""
            parts = []
            for i, year in years:
                cell = row[i] if i < len(row) else ""
                if m := _GOAL_CELL.fullmatch(cell):
                    word = _GOAL_SIGNS.get(m.group("sign") or "", "达到")
                    parts.append(f"到{year}年{task}{word}{m.group('num')}{unit}")
                elif cell and cell not in parts:
                    parts.append(cell)  # "持续改善"
            if parts:
                task = f"{task}。{'；'.join(parts)}"
        if "target" in columns and columns["target"] < len(row) and row[columns["target"]]:
            # A short requirement completes the task ("地区生产总值" "增长5.5%"); what is to be
            # built follows it as its text.
            content = row[columns["target"]]
            joint = "。" if "。" in content or len(content) > 20 else ""
            task = f"{task.rstrip('。；; ')}{joint}{content}"
        cells = {
            key: row[columns[key]]
            for key in _ROW_LABELS
            if key in columns and columns[key] < len(row) and row[columns[key]]
        }
        for key in ("lead", "co"):
            if key in cells and (labelled := _LABELLED_UNIT_CELL.match(cells[key])):
                # "牵头单位:市文广旅游局 责任单位:市各县(市、区)政府": a unit column whose cell
                # names its lead and co-units itself, by their labels.
                cells["lead"], cells["co"] = labelled.group("lead"), labelled.group("co")
                break
        for key in ("lead", "co"):
            if key in cells:
                cells[key] = cells[key].rstrip("。")  # "区投资促进中心。": a cell closed
            if key in cells and _NOT_UNITS.search(cells[key]):
                del cells[key]
        if "deadline" not in cells and "plan" in columns and columns["plan"] < len(row):
            # "1.4月底前…主体完工 2.8月底前…竣工交付 3.11月底前…": the latest time.
            _day, words, _long = item_deadline(row[columns["plan"]], 2000)
            if words and _day is not None:
                cells["deadline"] = words
        notes = [f"{_ROW_LABELS[key]}：{value}" for key, value in cells.items()]
        task = task.rstrip("。；; ")
        mark = "、" if task[:1].isdigit() else "."  # "4、2024年农村公路…", not "4.2024"
        lines.append(f"{number}{mark}{task}。" + (f"（{'；'.join(notes)}）" if notes else ""))
    return lines


_LABELLED_UNIT_CELL = re.compile(
    rf"^\s*(?:{_tw('牵头单位|牵头部门')})\s*[:：]\s*(?P<lead>\S.*?)\s*[；;，,]?\s*"
    rf"(?:{_tw('责任单位|配合单位|责任部门|配合部门')})\s*[:：]\s*(?P<co>\S.*?)\s*$"
)
_GOAL_CELL = re.compile(
    r"(?P<sign>[≥≤＞＜><]|不低于|不高于|不少于|不超过)?\s*(?P<num>\d+(?:\.\d+)?)"
)
_GOAL_SIGNS = {"≥": "不低于", "≤": "不高于", "＞": "高于", ">": "高于", "＜": "低于", "<": "低于"}
_GOAL_SIGNS |= {w: w for w in ("不低于", "不高于", "不少于", "不超过")}


# A table pasted from a page with its cells in one line: "1 | 任务 | 单位 |", or cells
# apart by tabs or spaces ("1 居民消费价格涨幅3%左右 发展改革委").
_PIPE = re.compile(r"\s*[|｜]\s*")


def _row_cells(line: str) -> list[str]:
    if "|" in line or "｜" in line:
        return [c for c in _PIPE.split(line.strip().strip("|｜")) if c.strip()]
    return line.split()


def _header_cells(line: str) -> list[str]:
    if "|" in line or "｜" in line:
        return ["".join(c.split()) for c in _PIPE.split(line.strip().strip("|｜")) if c.strip()]
    cells: list[str] = []
    single = False
    for token in line.split():
        if len(token) == 1 and single:
            cells[-1] += token
            continue
        single = len(token) == 1
        cells.append(token)
    return cells


_ROW_START = re.compile(r"^\s*(?P<n>\d{1,3})(?:\s*[|｜]|\s+)(?=\S)")


def _detailed_row(cells: list[str], header: list[str], columns: dict[str, int]) -> list[str]:
    """A row of a table whose task is broken down ("序号 | 工作任务 | 细化分工 | 责任处室 |
    完成时限 | 备注"), its cells put back in their columns, the breakdown as the task. The
    page drops empty cells: a row short of cells whose last reads as a time limit stands
    with that cell in the time limit's column, the cells before it to the left of it (the
    group's cell, merged over the group's rows, is the one missing)."""
    detail, task, when = columns["detail"], columns["task"], columns.get("deadline")
    row = list(cells) + [""] * (len(header) - len(cells))
    if len(cells) < len(header) and when is not None and _TIME_CELL.search(cells[-1]):
        row = [""] * len(header)
        row[0] = cells[0]
        at = when
        for cell in reversed(cells[1:]):
            if at <= 0:
                break
            row[at] = cell
            at -= 1
    if row[detail]:
        row[task] = row[detail]
    return row


# The header of a table of pipes that has no number column and names its rows by a
# "…名称" cell ("专项整治行业名称 | 时间安排 | 责任单位 |").
_NAMED_HEADER = re.compile(r"^\s*[^|｜\d序编]{1,12}名称\s*[|｜]")


def unnumbered_tables(text: str) -> str:
    """A table of pipes with no number column ("行业名称 | 时间安排 | 责任单位 |" over
    "烟花爆竹 | 1月份 | 安监站 安监所 |"), its header naming the row by a "…名称" cell and its
    units by a unit column, numbered so that ``separated_tables`` reads it: the header
    given "序号" and its name cell read as the task's, each row of as many cells its
    number. Rows end at the first line that is no row of the table."""
    if "|" not in text and "｜" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if not _NAMED_HEADER.match(line):
            out.append(line)
            k += 1
            continue
        header = _header_cells(line)
        columns = table_columns(["事项名称", *header[1:]])
        if len(header) < 3 or not {"lead", "co"} & set(columns):
            out.append(line)
            k += 1
            continue
        rows: list[str] = []
        j = k + 1
        while j < len(lines) and ("|" in lines[j] or "｜" in lines[j]):
            cells = _row_cells(lines[j])
            if len(cells) != len(header) or cells[0][:1].isdigit():
                break
            rows.append(" | ".join(c.strip().rstrip("、") for c in cells))
            j += 1
        if len(rows) < 2:
            out.append(line)
            k += 1
            continue
        out.append("序号 | 事项名称 | " + " | ".join(header[1:]) + " |")
        out += [f"{n} | {row} |" for n, row in enumerate(rows, 1)]
        k = j
    return "\n".join(out)


# A table pasted with bars whose first column names the leader answering for a group of
# rows ("负责领导 | 序号 | 重点工作 | … | 牵头部门 |", "分管市长 | 序号 | …"), the name on the
# group's first row only.
_LEADER_FIRST = re.compile(
    r"^\s*(?P<head>[\u4e00-\u9fff]{0,4}(?:领导|領導)|分管副?[市县区縣區][长長])\s*[|｜]\s*"
    r"(?=(?:序号|编号|序號|編號)\s*[|｜])"
)
_LEADER_ROW = re.compile(
    r"^\s*(?P<name>[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2})\s*[|｜]\s*(?=\d{1,3}\s*[|｜])"
)


def leader_first_tables(text: str) -> str:
    """A table pasted with bars whose leader column comes before the number's: the leader's
    cell moved to the end of its row (and of the header), so that the rows open with their
    number as ``separated_tables`` reads them; a row without it (the page merged the
    leader's cell over the group) has the leader of the row above."""
    if "领导" not in text and "領導" not in text and "分管" not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if not (m := _LEADER_FIRST.match(lines[k])):
            k += 1
            continue
        head = m.group("head")
        lines[k] = lines[k][m.end() :].rstrip().rstrip("|｜").rstrip() + f" | {head} |"
        k += 1
        name = ""
        while k < len(lines) and (
            (row := _LEADER_ROW.match(lines[k])) or _ROW_START.match(lines[k])
        ):
            cells = lines[k]
            if row:
                name = row.group("name").replace(" ", "").replace("\u3000", "")
                cells = cells[row.end() :]
            cut = not cells.rstrip().endswith(("|", "｜")) and not "".join(lines[k + 1 :]).strip()
            if name and not cut:  # (the last line of a passage cut in its row stays cut)
                lines[k] = cells.rstrip().rstrip("|｜").rstrip() + f" | {name} |"
            elif row:
                lines[k] = cells
            k += 1
    return "\n".join(lines)


def separated_tables(text: str) -> str:
    """Tables pasted with their cells in one line ("序号 | 任务名称 | 牵头部门 |" or apart
    by spaces or tabs) rewritten as the numbered rows of ``table_lines``."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        header = _header_cells(line) if re.match(r"^\s*(?:序号|编号|序號|編號)", line) else []
        columns = table_columns(header) if len(header) >= 3 else {}
        if (
            "task" in columns
            and ("deadline" in columns or "target" in columns or "plan" in columns)
            and not {"lead", "co"} & set(columns)
            and (unitless := _unitless_table(lines, k, header, columns)) is not None
        ):
            rows_out, k = unitless
            out += rows_out
            continue
        if (
            "task" in columns
            and not {"lead", "co", "deadline", "target"} & set(columns)
            and (reported := _reported_table(lines, k, header, columns)) is not None
        ):
            rows_out, k = reported
            out += rows_out
            continue
        if "task" not in columns or not ({"lead", "co"} & set(columns)):
            out.append(line)
            k += 1
            continue
        rows = [header]
        j = k + 1
        detail = columns.get("detail")
        spanned = False  # a second header line under cells that span columns
        if j < len(lines) and not _ROW_START.match(lines[j]) and "|" in lines[j]:
            sub = _header_cells(lines[j])
            if len(sub) >= 2 and all(len(c) <= 10 and not c.isdigit() for c in sub):
                spanned, j = True, j + 1
        lead_at = columns.get("lead", columns.get("co"))
        spaced = "|" not in line and "｜" not in line
        seen: list[list[str]] = []  # the rows of a table apart by spaces, over its groups
        grouped = False  # the last numbered row has rows of its own under it
        while (
            j < len(lines)
            and (
                _ROW_START.match(lines[j])
                or (spaced and _spaced_group(lines, j))
                or (len(rows) > 1 and _merged_continuation(lines[j], columns))
                or (  # a line of nothing but a bar between two rows, or after the last
                    not lines[j].strip(" \t|｜")
                    and lines[j].strip()
                    and (
                        not "".join(lines[j + 1 :]).strip()
                        or (j + 1 < len(lines) and _ROW_START.match(lines[j + 1]))
                    )
                )
            )
        ):
            if spaced and _spaced_group(lines, j):
                # "一、主要预期目标" between rows of a table apart by spaces: a heading over
                # the rows below it.
                if len(rows) > 1:
                    out += table_lines(rows)
                out.append(lines[j].strip())
                rows = [header]
                j += 1
                continue
            if not _ROW_START.match(lines[j]) and _merged_continuation(lines[j], columns):
                # "新增国家卫生乡镇2个。 | 验收材料已… | 已完成 | |||": a row under the project
                # above, its number, name and units merged over it: each content a row, the
                # project's name their heading, its units theirs.
                if not grouped:
                    first = rows.pop()
                    if len(rows) > 1:
                        out += table_lines(rows)
                    out.append(first[columns["task"]])
                    lead_cell = first[lead_at] if lead_at < len(first) else ""
                    rows = [
                        header,
                        _content_row(first[columns["target"]], header, columns, lead_cell),
                    ]
                    grouped = True
                rows.append(_content_row(_row_cells(lines[j])[0], header, columns, lead_cell))
                j += 1
                continue
            if not _ROW_START.match(lines[j]):
                j += 1
                continue
            if grouped:
                out += table_lines(rows)
                rows, grouped = [header], False
            cells = _row_cells(lines[j])
            if len(cells) < 2:
                break
            if spaced:
                # A cell the page wrapped onto lines of its own ("区财政局" "区税务局"
                # "区政府有关部门,…"): the row goes on to the next row, heading or end.
                while j + 1 < len(lines) and _spaced_continuation(lines[j + 1]):
                    j += 1
                    cells += lines[j].split()
                if (j + 1 >= len(lines) or not "".join(lines[j + 1 :]).strip()) and _spaced_cut(
                    seen, cells
                ):
                    j = len(lines)
                    break
                cells = _spaced_units(cells, header, columns)
                seen.append(cells)
            if (
                len(cells) < len(header)
                and not lines[j].rstrip().endswith(("|", "｜"))  # (a row closed is whole)
                and not "".join(lines[j + 1 :]).strip()
                and not any(_UNIT_CELL.match(c.split()[0]) for c in cells[2:] if c.split())
            ):
                # The last line of the text, a row short of cells and of its units, not
                # closed: the passage was cut off in it.
                j = len(lines)
                break
            if detail is not None and ("|" in lines[j] or "｜" in lines[j]):
                cells = _detailed_row(cells, header, columns)
            if (spanned or len(cells) != len(header)) and "|" in lines[j]:
                # Spanned headers or empty cells the page dropped: the columns before the
                # units stand in place; the units are the last cell naming one.
                at = next(
                    (
                        i
                        for i in range(len(cells) - 1, 0, -1)
                        if _UNIT_CELL.match(cells[i].split()[0])
                    ),
                    None,
                )
                if at is not None and at >= lead_at:
                    cells = [*cells[:lead_at], cells[at]]
            if "|" not in lines[j] and "｜" not in lines[j] and len(cells) > len(header):
                # Spaces inside the task cell: the cells at the right are the units.
                extra = len(cells) - len(header)
                cells = [cells[0], " ".join(cells[1 : 2 + extra]), *cells[2 + extra :]]
            rows.append(cells)
            j += 1
        if len(rows) < 2:
            out.append(line)
            k += 1
            continue
        out += table_lines(rows)
        k = j
    return "\n".join(out)


def _merged_continuation(line: str, columns: dict[str, int]) -> bool:
    """A line of a table with bars, no number of its own, under a numbered row of a table
    whose rows have a content column after the task ("项目名称 | 项目内容"): a row whose
    number, name and units the page merged over it."""
    return (
        "target" in columns
        and columns["target"] == columns.get("task", -2) + 1
        and ("|" in line or "｜" in line)
        and not _ROW_START.match(line)
        and bool(cells := _row_cells(line))
        and len(cells[0]) >= 4
        and not _PIPE_HEADER.search(cells[0])
    )


_PIPE_HEADER = re.compile(r"^(?:序号|编号|项目名称|项目内容)$")


def _content_row(content: str, header: list[str], columns: dict[str, int], lead: str) -> list[str]:
    """A row of a project's content ("新增绿化面积387亩。"), with the project's units."""
    row = [""] * len(header)
    row[columns["task"]] = content.rstrip("，, ")
    if (at := columns.get("lead", columns.get("co"))) is not None and at < len(row):
        row[at] = lead
    return row


# The columns of a table that reports on its rows ("完成情况", "占全年计划", "完成率").
_REPORT_COLUMN = re.compile(
    r"完成情况|进展情况|推进情况|完成率|完成进度|占全年|累计完成|实际完成|完成数"
)


def _spaced_group(lines: list[str], j: int) -> bool:
    """A group heading ("一、2025年…主要预期目标") among the rows of a table apart by
    spaces, a row starting on the line after it."""
    return (
        bool(_ANY_GROUP_ROW.match(lines[j].strip()))
        and len(lines[j].split()) == 1
        and j + 1 < len(lines)
        and bool(_ROW_START.match(lines[j + 1]) or _ANY_GROUP_ROW.match(lines[j + 1].strip()))
    )


def _spaced_continuation(line: str) -> bool:
    """A line that goes on with the cells of the row above it: no row number, no heading, no
    bar, and units only ("区税务局", "区发改委,各乡镇人民政府、街道办事处,…")."""
    words = line.strip()
    if not words or "|" in words or "｜" in words or _ROW_START.match(line):
        return False
    if _ANY_GROUP_ROW.match(words):
        return False
    names = [n for n in re.split(r"[、，,。；;\s]+", words) if n]
    if len(names) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", names[-1]):
        names.pop()  # "…,谯城经开": a name the page (or the passage's end) cut short
    return bool(names) and all(map(_names_unit, names))


def _spaced_cut(rows: list[list[str]], cells: list[str]) -> bool:
    """The text's last row of a table apart by spaces stops inside its units: the rows above
    close their last cell with "。" and this one does not (the passage was cut there)."""
    closed = [r[-1].endswith("。") for r in rows if r]
    return len(closed) >= 2 and all(closed) and not cells[-1].endswith(("。", "；", ";"))


def _spaced_units(cells: list[str], header: list[str], columns: dict[str, int]) -> list[str]:
    """A row of a table apart by spaces with more cells than its header: when its task cell
    closes with "。" the extra cells are units the page set one a line, the lead column's
    ("区财政局" "区税务局"); else spaces inside the task (left to the caller)."""
    task, lead = columns.get("task"), columns.get("lead", columns.get("co"))
    extra = len(cells) - len(header)
    if extra <= 0 or task is None or lead is None or lead != task + 1:
        return cells
    if not cells[task].endswith(("。", "；", ";")):
        return cells
    units = cells[lead : lead + extra + 1]
    if not all(map(_names_unit, units)):
        return cells
    return [*cells[:lead], "、".join(u.rstrip("。") for u in units), *cells[lead + extra + 1 :]]


def _reported_table(
    lines: list[str], k: int, header: list[str], columns: dict[str, int]
) -> tuple[list[str], int] | None:
    """A table pasted with bars whose columns beside the task only report on it
    ("序号 | 实事项目名称 | 完成情况 | 占全年计划 |"), a numbered row's parts on rows of their
    own without a number ("新增800张…床位 | 810 | 101% | |"): each task a row, numbered in
    turn; what the other columns report is left out, and a last row short of its cells is
    the passage cut in it. None when the lines below do not read so."""
    if "|" not in lines[k] and "｜" not in lines[k]:
        return None
    task = columns["task"]
    others = [h for i, h in enumerate(header) if i not in (columns.get("number"), task)]
    if not others or not all(_REPORT_COLUMN.search(h) for h in others):
        return None
    names: list[str] = []
    j = k + 1
    while j < len(lines) and ("|" in lines[j] or "｜" in lines[j]):
        cells = [c.strip() for c in _row_cells(lines[j])]
        numbered = bool(_ROW_START.match(lines[j]))
        if not numbered and not names:
            return None  # the first row stands under its number
        name, wanted = (cells[task], len(header)) if numbered else (cells[0], len(header) - task)
        if numbered and len(cells) <= task:
            break
        if not re.search(r"[\u4e00-\u9fff]", name):
            break
        j += 1
        if len(cells) < wanted and not any(line.strip() for line in lines[j:]):
            break  # the text's last row, short of its cells: cut there
        names.append(name.rstrip("。；; "))
    if len(names) < 2:
        return None
    return [f"{n}.{name}。" for n, name in enumerate(names, 1)], j


_SUB_TASK = re.compile(r"子项目|子任务|具体项目")
_YEAR_SPAN = re.compile(r"^(?:19|20)\d{2}\s*[-—–~～至]\s*((?:19|20)\d{2})$")


def _unitless_table(
    lines: list[str], k: int, header: list[str], columns: dict[str, int]
) -> tuple[list[str], int] | None:
    """A table pasted with bars that names no unit but a time limit per row, its project
    merged over the rows of its parts ("序号 | 项目名称 | 起止年限 | 子项目 | 具体内容 | …",
    the project's cell on the first of its rows only): the parts are the rows, the project
    a heading over them, a span of years due by the end of its last. None when the lines
    below do not read so."""
    if "|" not in lines[k] and "｜" not in lines[k]:
        return None
    task, group = columns["task"], None
    if (sub := next((i for i, h in enumerate(header) if _SUB_TASK.search(h)), None)) is not None:
        task, group = sub, columns["task"]
    j = k + 1
    if j < len(lines) and not _ROW_START.match(lines[j]) and ("|" in lines[j] or "｜" in lines[j]):
        j += 1  # the header's second line ("截至6月底进展 | 7月工作计划")
    rows: list[list[str]] = []
    open_end = False  # the text's last row stops inside a cell: the page was cut there
    while j < len(lines) and _ROW_START.match(lines[j]) and ("|" in lines[j] or "｜" in lines[j]):
        rows.append([c.strip() for c in _row_cells(lines[j])])
        open_end = not lines[j].rstrip().endswith(("|", "｜")) and not any(
            line.strip() for line in lines[j + 1 :]
        )
        j += 1
    if len(rows) < 2 or [r[0] for r in rows] != [str(n) for n in range(1, len(rows) + 1)]:
        return None
    width = len(rows[0])
    # The columns a row is read from; a last row cut after them stopped in what it reports
    # ("进展情况"), its task and time whole.
    read = max(i for key, i in columns.items() if key in ("task", "deadline", "target", "plan"))
    if open_end and len(rows[-1]) > read + 1:
        open_end = False
    out: list[str] = []
    for row in rows:
        if group is not None and len(row) < width:
            row = [*row[:group], "", *row[group:]]  # the merged project cell
        cell = {key: row[i] for key, i in columns.items() if i < len(row) and row[i]}
        if group is not None and row[group]:
            out.append(row[group] if _GROUP_ROW.match(row[group]) else f"{row[group]}：")
        name = row[task].rstrip("。；; ") if task < len(row) else ""
        if not name:
            return None
        if content := cell.get("target", ""):
            name = f"{name}。{content.rstrip('。；; ')}"
        time_limit = cell.get("deadline", "")
        if not time_limit and cell.get("plan"):
            # "①2月上旬前,…②3月底前,…③5月底前,…": the latest time its steps name.
            day, words, long_running = item_deadline(cell["plan"], 2000)
            time_limit = words if day is not None else ("长期坚持" if long_running else "")
        if m := _YEAR_SPAN.match(time_limit):
            time_limit = m.group(1)
        note = f"（完成时限：{time_limit}）" if time_limit else ""
        if open_end and row is rows[-1] and not note:
            out.append(f"{row[0]}.{name}")  # left as cut, with no full stop of ours
        else:
            out.append(f"{row[0]}.{name}。{note}")
    return out, j


# "1.城区环境提升项目 | 对…改造; | 11月 | 建设局 |": a row opening with its project.
_PROJECT_ROW = re.compile(r"^\s*(?P<n>\d{1,3})[.．、]\s*(?P<name>[^|｜]+?)\s*[|｜]")


def project_tables(text: str) -> str:
    """A table pasted with bars whose first column names a project and whose rows go on
    over lines of their own ("1.城区环境提升项目 | 对…改造; | 11月 | 建设局 |" then
    "新建口袋公园2处; | 11月 | 建设局 | |"): the project a heading, each of its tasks a row
    "(1)任务。（牵头单位：X；完成时限：Y）" below it. A line opening with a time ("2021.8 |
    城投集团 |") gives the row above a second unit."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        header = _header_cells(line) if "|" in line or "｜" in line else []
        columns = table_columns(header[1:]) if len(header) >= 3 else {}
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if (
            not re.search("项目|實事|实事", header[0] if header else "")
            or "task" not in columns
            or not {"lead", "co"} & set(columns)
            or not _PROJECT_ROW.match(following)
        ):
            out.append(line)
            k += 1
            continue
        role = "lead" if "lead" in columns else "co"
        j, number = k + 1, 0
        while j < len(lines) and ("|" in lines[j] or "｜" in lines[j]):
            cells = [c.strip() for c in _row_cells(lines[j])]
            if project := _PROJECT_ROW.match(lines[j]):
                out.append(f"{project.group('n')}.{project.group('name')}")
                cells, number = cells[1:], 0
            elif not cells or (_TIME_CELL.search(cells[0]) and len(cells[0]) <= 12):
                if len(cells) > 1 and out and out[-1].endswith("）"):
                    out[-1] = out[-1][:-1] + f"；责任单位：{cells[1]}）"
                j += 1
                continue
            cell = {key: cells[i] for key, i in columns.items() if i < len(cells) and cells[i]}
            if task := cell.get("task", "").rstrip("。；;,， "):
                number += 1
                notes = [
                    f"{_ROW_LABELS[key]}：{cell[key]}" for key in (role, "deadline") if key in cell
                ]
                out.append(f"({number}){task}。" + (f"（{'；'.join(notes)}）" if notes else ""))
            j += 1
        k = j
    return "\n".join(out)


# A cell opening with its row's number: "7.改扩建城东小学".
_NUMBERED_CELL = re.compile(r"^(?P<n>\d{1,3})[.．、](?!\d)\s*(?P<rest>\S.*)$")
_YEAR_COLUMN = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年")


_HEADERLESS_ROW = re.compile(r"^\s*(?P<n>\d{1,3})\s*[|｜](?P<rest>.*)$")
_ORGAN_CELL = re.compile(
    rf"^[\u4e00-\u9fff（）()]{{1,20}}(?:{_tw('残联|妇联|团委|工会|红十字会')})$"
)


_CATEGORY_HEADER = re.compile(r"^\s*(?:类别|分类|类型|類別|類型)\s*[|｜]\s*(?=序号|编号|序號|編號)")
_CATEGORY_ROW = re.compile(r"^\s*[^|｜\d]{2,12}[|｜]\s*(?=\d{1,3}\s*[|｜])")


def category_tables(text: str) -> str:
    """A table pasted with bars whose first column groups its rows ("类别 | 序号 | 项目名称 |
    工作标准 |" over "省市重点类 | 1 | 路网完善工程 | …"): without that column, so that the
    rows open with their numbers as the table readers expect."""
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if m := _CATEGORY_HEADER.match(lines[k]):
            lines[k] = lines[k][m.end() :]
            k += 1
            while k < len(lines) and (row := _CATEGORY_ROW.match(lines[k])):
                lines[k] = lines[k][row.end() :]
                k += 1
        else:
            k += 1
    return "\n".join(lines)


def headerless_tables(text: str) -> str:
    """Rows of a table pasted with bars but without its header ("1 | 完成27所学校…改造。 |
    县教育局 | 已安装… | 按时序推进 |", three or more numbered 1, 2, 3…, each maybe
    followed by a line holding a bar alone): each row the numbered task of its second
    cell, led by the first unit cell after it ("3.完成…建设。（牵头单位：县民政局）"); the
    cells after the unit (how far the work has come) are left out."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        run: list[tuple[int, list[str]]] = []
        j = k
        previous = lines[k - 1] if k else ""
        while j < len(lines) and not ("|" in previous or "｜" in previous):
            if (m := _HEADERLESS_ROW.match(lines[j])) and int(m.group("n")) == len(run) + 1:
                cells = [c.strip() for c in re.split(r"[|｜]", m.group("rest"))]
                run.append((j, cells))
                j += 1
            elif run and lines[j].strip() in ("|", "｜", ""):
                j += 1
            else:
                break
        if len(run) < 3:
            out.append(lines[k])
            k += 1
            continue
        for n, (_at, cells) in enumerate(run, start=1):
            task = cells[0].rstrip("。")
            lead = next((c for c in cells[1:] if _UNIT_CELL.match(c) or _ORGAN_CELL.match(c)), "")
            out.append(f"{n}.{task}。" + (f"（牵头单位：{lead}）" if lead else ""))
        k = j
    return "\n".join(out)


def numbered_tables(text: str) -> str:
    """A table pasted with bars whose header has no 序号 column and whose rows carry their
    number in the task cell ("类别 | 实事名称 | 2029年度任务目标 | 责任单位 | 分管县领导 |
    1-6月完成情况 | …", then "三、教育 | 7.改扩建… | 完成… | 县教育局 | …" and
    "8.推进… | …", whose group cell the page merged away): the rows of ``table_lines``,
    read from the numbered cell on, a group cell a heading above them. Columns the header
    gives no role (what has been done, a telephone) are left out; a target column headed
    by a year ("2029年度任务目标") dates the rows by its end when no column gives a time."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        header = _header_cells(line) if "|" in line or "｜" in line else []
        if header and (_ROW_START.match(line) or any(len(c) > 20 or "。" in c for c in header)):
            # A row of a table whose header stands above it ("71 | 提高…。 | 1.深入… |
            # 牵头单位:… |"): its cells are sentences, no header's words.
            header = []
        columns = table_columns(header) if len(header) >= 3 else {}
        following = [c.strip() for c in _row_cells(lines[k + 1])] if k + 1 < len(lines) else []
        if (
            "number" in columns
            or "task" not in columns
            or not {"lead", "co"} & set(columns)
            or not any(_NUMBERED_CELL.match(c) for c in following[: columns["task"] + 1])
        ):
            out.append(line)
            k += 1
            continue
        task = columns["task"]
        dated = None
        year = (
            "deadline" not in columns
            and "target" in columns
            and (_YEAR_COLUMN.search(header[columns["target"]]))
        )
        if year:
            dated = f"{year.group('year')}年底"
        head = header + (["完成时限"] if dated else [])
        rows: list[list[str]] = []
        j = k + 1
        while j < len(lines) and ("|" in lines[j] or "｜" in lines[j]):
            cells = [c.strip() for c in _row_cells(lines[j])]
            at = next((i for i, c in enumerate(cells[: task + 1]) if _NUMBERED_CELL.match(c)), None)
            if at is None:
                break
            if at and _GROUP_ROW.match(cells[at - 1]):
                if len(rows) > 1:
                    out += table_lines(rows)
                out.append(cells[at - 1])  # "三、教育": a heading over the rows below
                rows = []
            cells = [""] * task + cells[at:]
            cells[task] = _NUMBERED_CELL.match(cells[task]).group("rest")
            cells = (cells + [""] * len(header))[: len(header)]
            rows.append(cells + ([dated] if dated else []))
            j += 1
        if rows:
            out += table_lines([head, *rows])
        k = j
    return "\n".join(out)


FLATTENED = 300  # a line longer than this may hold a whole plan
_INLINE_HEADING = re.compile(
    r"(?<=[。；;：:）)\u4e00-\u9fff])\s+(?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
    # a page that lost the spaces too: a heading right after a full stop or a colon
    r"|(?<=[。；;：:])(?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)


# "一、基本情况（一）改造…": a short heading run into the first heading below it.
_HEADING_THEN_FIRST = re.compile(
    r"(?:^|(?<=[。；;：:]))[一二三四五六七八九十]+、[\u4e00-\u9fff]{2,16}(?=[（(]一[)）])"
)
# "…（市税务局、市财政局，…，列第一位的为牵头单位）(二)加强…": the next heading right after
# the note that names the units of the row before it.
_HEADING_AFTER_NOTE = re.compile(r"(?<=[）)])(?=[（(][一二三四五六七八九十]+[)）])")


def _headings_after_notes(line: str) -> str:
    """The line with a new line before each heading that stands right after a closing
    bracket whose note names units (a page that lost the spaces of a flattened plan)."""
    out, last = [], 0
    for m in _HEADING_AFTER_NOTE.finditer(line):
        depth, opening = 0, -1
        for at in range(m.start() - 1, -1, -1):  # the bracket the note opens with
            depth += {"）": 1, ")": 1, "（": -1, "(": -1}.get(line[at], 0)
            if depth == 0:
                opening = at
                break
        if opening < 0 or not _UNITS_NOTE.fullmatch(line[opening : m.start()]):
            continue
        out.append(line[last : m.start()])
        last = m.start()
    out.append(line[last:])
    return "\n".join(out)


# "… 1.城东客运站建成投用。 分管领导：… 2.新建…", "分别是： (1)完成… (2)新建…": rows
# numbered after a space on one long line.
_INLINE_NUMBER = re.compile(r"\s+(?=(?P<dot>\d{1,2})[.．、](?!\d)|[（(](?P<paren>\d{1,2})[)）])")
_BEFORE_NUMBER = re.compile(r"[。；;：:！!？?）)”\u4e00-\u9fff\d]")
# On a plan flattened without spaces, "1、" "2." right after a character or a full stop
# ("更新任务1、加快…。2、加快…"): never after 第, never before a digit ("1、2号楼").
_TIGHT_NUMBER = re.compile(
    r"(?<=[。；;：:）)”\u4e00-\u9fff])(?<!第)(?=(?P<dot>\d{1,2})[.．、](?!\d))"
)


# "…四项承诺：1.切实做好…；2.力促…；3.…；4.…。": rows numbered inside a sentence, each
# number right after the colon or the semicolon that ends the row before it.
_CLAUSE_NUMBER = re.compile(r"(?<=[：:；;])\s*(?=(?P<n>\d{1,2})[.．、](?!\d))")


def _longest_run(found: list[tuple[int, int]]) -> list[int]:
    """The places of the longest run 1, 2, 3… among (place, number) pairs in the order of
    their places (the first such run when two are as long); [] when no number is 1."""
    best: list[int] = []
    for i, (at, n) in enumerate(found):
        if n != 1:
            continue
        run, want = [at], 2
        for later, k in found[i + 1 :]:
            if k == want:
                run.append(later)
                want += 1
        if len(run) > len(best):
            best = run
    return best


def _clause_numbered_run(line: str) -> str:
    """The line with a new line before each number of a run 1, 2, 3… (three or more)
    standing right after a colon or a semicolon; the line as it is otherwise."""
    best = _longest_run([(m.start(), int(m.group("n"))) for m in _CLAUSE_NUMBER.finditer(line)])
    if len(best) < 3:
        return line
    out, last = [], 0
    for at in best:
        out.append(line[last:at].rstrip())
        last = at
    out.append(line[last:])
    return "\n".join(part.strip() for part in out)


# A row's line ("1、…（责任单位：X、Y") run into the next row ("2、…"): the page never closed
# the note, or closed it right before the next number.
_ROW_WITH_NOTE = re.compile(
    r"^\s*(?P<n>\d{1,2})(?P<mark>[.．、])(?!\d)[^\n]*?[（(](?:牵头|牽頭|责任|責任|配合|主办|主辦)"
    r"[^\n（()）]{0,4}[:：;；]"
)


def _rows_after_notes(line: str) -> str:
    """The line with a new line before the next row's number ("N+1、…") standing after the
    units note of the row the line opens ("N、…（责任单位：X、Y 2、…", "…（责任单位：X）2、…"):
    a new numbered item closes a note left open."""
    if (m := _ROW_WITH_NOTE.match(line)) is None:
        return line
    nxt = re.compile(
        rf"(?:\s+|(?<=[）)\u4e00-\u9fff]))(?<!第)"
        rf"(?={int(m.group('n')) + 1}{re.escape(m.group('mark'))}(?!\d)\S)"
    ).search(line, m.end())
    if nxt is None:
        return line
    return f"{line[: nxt.start()].rstrip()}\n{_rows_after_notes(line[nxt.end() :])}"


_LONE_WORK = re.compile(r"\s*1[.．、]\s*[^\s。；;！？!?：:]{4,30}(?=[ \u3000]+\S)")


def _numbered_run(line: str, tight: bool = False, flattened: bool = False) -> str:
    """The line with a new line before each number of the longest run 1, 2, 3… of
    numbers of one form standing after a space; the line as it is when the run is
    shorter than two (three on a line no longer than a page's flattened plan).
    ``tight``: a flattened plan whose page lost the spaces too: "1、" "2、" right after a
    character count as well (a run of two or more)."""
    marks: dict[str, list[tuple[int, int]]] = {"dot": [], "paren": []}
    if not any(space in line for space in (" ", "\u3000", "\t", "\n")):
        if not tight:
            return line  # no number stands after a space
        marks["dot"] = [(m.start(), int(m.group("dot"))) for m in _TIGHT_NUMBER.finditer(line)]
    elif tight:
        for m in _TIGHT_NUMBER.finditer(line):
            marks["dot"].append((m.start(), int(m.group("dot"))))
    for m in _INLINE_NUMBER.finditer(line):
        if not m.start() or not _BEFORE_NUMBER.match(line, m.start() - 1):
            continue
        form = "dot" if m.group("dot") else "paren"
        marks[form].append((m.start(), int(m.group(form))))
    marks["dot"].sort()
    best: list[int] = []
    for found in marks.values():
        if len(run := _longest_run(found)) > len(best):
            best = run
    bare: set[int] = set()
    if len(line) > FLATTENED and len(marks["dot"]) >= 2:
        # "… 1落实…。 2落实…。 3、积极…。 4收集…。 5、迎接…": a flattened plan whose page lost
        # the marks of some numbers; a number before a work, among marked ones, counts.
        found = [
            (m.start(), int(m.group("bare")))
            for m in _BARE_NUMBER.finditer(line)
            if m.start() and _BEFORE_NUMBER.match(line, m.start() - 1)
        ]
        run = _longest_run(sorted(marks["dot"] + found))
        if len(run) > len(best) and len(set(run) & {at for at, _n in marks["dot"]}) >= 2:
            best, bare = run, {at for at, _n in found} & set(run)
    if len(best) == 1 and len(line) > FLATTENED and (head := _LONE_WORK.match(line, best[0])):
        # "… 1、突出特色，优化结构，谋划富民强镇 坚持…": the one numbered work of a flattened
        # plan, its head short and standing before a space, is a row of its own.
        return "\n".join(
            (line[: best[0]].rstrip(), head.group(0).strip(), line[head.end() :].lstrip())
        )
    if len(best) < (2 if flattened or len(line) > FLATTENED else 3):
        return line
    out, last = [], 0
    for at in best:
        out.append(line[last:at].rstrip())
        last = at
    out.append(line[last:].lstrip())
    if bare:
        starts = [0, *best]
        out = [
            re.sub(r"^(\d{1,2})", r"\1、", part.strip()) if at in bare else part
            for at, part in zip(starts, out, strict=True)
        ]
    return "\n".join(part.strip() for part in out)


# A number before a work, its mark lost ("1落实…"), not a count ("3个", "4月份", "2023年").
_BARE_NUMBER = re.compile(
    r"\s+(?=(?P<bare>\d{1,2})(?![\d.．、])"
    r"(?![个個月年日号號家项項条條栋棟万萬亿億千百名人所座次天岁歲分元米吨噸亩畝户戶间間处處台臺辆輛只头頭张張"
    r"期批季周届屆级級倍类類点點场場套层層%％])[\u4e00-\u9fff])"
)


_HEADING_THEN_BODY = re.compile(
    r"^(\s*[一二三四五六七八九十]+、[^\s，,。；;：:（()）]{2,24})[ \t\u3000]+(?=[^\s\d])", re.M
)
_LAST_PAGE_NUMBER = re.compile(r"(?<=[。；;！!？?])[ \t\u3000]+\d{1,3}\s*$")
_CHUNK = re.compile(r"^(?P<n>\d{1,3})、(?=\S)")


def _page_chunks_joined(text: str) -> str:
    """A document-sharing page shows a text in numbered chunks, one a long line ("1、乡镇…
    坚决禁用高度" "2、高残农药，…"), each cut wherever the chunk ended: the numbers are
    no items; the chunks are joined back."""
    lines = text.split("\n")
    chunks = [k for k, line in enumerate(lines) if _CHUNK.match(line.strip())]
    if len(chunks) < 2 or _CHUNK.match(lines[chunks[0]].strip()).group("n") != "1":
        return text
    run = [chunks[0]]
    for k in chunks[1:]:
        if int(_CHUNK.match(lines[k].strip()).group("n")) == len(run) + 1:
            run.append(k)
    long_cut = all(
        len(lines[k].strip()) > 120 and not _ends_sentence(lines[k].strip()) for k in run[:-1]
    )
    if len(run) < 2 or not long_cut or run != list(range(run[0], run[0] + len(run))):
        return text
    joined = "".join(_CHUNK.sub("", lines[k].strip(), count=1) for k in run)
    return "\n".join(lines[: run[0]] + [joined] + lines[run[-1] + 1 :])


# "1 实施10条…工程；" "2 发展…": rows numbered with a space after the number, no mark.
_SPACED_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})[ \t\u3000]+(?=[^\s\d|｜.．、，,%])")
_BULLET = re.compile(r"^\s*[●•▪■◆▶►]\s*")
# "1.既有…" then "2.50个小区新增…": the row's number run into a figure it opens with.
# (Not a month: "5.6月开工" is a date cell put under the row.)
_NUMBER_THEN_FIGURE = re.compile(r"^\s*(?P<n>\d{1,2})(?P<mark>[.．])(?=\d)(?!\d{1,2}\s*月)")
_NUMBERED_LINE = re.compile(r"^\s*(?P<n>\d{1,2})(?:[.．](?!\d)|、)")


# A line announcing the list below it ("…接续办好15件重点民生实事。具体包括:").
_ANNOUNCES_LIST = re.compile(
    r"(?:具体包括|主要包括|具体如下|分别是|分别为|具体有|具體包括|主要包括|分別是|分別為)\s*[:：]\s*$"
)
# A line of such a list: one sentence of work, no number, no field label ("责任编辑:李茜").
_ANNOUNCED_WORK = re.compile(r"^(?![\d一二三四五六七八九十（(①-⑳•●·-])[^:：|｜]{4,120}[。；;]$")


def announced_lines(text: str) -> str:
    """Works listed one a line without numbers under a line that announces them ("具体包括:"
    over "新开工改造城镇老旧小区3011万平方米。" "建设100个口袋公园、10座体育公园。" …),
    three or more, numbered in turn as the rows they are."""
    if "包括" not in text and "如下" not in text and "分别" not in text and "分別" not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if not _ANNOUNCES_LIST.search(lines[k].strip()):
            k += 1
            continue
        j = k + 1
        while j < len(lines) and _ANNOUNCED_WORK.match(lines[j].strip()):
            j += 1
        if j - k - 1 >= 3:
            for n, at in enumerate(range(k + 1, j), 1):
                lines[at] = f"{n}.{lines[at].strip()}"
        k = j
    return "\n".join(lines)


# A summary of works in pairs or threes under a slogan ("“两个实施”,即实施城镇老旧小区改造,
# 完工…;实施城市“增绿添园”工程,建设…。"), as news of a county's 实事 puts them.
_PAIRED = re.compile(
    r"^\s*“(?:两|二|三|四|五|兩)个[\u4e00-\u9fff]{1,4}”\s*[，,]\s*即\s*(?P<works>\S.*)$"
)


def paired_works(text: str) -> str:
    """Each work of such summaries a numbered row (numbered on across the summaries); a last
    work the passage cuts off (no stop after it, nothing after its paragraph) is left out."""
    if "”,即" not in text and "”，即" not in text:
        return text
    lines = text.split("\n")
    if sum(bool(_PAIRED.match(line)) for line in lines) < 2:
        return text
    number = 0
    out: list[str] = []
    for k, line in enumerate(lines):
        m = _PAIRED.match(line)
        if not m:
            out.append(line)
            continue
        works = [w.strip() for w in re.split(r"[；;]", m.group("works")) if w.strip()]
        last = not "".join(lines[k + 1 :]).strip()
        for w, work in enumerate(works):
            if last and w == len(works) - 1 and not work.endswith(("。", "！")):
                break  # "“两个改善”,即改善学校医院周边环境,对5所": cut there
            number += 1
            out.append(f"{number}.{work.rstrip('。')}。")
    return "\n".join(out)


def renumbered_rows(text: str) -> str:
    """Rows numbered in forms the levels do not read, rewritten: three or more
    lines numbered 1, 2, 3… with only a space after the number (as "N、"); and a row whose number
    runs into the figure it opens with ("2.50个小区…" after a row numbered 1), read as the
    next number of the rows before it rather than as a decimal. The fields of the page
    listed with bullets ("• 发文字号: …") lose their bullets: they are no points."""
    lines = text.split("\n")
    run: list[int] = []  # the lines of a run of spaced numbers

    def close() -> None:
        if len(run) >= 3:
            for k in run:
                m = _SPACED_NUMBER.match(lines[k])
                lines[k] = f"{m.group('n')}、{lines[k][m.end() :]}"
        run.clear()

    last = 0  # the number of the last row numbered "N." or "N、"
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        if (bullet := _BULLET.match(line)) and _PAGE_FIELD.match(line[bullet.end() :]):
            lines[k] = line = line[bullet.end() :]  # "• 发文字号: …": a field, not a point
        m = _SPACED_NUMBER.match(line) if "|" not in line and "｜" not in line else None
        if m and int(m.group("n")) == len(run) + 1:
            run.append(k)
            continue
        close()
        if m and m.group("n") == "1":
            run.append(k)
            continue
        if (figure := _NUMBER_THEN_FIGURE.match(line)) and int(figure.group("n")) == last + 1:
            # (a space after the mark keeps the figure apart from the number)
            lines[k] = f"{figure.group('n')}{figure.group('mark')} {line[figure.end() :]}"
            last += 1
        elif numbered := _NUMBERED_LINE.match(line):
            last = int(numbered.group("n"))
    close()
    _listed_lines(lines)
    _counted_out_lines(lines)
    return "\n".join(lines)


_OF_LIST_LINE = re.compile(r"^\s*之(?P<n>[一二三四五六七八九十]+)\s*[：:]\s*")


def _counted_out_lines(lines: list[str]) -> None:
    """Lines that count out the works of a list ("之一：“亮点工程”——…" "之二：…", two
    or more from the first), numbered as rows ("1、“亮点工程”——…")."""
    want, run = 1, []
    for k, line in enumerate(lines):
        m = _OF_LIST_LINE.match(line)
        if m and chinese_number(m.group("n")) == want:
            run.append((k, m))
            want += 1
    if len(run) >= 2:
        for n, (k, m) in enumerate(run, start=1):
            lines[k] = f"{n}、{lines[k][m.end() :]}"


# A line introducing a list ("这八件民生实事项目是：", "主要包括："), and a line of such
# a list: a short clause ended by "；" (the last by "。" or "；"), no sentence inside it.
_LIST_INTRO = re.compile(r"(?:是|为|為|包括|如下|有|以下[\u4e00-\u9fff]{0,6})\s*[：:]\s*$")
# A bullet a page sets before each listed line ("- 推进产业结构调整；").
_BULLET = re.compile(r"^[-•●▪■◆·]\s*")
_LISTED_LINE = re.compile(r"^[^。！？!?；;：:|｜]{4,60}[；;]$")
_LISTED_LAST = re.compile(r"^[^。！？!?；;：:|｜]{4,60}[。；;]?$")
_ANY_LEVEL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.．、]|[①-⑳●•▪■◆▶►\-])"
)


def _listed_lines(lines: list[str]) -> None:
    """Unnumbered lines listed after a line that introduces them, each a short clause
    ended by "；" ("这八件民生实事项目是：" over "完成城镇老旧小区改造项目；" "启动…；" …,
    three or more), numbered in place ("1、…") so that each is a row. Not the points of a
    goals line ("主要预期目标是：" over "地区生产总值增长6%；"): those are its goals."""
    k = 0
    while k < len(lines):
        intro = lines[k].strip()
        # ("为实现上述目标，…关注以下方面：": the clause introducing the list names no goals)
        if (
            not _LIST_INTRO.search(intro)
            or _heads_goals(intro)
            or "目标" in re.split(r"[，,]", intro)[-1]
        ):
            k += 1
            continue
        run: list[int] = []
        j = k + 1
        while j < len(lines):
            line = _BULLET.sub("", lines[j].strip())
            if not line:
                j += 1
                continue
            if _ANY_LEVEL.match(line):
                break
            if _LISTED_LINE.match(line):
                run.append(j)
                j += 1
                continue
            if run and _LISTED_LAST.match(line):
                run.append(j)
                j += 1
            break
        if len(run) >= 3:
            for n, at in enumerate(run, start=1):
                lines[at] = f"{n}、{_BULLET.sub('', lines[at].strip())}"
        k = j if run else k + 1


# The sources a digest cites after a line ("…护砌2.75千米 [1][2]"): no part of its text.
_SOURCE_MARKS = re.compile(r"(?:\s*\[\d{1,3}\])+\s*$")
# A short heading between the points of a bulleted list ("城市环境与垃圾处理"): no
# sentence, no figure.
_POINTS_HEADING = re.compile(r"^[\u4e00-\u9fff、与和及]{2,16}$")
# A space between two clauses of a line ("…二期工程 包括挡墙…"), not inside a word.
_CLAUSE_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff\d%）)”][\u4e00-\u9fff\d%）)”])[ \t]+(?=[\u4e00-\u9fff“][\u4e00-\u9fff\d])"
)


# "项目一:病有所医 - 实施…": a digest's numbered point, its label, a dash, then its work.
_DIGEST_POINT = re.compile(
    r"(?:^|\s)(?:项目|項目)[一二三四五六七八九十]{1,3}\s*[:：]\s*(?:[^\s:：-]{2,12}\s+)?-\s+"
)


def _run_on_digest(text: str) -> str:
    """A digest's points run into one line ("…[1] 项目一:病有所医 - 实施… [1] 项目二:…"): a
    line each, set as a bulleted point ("- 实施…"), its label left out."""
    out = []
    for line in text.split("\n"):
        points = list(_DIGEST_POINT.finditer(line))
        if len(points) < 3:
            out.append(line)
            continue
        out.append(line[: points[0].start()])
        for k, m in enumerate(points):
            stop = points[k + 1].start() if k + 1 < len(points) else len(line)
            out.append("- " + line[m.end() : stop].strip())
    return "\n".join(out)


def join_lines(text: str) -> list[str]:
    """Paragraphs of the text, with lines broken inside a sentence joined back."""
    lines = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _page_chunks_joined(text)
    # "…认真完成各项工作任务。 2": the number of the page (or chunk) the passage stops on.
    text = _LAST_PAGE_NUMBER.sub("", text)
    # A plan a page flattened onto one line: its headings (一、 （一）) after a space start
    # lines again, and so do rows numbered 1, 2, 3… after a space.
    text = "\n".join(
        _numbered_run(
            _INLINE_HEADING.sub(
                "\n", _headings_after_notes(_HEADING_THEN_FIRST.sub("\\g<0>\n", line))
            ),
            tight=" " not in line.strip(),
        )
        if len(line) > FLATTENED
        else _clause_numbered_run(_numbered_run(_rows_after_notes(line)))
        for line in text.split("\n")
    )
    if len(text) > FLATTENED:
        # Rows numbered from 1 again under each heading ("一、…牵头重点工作 1.… 2.… 二、…
        # 1.… 2.…"): the runs under the later headings too.
        text = "\n".join(
            _numbered_run(part, tight=" " not in part.strip(), flattened=True)
            if _L1.match(part.strip()) or _L2.match(part.strip())
            else part
            for part in text.split("\n")
        )
        # "二、做好校舍建设及安全管理工作 认真抓好…": a part's heading, a space, its text.
        text = _HEADING_THEN_BODY.sub("\\g<1>\n", text)
    if "为" in text or "為" in text:
        text = "\n".join(
            _SECOND_ROW.sub("\\g<0>\n", line) if _LABELLED_ROW.match(line.strip()) else line
            for line in text.split("\n")
        )
    if "项目" in text or "項目" in text:
        text = _run_on_digest(text)
    for raw in text.split("\n"):
        line = _SOURCE_MARKS.sub("", raw.strip().replace("\u3000", " ")).strip()
        if (
            (bullet := _L6.match(line))
            and _CLAUSE_SPACE.search(line, bullet.end())
            and not page_chrome(line)
        ):
            # "- 实施…工程 包括挡墙13.46千米 道路8.72千米": a digest's point, its clauses
            # apart by spaces, not commas.
            line = line[: bullet.end()] + _CLAUSE_SPACE.sub("，", line[bullet.end() :])
        if line.startswith("#"):
            line = line.lstrip("#").strip()
            if line:
                lines.append((line, True))
            continue
        if not line or _SEPARATOR.match(line):
            continue
        lines.append((line, False))
    widths = [_width(line) for line, _heading in lines]
    width = _wrap_width(widths)
    paragraphs: list[str] = []
    current = ""
    for i, (line, heading) in enumerate(lines):
        nxt = lines[i + 1][0] if i + 1 < len(lines) else ""
        if current and current[-1].isascii() and current[-1].isalnum() and line[0].isalnum():
            current += " "
        current += line
        w = widths[i]
        full = width is not None and w >= 0.95 * width
        after = lines[i + 2][0] if i + 2 < len(lines) else ""
        if heading or not nxt or _HEADING_MARK.match(nxt) or _L6.match(nxt):
            ends = True  # the next line a heading, or a point of a bulleted list
        elif _L6.match(current) and _POINTS_HEADING.match(nxt) and (not after or _L6.match(after)):
            ends = True  # a bulleted point, then the short heading of the points below
        elif line[-1] in "；;" and _LABELLED_ROW.match(nxt) and _LABELLED_ROW.match(current):
            ends = True  # rows "指标：目标，责任单位为X；" a line each
        elif re.search(r"如下\s*[：:]$", line):
            ends = True  # "主要进度如下：" introduces what follows on lines of its own
        elif nxt[0] in "%％，,、；;":
            ends = False  # "…达100" "%" ",其中…": no sentence opens on these marks
        elif _ends_sentence(line):
            ends = not full
        else:
            # No full stop: a title or heading when short, else a line broken mid-sentence.
            ends = not full and w < 60 and (width is None or w < 0.6 * width)
        if ends:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


# ---------------------------------------------------------------------------------------
# 2. Title and author

_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")


# "• 所属类目: 区政府办公室文件", "• 发文字号: …": the fields of the page, listed with bullets.
_PAGE_FIELD = re.compile(
    "^(?:"
    + "|".join(
        r"\s*".join(label)
        for label in [
            "所属类目",
            "主题分类",
            "体裁",
            "发布日期",
            "发文字号",
            "发文日期",
            "公开类别",
            "机构名称",
            "索引号",
            "发布机构",
            "发文机关",
            "文号",
            "成文日期",
            "有效性",
            "信息来源",
            "发布时间",
            "公开方式",
            "公开范围",
            "生成日期",
            "公开日期",
            "关键词",
            "组配分类",
            "生效日期",
            "废止日期",
            "内容概览",
            "内容概述",
            "在线链接地址",
            "文件下载",
            "信息分类",
            "政策咨询机关",
            "政策咨询电话",
            "公开目录",
            "公开形式",
            "公开责任部门",
            "文件名称",
            "信息名称",
            "标题",
            "名称",
        ]
    )
    # (a label cell of a record's table, with or without its colon: "文件名称 | …")
    + r")\s*(?:[:：]|[|｜])"
)
# A record's fields on one line, each label set apart by spaces with no colon ("信息索引号
# K1493206-6/2020-12163 公开方式 主动公开", "生成日期 2020-10-20 发布日期 2020-10-20").
_SPACED_FIELD = re.compile(
    r"(?:^|(?<=\s))(?:信息索引号|索\s*引\s*号|公开方式|发布机构|公开范围|备注/文号|文\s*号|公开时限|"
    r"生成日期|发布日期|成文日期|主题分类|有\s*效\s*性)(?=\s|$)"
)
# The record's field naming the text ("标 题: | 关于印发…的通知 |"): its title, when the
# lines below give none.
_TITLE_FIELD = re.compile(
    r"^\s*(?:标\s*题|文件名称|信息名称|名\s*称)\s*[:：]?\s*[|｜]?\s*(?P<title>[^|｜]{6,80}?)\s*(?:[|｜]|$)"
)


# The controls and counters of a web page copied with its text: "进入老年版", "关怀版 无障碍",
# "字体:【大】 【小】", "打印本页", "扫一扫在手机打开当前页", a sharing site's "• 0",
# "约6.22千字", "约 11页", "2026-01-28 发布于四川", "举报", "浏览次数:"; a breadcrumb's "首页" and
# "> 政务公开 > …". None is the text's.
_CHROME_WORD = (
    r"(?:进入|切换)?(?:老年|关怀|长者|適老|适老)(?:版|模式)|无障碍(?:浏览|阅读)?|無障礙|"
    r"打印本页|打印本頁|关闭窗口|關閉窗口|【?打印】?|【?关闭】?|举报|舉報|收藏|下载|下載|分享到?|"
    r"文字\s*[:：]|保护视力色\s*[:：]?|保護視力色\s*[:：]?|视力保护色\s*[:：]?|"
    r"阅读\s*[:：]\s*\d*|閱讀\s*[:：]\s*\d*|"
    # a page's counter of its readers ("• 浏览次数:", "访问次数：12", "点击量: 35")
    r"(?:浏览|瀏覽|访问|訪問|点击|點擊|阅读|閱讀)(?:次数|次數|量)\s*[:：]?\s*\d*|"
    r"首页|首頁|约\s*[\d.]+\s*千?字|約\s*[\d.]+\s*千?字|约\s*\d+\s*页|約\s*\d+\s*頁|"
    r"扫一扫[^。；;]{0,12}|掃一掃[^。；;]{0,12}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*(?:发布|發佈|上传|上傳)于\S{0,6}|"
    # a comment form under an article ("网友评论", "• 验证码:")
    r"网友评论|網友評論|发表评论|發表評論|验证码\s*[:：]?|驗證碼\s*[:：]?"
)
_CHROME = re.compile(rf"^\s*(?:[•·●▪\-]\s*)?(?:{_CHROME_WORD})(?:\s+(?:{_CHROME_WORD}))*\s*$")
_CHROME_OTHER = re.compile(
    r"^\s*(?:[•·●▪\-]\s*\d{1,6}"  # a bulleted counter ("• 0", "- 0")
    # a site's banner, its names ("法搜网--中国法律信息搜索网")
    r"|[\u4e00-\u9fff]{1,10}[网網]\s*[-—–|]{1,2}\s*[\u4e00-\u9fff]{2,16}[网網站]"
    r"|【?\s*字[体體号號]\s*[:：]?\s*【?\s*大\s*】?\s*【?\s*中?\s*】?\s*【?\s*小\s*】?"
    r"|(?:>\s*[^>\n]{1,12}){2,}>?|(?:您的|您现在的|您当前的?|当前)?(?:所在)?位置\s*[:：][^。]{0,60}"
    # a sharing page's counter under the part it shows ("仅展示665字,全文共3671字",
    # "共4页,预览2页"): no line of the text, nor one cut in mid-sentence
    r"|(?:仅展示|僅展示|仅显示|僅顯示)\s*\d+\s*字\s*[,，、]?\s*(?:全文共\s*\d+\s*字)?"
    r"|全文共\s*\d+\s*字|共\s*\d+\s*页\s*[,，]?\s*预览\s*\d+\s*页"
    # an empty field of a form under the page ("• 姓  名:", "• *验 证 码:")
    r"|[•·●▪]\s*\*?\s*(?:[\u4e00-\u9fff]\s*){2,6}[:：])\s*$"
)


# A forum's anti-copying "jammer": runs of short random ASCII tokens before or after the
# text on a line ("* p/ {) b& x! R8 r( k 一、…项目$ N3 {7 w- a G"). A run is five tokens or
# more of one to three printable characters, holding letters and marks both (a bar table's
# "| 1 | 2 |" holds no letters).
_JAMMER_RUN = r"(?:[!-~]{1,3}[ \t]+){4,}[!-~]{1,3}"
_JAMMER_END = re.compile(
    rf"(?<=[^\x00-\x7f])(?P<keep>[;:,.!?)]?)[ \t]*(?P<run>{_JAMMER_RUN})[ \t]*$", re.M
)
_JAMMER_START = re.compile(rf"^[ \t]*(?P<run>{_JAMMER_RUN})[ \t]+(?=[^\x00-\x7f])", re.M)


def _jammer(run: str) -> bool:
    letters = sum(ch.isalpha() for ch in run)
    marks = sum(not ch.isalnum() and not ch.isspace() and ch not in "|" for ch in run)
    return letters >= 2 and marks >= 2


# "　（一）緊扣…" that a page decoded one byte off after a broken full-width space:
# "?。ㄒ唬┚o扣…". The run from "。" to the first ASCII character, re-encoded in GBK and read
# again from its second byte, gives the heading back when it is one ("（一）緊").
_SHIFTED_MARK = re.compile(r"\?(。[^\x00-\x7f]{1,10}?[\x40-\x7e])")
_SHIFTED_HEADING = re.compile(r"^[（(][一二三四五六七八九十\d]{1,3}[）)]")


def _realigned(run: str) -> str:
    try:
        read = run.encode("gbk")[1:].decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return ""
    return read if _SHIFTED_HEADING.match(read) else ""


def realigned(text: str) -> str:
    """The headings a page decoded one byte off ("?。ㄒ唬┚o扣" → "（一）緊扣") read back.
    A heading that does not read back (its first character lost with the byte) at the
    start of a line after one that did is the next of the same numbering: its mark is
    given back ("（二）"), its first words stay as the page has them."""
    if "?。" not in text:
        return text
    lines, number = text.split("\n"), 0
    for k, line in enumerate(lines):
        if "?。" not in line:
            continue
        m = _SHIFTED_MARK.search(line)
        if m and (read := _realigned(m.group(1))):
            number = _NUMERALS.find(read[1]) + 1
            lines[k] = line[: m.start()] + read + line[m.end() :]
        elif number and 0 < number < len(_NUMERALS) and line.lstrip().startswith("?。"):
            number += 1
            lines[k] = f"（{_NUMERALS[number - 1]}）{line.lstrip()[2:]}"
    return "\n".join(lines)


def without_jammer(text: str) -> str:
    """The text without a forum's anti-copying jammer (``_JAMMER_RUN``)."""
    if not re.search(r"[!-~][ \t]+[!-~]{1,3}[ \t]+[!-~]", text):
        return text
    text = _JAMMER_END.sub(
        lambda m: m.group("keep") if _jammer(m.group("run")) else m.group(0), text
    )
    return _JAMMER_START.sub(lambda m: "" if _jammer(m.group("run")) else m.group(0), text)


# A sharing site's notes to its readers above or below the text ("温馨提示：" over "1. 部分
# 包含数学公式或PPT动画的文件，查看预览时…" "2. 本文档由用户上传…"), and its service line.
_SITE_NOTES = re.compile(
    r"^\s*(?:温馨提示|友情提示|特别提示|下载说明|下载提示|合集下载)\s*[：:]?\s*$"
)
_SITE_NOTE_POINT = re.compile(r"^\s*\d{1,2}\s*[.．、]")
# A numbered point that speaks to the site's readers ("1、下载文档前请自行甄别文档内容的完整性",
# "3、如文档侵犯您的权益,请联系客服反馈"), wherever it stands.
_SITE_NOTE_TEXT = re.compile(
    r"下载文档前|下載文檔前|仅部分预览|僅部分預覽|侵犯您的权益|侵犯您的權益|本文档由用户上传|本文檔由用戶上傳"
)
_SITE_SERVICE = re.compile(r"^\s*(?:网站客服|客服(?:QQ|电话|邮箱)?)\s*[：:]")


def site_notes(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a sharing site's notes: the line that heads them and the
    numbered points right under it, and a service line after them."""
    kept, under = [], False
    for para in paragraphs:
        if _SITE_NOTES.match(para):
            under = True
            continue
        if under and (_SITE_NOTE_POINT.match(para) or _SITE_SERVICE.match(para)):
            continue
        if _SITE_NOTE_POINT.match(para) and _SITE_NOTE_TEXT.search(para[:40]):
            continue
        under = False
        kept.append(para)
    return kept


# A page's list bullet before a numbered heading ("• 一、总体目标") or before a field of its
# record ("• 来源:市水利局", "• 时间:2024-01-23 14:21:48"): markup, taken off.
_PAGE_BULLET = re.compile(
    r"^([ \t]*)[•·●▪][ \t]*(?=[一二三四五六七八九十]+、|"
    r"(?:来源|來源|时间|時間|发布时间|發布時間|作者|编辑|編輯)\s*[:：])",
    re.M,
)


# A sharing site's preview that ran a document's pages into one line, each page's text
# after its number: "1、某市…行动计划(2021-2022年)为提高…", the title run into the first
# sentence after the first page's mark.
_PAGE_MARK_TITLE = re.compile(
    r"^\d{1,2}、(?P<title>[^。，,；;：:！？!?、]{4,60}?"
    rf"(?:{_tw('行动计划|行动方案|实施方案|工作方案|工作要点|工作计划|实施意见')})"
    r"(?:[（(](?:19|20)\d{2}\s*[-—–至]\s*(?:19|20)\d{2}年?[）)])?)(?=[为為根据據按])"
)
# A plan's first part run into the sentence before it ("…制定如下行动计划。一、总体要求到
# 2022年，…"): a paragraph of its own.
_RUN_IN_PART = re.compile(
    rf"(?<=[。：:])(?=[一二三四五六七八九十]{{1,2}}、\s*(?:{_tw('总体要求|指导思想|主要目标|工作目标|总体目标|基本原则|重点任务|主要任务|保障措施')}))"
    # "…请予审议。 一、2025年工作回顾 2025年是…": a report's part looking back
    r"|(?<=[。：:])\s*(?=[一二三四五六七八九十]{1,2}、\s*(?:(?:19|20)\d{2}\s*年)?[^，,。；;\s]{0,10}?工作回[顾顧]\s)"
)


# A work named by a short label before a full colon ("增收：制定实施城乡居民增收计划，…",
# "消费：安排…"), as a report's summary lists the year's works; not a field or a unit's
# label ("责任单位：", "完成时限：", "发布时间：").
_LABELLED_WORK = re.compile(
    r"^(?P<label>(?![\u4e00-\u9fff]*(?:单位|單位|部门|部門|时限|時限|时间|時間|日期|领导|領導|附件|联系|聯系"
    r"|电话|電話|地址|来源|來源|发布|發布|索引|文号|文號|主题|主題|机构|機構|备注|備註|说明|說明|注|地点|地點))"
    r"[\u4e00-\u9fff]{2,4})：(?P<work>[\u4e00-\u9fff“][^：]{7,})$"
)


def labelled_works(text: str) -> str:
    """Two or more lines in a row (blank lines between them aside) naming a work by a short
    label ("增收：制定…", "消费：安排…"), right under a heading ("四、2026年部分工作任务"):
    the heading's rows, numbered as rows are (before lines are joined: a label line
    not ending its sentence is no part of the line above)."""
    lines = text.split("\n")
    filled = [k for k, line in enumerate(lines) if line.strip()]
    k = 0
    while k < len(filled):
        run = k
        while run < len(filled) and _LABELLED_WORK.match(lines[filled[run]].strip()):
            run += 1
        above = lines[filled[k - 1]] if k > 0 else ""
        if run - k >= 2 and (_level(above.strip()) or _heading_line(above)):
            for n, j in enumerate(filled[k:run], start=1):
                # (the label names the field, the work after it is the row's head)
                lines[j] = f"{n}.{_LABELLED_WORK.match(lines[j].strip()).group('work')}"
        k = max(run, k + 1)
    return "\n".join(lines)


def _points_of_figures(item: Item) -> bool:
    """A heading over nothing but short points of a figure each, one a line ("三、2026年经济
    社会发展总体要求和政策取向" over "经济增长4.5%-5%" "城镇新增就业1200万人以上" …): a part
    setting out goals under another name, no task."""
    lines = [line.strip() for line in item.text.strip().split("\n") if line.strip()]
    if lines and item.title and lines[0].endswith(item.title.strip()):
        lines = lines[1:]  # (the heading's own line)
    return len(lines) >= 3 and all(_GOAL_POINT.match(line) for line in lines)


def _heading_line(para: str) -> bool:
    line = para.strip()
    return 2 <= len(line) <= 30 and not _ends_sentence(line) and not re.search(r"[，,；;：:]", line)


def run_in_parts(paragraphs: list[str]) -> list[str]:
    """Paragraphs a page ran together taken apart: the title after a preview's first page
    mark (``_PAGE_MARK_TITLE``) and a plan's parts run into the sentence before them."""
    out: list[str] = []
    for para in paragraphs:
        if m := _PAGE_MARK_TITLE.match(para):
            out.append(m.group("title"))
            para = para[m.end() :]
        out += [p for p in _RUN_IN_PART.split(para) if p]
    return out


def page_chrome(para: str) -> bool:
    """A line of the page around the text, not of the text (``_CHROME``)."""
    return bool(_CHROME.match(para) or _CHROME_OTHER.match(para))


# The fields of a page's record of the document, on a line of their own before the title,
# with or without their colons: "索引号 113302…/2024-152907 组配分类 民生实事 …".
_FIELD_LINE = re.compile(
    r"^\s*(?:索\s*引\s*号|索引號|发布机构|發佈機構|发布机关|公开方式|公開方式|发文文号|发文字号|组配分类|主题分类)"
)


# A line naming a document by its kind ("贵州省河湖长制2023年度工作实施方案", "2008年政府工作
# 目标任务分解", "關于促進旅游業改革發展的意見"), standing alone.
_KIND_TITLE = re.compile(
    r"^[^。！？!?；;：:《》“”\s|｜•·●]{4,60}?"
    r"(?:方案|计划|計劃|意见|意見|要点|要點|通知|规划|規劃|分工|分解|分解表|清单|清單|台账|臺賬|"
    r"措施|办法|辦法|纲要|綱要|工作思路|决定|決定|细则|細則)"
    r"(?:[(（][^()（）]{2,16}[)）])?$"
)


# What a header gives that names no document: nothing, a bulleted field ("• 年度工作目标"), a
# date line in Chinese numerals ("(二OO八年二月二十六日)"), a record's fields ("分 类: 其他;通知",
# "发文机关 发布时间 …"), the issuers alone ("中共某省委 某省人民政府"), a site's banner.
_NO_TITLE = re.compile(
    r"^(?:|[•·●▪].*|[（(]?[〇○OＯ零一二三四五六七八九十]{2,4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日[)）]?|.*[:：].*|.*(?:发文机关|發文機關|发布时间|發布時間).*|"
    r"(?:[\u4e00-\u9fff]{2,16}(?:委|府|厅|廳|局|办公室|辦公室)\s+)+[\u4e00-\u9fff]{2,16}(?:委|府|厅|廳|局|办公室|辦公室)|"
    r".*[\u4e00-\u9fff][网網]\s*[_\-—|]{1,2}.*)$"
)


def _kind_title(paragraphs: list[str]) -> str:
    """The title a page hid behind its fields, banners or a date line ("(二OO八年二月二十六日)",
    "• 年度工作目标", "分 类: 其他;通知"), or left out above a 文号 and its notice: the first
    line among the first ones that names the document by its kind, not a heading."""
    before = ""
    for para in paragraphs[:30]:
        line = para.strip()
        if _HEADING_MARK.match(line) or _level(line):
            before = ""
            continue
        if _KIND_TITLE.match(line) and not line.startswith(
            ("现将", "現將", "根据", "根據", "为", "為")
        ):
            if re.match(r"(?:关于|關于|關於)[^。！？!?；;：:]{2,40}$", before):
                return before + line  # a title broken over two lines, "关于印发…“十三五”" first
            return line
        before = line
    return ""


def split_header(paragraphs: list[str]) -> tuple[str, str, str, int]:
    """(title, author, affiliation, index of the first body paragraph)."""
    i = 0
    title = author = affiliation = ""

    def short(p: str) -> bool:
        return len(p) <= 40 and not _ends_sentence(p) and not _HEADING_MARK.match(p)

    field_title = ""
    while i < len(paragraphs) - 1 and (
        not re.search(r"[\w\u4e00-\u9fff]", paragraphs[i])
        or re.fullmatch(r"(?:[^|｜:：]{1,12}[:：][\s|｜]*)+", paragraphs[i])
        or _FIELD_LINE.match(paragraphs[i])
        or _PAGE_FIELD.match(paragraphs[i].lstrip("•·● "))
        or len(_SPACED_FIELD.findall(paragraphs[i])) >= 2
        or (field_title == "" and i and re.fullmatch(r"附件\s*\d{0,2}", paragraphs[i].strip()))
    ):
        # a line of marks ("|", "•"), an empty field of the page ("文件名称: |", "生效日期: |
        # 废止日期: | ||") or the record's fields
        if not field_title and (named := _TITLE_FIELD.match(paragraphs[i])):
            field_title = named.group("title").strip()
        i += 1

    if paragraphs and DOC_NUMBER.fullmatch(paragraphs[0].strip()):
        i = 1  # the 文号 line above the title
    if i < len(paragraphs) and short(paragraphs[i]) and not SALUTATION.match(paragraphs[i]):
        title, i = paragraphs[i], i + 1
        if field_title and i < len(paragraphs) and DATE_LINE.match(paragraphs[i].strip()):
            title = field_title  # the issuer signing over its date line is no title
    if (
        i < len(paragraphs)
        and _NAME.match(paragraphs[i])
        and not GOALS.match(paragraphs[i])
        and not PREAMBLE.match(paragraphs[i])
    ):
        author, i = paragraphs[i], i + 1
        if i < len(paragraphs) and short(paragraphs[i]) and len(paragraphs[i]) <= 20:
            affiliation, i = paragraphs[i], i + 1
    if i < len(paragraphs) and SALUTATION.match(paragraphs[i]):
        i += 1  # "各镇政府，各街道办事处，市各有关部门：" addresses, it is no task
    return title or field_title, author, affiliation, i


# The addressees of a notice, a line of its own ending in a colon.
SALUTATION = re.compile(r"^(?:各|市各|县各|区各|全市各)[^。！？]{0,120}[:：]$")
# 文号: 国发〔2020〕6号, 扬政办发〔2025〕12号, 苏政发(2024)3号.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}[〔\[［(（](?P<year>(?:19|20)\d{2})[〕\]］)）]\s*\d{1,4}\s*[号號]"
)
# The date line (落款): a paragraph that is a date and nothing else.
DATE_LINE = re.compile(
    r"^[（(]?\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*[)）]?"
    r"(?:\s*[|｜])?$"  # a web page's table cell left after it: "2022年12月21日 |"
)


# A plan's section of goals: every sentence in it commits.
class _EitherForm:
    """A pattern read on a heading in simplified characters, whichever form the page
    wrote it in, or both mixed ("總體目标")."""

    def __init__(self, pattern: re.Pattern, longest: int) -> None:
        self.pattern, self.longest = pattern, longest

    def match(self, text: str) -> re.Match | None:
        if len(text) > self.longest:
            return None  # (a whole heading, never a line of text)
        return self.pattern.match(text.translate(_T2S))


GOALS = _EitherForm(
    re.compile(
        "^(?:主要目标|总体目标|发展目标|工作目标|目标任务|主要预期目标|主要工作目标|总体工作目标|行动目标|"
        # "一、目标要求", "1.主要目标指标。" over the figures
        "目标要求|主要目标指标|目标指标|"
        # the goals of a campaign or a drive ("（一）活动目标。…确保…达到40%以上")
        "活动目标|整治目标|创建目标|攻坚目标|提升目标|改造目标)$"
    ),
    longest=6,
)
# A heading of goals named with the verb that sets them, or as the goals striven for
# ("二、确定总体奋斗目标", "明确年度目标", "总体奋斗目标").
_GOALS_SET = re.compile(
    r"^(?:(?:确定|明确|確定)(?:总体|總體|主要|年度|全年)?(?:奋斗|奮鬥|工作|发展|發展)?"
    r"|(?:总体|總體|主要)?(?:奋斗|奮鬥))目[标標]$"
)
_GOALS_LINE = re.compile(
    rf"^(?:(?:19|20)\d{{2}}年)?[\u4e00-\u9fff]{{0,14}}(?:{_tw('预期目标|主要目标')})\s*[：:]?$"
)
# A part that names the year's main figures ("一、2010年全市促进就业目标责任制主要指标" over
# "1、…控制在4%以内" "2、…5.8万人以上"): its points are goals, no tasks.
_GOALS_PART = re.compile(
    rf"^(?:(?:19|20)\d{{2}}年)?[\u4e00-\u9fff]{{0,20}}"
    rf"(?:{_tw('主要指标|预期指标|主要预期指标|目标任务|主要目标|预期目标|总体目标|工作目标|发展目标')})\s*[：:]?$"
    # "二、森林质量建设目标", "三、资源管理目标": the goals of a field, named by it (not a
    # work toward them, "确保实现年度目标")
    rf"|^(?!{_tw('实现|完成|确保|力争|锚定|聚焦|围绕|对标|瞄准|推动|坚持|明确|落实|紧盯|达到|努力|坚决')})"
    rf"[\u4e00-\u9fff]{{2,8}}(?:{_tw('建设|管理|保护|治理|发展')})目标$"
)


# A report's part on the year's goals and work ("二、2025年目标任务和重点工作"), its
# paragraphs under it: the goals it states commit, no row stands for the part.
_GOALS_AND_WORK = re.compile(
    rf"^(?:(?:19|20)\d{{2}}年)?[\u4e00-\u9fff]{{0,10}}?(?:{_tw('目标任务|主要目标|预期目标')})"
    rf"(?:和|与|及|與)(?:{_tw('重点工作|主要任务|重点任务|工作安排|重大任务')})$"
    # "二、「十五五」时期主要目标和重大任务": the goals of a five-year plan's period
    rf"|^[“\"「]?十[一二三四五六七八九]五[”\"」]?(?:时期|時期)?(?:{_tw('主要目标|发展目标')})"
    rf"(?:(?:和|与|及|與)(?:{_tw('重大任务|主要任务|重点任务')}))?$"
)


# A part's body opening on the year's expected targets ("二、2025年经济社会发展总体要求和政策
# 取向" over "今年是…收官之年，发展主要预期目标是：…"): a part of goals under another name.
_GOALS_SENTENCE = re.compile(
    rf"(?:{_tw('主要预期目标|主要预期指标|主要目标')})(?:是|为|為)?\s*[：:]"
)
# A part looking back on the past year's work ("一、2024年工作回顾"): no task.
_LOOK_BACK = re.compile(rf"(?:{_tw('工作回顾|回顾')})$|^过去(?:一年|五年)")


def _opens_on_goal_year(item: Item) -> bool:
    """A part of the plan's aims whose body opens on the year of its goals ("一、总体要求"
    run into "到2022年，初步形成…。…控制在1%以内，…"): a part of goals under another name."""
    if PREAMBLE.match(item.title.strip("。. ").translate(_T2S)):
        body = item.text[len(item.title) :] if item.text.startswith(item.title) else ""
    elif run_on := _PART_RUN_ON.match(item.text.translate(_T2S)):
        body = item.text[run_on.end() :]  # "总体要求到2022年，…": the page dropped the stop
    else:
        return False
    return bool(re.match(r"\s*[。，,：:]?\s*到\s*(?:19|20)\d{2}\s*年", body))


def _opens_on_goals(item: Item) -> bool:
    """An item whose body, in its first sentences, names the goals it lists."""
    body = (item.text[len(item.title) :] if item.text.startswith(item.title) else item.text)[:120]
    title = re.sub(r"(?:19|20)\d{2}\s*年", "", item.title)  # a year is no figure of a row
    return "目标" in body and not re.search(r"\d", title) and bool(_GOALS_SENTENCE.search(body))


# The words that end a sentence introducing a text's goals ("努力实现以下目标：",
# "2024年的建设项目推进工作目标如下：").
_GOALS_LEAD = re.compile(
    r"(?:以下|如下)(?:几个方面的?)?(?:主要)?目标\s*[：:]\s*$|目标(?:如下|是|为)\s*[：:]\s*$"
)


# The same words inside a paragraph, announcing a list ("…努力实现以下目标：经济高质量发展，
# …"); not "目标是：…", which states the goals in its own sentence.
_GOALS_LEAD_IN = re.compile(r"(?:以下|如下)(?:几个方面的?)?(?:主要)?目标\s*[：:]|目标如下\s*[：:]")
# A paragraph closed by what a plan sets out ("关于重大任务，《纲要（草案）》提出："): the
# paragraphs under it are its points.
_PLAN_SETS_OUT = re.compile(
    rf"(?:{_tw('规划|纲要|方案|计划')})[^，,。；;：:]{{0,8}}?\s*(?:{_tw('提出|明确|确定')})\s*[：:]\s*$"
)


# A short paragraph that says what the goals are and names them by a slogan ("主要目标是：
# “一保持、两提高、三提升”。"), the paragraphs under it developing its parts ("一保持：…",
# "两提高：一是…；二是…").
_GOALS_SAID = re.compile(
    rf"^(?:{_tw('主要|总体|工作|发展|年度|全年')})?{_tw('目标')}(?:{_tw('任务')})?"
    r"(?:是|为|為)?\s*[：:]"
)


def _says_goals(para: str) -> bool:
    return len(para) <= 60 and bool(_GOALS_SAID.match(para.strip()))


def _heads_goals(para: str) -> bool:
    """A line heading a text's goals: "主要目标", or the year's expected targets in more
    words ("建议全年经济社会发展预期目标"), or a sentence ending in the words that
    introduce them ("…努力实现以下目标："), or a short one naming them ("主要目标是：…")."""
    # ("■ 2025年经济社会发展的主要预期目标": a heading marked as the points below it are)
    para = re.sub(r"^[■◆]\s*", "", para)
    return bool(
        GOALS.match(para.strip("。.：: "))
        or _GOALS_LINE.match(para)
        or _GOALS_LEAD.search(para[-30:])
        or _says_goals(para)
    )


# A point of such a list: a short line, perhaps after a bullet, holding a figure.
_GOAL_POINT = re.compile(r"^[●•▪■◆▶►\-]?[^。；;！？!?]{2,30}\d[^。；;！？!?]{0,12}[。；;]?$")
# A report on the progress of works set out before ("…实事项目完成情况"), not a look back on
# a year's results (工作回顾, 成绩).
_ON_WORKS = re.compile(r"(?:完成|进展|推进|落实|實施|实施)情况")
# A section that looks back on work done: its figures are results, not commitments.
REVIEW = re.compile(r"回顾|成绩|成效|总结|过去|基本情况|现状|进展情况|完成情况")
# The parts of a plan that say why and how, not what to do: a heading of these with
# nothing enumerated below is no task.
PREAMBLE = re.compile(
    # ("一、坚定指导思想", "明确总体要求": the part named with the verb of holding to it)
    r"^(?:(?:坚定|明确|确定|把握|坚持)(?=指导思想|总体要求|总体思路))?"
    r"(?:指导思想|基本原则|工作原则|总体要求|总体思路|组织领导|保障措施|组织保障|实施步骤|"
    r"职责分工|工作背景|编制依据|适用范围|起草背景"
    # "经济社会发展总体要求": the same part named with what it frames.
    r"|[\u4e00-\u9fff]{2,8}(?:发展|工作)(?:总体要求|指导思想|总体思路)"
    # "三、分管领导、牵头单位和责任单位": the part naming who answers for the whole plan.
    r"|(?:分管|牵头|责任|联系)?(?:领导|单位|部门)(?:[、和及与](?:分管|牵头|责任|配合|协办)?(?:领导|单位|部门))+)$"
)
# A clause saying whom or what a work reaches ("惠及群众…", "涉及…"): no target.
_REACH = re.compile(r"^(?:(?:可|将|將|预计|預計|共|直接)\s*)?(?:惠及|涉及|辐射带动|輻射帶動)")
# A part that frames a plan ("一、总体要求"): its short-headed parts ("（二）改革内容。改革
# 覆盖…", "指导思想", "实施范围") say what the plan covers and how, no tasks.
_FRAMING = re.compile(r"^(?:总体要求|总体思路|總體要求|總體思路)$")
# A goal cited from another body's document, in quotation marks after 关于: "省委、省政府关于
# “…”的目标", "国家关于“…”的要求".
_CITED_GOAL = re.compile(
    rf"(?:{_tw('关于|关於|關于|對於|对于')})\s*(“[^“”]{{4,160}}”)\s*的\s*(?:{_tw('目标|要求|部署|任务')})"
)
# A part that states the plan's principles, alone or with its goals ("一、整治目标及原则",
# "二、目标和原则") over "坚持责任引领、齐抓共管。…": its points say how the plan is to work,
# no tasks (a point naming its unit stays a row).
_PRINCIPLES_PART = re.compile(r"(?:原则|原則)$")
# A part of a plan's principles ("一、分工原则" over "（一）明确政府职责和市场功能。…"): its
# points say how the plan is shared out, no tasks (unless they name a unit).
_PRINCIPLES = re.compile(r"^(?:基本|工作|分工|实施|實施)?(?:原则|原則)$")
# The parts of a 解读 that describe the document ("全面推进政府工作的重要意义", "分工方案的
# 主要内容"): no tasks.
ABOUT_THE_DOCUMENT = re.compile(
    r"(?:重要意义|的主要内容|起草背景|起草依据|起草过程|出台背景|制定依据)$"
    # "《通知》出台的目的", "《方案》主要内容", "落实《通知》的保障措施": a part named by
    # the document's title.
    r"|^(?:落实|贯彻)?《[^《》]{1,20}》的?(?:出台|制定|印发)?的?"
    r"(?:目的|意义|背景|依据|主要内容|保障措施|亮点|特点)$"
)
# The part of a 解读 naming what the document holds, headed bare ("二、主要内容", "（一）主要
# 内容。《分工方案》将…分解为五个方面…").
_READING_CONTENTS = re.compile(r"^(?:主要内容|主要內容|核心内容|主要条款)$")
# One of those parts whose heading runs into its body ("组织领导成立县城区更新领导组，…").
_PART_RUN_ON = re.compile(PREAMBLE.pattern.strip("^$") + r"(?=[\u4e00-\u9fff])")
# A notice's closing part (四、工作要求) tells its readers how to work; its items are no
# tasks unless they name a unit.
# ("三、下步工作要求" in a 督查通报: what the units it names must do next, as instructions.)
REQUIREMENTS = re.compile(
    r"^(?:下一?步|下阶段|下步)?(?:工作要求|有关要求|几点要求|具体要求|相关要求|整改要求)$"
)
# The parts whose points are no rows, however they are set out.
_PART_OF_NO_ROWS = re.compile(
    "|".join(
        f"(?:{p.pattern})" for p in (PREAMBLE, REQUIREMENTS, ABOUT_THE_DOCUMENT, _READING_CONTENTS)
    )
    + r"|(?:要求|保障|措施|机制)$"
)
# A part setting out how the readers are to handle what they receive ("明确办理工作的程序和
# 要求", "办理程序"): its points are procedures, no tasks (unless they name a unit).
_PROCEDURE_PART = re.compile(r"(?:程序|流程)(?:[和与及]要求)?$")
# An item head of nothing but four-character phrases ("责任到人，闭环管理") that asks every
# unit something ("各单位要…") is an instruction too.
_PHRASES = re.compile(r"^[\u4e00-\u9fff]{4}(?:[，,、；;][\u4e00-\u9fff]{4})+[。；;]?$")
_TO_EVERYONE = re.compile(
    r"各(?:主要|其他)?(?:牵头|责任|有关|相关|地|级|部门|单位|乡|镇|街道|板块)[^。]{0,10}"
    r"(?:要|须|需|必须|应)|请各|"
    r"(?:^|(?<=[\n。；;]))(?:主要|其他)?(?:牵头|责任|配合|协办|协同)(?:责任)?单位[^。]{0,6}"
    r"(?:要|须|需|必须|应)|"
    # "请于每月25日前将进展情况报县发改局": a request to the readers, opening its sentence.
    r"(?:^|(?<=[\n。；;]))请(?:于|在|按时|及时|按照|按)"
)


# Characters of a notice's instructions in traditional form.
_PLAIN = str.maketrans(
    "門責單鎮級實須應關請認壓細進舉範區縣處導領織調統籌強協號稱設點時內額萬項務牽頭辦們確結與當督",
    "门责单镇级实须应关请认压细进举范区县处导领织调统筹强协号称设点时内额万项务牵头办们确结与当督",
)
# "强化责任意识，科学制订办理方案": a head of short phrases on how to work.
_SHORT_PHRASES = re.compile(r"^[\u4e00-\u9fff]{4,8}(?:[，,、；;][\u4e00-\u9fff]{4,8})+[。；;]?$")
_MANAGING = re.compile(
    r"重视|领导|责任|职责|协调|配合|督查|督办|督促|考核|调度|统筹|宣传|保障|机制|作风|要求|推进|落实|抓|"
    r"报告|报送|上报|填报"  # ("按时报告情况。请于每月25日前…报县发改局")
)


# A head ordering how to work in one respect ("思想上要再重视", "工作上要再盘点").
_ASPECT_ORDER = re.compile(r"^[\u4e00-\u9fff]{2,4}上(?:要|必须|务必)[\u4e00-\u9fff]{1,6}$")
_OVERSEEING = re.compile(r"督查|督办|督导|督促|考核|考评|监督|问责")
# A head that only holds the readers to their responsibility or their stand, how to work
# ("压紧压实责任,确保任务落到实处", "提高政治站位,强化实干担当"), with no work of its own.
_HOW_HEAD = re.compile(
    r"^(?:(?:压紧压实|压实压紧|压紧|压实|夯实)(?:工作|主体|政治)?责任|提高(?:政治站位|思想认识))"
    r"[，,、]"
)
# What an order on how to work speaks of ("要进一步加强组织领导", "要进一步营造创建工作氛围").
_HOW_TO_WORK = re.compile(
    r"领导|重视|认识|责任|职责|协调|配合|督查|督办|督促|督导|考核|调度|统筹|宣传|氛围|保障|机制|作风|纪律"
    r"|合力|联动"
)


_NOTICE_TITLE = re.compile(r"(?:通知|通知書|通知书)$")
# The meetings by which a notice sets up the following of work: "纳入月调度机制", "每周召开
# 周调度会", "建立联席会议制度", "例会", "会商".
_MEETINGS = re.compile(
    r"调度|例[会會]|联席[会會]|聯席[会會]|[会會]商|碰[头頭][会會]|推[进進][会會]|[会會][议議]制度"
    r"|召[开開][^。，,；;]{0,12}[会會]"
)
# A topic a meeting's 纪要 names ("会议听取了…的汇报", "会议研究了…方案", "二、研究…工作"), and
# what a meeting decides on it ("会议同意县住建局提出的…", "要求…10月底前完成").
_MINUTES = re.compile(r"纪要|紀要")
_TOPIC = re.compile(r"^(?:会议|會議)?(?:研究|听取|聽取|审议|審議|讨论|討論|传达|傳達|学习|學習)了?")
_DECIDES = re.compile(
    r"(?:同意|要求|决定|決定|明确|明確|责成|責成|安排|议定|議定|部署|强调|強調)[^。；;！？!?]{4,}"
)


def _only_a_topic(item: Item) -> bool:
    """A topic line of a 纪要 that decides nothing ("会议研究了…五个专项行动方案。", or one
    cut after the meeting's view, "…方案会议认为，…。会议原则同意县"): no row. What a
    topic's text decides on, past its first clause, makes it a row."""
    if item.named_lead or not _TOPIC.match(item.title):
        return False
    first = re.search(r"[，,。；;]", item.text)
    return not _DECIDES.search(item.text, first.end() if first else len(item.text))


def _sets_up_meetings(items: list[Item]) -> bool:
    """The points of a part that set up a mechanism of meetings: two or more, none
    naming its unit, at least two and most of them speaking of meetings (调度, 例会, 联席
    会议) in their first sentence."""
    if len(items) < 2 or any(i.named_lead or i.named_co for i in items):
        return False
    speaking = sum(
        bool(_MEETINGS.search(_HEAD_END.split(i.text.translate(_PLAIN), maxsplit=1)[0]))
        for i in items
    )
    return speaking >= 2 and speaking * 2 > len(items)


def notice_end(paragraphs: list[str], offsets: list[int], starts: list[int]) -> int:
    """Where the covering notice of a document ends: its date line (落款), when rows
    follow it (the attachment or the 方案 it sends); else 0."""
    for paragraph, offset in zip(paragraphs, offsets, strict=True):
        if DATE_LINE.match(paragraph.strip()) and any(start > offset for start in starts):
            return offset
    return 0


# The sentence of a covering notice that sends a document elsewhere (印发给你们, 详见附件)
# and announces its own points: "…现印发给你们，并提出以下意见", "请结合以下要求认真贯彻执行",
# "现将有关事宜通知如下", "并就相关工作通知如下" (in traditional characters too).
_SENT = re.compile(r"印[发發](?:[给給])?你[们們]|详见附件|[见見]附件|詳見附件")
_ANNOUNCED = re.compile(
    r"(?:以下|如下)(?:要求|意见|意見)"
    r"|(?:有关|相关|有關|相關)(?:事宜|事项|事項|工作)(?:通知|明确|明確)如下"
    r"|提出(?:以下|如下)(?:意见|意見|要求)"
)


# The line that closes a notice of its own ("此通知", "特此通知。"), or the name of what it
# sends right above its date line ("附件:2029年…任务清单").
_CLOSES_NOTICE = re.compile(r"^(?:特此|此)通知[。.]?$")
_ATTACHMENT_NAMED = re.compile(r"^附件\s*\d{0,2}\s*[:：]\s*\S[^。；;]{0,60}$")
_ASSIGNED = re.compile(r"由[^，,。；;：:]{2,30}?(?:负责|牵头|負責|牽頭)")


# A notice's point under a short head of its own: "一、强化责任落实。…".
_SHORT_POINT = re.compile(r"^[一二三四五六七八九十]{1,2}、[\u4e00-\u9fff]{2,10}[。．.]")


def notice_points(paragraphs: list[str], offsets: list[int]) -> tuple[int, int]:
    """The span of a covering notice's own points: from the paragraph that sends the
    document and announces them to the notice's date line (or the text's end); (0, 0)
    when the text has no such paragraph. The points tell the readers how to work."""
    for n, (paragraph, offset) in enumerate(zip(paragraphs, offsets, strict=True)):
        if _SENT.search(paragraph) and not _ANNOUNCED.search(paragraph):
            # "现将《…分工》印发给你们，请认真贯彻落实。" then "一、…" "二、…" closed by the
            # notice's own "此通知": points the notice adds to the document it sends.
            following = list(zip(paragraphs[n + 1 : n + 12], offsets[n + 1 : n + 12], strict=True))
            for k, (p, o) in enumerate(following):
                if DATE_LINE.match(p.strip()):
                    break
                if _CLOSES_NOTICE.match(p.strip()):
                    return offset + len(paragraph), o
                if (
                    k >= 2
                    and _ATTACHMENT_NAMED.match(p.strip())
                    and any(DATE_LINE.match(q.strip()) for q, _o in following[k + 1 : k + 4])
                ):
                    # "一、…" "二、…" "三、…" then "附件：…清单" over the notice's date line: the
                    # points the notice adds to the list it sends
                    return offset + len(paragraph), o
            rest = paragraphs[n + 1 :]
            if 2 <= len(rest) <= 11 and all(_SHORT_POINT.match(p.strip()) for p in rest):
                # "一、强化责任落实。…" "二、细化工作方案。…" to the passage's end, no row
                # and no date line after them: the notice's own points, cut before its close.
                return offset + len(paragraph), offsets[-1] + len(paragraphs[-1]) + 1
        if _SENT.search(paragraph) and _ANNOUNCED.search(paragraph):
            end = next(
                (
                    o
                    for p, o in zip(paragraphs[n + 1 :], offsets[n + 1 :], strict=True)
                    if DATE_LINE.match(p.strip())
                ),
                offsets[-1] + len(paragraphs[-1]) + 1,
            )
            return offset + len(paragraph), end
    return 0, 0


def is_instruction(
    item: Item, section_title: str, notice: int = 0, points: tuple[int, int] = (0, 0)
) -> bool:
    """An item that instructs the readers of a notice instead of naming work: in a
    closing 工作要求, above the date line of a notice that sends its rows below it, among
    the points a covering notice announces for the document it sends, or a head of
    nothing but four-character phrases telling every unit what to do."""
    if item.named_lead:
        return False
    # (a heading ending on its colon, "下一步工作要求:" over "一是…二是…", is one too)
    if REQUIREMENTS.search(section_title.strip("。.：: ")) or item.start < notice:
        return True
    if _PROCEDURE_PART.search(section_title.strip("。.：: ")):
        return True  # "三、明确办理工作的程序和要求" over "（一）交办。各承办单位收到…"
    if REQUIREMENTS.match(item.title.strip("。.：: ")):
        return True  # "二、工作要求" with no points below it: the part itself tells the units
    if points[0] <= item.start < points[1] and not _ASSIGNED.search(item.text):
        return True  # (a point that gives the work to a unit, "由县商务局负责推进", is work)
    # 各部門要 reads as 各部门要; an instruction tells every unit near its head.
    item = dataclasses.replace(
        item, title=item.title.translate(_PLAIN), text=item.text[:300].translate(_PLAIN)
    )
    if _TO_EVERYONE.match(item.title):
        return True  # "各有关部门要高度重视量化指标任务"
    if _SHORT_PHRASES.match(item.title) and _OVERSEEING.search(item.title):
        return True  # "加强督查，有效监督。…将严格按照…督查制度": how the rows are overseen
    if _ASPECT_ORDER.match(item.title.rstrip("。.；;")):
        return True  # "思想上要再重视", "统筹上要再加强": how to work, in every respect
    if _HOW_HEAD.match(item.title.translate(_T2S)) and not re.search(r"\d", item.title):
        return True  # "压紧压实责任,确保任务落到实处", "提高政治站位,强化实干担当"
    if not (told := _TO_EVERYONE.search(item.text)):
        return False
    if len(sentences(item.text[: told.start()])) > 2:
        # "强化防汛主体责任。严格落实…。要按照…。各乡镇要在汛前…": a plan's work whose
        # body comes to what the towns do only after sentences of its own, no instruction.
        return False
    # "责任到人，闭环管理", "务必高度重视", "明确职责，落实责任机制": a short head on how
    # to work, then what every unit must do.
    if _SHORT_PHRASES.match(item.title) and _MANAGING.search(item.title):
        return True
    if item.title.startswith("要") and len(item.title) <= 16:
        return True  # "要坚决扛起政治任务。各级各部门要…": a head that is itself an order
    return bool(_PHRASES.match(item.title)) or (
        len(item.title) <= 12
        and not re.search(r"\d", item.title)
        and bool(_MANAGING.search(item.title))
    )


# ---------------------------------------------------------------------------------------
# 3. Structure

_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences of a paragraph (a closing quote stays with its sentence)."""
    spans = []
    for m in _SENTENCE.finditer(text):
        if m.end() > m.start() and text[m.start() : m.end()].strip():
            spans.append((offset + m.start(), offset + m.end()))
    return spans


_ORDINAL = re.compile(
    r"(?:^|(?<=[。！？!?；;：:”，,]))\s*(?P<mark>(?P<n>[一二三四五六七八九十]+)是)"
)
# "一要坚定政治立场，抓好党建工作。二要…": a speech's or a meeting's orders numbered by 要.
_ORDINAL_YAO = re.compile(
    r"(?:^|(?<=[。！？!?；;：:]))\s*(?P<mark>(?P<n>[一二三四五六七八九十]+)要)(?![求点])"
)
_FIRST = re.compile(
    r"(?:^|(?<=[。！？!?；;：:”]))\s*(?P<mark>第(?P<n>[一二三四五六七八九十]+)[，,、])"
)
_HEAD_END = re.compile(r"[。；;！？!?]")
# (Not "八、九次会议精神" at a line's head, where a page broke "县委十一届八、九次会议": two
# numbers of sessions.)
# ("活动二、深入开展…": an activity plan numbers its parts as its activities.)
# (Nor "一、二、三组单位的…", "一、二组…": numbers of groups, the mark followed by another.)
_L1 = re.compile(
    r"^(?P<mark>(?:活[动動])?(?P<n>[一二三四五六七八九十]+)、)"
    r"(?![一二三四五六七八九十]+[次届])(?![一二三四五六七八九十]+[、组組])"
)
_L2 = re.compile(r"^(?P<mark>[（(](?P<n>[一二三四五六七八九十]+)[)）])")
_L3 = re.compile(r"^(?P<mark>(?P<n>\d{1,2})(?:[.．](?!\d)|、))")
_L4 = re.compile(r"^(?P<mark>[（(](?P<n>\d{1,2})[)）])")
_L5 = re.compile(r"^(?P<mark>(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))")
# "●地区生产总值增长5%以上", "-新增公办学位6.35万个": a point of a list, one a line.
_L6 = re.compile(r"^(?P<mark>(?P<n>[●•▪■◆▶►]|-[ \t]*(?=[\u4e00-\u9fff“\"\dA-Za-z])))")
PARALLEL_MAX = 24  # a parallel head is a short sentence …
PARALLEL_MIN = 3  # … and at least three open the same way


# The words a body sentence opens with ("…专项规划编制聚焦长远发展…"): when a page drops
# the full stop after a head, the head ends where one of them starts.
_BODY_OPENER = re.compile(r"聚焦|围绕|按照|根据|立足|依托|对照|紧扣|紧盯|瞄准|对标|针对|通过")
HEAD_RUN_ON = 16  # a first clause longer than this may be a head run into its body


_CONTENT_LABEL = re.compile(r"(?<=[\u4e00-\u9fff])(?:主要内容|项目内容|具体内容|工作内容)\s*[:：]")
# "（四）东岭茶园提升项目：该项目位于…": a project named before a colon, its text after.
_NAMED_WORK = re.compile(
    r"^([^，,。；;：:]{2,30}?(?:项目|工程|項目))[：:]\s*(?=该|該|项目|項目|位于|位於)"
)
# "1、农村道路畅通工程，牵头部门：市交通局。…": the head ends at the unit's label.
_UNIT_LABEL = re.compile(
    r"[，,]\s*(?:牵头部门|牵头单位|责任单位|责任部门|主办单位|牽頭部門|牽頭單位|責任單位)\s*(?:[:：]|为|為)"
)


# A row opening with the months it spans ("1——2月份，组建义务卫生监督队…", "11-12月，…").
_MONTHS_OPENING = re.compile(
    r"^\s*(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月?\s*(?:——|—|–|-|－|~|～|至|到)\s*"
    r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?\s*[，,：:]\s*"
)


def _head(text: str, limit: int = 40) -> str:
    """The head clause of an item: up to the first full stop or semicolon; if that is
    long, up to the first comma; if the clause up to the first comma is long and a body
    sentence's opening word stands in it, up to that word (the page dropped the head's
    full stop)."""
    if span := _MONTHS_OPENING.match(text):
        text = text[span.end() :]  # "1——2月份，组建…": the work, after the months it spans
    m = _HEAD_END.search(text)
    head = text[: m.start()] if m else text
    if label := _CONTENT_LABEL.search(head):
        head = head[: label.start()]  # "改造城区危桥主要内容：由…牵头": the head ends at the label
    if label := _UNIT_LABEL.search(head):
        head = head[: label.start()]
    if named := _NAMED_WORK.match(head):
        head = named.group(1)  # "酒村净菜加工项目：该项目占地10亩…": the project's name
    if len(head) > limit:
        comma = re.search(r"[，,：:]", head)
        if comma:
            head = head[: comma.start()]
    clause = re.split(r"[，,：:]", head, maxsplit=1)[0]
    if len(clause) > HEAD_RUN_ON:
        for opener in _BODY_OPENER.finditer(clause, 6):
            head = clause[: opener.start()]
            break
    return head.strip().rstrip("，,：:").strip()


@dataclass
class _Inline:
    rule: str
    number: int
    start: int  # of the marker
    body: int  # after the marker
    head: str


def _ordinal_items(para: str) -> list[_Inline]:
    for pattern, label in ((_ORDINAL, "是"), (_FIRST, "第"), (_ORDINAL_YAO, "要")):
        found = []
        expected = None
        for m in pattern.finditer(para):
            n = chinese_number(m.group("n"))
            if found and n == 1 and label == "是":
                break  # "二是加快….一是推动…二是加强…三是…": a point's own points, not rows
            if m.start() and para[m.start() - 1] in "，," and (found or n != 1):
                # "…从四方面着手推进,一是…。二是…": only the first may follow a comma.
                continue
            # (One number lost, as a page's garbled characters lose "三是" between "二是…"
            # and "四是…", does not end the items.)
            if expected is None or n == expected or (len(found) >= 2 and n == expected + 1):
                body = m.end("mark")
                rule = f"第{m.group('n')}" if label == "第" else f"{m.group('n')}{label}"
                found.append(_Inline(rule, n, m.start("mark"), body, _head(para[body:])))
                expected = n + 1
        if len(found) >= 2 or (found and (found[0].number > 1 or found[0].start == 0)):
            # A lone "三是" may continue the items of the paragraph before; a paragraph
            # that opens with "一是" starts items that the next paragraphs continue.
            return found
        if len(found) == 1 and found[0].number == 1 and _LIST_INTRO.search(para[: found[0].start]):
            # "…重点抓好以下十二项任务：一是…" over lines "二是…" "三是…": a line that
            # announces the points, run into the first of them, starts them too.
            return found
    return []


def _common_prefix(words: Sequence[str]) -> str:
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _parallel_items(para: str) -> list[_Inline]:
    spans = sentences(para)
    heads = []
    for start, end in spans[1:]:  # the first sentence is the section's lead
        sentence = para[start:end].strip()
        core = sentence.rstrip(CLOSERS).rstrip(TERMINAL)
        if 4 <= len(core) <= PARALLEL_MAX and not re.search(r"[，,；;：:]", core):
            heads.append((start + len(para[start:end]) - len(para[start:end].lstrip()), core))
    groups: dict[str, list] = {}
    for start, core in heads:
        groups.setdefault(core[:2], []).append((start, core))
    best: list = []
    for members in groups.values():
        prefix = _common_prefix([c for _s, c in members])
        suffix = _common_prefix([c[::-1] for _s, c in members])
        # Two heads alike at both ends ("实施根底设施提升工程。" "实施产业调整优化工程。")
        # are works as much as two sharing four opening characters.
        enough = len(members) >= PARALLEL_MIN or (
            len(members) >= 2 and (len(prefix) >= 4 or (len(prefix) >= 2 and len(suffix) >= 2))
        )
        if enough and len(members) > len(best):
            best = members
    if not best:
        return []
    prefix = _common_prefix([c for _s, c in best])
    return [
        _Inline(f"parallel:{prefix}", n, s, s, core) for n, (s, core) in enumerate(best, start=1)
    ]


# A short head on how the work is run ("始终高度重视", "强化组织保障", "加强工作监督").
_RUNNING_HEAD = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:重视|组织领导|组织保障|工作保障|协调|督查|督办|督导|督促|考核|考评|监督|"
    r"问责|调度|工作机制|责任落实|压实责任|宣传引导)[。.；;]?$"
)


def inline_items(para: str) -> list[_Inline]:
    """Items enumerated inside one paragraph: 一是/二是…, 第一/第二…, or parallel heads.
    None when every head of a run of two or more says how the work is run (how it is led,
    overseen, checked): those say how, no work."""
    found = _ordinal_items(para) or _parallel_items(para)
    if len(found) >= 2 and all(_RUNNING_HEAD.match(i.head) for i in found):
        return []
    return found


def _level(para: str) -> tuple[int, re.Match] | None:
    for level, pattern in ((1, _L1), (2, _L2), (3, _L3), (4, _L4), (5, _L5), (6, _L6)):
        m = pattern.match(para)
        if m:
            return level, m
    return None


# "开展粮食安全保障行动。坚决…", "更大力度抓招商、扩增量。确保…": a paragraph that opens
# with a short head sentence (no comma in it) and goes on.
_PARAGRAPH_HEAD = re.compile(
    r"^(?P<head>(?=[^。]{4,24}。)(?:[^，,。；;：:！？!?\d（(“\"]|“[^，,。；;：:！？!?“”]{2,8}”){2,20})。"
    r"(?=\S)"
)
# "2606个撤并村通公路（2013—2017年）。上半年…": a row opening with its work and the years
# it spans; two or more in a row are rows.
_SPAN_HEAD = re.compile(
    r"^(?P<head>[^。；;！？!?（(]{4,40}?)[（(]\s*(?:19|20)\d{2}\s*[-—–~～至]\s*(?:19|20)\d{2}"
    r"\s*年?\s*[）)]。"
)
# "人均地区生产总值：增长6%左右（…），责任单位为区发改委；": a row as a labelled line naming
# its unit in the run of the sentence; two or more in a row are rows.
_UNIT_ROLE_AS = r"(?:责任单位|牵头单位|责任部门|牵头部门|主办单位|責任單位|牽頭單位)[为為]"
_LABELLED_ROW = re.compile(
    r"^(?P<head>[^，,。；;：:！？!?\d（(“\"]{2,24})[：:](?=[^\n]{0,240}?"
    r"(?:责任单位|牵头单位|责任部门|牵头部门|主办单位|責任單位|牽頭單位)[为為：:])"
    # "技改投资占固定资产投资比重16.5%（…），责任单位为区经信局；": a name and its figure.
    rf"|^(?P<named>[^，,。；;：:！？!?\d（(“\"]{{2,24}}?)(?=\d)(?=[^\n]{{0,240}}?{_UNIT_ROLE_AS})"
)
# "…，责任单位为区发改委；技改投资…，责任单位为区经信局；": a second row on the line.
_SECOND_ROW = re.compile(
    rf"{_UNIT_ROLE_AS}[^；;，,。\n]{{2,30}}[；;](?=[^\n]{{4,240}}?{_UNIT_ROLE_AS})"
)


# The verbs a report's paragraph of work opens with ("筑牢…", "推动…", "加快…").
_WORK_HEAD = re.compile(
    r"^(?:筑牢|推动|推进|强化|加快|加强|实施|深化|提升|打造|优化|持续|扎实|全力|大力|坚持|着力|"
    r"做强|做优|做实|建设|完善|培育|抓好|构建|促进|扩大|守牢|织密|兜牢|增进|统筹|巩固|激发|"
    r"夯实|厚植|壮大|拓展|提高|保障|改善)"
)


# A 实事 named by its work, opening its paragraph ("建设农村饮水工程。", "持续推进老旧小区
# 改造。", "免费开展妇女两癌筛查。").
_SHISHI_WORK = re.compile(
    rf"^(?:持续|继续|全面|加快|免费|深入)?(?:{_WORK_HEAD.pattern[4:-1]}|新建|新增|改造|开展|启动|"
    r"实施|建成|完成|提供|增设|改扩建|修建|硬化|整治|推行)"
)


# A work's name on a line of its own: no sentence, ending as works are named.
_WORK_NAME_LINE = re.compile(
    r"^[“\"]?[^。，,；;：:！？!?\s]{2,36}?(?:项目|工程|項目|行动|行動|计划|計劃)[”\"]?"
    r"(?:[（(][^（()）]{1,16}[)）])?$"
)


def _theme_or_work(m: re.Match, para: str) -> str:
    """A paragraph's head, or the work its body names with the unit answering for it when
    the head is only the theme ("聚焦“幸福民生”。由镇公路站负责的农村道路硬化项目，…": the row
    is the road project)."""
    body = para[m.end() :]
    if (led := _LED_WORK.match(body)) and (
        work := re.match(r"[^，,。；;]{2,40}", body[led.end() :])
    ):
        return work.group(0)
    return m.group("head")


def paragraph_heads(
    paragraphs: list[str], offsets: list[int], shishi: bool = False
) -> dict[int, str]:
    """Paragraphs opening with parallel heads: two or more in a row, each a short
    sentence, opening with the same character, or three or more whose heads are short
    phrases of one length ("龙头带动。" "项目推动。" "创新驱动。"); in a text on the 实事
    (``shishi``), three or more in a row whose heads name a work by its verb ("建设农村
    饮水工程。…" "实施城区道路改造。…"). Returns {offset: head}."""
    heads: dict[int, str] = {}
    run: list[tuple[int, str]] = []
    lengths: dict[int, int] = {}
    before = [""]  # the paragraph before the run

    def works(pair: list[tuple[int, str]]) -> bool:
        # "筑牢生态安全屏障。…" "推动绿色转型发展。…": two long paragraphs of a report's
        # plan, each led by a work of one length.
        return all(
            6 <= len(head) <= 8
            and len(head) == len(pair[0][1])
            and _WORK_HEAD.match(head)
            and lengths[offset] >= 150
            for offset, head in pair
        )

    def close() -> None:
        same_start = all(head[0] == run[0][1][0] for _offset, head in run)
        # "到2025年，…" then "——产业能级更高。…": the parts of a goal, no tasks.
        goal_parts = run and run[0][1][0] == "—" and COMMITMENT.search(before[0])
        enough = len(run) >= (2 if same_start or (len(run) == 2 and works(run)) else 3)
        # Two heads of one length under a part whose sibling's paragraphs open with heads of
        # that length ("推动农业提质增效。" … then "持续推进扩区提质。" "集中攻坚项目建设。"):
        # the same form, rows too.
        length = len(run[0][1]) if run else 0
        if len(run) == 2 and length <= 8 and all(len(h) == length for _o, h in run):
            enough = enough or any(len(h) == length for h in heads.values())
        if enough and not goal_parts:
            heads.update(run)
        run.clear()

    def parallel(head: str) -> bool:
        first = run[0][1]
        if all(h[0] == first[0] for _offset, h in run) and head[0] == first[0]:
            return True
        return len(head) <= 8 and all(len(h) == len(head) for _offset, h in run)

    previous = ""
    named_work: dict[int, str] = {}  # a head that is a theme: the work its body names
    for para, offset in zip(paragraphs, offsets, strict=True):
        lengths[offset] = len(para)
        m = None if _HEADING_MARK.match(para) else _PARAGRAPH_HEAD.match(para)
        if m and (not run or parallel(m.group("head"))):
            if not run:
                before[0] = previous
            run.append((offset, m.group("head")))
            named_work[offset] = _theme_or_work(m, para)
            previous = para
            continue
        close()
        if m:
            before[0] = previous
            run.append((offset, m.group("head")))
            named_work[offset] = _theme_or_work(m, para)
        previous = para
    close()
    heads = {offset: named_work.get(offset, head) for offset, head in heads.items()}
    if shishi:
        works_run: list[tuple[int, str]] = []
        for para, offset in [*zip(paragraphs, offsets, strict=True), ("", -1)]:
            m = None if _HEADING_MARK.match(para) else _PARAGRAPH_HEAD.match(para)
            if m and _SHISHI_WORK.match(m.group("head")):
                works_run.append((offset, m.group("head")))
                continue
            if len(works_run) >= 3:
                heads.update(works_run)
            works_run.clear()
    # Works named one a line, no sentence ("岭秀阁小区消防设施维修项目" "管网畅通项目" …): three
    # or more in a row are rows.
    names_run: list[tuple[int, str]] = []
    for para, offset in [*zip(paragraphs, offsets, strict=True), ("", -1)]:
        if _WORK_NAME_LINE.match(para.strip()) and not _HEADING_MARK.match(para):
            names_run.append((offset, para.strip()))
            continue
        if len(names_run) >= 3:
            heads.update(names_run)
        names_run.clear()
    labelled: list[tuple[int, str]] = []
    for para, offset in [*zip(paragraphs, offsets, strict=True), ("", -1)]:
        if m := _LABELLED_ROW.match(para) or _SPAN_HEAD.match(para):
            labelled.append((offset, m.group("head") or m.group("named")))
            continue
        if len(labelled) >= 2:
            heads.update(labelled)
        labelled.clear()
    return heads


_ROW_NAME = re.compile(r"\d{1,3}[.．]\s*([^。]{2,60})。")
_PART_MARK = re.compile(r"[一二三四五六七八九十]{1,3}、")
_TITLED = re.compile(r"《([^《》]+)》")


def _row_names(paragraphs: list[str]) -> Iterator[str]:
    """The names that rows stand under: "1.名称。…", "一、关于《名称》进展情况"."""
    for p in paragraphs:
        if m := _ROW_NAME.match(p):
            yield m.group(1)
        elif "《" in p[:40] and _PART_MARK.match(p):
            yield from _TITLED.findall(p[:40])


def find_structure(
    paragraphs: list[str], offsets: list[int], shishi: bool = False
) -> list[Section]:
    """Sections and items of the body paragraphs (``offsets``: where each starts in the
    joined text; ``shishi``: the text is on the 实事, its title or opening says so)."""
    levels = {lv for p in paragraphs if (found := _level(p)) for lv in [found[0]]}
    # The works rows below are named by (a list of their titles above is no list of rows).
    headed = frozenset(_row_names(paragraphs))
    present = sorted(levels)
    if len(present) >= 2:
        section_level, item_level = present[0], present[1]
    elif present:
        section_level, item_level = None, present[0]
    else:
        section_level = item_level = None

    sections: list[Section] = []
    section: Section | None = None
    item: Item | None = None
    item_level_here: int | None = None  # the level of the items of the current section
    bodies: dict[int, list[str]] = {}  # text under a heading that has no items (yet)
    previous_plain = ""
    heading = ""  # the heading that groups the current items inside a section
    group_level: int | None = None  # the level of such headings

    heads = paragraph_heads(paragraphs, offsets, shishi)

    def new_section(title: str, start: int, end: int, rule: str) -> Section:
        s = Section(len(sections) + 1, title, start, end, rule)
        sections.append(s)
        return s

    def add_item(sec: Section, title: str, text: str, start: int, end: int, rule: str) -> Item:
        n = len(sec.items) + 1
        it = Item(f"{sec.number}.{n}", sec.number, n, title, text, start, end, rule)
        sec.items.append(it)
        sec.end = max(sec.end, end)
        return it

    for para, offset in zip(paragraphs, offsets, strict=True):
        end = offset + len(para)
        found = _level(para)
        level = found[0] if found else None
        if level is not None and level == section_level:
            m = found[1]
            rest = para[m.end() :]
            title = _head(rest, limit=60)
            if (part := _PART_RUN_ON.match(rest)) and len(title) > len(part.group(0)):
                title = part.group(0)  # "一、组织领导成立…领导组": the page dropped the stop
            section = new_section(title, offset, end, m.group("mark"))
            item, item_level_here, heading, group_level = None, None, "", None
            tail = rest[len(title) :].lstrip("。；;：:，, ")
            if tail:
                bodies.setdefault(section.number, []).append(tail)
            continue
        is_item = level is not None and (
            level == group_level
            or (section_level is None and level == item_level)
            or (
                section_level is not None
                and level > section_level
                and (section is None or item_level_here in (None, level))
            )
        )
        if (
            not is_item
            and level is not None
            and item is not None
            and item_level_here is not None
            and level > item_level_here
            and (_only_a_head(item) or _introduces_rows(item))
        ):
            # "（一）招商引资" with "1." … "5." below it: the numbered rows are the tasks, the
            # heading above them only groups them.
            section.items.remove(item)
            heading, group_level, is_item = item.title, item_level_here, True
            item_level_here = level
        if is_item:
            m = found[1]
            if section is None:
                section = new_section(_lead(previous_plain) or "", offset, end, "implicit")
            if level == group_level:
                heading = ""  # the next group's heading, or an item of its own
            item_level_here = level
            body = para[m.end() :]
            ordinals = _ordinal_items(body)
            if len(ordinals) >= 2 and ordinals[0].number == 1 and ordinals[0].start > 0:
                # "（二）打造…示范单位。一是…；二是…；三是…": the heading groups the works
                # its paragraph enumerates, each a task.
                group = _head(body[: ordinals[0].start]) or _head(body)
                start = offset + m.end()
                for k, o in enumerate(ordinals):
                    stop = ordinals[k + 1].start if k + 1 < len(ordinals) else len(body)
                    text = body[o.body : stop].strip()
                    item = add_item(section, o.head, text, start + o.start, start + stop, o.rule)
                    item.heading = group
                continue
            item = add_item(section, _head(body), body.strip(), offset, end, m.group("mark"))
            item.heading = heading
            continue
        if offset in heads and (item is None or item.rule == "head" or section_level is None):
            if item is not None and item.rule != "head" and section is not None:
                # "三、开展三大行动" over paragraphs "开展…行动。…": the heading groups them.
                section.items.remove(item)
                section = new_section(item.title, item.start, end, item.rule)
            elif section is None or (item is None and section.items):
                section = new_section(_lead(previous_plain) or "", offset, end, "implicit")
            item = add_item(section, heads[offset], para, offset, end, "head")
            item_level_here = None
            continue
        if item is not None and _only_a_head(item) and (members := shishi_members(para, headed)):
            # "二、主要内容" over "…主要包括《新增…》《建成…》…": the works listed are the
            # tasks, the heading above them no task.
            section.items.remove(item)
            item = None
        if (
            item is not None
            and section is not None
            and _only_a_head(item)
            and (inline := inline_items(para))
            and inline[0].start == 0
            and inline[0].number == 1
            and inline[0].rule.endswith("是")
            and not _PART_OF_NO_ROWS.search(item.title.strip("。：: "))
        ):
            # "1.巩固农业的基础地位" over paragraphs "一是深化…。…" "二是加快…。…": the points
            # are the rows, the heading above them groups them (not under "下步工作要求",
            # "保障措施" and the other parts whose points are no rows).
            section.items.remove(item)
            before = len(section.items)
            _add_inline(section, para, offset, add_item, inline)
            for it in section.items[before:]:
                it.heading = item.title
            item = None
            continue
        if item is not None:
            # A paragraph under a numbered item (or a deeper heading) belongs to it.
            item.text = f"{item.text}\n{para}"
            item.end = end
            section.end = max(section.end, end)
            continue
        if item is None and not sections and (members := meeting_works(para)):
            # "会议强调，要…，确保在8月底前全面建成；5月底前完成…；…。": the works a
            # meeting deploys between semicolons, each a task with its own time limit.
            sec = new_section(_lead(para[: members[0][0]]) or "", offset, end, "implicit")
            for a, b in members:
                work = para[a:b].strip(" |")
                add_item(sec, work[:60], work, offset + a, offset + b, "会议部署")
            previous_plain = ""
            continue
        if item is None and (members := shishi_members(para, headed) or named_works(para)):
            # "这十件实事…，即投资…实施…；投资…建设…；…": each work listed is a task.
            sec = new_section(_lead(para[: members[0][0]]) or "", offset, end, "implicit")
            for a, b in members:
                work = para[a:b].strip(" |")
                add_item(sec, work.removeprefix("即")[:60], work, offset + a, offset + b, "实事")
            previous_plain = ""
            continue
        inline = inline_items(para)
        if inline and section is not None and section.rule != "implicit" and not section.items:
            _add_inline(section, para, offset, add_item, inline)
            continue
        if inline:
            first = inline[0]
            last = sections[-1] if sections else None
            if (
                first.number > 1
                and last is not None
                and last.items
                and first.number - 1 in (last.items[-1].number, _ordinal_of(last.items[-1].rule))
                and _kind(last.items[-1].rule) == _kind(first.rule)
            ):
                # The paragraph continues the items of the one before (a page break
                # that split a paragraph): what precedes its first item ends the last one.
                before = para[: first.start].strip()
                if before:
                    last.items[-1].text = f"{last.items[-1].text}\n{before}"
                    last.items[-1].end = offset + first.start
                group, before_count = last.items[-1].heading, len(last.items)
                _add_inline(last, para, offset, add_item, inline)
                for it in last.items[before_count:]:
                    it.heading = it.heading or group  # (the heading the items stand under)
            elif len(inline) == 1 and inline[0].number > 1:
                previous_plain = para  # a lone "三是" continuing nothing: plain text
            else:
                lead = para[: inline[0].start].strip()
                title = _lead(lead) or _lead(previous_plain) or inline[0].head
                sec = new_section(title, offset, end, inline[0].rule.split(":")[0])
                _add_inline(sec, para, offset, add_item, inline)
                previous_plain = ""
            continue
        if section is not None and section.rule != "implicit" and not section.items:
            bodies.setdefault(section.number, []).append(para)
            section.end = end
            continue
        previous_plain = para
    for sec in sections:
        if GOALS.match(sec.title.strip("。. ")) and not bodies.get(sec.number):
            continue  # "一、主要目标" with nothing under it (its goals stand above it)
        if not sec.items and sec.rule != "implicit" and not PREAMBLE.match(sec.title.strip("。. ")):
            # A heading with nothing enumerated below: the heading is the task.
            text = "\n".join(bodies.get(sec.number, [])) or sec.title
            add_item(sec, sec.title, text, sec.start, sec.end, sec.rule)
    for k in range(len(sections) - 1):
        sec, after = sections[k], sections[k + 1]
        if (
            len(sec.items) == 1
            and sec.items[0].rule.endswith("是")
            and sec.items[0].text.rstrip().endswith(("：", ":"))
            and after.rule == "implicit"
            and after.items
        ):
            # "一是扎实推进产业强镇。…共谋划农业项目5个：" over "（一）…项目" "（二）…": the
            # work announced groups the rows listed below it, each a task.
            after.title = sec.items[0].title
            for it in after.items:
                it.heading = it.heading or sec.items[0].title
            sec.items = []
    kept = [s for s in sections if s.items]
    for number, sec in enumerate(kept, start=1):
        sec.number = number
        for it in sec.items:
            it.section, it.code = number, f"{number}.{it.number}"
    return kept


# A line of a few words without punctuation or figures under a heading ("推进园区建设"
# between "（一）做强县域经济" and row "12."): a heading of the rows below, no text.
_SUBHEADING = re.compile(r"^[\u4e00-\u9fff“”]{4,20}$")


def _only_a_head(item: Item) -> bool:
    """An item whose paragraph holds its head and nothing more (but for headings of a few
    words on lines of their own below it): a heading."""
    first, *others = item.text.split("\n")
    rest = first[len(item.title) :].strip("。；;：:，, ") if first.startswith(item.title) else first
    return len(rest) <= 2 and all(_SUBHEADING.match(line.strip()) for line in others)


# A note naming a row's units in its text ("（牵头单位：…）", "（…负责）", "责任单位：").
_UNIT_NOTE_IN = re.compile(r"牵头|牽頭|责任单位|責任單位|负责[）)]|負責[）)]|配合[）)]")


def _introduces_rows(item: Item) -> bool:
    """An item whose paragraph is its head and a short word on how its rows are to be done
    ("（一）强化重点项目支撑，加速推进…建设。把握…窗口期，坚持…的思路，提速提效。" over "1."
    "2."): no figure, no unit, no time, one paragraph; the numbered rows below are the
    tasks, the item only groups them."""
    return (
        "\n" not in item.text
        and len(item.text) - len(item.title) <= 150
        and not re.search(
            r"\d|[一二三四五六七八九十]+[个项家条]|牵头|负责|责任|單位|单位|月底|年底|年内",
            item.text,
        )
    )


def _kind(rule: str) -> str:
    """一是/二是 → 是, 一要/二要 → 要, 第一/第二 → 第: the same way of enumerating."""
    return rule[-1] if rule.endswith(("是", "要")) else rule[:1]


def _lead(text: str) -> str:
    spans = sentences(text)
    return text[spans[0][0] : spans[0][1]].strip() if spans else ""


def _ordinal_of(rule: str) -> int | None:
    """The number an item's ordinal rule gives it ("三是" → 3), else None."""
    if len(rule) < 2 or rule[-1] not in "是要":
        return None
    try:
        return chinese_number(rule[:-1]) or None
    except ValueError:
        return None  # ("parallel:只要", "要"): no ordinal


def _add_inline(section, para: str, offset: int, add_item, inline=None) -> None:
    inline = inline if inline is not None else inline_items(para)
    for k, it in enumerate(inline):
        stop = inline[k + 1].start if k + 1 < len(inline) else len(para)
        text = para[it.body : stop].strip()
        add_item(section, it.head, text, offset + it.start, offset + stop, it.rule)


# ---------------------------------------------------------------------------------------
# 4. Targets

UNITS = (
    "微克每立方米",  # ("控制在29微克每立方米以下", the measure written out)
    "微克/立方米",
    "万平方米",
    "平方公里",
    "平方米",
    "亿立方米",
    "万立方米",
    "立方米",
    "个百分点",
    "个工作日",
    "工作日",
    "万亿元",
    "亿美元",
    "万美元",
    "亿元",
    "万元",
    "千元",
    "元",
    "亿亩",  # ("耕地保有量保持3.77亿亩", as 万亩)
    "万亩",
    "亩",
    "万公顷",  # ("湿地保有量达到520万公顷")
    "公顷",
    "万人次",
    "人次",
    "万人",
    "人",
    "万户",
    "户",
    # energy in tonnes of standard coal ("能源综合生产能力达到58亿吨标准煤")
    "亿吨标准煤",
    "万吨标准煤",
    "吨标准煤",
    "万吨",
    "吨",
    "万千瓦",
    "千瓦",
    "岁",
    "歲",
    "万公里",  # ("新建改建农村公路12.9万公里", as 万亩 and 万平方米)
    "公里",
    "千米",
    "米",
    "盏",
    "家",
    "个",
    "项",
    "項",
    "所",
    "座",
    "辆",
    "套",
    "件",
    "场次",  # ("举办文旅活动3场次": events counted as 场次, not 场)
    "场",
    "批次",  # ("抽检2批次/千人": the rate of samples to people)
    "批",
    "台",
    "名",
    "处",
    "间",
    "幢",
    "栋",
    "只",
    "头",
    "万亿斤",
    "亿斤",
    "万斤",
    "斤",
    "条",
    "张",
    "次",
    "倍",
    "对",
    "位",
    "株",
    "册",
    "%",
    "％",
    "‰",
    "/10万",
    "例",
)
UNITS = tuple(dict.fromkeys(v for u in UNITS for v in (u, u.translate(_S2T))))
# Lifts and the like counted in 部 ("老楼加装电梯开工400部以上"); never 部门, 部署, 部委…
_BU = r"部(?![门門署委分位长長级級队隊件属屬落际際首])"
# A score in points ("知晓度评分91分以上"), only before a comparator or a clause's end: never
# 分钟, 分之, 分别, 分类…
_FEN = r"分(?=以上|以下|左右|及以上|[，,。；;、）)]|\s*$)"
# Days ("优良天数不低于190天"), never 天然气, 天津, 天下…
_TIAN = r"天(?![然津下空地河山府])"
_UNIT = "|".join(re.escape(u) for u in UNITS) + "|" + _BU + "|" + _FEN + "|" + _TIAN
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# (A magnitude alone is no number: "实现*亿元", a figure left blank, counts nothing.)
_CHINESE = r"(?:[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*?)"
# "1万个", "9千人": Arabic digits with 万/亿/千 before a measure word that has no 万 form of
# its own.
_MYRIAD = (
    # (a space may stand before 万 in a typeset text, "城镇新增就业 1200 万人以上": the figure
    # is read across it, the text kept as written)
    r"\d+(?:\.\d+)?[ \t\u3000]?[万亿萬億千]"
    # ("6万余名": more than, before the measure word)
    r"(?=(?:余|多|餘)?(?:[个家项項所座辆套件场批台处条张名间幢栋只头斤株例個處條張臺輛場間]|人(?!次)))"
)
_NUMBER = rf"(?P<num>{_MYRIAD}|{_ARABIC}|(?<!第){_CHINESE})"
GREATER = ("突破", "超过", "高于", "大于", "超", "逾")
AT_LEAST = ("力争达到", "不低于", "不少于", "达到", "提高到", "提高至", "提升到", "提升至")
AT_LEAST += (
    "增加到",
    "增加至",
    "增至",
    "达",
    "新增",
    "培育",
    "引进",
    "新建",
    "建成",
    "保持在",
    "稳定在",
    "维持在",
)
AT_MOST = (
    "不超过",
    "不高于",
    "控制在",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "降到",
    "降至",
)
AT_MOST += ("减少到", "减少至")
BELOW = ("低于", "少于")
EQUAL = ("=", "＝")  # "门诊报销比例=75%", as a table writes it
GREATER, AT_LEAST, AT_MOST, BELOW = (
    tuple(_tw("|".join(words)).split("|")) for words in (GREATER, AT_LEAST, AT_MOST, BELOW)
)
_PREFIXES = sorted(GREATER + AT_LEAST + AT_MOST + BELOW + EQUAL, key=len, reverse=True)
_PREFIX = "|".join(_PREFIXES)
_SUFFIX = (
    r"(?:\s*(?P<suf>以上|以内|之内|以內|之內|以下|左右|内(?=[、，,。；;]|完成|办结|办理|审批|$)))?"
)
# "8—10个百亿企业", "3-5处": a range, its lower bound the target.
_RANGE = r"(?P<upto>\s*[—–\-－~～至到]\s*\d+(?:\.\d+)?)?"
# Lookaheads on the first characters a prefix, a number and a unit can start with let the
# scan skip most positions without trying every alternative (the matches are the same).
_PREFIX_FIRST = "".join(sorted({p[0] for p in _PREFIXES}))
# A measure per something: "50万元/人", "360台/万人", "507公里/万平方公里".
_PER = _tw("万平方公里|百平方公里|平方公里|万人|千人|百人|人|户|亩|年")
_UNIT_FIRST = "".join(sorted({u[0] for u in UNITS} | {"部", "分", "天"}))
_LEVEL = re.compile(
    rf"(?=[{_PREFIX_FIRST}\s\d零〇一二两三四五六七八九十百千万亿])"
    rf"(?:(?=[{_PREFIX_FIRST}])(?P<pre>{_PREFIX}))?\s*{_NUMBER}{_RANGE}(?P<over>余|多)?"
    rf"\s*(?=[{re.escape(_UNIT_FIRST)}])(?P<unit>(?:{_UNIT})(?:/(?:{_PER}))?){_SUFFIX}"
)
_ABOUT = re.compile(r"(?:大约|大約|约|約)$")
# A figure with its measure then 、 right before another figure: "142条、228.2公里".
_SECOND_MEASURE = re.compile(rf"\d(?:\.\d+)?\s*(?:{_UNIT})、\s*$")
_RATIO = re.compile(
    rf"(?:(?P<pre>{_PREFIX})\s*)?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[:：∶]\s*\d+(?:\.\d+)?)(?![\d:：∶])"
    rf"(?P<suf>以内|以下|左右|以上)?"
)
# "增长4.5%－5%", "增长6%-7%": a range of change, its lower bound the target.
_CHANGE = re.compile(
    rf"(?P<verb>{_tw('增长|增速|增幅|提高|提升|增加|下降|降低|减少|削减')})\s*{_NUMBER}\s*(?P<unit>%|％|个百分点)"
    r"(?P<upto>\s*[—–\-－~～至到]\s*\d+(?:\.\d+)?\s*(?:%|％|个百分点))?"
    rf"{_SUFFIX}"
)
_TWO_MEASURES = re.compile(
    rf"(?P<num>\d+)\s*(?P<unit>{_tw('个|座|栋|幢|所|处')})"
    rf"(?P<num2>\d+(?:\.\d+)?[万萬]?)\s*(?P<unit2>{_tw('户|人|平方米|万平方米')})(?=[，,。；;、）)]|$)"
)
# "培训31个家庭医生服务团队124人": a count of groups and of the people in them, both.
_GROUPS_OF_PEOPLE = re.compile(
    rf"^(?P<num>\d+)\s*(?P<unit>{_tw('个|支|家|所')})(?P<obj>[\u4e00-\u9fff]{{2,16}})$"
)
_QUALITATIVE = re.compile(
    r"(?P<year>\d{4})\s*年\s*(?:底|末)?\s*(?:前)?\s*[，,]?\s*"
    r"(?P<verb>创成|创建成功|建成|全面建成|基本建成|完成|全面完成|实现|基本实现|获评|跻身|"
    # ("通过验收"; not "通过实施…协同控制", the means of a goal)
    r"通过(?!实施|开展|推进|加强|强化|深化|落实|建立|完善|采取|持续|推动|加快))"
    # (a goal in quotation marks holds its own list: "实现“债务率显著下降、…有效运转”三大核心目标")
    r"(?P<obj>“[^“”。；;]{2,60}”[^，,。；;！？!?、]{0,12}|[^，,。；;！？!?、]{2,30})"
)
# "现将…印发给你们" is the formula of a notice, not a commitment.
COMMITMENT = re.compile(
    _tw("力争|确保|争取|努力|目标|计划|预期")
    + r"|(?<![现現])[将將]|到\s*\d{4}\s*年|十[四五六]五|年底前|今年要"
    # "赤字率拟按4%左右安排", "拟发行超长期特别国债1.3万亿元": what a budget or plan intends
    # (not 模拟, 虚拟, 拟定, 拟任)
    + r"|(?<![模虚虛])[拟擬](?![定任稿人制])"
    # "6月底前，…主体工程基本完工": a time limit set for the work
    + r"|(?<![个個\d])\d{1,2}\s*月(?:底|末)前"
    # "规划近期2010年…", "总人口2010年控制在300万人以内": a plan's stage, a year's ceiling
    + r"|(?:近期|中期|远期|遠期)\s*\d{4}\s*年|(?<!\d)\d{4}\s*年\s*控制在"
    # "2020年要实现新开工80个小区以上": a year's plan said with 要 (not 要求), as 今年要 is
    + r"|(?<!\d)\d{4}\s*年\s*[要須须](?![求])"
    # "完成2024年省民生实事…治理任务，新建…": the task of a year named, to complete
    # (not a look back, "圆满完成2023年目标任务", "全面完成…", "超额完成…")
    + r"|(?<![已未满面额利好本滿額])完成\s*\d{4}\s*年(?=[^。；;，,]{0,20}(?:任务|任務|目标|目標))"
    # "今年全省经济社会发展主要指标分别为：…": the main indicators a notice hands down
    + rf"|(?:{_tw('主要指标')})(?:分别|分別)?\s*(?:是|为|為)\s*[：:]"
)
# "比上年增长4.5%以上" compares the year planned with the last: a target, not a look back.
# ("解决了2585个…": a figure right after 了 is what was done; "占总计划的99.2%": how much
# of the plan was.)
NOT_A_COMMITMENT = re.compile(
    r"已经|已|同比|(?<![比较])上年|去年|曾|实际完成|(?<![为除])了\s*$|占(?:总|全年|年度)?计划(?:投资)?的?\s*$"
    # "专项检查…，共发现问题22个": what an inspection found, counted
    r"|(?:发现|發現|查出|查找出|排查出)(?:各类|各類)?(?:问题|問題|隐患|隱患)\s*$"
    # "占改造任务数的100%", "完成市定目标任务的26.62%": how much of the aim is done.
    r"|(?:占|(?<![争保要取将])完成)[^，,。；;]{0,10}?(?:目标任务|目標任務|任务数|任務數|目标|目標|任务|任務)"
    r"(?:\d+(?:\.\d+)?\s*[亿億万萬]?元)?的\s*$"
)
# The same share as a clause ("，完成市定目标任务的26.62%"): its 目标 commits to nothing.
_SHARE_OF_AIM = re.compile(
    r"(?:占|(?<![争保要取将])完成)[^，,。；;]{0,10}?(?:目标任务|目標任務|任务数|任務數|目标|目標|任务|任務)"
    r"(?:\d+(?:\.\d+)?\s*[亿億万萬]?元)?的\s*\d+(?:\.\d+)?\s*[%％]"
)
# "超额完成任务目标" reports the work done beyond its aim (not "力争超额完成").
_OVERDONE = re.compile(r"(?<![争保取要将將])超[额額]完成")
NOT_YET_DONE = re.compile(NOT_A_COMMITMENT.pattern.replace("|同比|", "|"))
# A year's ceiling after another's, what it limits left unsaid ("，2015年在315万人以内").
_YEAR_CEILING = re.compile(
    r"[，,；;]\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?:控制)?在\s*(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万人|人|万户|户|%|％|万吨|吨|亿元|万元)\s*(?P<limit>以内|之内|以下)(?=[，,。；;]|$)"
)
_MAKE_UP = re.compile(r"》\s*(?:共有|共分|共|分为|分為|包括|包含|由)[^，,。；;]{0,12}$")
_BROKEN_DOWN = re.compile(r"(?:分解|细化|拆分|細化)(?:为|成|為)\s*$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A class of departments counted before the quotas each is given ("招商考核一类部门31个，
# 当年开工项目31项"): the class's size, no target.
_UNITS_OF_A_CLASS = re.compile(r"[一二三四五六七八九十\dA-Ca-c]类(?:部门|单位|部門|單位)$")
# "确保年度会议数量同比减少10%": a change its own clause commits to, 同比 no look back.
_COMMITTED_CHANGE = re.compile(
    "(?:"
    + _tw("确保|力争|争取")
    + r")[^，,。；;：:]{0,24}?同比\s*(?:"
    + _tw("增长|下降|减少|提高|降低|压减")
    + ")"
)
_STATES_GOALS = re.compile(r"(?:预期|主要)目标[^。；;：:]{0,6}?(?:是|为|為)?\s*[：:]")
_DEADLINES = [
    # ("“十四五”期间": within the plan's years, by their end)
    (re.compile(r"[“\"]?十(?P<plan>[四五六])五[”\"]?\s*(?:期)?\s*(?:末|期间|期間)"), "plan"),
    (
        re.compile(
            # ("2023年度204座…": the year a batch of work is named by, no time limit)
            r"(?:(?P<to>到|至|在|于)\s*)?(?P<year>\d{4})\s*年(?!度)\s*(?:年(?=底))?"
            r"(?:(?P<month>\d{1,2})\s*月\s*)?"
            r"(?P<tail>底|末|前|内|(?=创成|创建|建成|完成|实现|达到|突破|基本|全面|计划))?"
        ),
        "year",
    ),
]
# The first year of a span before its last ("2015—2020年"), read backwards from the last.
_SPAN_FROM = re.compile(r"\d{4}\s*年?\s*[—–\-－~～至到]\s*$")
_PLAN_END = {"四": 2025, "五": 2030, "六": 2035}
_LEADING_NOISE = re.compile(
    r"^(?:"
    # (the words in traditional characters too: "確保全縣村莊綠化覆蓋率…")
    + _tw(
        r"力争|确保|争取|努力|预计|计划|拟|要|使|让|推动|其中|全年|全市|今年|年内|年底前|每年|在|将|并|和|及|即|"
        # "提出全社会研发经费投入年均增长7%以上": what a plan sets out
        r"提出|"
        r"我们|我市|全县|全区|上半年|下半年"
    )
    + r"|\*|[●•▪■◆▶►]|-[ \t]*(?=[\u4e00-\u9fff])|"
    r"\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[（(]?[一二三四五六七八九十]+[、)）]|"
    r"(?:到|至|于)?\s*\d{4}\s*年\s*(?:\d{1,2}\s*月\s*)?(?:底|末)?\s*(?:前|以前)?|"
    r"到?[“\"]?十[四五六]五[”\"]?\s*期?末|\s|[，,、：:]|"
    # "第16条 …规划近期2010年…": a plan's article and stage
    r"第\s*\d{1,3}\s*条|(?:规划|規劃)?(?:近期|中期|远期|遠期))+"
)
_ARTICLE_MARK = re.compile(r"第\s*\d{1,3}\s*条\s*")
_LOOKS_BACK = re.compile(r"过去的?[一两三四五几十]?年[，,]")
_TRAILING_NOISE = re.compile(
    r"(?:比上年|较上年|同比|年均|分别|分別|的|要|将|力争|确保|争取|压缩至|压缩到|缩短至|缩短到|缩减至|缩减到|\s|"
    # "总人口2010年控制在…": the year of the figure, its deadline
    r"(?<![\d比较較])(?:19|20)\d{2}\s*年|"
    # "…排放总量比2015年分别下降15%": the year the change is measured from
    r"[比较較]\s*(?:19|20)\d{2}\s*年(?:底|末)?)+$"
)
# An aside explaining a name ("工程建设项目（主要是房屋建筑和城市基础设施）全流程审批时间"):
# no part of the indicator.
_EXPLAINING_ASIDE = re.compile(r"[（(](?:主要是|主要为|包括|含|不含|即|如)[^（()）]{1,30}[）)]")
_ADDING = re.compile(
    _tw(
        r"减轻|新增|新引进|新招引|招引|引进|新培育|培育|新建成|新建|建成|建设|盘活|完成|创建|打造|改造|新开工|开工|"
        r"竣工|新认定|认定|新设立|设立|新创建|实施|推动|举办|开展|组织|改建|新改建|改扩建|安装|开设|"
        r"增配|配备|培训|培养|升级改造|提升改造|整治|推进|新引进|新招引|放映|实现|种植|修复|布设|建成投用|打通|"
        r"增补|增设|采购|购置|开发|建好|开办|创办|续建"
    )
)
# Verbs after which the object names the indicator ("建成农贸市场3个": 农贸市场); 新增,
# 引进, 盘活 and 改造 stay in the name (新增城镇就业, 新引进高层次人才, 盘活低效用地).
_OBJECT_VERBS = re.compile(
    "(?:"
    + _tw(
        r"新招引|招引|新培育|培育|新建成|新建|建成|建设|完成|创建|打造|新开工|开工|"
        r"竣工|新认定|认定|新设立|设立|新创建|实施|举办|开展|组织|改建|新改建|改扩建|安装|开设|"
        r"增配|配备|培训|升级改造|提升改造|实现|种植|修复|布设|建成投用|打通|增补|增设|采购|购置|"
        r"开发|建好|开办|创办|续建|组建"
    )
    + ")$"
)
_RAISED_TO = re.compile(r"(提高|提升|上调|调整|调高)(?P<what>[\u4e00-\u9fff“”]{2,30}?)(?:至|到)")
_AFTER_OK = set("，,。；;、）)（(！!？?”》《") | {""}
# What may follow a figure and end its clause as a comma would: the next work joined by
# 并, or the rest of what is built named in passing ("及其他附属设施", "及配套设施").
_AND_THEN = re.compile(
    r"并(?=[\u4e00-\u9fff])|(?:及|和)(?=(?:其他|其它|相关|配套|附属)[\u4e00-\u9fff]{0,6}(?:设施|工程|设备)(?:[，,。；;]|$))"
)
_ASIDE = re.compile(r"^[（(][^（()）]*[）)]")
# Teams counted in 支 ("组建3支志愿者队伍"), never 支持, 支付, 支出, 支撑, 支援, 支部…
_ZHI = r"支(?![持付出撑撐援部柱线線流教])"
_COUNT_UNIT = (
    _tw(r"个|座|所|家|条|处|项|批|台|套|辆|户|名|张|间|幢|栋|只|头|株|对|位|村|册|盏")
    + "|"
    + _BU
    + "|"
    + _ZHI
)
# What a count of work may be measured in ("完成3.39万户农村住房改造", "23.3万平方米危旧房改善").
_WORK_UNIT = _tw(
    rf"万户|万人次|万人|万平方米|平方米|万亩|亩|万公顷|公顷|万公里|公里|人次|{_COUNT_UNIT}|场次|场|人|万棒"
)
# The size of each thing counted, said before it with 的 ("建成20个年接待游客300万人次以上的
# 大景区"): part of what is counted.
_SIZE_OF = (
    r"[\u4e00-\u9fff]{1,8}\d+(?:\.\d+)?[万萬亿億]?"
    r"(?:人次|亿元|億元|万元|萬元|元|吨|噸|平方米|人)(?:以上)?的(?=[\u4e00-\u9fff])"
)
# What is counted: words, quotations, a bracket ("“15 分钟就业服务圈”社区就业服务站点").
_QUOTED = r"[“‘\"][^”’\"]{1,20}[”’\"]"
# The levels a name holds in brackets ("60个县(市、区)水源置换"): part of what is counted.
_LEVELS_INSIDE = r"(?:[市区县旗州縣區]、?){2,4}[)）]"
_LEVELS = rf"[（(]{_LEVELS_INSIDE}"
_OBJECT = (
    rf"(?:[\u4e00-\u9fffA-Za-z]|{_QUOTED})(?:[\u4e00-\u9fffA-Za-z]|{_QUOTED}|{_LEVELS}){{0,24}}?"
)
_OBJECT_END = (
    rf"(?=[，,。；;、）)]|[（(](?!{_LEVELS_INSIDE})|[和与](?=\d|[一二两三四五六七八九十]{{1,3}}[个座所家处条项])|"
    r"(?<!以)及(?![其时])|投产|投用|达产|用于|$|"
    r"以上(?=[，,。；;、]|$))"  # ("新开工80个小区以上,": the floor after what is counted)
)
# "新建3座公共停车场", "推动江洲电器20条自动化产线投产": a verb, a count (a range gives its
# lower bound, "培养400名至500名…"), then what is counted.
_COUNTING_VERBS = _tw(
    r"新招引|招引|新培育|培育|新建成|新建|建成|建设|新增|打造|创建|推动|推进|新开工|开工|引进|提供|创造|"
    r"改建|新改建|改扩建|安装|开设|增配|配备|培训|培养|升级改造|提升改造|改造|完成|实施|组织|举办|实现|"
    r"完善|整治|解决|增加|增设|增設|设置|优化提升|提升|再建|创立|改善|"
    r"建立|建設|"  # "建立3-5家…示范性照护服务机构": what is set up is counted
    r"采购|购置|"  # "采购2辆负压救护车": what is bought is counted
    # "开发1000个青年就业见习岗位", "建好3个示范点", "申请2-3个…认证"
    r"开发|建好|申请|申報|申报|启动|啟動|开办|開辦|创办|創辦|续建|續建|"
    # "集中公推40名优秀青年", "发展20名党员": people chosen or taken in are counted
    r"公推|推选|推選|选拔|選拔|选派|選派|发展(?=\s*\d+\s*[名支])|發展(?=\s*\d+\s*[名支])|"
    r"组建|組建|"  # "组建3支志愿者队伍": teams formed are counted
    r"拆除|"  # "计划拆除34亩违章旧厂房": what is pulled down is counted
    r"淘汰|"  # "淘汰50家企业落后产能": so is what is phased out
    r"完工|竣工|"  # "完工9个续建老旧小区改造项目": works finished are counted
    r"更新更换|更新更換|更换|更換"  # "更新更换143台老旧电梯": what is replaced is counted
)
# "加快10个商贸项目建设", "继续抓好30个重大文化项目": projects pressed on with are counted
# (not "加快3个方面改革", nor the verb before another, "加快推进5公顷…").
_PRESSED_ON = r"(?:加快|抓好)(?=\s*\d+\s*[个個][^，,。；;\d]{0,14}?(?:项目|項目|工程))"
# "完成320幢15.6万平方米房屋“平改坡”": the count of the work and its area, both.
# ("完成剩余62户144人的脱贫任务": the households and the people of one work, both.)
_AREA = rf"(?:(?P<area>{_ARABIC})\s*(?P<area_unit>{_tw('万平方米|平方米|万亩|亩|公里')}|人(?=的)))?"
_COUNTED = re.compile(
    rf"(?=[{''.join(sorted({v[0] for v in _COUNTING_VERBS.split('|')} | {'加', '抓'}))}])"
    rf"(?P<verb>{_COUNTING_VERBS}|{_PRESSED_ON})"
    rf"(?P<gap>(?:今年的|今年|全年的|當年的|当年的)?(?:[（(][\u4e00-\u9fff]{{1,4}}[)）])?"
    # ("完工2024年9个续建…项目": the year the works were started in, before the count)
    r"(?:(?<=完工|竣工)(?:19|20)\d{2}\s*年(?=\s*\d))?"
    # ("推进“十四五”期间都江堰等6个大型灌区…": the plan's years before what is counted)
    r"(?:[“\"]?十[四五六]五[”\"]?期[间間])?"
    # ("完成市下达我县的11个村…任务": who set the work, with 的, before the count)
    r"(?:[^\W\d_和及与的]{2,10}的(?=\s*\d))?"
    # ("新增完成 1967 个以上…": a page that sets its figures apart by spaces)
    rf"[^\W\d_和及与的]{{0,12}}?)[ \t]?{_NUMBER}(?:\s*(?:{_WORK_UNIT})?\s*[—–\-~～至到]\s*\d+)?"
    rf"\s*(?P<unit>{_WORK_UNIT})(?!(?<=人)口)(?:以上)?"  # ("9万人口的…": 人口 is no measure)
    rf"{_AREA}(?:(?<=人)的)?"
    # ("3家功能健全、设施完善的示范性照护服务机构": what each is to be, listed, before 的)
    r"(?:(?:[\u4e00-\u9fff]{2,12}、){1,4}[\u4e00-\u9fff]{2,14}的(?=[\u4e00-\u9fff]))?"
    rf"(?P<obj>(?:{_ARABIC}(?:{_tw('亿元|万元')})(?:以上)?|{_SIZE_OF})?{_OBJECT})"
    rf"{_OBJECT_END}"
)
# The counts that go on a list after the first: "、*3家乡村长者照护之家", "和100条背街小巷改善".
_COUNTED_MORE = re.compile(
    # (not the 及 of a word, "惠及17个乡镇", "涉及3个村")
    rf"(?:[、，,]|(?<![惠涉普波顾])[和及与])\s*\*?\s*"
    # (a span of years before the count, "和2023—2025年27个中型灌区", is its time)
    r"(?P<span>(?:19|20)\d{2}\s*[—–\-－~～至]\s*(?P<span_end>(?:19|20)\d{2})\s*年\s*)?"
    rf"{_NUMBER}\s*(?P<unit>{_WORK_UNIT})(?:以上)?{_AREA}"
    rf"(?P<obj>{_OBJECT}){_OBJECT_END}"
)
# A count on the list after one with a verb of its own, which need not be one of the verbs
# above: "新建3个口袋公园、扩容5个充电站点" (扩容充电站点).
_COUNTED_OTHER_VERB = re.compile(
    rf"[、，,]\s*(?!{_tw('全市|全县|全区|全省|其中|力争|确保|累计|共计|合计|总计|每年|年内|今年|新增|惠及')})"
    rf"(?P<verb>[\u4e00-\u9fff]{{2}})\s*{_NUMBER}\s*(?P<unit>{_WORK_UNIT})(?:以上)?{_AREA}"
    rf"(?P<obj>{_OBJECT}){_OBJECT_END}"
)
# One figure for two works of one object, 各: "新开工、竣工保障性住房各2万平方米",
# "开竣工安置房各10万平方米" — a target for each work.
_EACH_VERB = _tw(rf"{_COUNTING_VERBS}|竣工|完工|交付|投用|投运|启动")
_EACH_FIRST = "".join(sorted({v[0] for v in _EACH_VERB.split("|")} | {"开"}))
_EACH = re.compile(
    rf"(?=[{_EACH_FIRST}])"
    rf"(?P<verbs>(?:{_EACH_VERB})(?:\s*[、和与及]\s*(?:{_EACH_VERB}))+|开竣工)"
    rf"(?P<obj>[\u4e00-\u9fff“”\"]{{2,16}}?)各\s*{_NUMBER}\s*"
    rf"(?P<unit>{_WORK_UNIT}|{_tw('亿元|万元')})(?P<suf>以上)?{_OBJECT_END}"
)
_EACH_SPLIT = re.compile(rf"{_EACH_VERB}")
_EACH_FIGURE = re.compile(r"各\s*[\d零〇一二两三四五六七八九十百千]")
_TREATING = re.compile(r"进行|進行|实行|實行|开展|開展|安装|安裝|提档升级|改造|修缮|整治")
# A count of people after a verb that places or helps them: "引导800名以上高校毕业生到基层
# 就业", "招聘(招收)40名全科医生", "吸纳300人就业"; the people (and where they go) name it.
_PEOPLE_VERBS = _tw(
    "引导|吸纳|招聘|招募|招收|招录|安置|帮助|帮扶|扶持|带动|转移|输送|资助|救助|选派|选聘|吸引"
)
_PEOPLE = re.compile(
    rf"(?=[{''.join(sorted({v[0] for v in _PEOPLE_VERBS.split('|')}))}])(?P<verb>{_PEOPLE_VERBS})"
    rf"(?:[（(][^（()）]{{1,8}}[）)])?\s*{_NUMBER}\s*(?P<unit>{_tw('名|人次|人|位')})(?P<suf>以上|左右)?"
    r"(?P<who>[\u4e00-\u9fff“”\"]{2,20}?)"
    r"(?P<rest>(?:到|赴|在|参加|从事|返乡|回乡)[\u4e00-\u9fff]{1,12}?)?(?=[，,。；;、）)]|$)"
)
# A change in a population counted in people without the measure word: "农村贫困人口减少
# 60万以上", "城镇人口新增2万人".
_POPULATION = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{1,10}?人口)(?P<verb>减少|增加|新增|減少)"
    r"(?P<num>\d+(?:\.\d+)?[ \t]?[万萬]?)(?P<unit>人?)(?P<suf>以上|左右)?(?=[，,。；;、）)]|$)"
)
# A count on a list after the verb of its clause: "建成投用沿浦、宜山等8家卫生院",
# "完成指挥中心、18个分控中心、376个广播室和752只高音喇叭建设".
_LISTED = re.compile(
    rf"(?:[、，,；;等]|(?<![惠涉普波顾])[和及与])\s*(?P<num>\d+(?:\.\d+)?|(?!一批)[一二两三四五六七八九十]{{1,3}}(?={_COUNT_UNIT}))"
    rf"\s*(?P<unit>{_WORK_UNIT})(?:以上)?"
    rf"(?P<obj>{_OBJECT}){_OBJECT_END}"
)
# "开工建设官桥至会宫段、白湖至会宫段两条一级公路": the count standing right after the
# list's last name, what the list adds up to.
_LISTED_APPOSED = re.compile(
    r"、[^，,。；;、]{1,24}?(?<=[\u4e00-\u9fff])(?<!各)"  # ("城东、城西各2所": each)
    rf"(?P<num>\d+(?:\.\d+)?|(?!一批)[一二两三四五六七八九十]{{1,3}}(?={_COUNT_UNIT}))"
    rf"\s*(?P<unit>{_COUNT_UNIT})(?:以上)?"
    rf"(?P<obj>{_OBJECT}){_OBJECT_END}"
)
# The first of two or more counted places listed after 在, where the clause's work is done
# ("建设…管控系统，在全区9000余户小微企业、106个…场所…构建…": the households as the 106
# places after it, which the list takes).
_IN_LISTED = re.compile(
    r"(?:^|(?<=[，,。；;：:\s]))在\s*(?:全区|全县|全市|全镇|全乡|全省|全區|全縣|全鎮|全鄉)?\s*"
    rf"{_NUMBER}\s*(?:余|餘|多)?\s*(?P<unit>{_WORK_UNIT})(?:以上)?(?P<obj>{_OBJECT})(?=、\s*\d)"
)
# "完成约37.5公里的四条县道…修复": a length said of a count of things; the count is what the
# name opens with.
_COUNT_OPENING = re.compile(
    rf"^(?!一批)(?P<num>[一二两三四五六七八九十]{{1,3}}|\d+)\s*(?P<unit>{_COUNT_UNIT})(?P<rest>[\u4e00-\u9fff]{{2,}})$"
)
_NAMED_MEASURES = re.compile(r"\d+\s*[条條](?=意见|意見|措施|举措|舉措|政策|规定|規定|细则|細則)")
_REACHED_ALREADY = re.compile(
    r"(?P<fig>(?:达到|達到|达|達)\s*\d+(?:\.\d+)?\s*[万萬亿億]?\s*[\u4e00-\u9fff%％]{0,3})\s*[，,]\s*"
    r"(?:已经|已經|已)(?:实现|實現|完成|建成|覆盖|覆蓋)"
)
# "约需资金…", "约计投资…": a figure said to be about so much.
_ABOUT_NEEDED = re.compile(r"^(?:约|約)(?:需|需要|计|計|为|為)?(?=[\u4e00-\u9fff]{2})")
_COUNT_OPENERS = frozenset("一二两三四五六七八九十0123456789")
# "对人民路等3条城区道路进行综合改造": a count of what is treated, and the treatment.
_TREATED = re.compile(
    rf"[对對](?:[^，,。；;对對]{{0,40}}?等|{_tw('全市|全县|全区|全省|全镇|辖区')}|[\u4e00-\u9fff]{{1,8}}?的"
    # ("对谏壁片区5座排涝泵站…": the place the things counted are in)
    rf"|[\u4e00-\u9fff]{{2,8}}?{_tw('片区|街道|社区|镇|乡|村')})?\s*"
    rf"{_NUMBER}\s*(?P<unit>{_WORK_UNIT})"  # ("对新建的8个托育机构进行补助")
    rf"(?P<obj>(?:[\u4e00-\u9fff]|{_QUOTED}|[（(][\u4e00-\u9fff]{{1,4}}[)）]){{1,20}}?)"
    # "对全县70所中小学校1658间教室照明进行…": a second count, of what the first holds.
    rf"(?:(?P<num2>{_ARABIC})\s*(?P<unit2>{_WORK_UNIT})(?P<obj2>[\u4e00-\u9fff]{{1,20}}?))?"
    rf"(?:(?:进行|進行|实行|實行|開展|开展|安装|安裝|实施|實施)(?P<act>(?:[\u4e00-\u9fff]|{_QUOTED}){{2,16}}?)"
    # "对全县17所乡镇中心幼儿园全面提档升级": the treatment named by its verb alone
    rf"|(?:全面|整体|整體|集中)?(?P<verb_act>{_tw('提档升级|改造提升|提升改造|升级改造|维修改造|改造|修缮|整治')}))"
    r"(?=[，,。；;]|$)"
)
# "培育2个1000亿、3个500亿、5个100亿产业集群": counts of one noun in sizes, each a target.
_SIZE = r"(?:\d+|[一二三四五六七八九十百千两]+)(?:亿元|亿|万元)级?"
_SIZED_COUNT = rf"\d+\s*(?:{_COUNT_UNIT})\s*{_SIZE}"
_SIZED_COUNTS = re.compile(
    rf"(?P<list>{_SIZED_COUNT}(?:\s*[、和及]\s*{_SIZED_COUNT})+)"
    rf"(?P<noun>[\u4e00-\u9fff]{{2,12}}?){_OBJECT_END}"
)
# "实施总投资2000亿元的500个项目": the count of the projects and the sum they invest.
_INVESTING_COUNT = re.compile(
    rf"总投资\s*(?P<sum>{_ARABIC})\s*(?P<money>亿元|万元)(?P<suf>以上)?的\s*"
    rf"(?P<num>\d+)\s*(?P<unit>个|项|項)(?P<obj>[\u4e00-\u9fff]{{2,12}}?){_OBJECT_END}"
)
_ONE_SIZED = re.compile(rf"(?P<num>\d+)\s*(?P<unit>{_COUNT_UNIT})\s*(?P<size>{_SIZE})")
# A verb that ends what a count counts: "时令蔬菜700亩种植".
_CLOSING_VERB = re.compile(
    r"^(?:种植|建设|改造|整治|建成|完成|投用|覆盖)(?:任务)?(?=[，,。；;、]|$)"  # ("119户改造任务")
)
# "首批60个示范站点全面建成", "80%的城市社区建成养老服务站": a count, what is counted, then
# the verb that completes it.
_COMPLETED = re.compile(
    rf"(?=[\d零〇一二两三四五六七八九十百千万亿])"
    # ("90%以上乡镇(街道)建有老年大学": the places that are to have one, a level in brackets)
    rf"{_NUMBER}\s*(?P<unit>{_COUNT_UNIT}|%|％)(?:以上)?的?"
    # ("60个以上县(市、区)纳入…试点县", "70%以上县域商业建设“基本型以下”达到“基本型”目标": levels
    # listed in the bracket, a quoted grade in what is counted)
    rf"(?P<obj>(?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff、]{{1,8}}[)）]|{_QUOTED}){{2,24}}?)"
    r"(?P<verb>全面建成|基本建成|建成|全面完成|完成|基本完工|全面完工|完工|投入使用|投用|达到|達到|建有|"
    r"纳入|納入)"
    # (to the next share of a list, "…标准、50%以上的乡镇…达到…")
    r"(?P<rest>(?:(?!、\s*\d)[^，,。；;（(]){0,24})"
)
# "每个行政村原则上有1家农村便利店": so many of a thing in each place, a count for each.
_EACH_PLACE_HAS = re.compile(
    r"(?P<each>每[个個])(?P<place>[\u4e00-\u9fff]{1,6}?)"
    rf"(?:{_tw('原则上|至少|均|都')})?(?P<verb>{_tw('有|建有|配备|设有|拥有')})\s*"
    rf"(?P<num>\d+)\s*(?P<unit>{_COUNT_UNIT})(?P<obj>[\u4e00-\u9fff]{{2,12}}?)(?=[，,。；;、]|$)"
)
# "投资2500万元建设检测平台", "安排3000万元项目前期工作经费": a sum and what it is for.
_SUM = re.compile(
    rf"(?P<verb>投资|安排|投入)\s*{_NUMBER}\s*(?P<unit>万元|亿元)(?P<suf>以上)?"
    r"(?:建设|新建|实施|打造|用于|建成|新建续建|续建)?(?!的)(?P<obj>[\u4e00-\u9fff]{2,30}?)"
    # "投资5300万元建成公租房510套": the count after the work it names.
    rf"(?:\d+(?:\.\d+)?\s*(?:{_WORK_UNIT}))?(?=[，,。；;]|$)"
)
# "计划投资2500万元再建27公里农村道路", "投入500万元完成…等15座历史遗留矿山修复": a sum and the
# counted work it pays for, which names it.
_SUM_FOR_COUNT = re.compile(
    rf"(?P<verb>投资|安排|投入)\s*{_NUMBER}\s*(?P<unit>万元|亿元)(?P<suf>以上)?"
    rf"[^，,。；;\d]*?\d+(?:\.\d+)?\s*(?:{_WORK_UNIT})(?P<obj>[\u4e00-\u9fff]{{2,20}}?)(?=[，,。；;、]|$)"
)
# "总投资13.6亿元的博兴水库将在年内开工建设": a project's total investment, named by it.
_SUM_OF = re.compile(
    rf"总投资\s*{_NUMBER}\s*(?P<unit>万元|亿元)的(?P<obj>[\u4e00-\u9fff]{{2,20}}?)"
    r"(?=[，,。；;]|将|年内|要|计划)"
)
# "投资762万元，实施…农村饮水管网延伸工程，解决…", "投资1126万元，在…8村实施…治理工程": a
# sum, then (after a comma) the work it pays for, which names it.
_SUM_THEN_WORK = re.compile(
    rf"(?P<verb>{_tw('投资|安排|投入')})\s*{_NUMBER}\s*(?P<unit>{_tw('万元|亿元')})(?P<suf>以上)?"
    rf"[，,]\s*(?:[在于][^，,。；;]{{1,20}}?)?(?:{_tw('实施|建设|新建|建成|完成|改造|打造|修建')})"
    # (not a second sum: "完成工业投资900亿元，完成技改投资300亿元")
    r"(?![^，,。；;]{0,12}?(?:投资|投資|投入)\s*\d)"
    r"(?P<obj>[^，,。；;]{2,40}?)(?=[，,。；;]|$)"
)
_PLAN_WORDS = re.compile(
    r"计划|計劃|完成|实现|實現|全年|年度|累计|累計|共|预计|預計|总|總|新增|\d+年"
)
_COUNTED_PART = re.compile(rf"\d+(?:\.\d+)?\s*(?:{_UNIT})?|的|等")
# "确保完成今年8.5亿元投资任务": a sum named as the year's investment to complete.
_INVESTMENT_TASK = re.compile(
    rf"(?P<verb>完成|实现)\s*(?:今年|全年|年度|当年)?\s*{_NUMBER}\s*(?P<unit>亿元|万元)(?P<suf>以上)?的?"
    r"(?P<obj>[\u4e00-\u9fff]{0,8}?)投资(?:任务|计划|目标)?(?=[，,。；;]|$)"
)
# "确保今年完成国企改革三年行动任务的70%以上": the share of a set of tasks to complete.
_SHARE_OF_TASKS = re.compile(
    rf"(?P<verb>完成|完成了)\s*(?P<obj>[\u4e00-\u9fff“”]{{2,16}}?任[务務])的\s*{_NUMBER}\s*(?P<unit>%)(?P<suf>以上)?"
)
# "平均受教育年限达到11.5年": a level in years (one or two digits, never a year's number);
# an indicator's line may state it bare ("劳动年龄人口平均受教育年限12.5年。").
_YEARS = re.compile(
    rf"(?P<pre>{_tw('达到|提高到|提高至|提升到|提升至')}|(?<=年限))\s*(?P<num>\d{{1,2}}(?:\.\d+)?)(?P<unit>年)(?P<suf>以上)?"
    r"(?=[，,。；;、]|$)"
)
# "居民消费价格指数控制在102.8以内": an index has no unit, nor has a ratio of incomes
# ("城乡居民收入倍差缩小到1.7以内").
_INDEX = re.compile(
    # ("健康浙江发展指数达85": 达 as 达到)
    rf"(?P<pre>控制在|不超过|不高于|不低于|达到|达|{_tw('缩小到|缩小至|缩小为')})\s*(?P<num>{_ARABIC})(?P<unit>)"
    r"(?P<suf>以内|以內|以下|以上|左右)?(?=[，,。；;、]|$)"
)


_OPENING_YEAR = re.compile(r"^\s*(?P<year>(?:19|20)\d{2})\s*年\s*[，,]")
# The clause after "为到2035年" that names it the aim a plan's figures lay the ground for
# ("…,为到2035年人均国内生产总值比2020年翻一番…打好基础").
_FOUNDATION = re.compile(
    r"[^。；;！？!?]{0,80}?(?:打好|奠定|打下|打牢|夯实)[^。；;，,]{0,6}?(?:基础|基礎)"
)


# The clause after a year that opens it, reaching a level ("2025年数字经济…比重达到13.5%").
_GOAL_LEVEL = re.compile(
    r"[^，,。；;]{2,40}?(?:达到|達到|突破|超过|超過|提高到|提高至|控制在|进入|進入"
    # "…,2018年非電煤炭消費總量比2015年削減3%以上": a change to reach that year
    r"|(?:削减|削減|下降|降低|减少|減少|增长|增長)\s*\d)"
)
# The term a policy runs ("延续执行至2027年底", "有效期至…"), no time to do a work by.
_TERM_UNTIL = re.compile(r"(?:延续|延續|延长|延長|执行|執行|有效期)(?:执行|執行|实施|實施)?至\s*$")


def deadlines_in(sentence: str) -> list[tuple[int, dt.date, str]]:
    """(position, date, words) of every deadline phrase of a sentence; a sentence that
    opens with a year and a comma ("2027年，全市新建…") speaks of that year's end."""
    found = []
    if m := _OPENING_YEAR.match(sentence):
        found.append((m.start("year"), dt.date(int(m.group("year")), 12, 31), m.group(0).strip()))
    for pattern, kind in _DEADLINES:
        for m in pattern.finditer(sentence):
            if kind == "plan":
                day = dt.date(_PLAN_END[m.group("plan")], 12, 31)
            elif _TERM_UNTIL.search(sentence[max(0, m.start() - 12) : m.start("year")]):
                continue  # "…等政策延续执行至2027年底": how long a policy runs, no deadline
            elif (
                m.group("to")
                and sentence[max(0, m.start() - 1) : m.start()] in ("为", "為")
                and _FOUNDATION.match(sentence, m.end())
            ):
                continue  # "为到2035年…打好基础": the aim the figures serve, no date of theirs
            else:
                if not (m.group("to") or m.group("tail") is not None and m.group("tail") != ""):
                    # A bare year ("2023 年是…") names a time, not a deadline; a year
                    # followed by a commitment verb ("2023 年创成") does, and so does one
                    # followed by the will to do ("2024年将筹措资金60亿元以上").
                    rest = sentence[m.end() :]
                    if re.match(r"\s*[，,]", rest) and _SPAN_FROM.search(
                        sentence, max(0, m.start() - 12), m.start()
                    ):
                        pass  # "2015—2020年，旅游人数…年均增长20%": the span's last year
                    elif re.search(r"(?:要求|确保|確保)\s*$", sentence[: m.start()]):
                        pass  # "要求2017年城镇新增就业1.35万人": the year asked for
                    elif re.search(r"(?:近期|中期|远期|遠期)\s*$", sentence[: m.start()]):
                        pass  # "规划近期2010年…城镇化水平达到53%": the year of a plan's stage
                    elif re.match(r"\s*控制在", rest):
                        pass  # "总人口2010年控制在300万人以内": the year of the ceiling
                    elif re.search(r"(?:^|[，,；;：:]\s*即?)\s*$", sentence[: m.start()]) and (
                        _GOAL_LEVEL.match(rest)
                    ):
                        pass  # "…发展目标,即2025年数字经济核心产业增加值…达到13.5%左右"

                    elif not re.match(
                        r"\s*(?:全年)?(?:创成|创建|建成|完成|实现|达到|突破|基本|全面|将|將|计划|計劃|力争|力爭"
                        r"|要(?!求))",  # ("2020年要实现新开工80个小区以上")
                        rest,
                    ):
                        continue
                year = int(m.group("year"))
                if not 1900 <= year <= 2100:
                    continue
                month = int(m.group("month")) if m.group("month") else 12
                if not 1 <= month <= 12:
                    continue
                day = month_end(year, month)
            if not any(f[0] == m.start() for f in found):
                found.append((m.start(), day, m.group(0).strip()))
    return sorted(found)


def _deadline_for(deadlines, position: int) -> tuple[dt.date | None, str]:
    before = [d for d in deadlines if d[0] <= position]
    if before:
        return before[-1][1], before[-1][2]
    if deadlines:
        return deadlines[0][1], deadlines[0][2]
    return None, ""


def _number(text: str) -> Decimal | None:
    text = re.sub(r"[,\s]", "", text)
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)([万亿萬億千])", text):
        scale = {"万": 10_000, "萬": 10_000, "千": 1000}.get(m.group(2), 100_000_000)
        return Decimal(m.group(1)) * scale
    try:
        if re.fullmatch(_ARABIC.replace(",", ""), text) or re.fullmatch(r"\d+(?:\.\d+)?", text):
            return Decimal(text)
        return Decimal(chinese_number(text))
    except (ValueError, InvalidOperation):
        return None


_YEAR_WILL = re.compile(
    r"(?:19|20)\d{2}\s*年\s*(?:将|將|计划|計劃|力争|力爭|要(?!求))"
    # "要求2017年城镇新增就业1.35万人": the year asked for, before what is counted
    r"|(?<=要求|确保|確保)\s*(?:19|20)\d{2}\s*年(?![底末内內前以])"
)


def _indicator(sentence: str, stop: int) -> tuple[str, int]:
    """The indicator named before position ``stop``: the clause back to the last comma,
    without the commitment and deadline words around it. Returns (name, start)."""
    start = max(sentence.rfind(c, 0, stop) for c in "，,；;：:。、") + 1
    at = max(sentence.rfind("（", start, stop), sentence.rfind("(", start, stop))
    if at >= 0 and sentence.find("）", at, stop) < 0 and sentence.find(")", at, stop) < 0:
        start = at + 1  # inside an open bracket; one closed before ("新增(优化)线路") stays
    at = sentence.rfind("《", start, stop)
    if at >= 0 and sentence.find("》", at, stop) < 0:
        start = at + 1  # inside a title ("…主要包括《新增城区停车位1000个》")
    if (
        ("和" in (span := sentence[start:stop]) or "及" in span or "与" in span or "與" in span)
        and (joined := list(_FIGURE_AND.finditer(sentence, start, stop)))
        and joined[-1].end() < stop
    ):
        start = joined[-1].end()  # "实施安全生命防护工程5万公里和危桥改造5000座": after 和
    clause = sentence[start:stop]
    if "条" in clause and (article := list(_ARTICLE_MARK.finditer(clause))):
        # "…发展战略第 15 条 市域总人口规划…总人口2010年控制在…": a plan's articles run
        # together, the name is the article's.
        start += article[-1].end()
        clause = sentence[start:stop]
    lead = _LEADING_NOISE.match(clause)
    cut = lead.end() if lead else 0
    if "年" in clause and (will := _YEAR_WILL.search(clause, cut)):
        cut = will.end()  # "报告确定了2031年将筹措资金…": what follows the year's will
        lead = _LEADING_NOISE.match(clause, cut)
        cut = lead.end() if lead else cut
    name = _TRAILING_NOISE.sub("", _EXPLAINING_ASIDE.sub("", clause[cut:])).strip()
    if len(name) > 30 and "的" in name and len(name) - name.rfind("的") > 3:
        # "城市环境空气质量达到《环境空气质量标准》(GB3095—2012)的优良天数": a name too long
        # to be one, what 的 describes is named.
        at = clause.rfind("的")
        name, cut = clause[at + 1 :].strip(), at + 1
        name = _TRAILING_NOISE.sub("", name).strip()
    if (
        not name
        and start >= 2
        and sentence[start - 1] in "、，,"
        and (
            _LEVEL_ONLY.fullmatch(clause)
            or (not clause.strip() and _LEVEL_ONLY.match(sentence, stop))
        )
        and (grew := _GREW_BEFORE.search(sentence, 0, start - 1))
    ):
        # "数字经济增加值增长55%以上、达到5.5万亿元": the level the figure whose change the
        # clause before gives reaches.
        return _indicator(sentence, grew.start("verb"))
    return name, start + cut


# A figure and its measure, then 和 (or 及) before the next work ("…工程5万公里和危桥改造5000座").
_FIGURE_AND = re.compile(
    rf"\d+(?:\.\d+)?\s*(?:{_UNIT})(?:以上|左右)?(?:和|及|与|與)(?=[\u4e00-\u9fff])"
)
# A clause that is only the verb of a level ("、达到5.5万亿元"), and the change of a figure
# ending the clause before it ("…增加值增长55%以上").
_LEVEL_ONLY = re.compile(r"\s*(?:达到|達到|突破|超过|超過)(?!\s*[%％])\s*")
_GREW_BEFORE = re.compile(
    r"(?P<verb>增长|增長|增速|提高|提升)\s*\d+(?:\.\d+)?\s*[%％](?:以上|左右)?\s*$"
)


def _comparator(pre: str | None, suf: str | None) -> tuple[str | None, str]:
    pre, suf = (pre or "").translate(_T2S), (suf or "").translate(_T2S)
    words = f"{pre}…{suf}" if pre and suf else pre or suf
    if suf == "以上" and pre not in GREATER:
        return ">=", words  # "稳定在30%以上"
    if pre in GREATER:
        return ">", words
    if pre in BELOW or suf == "以下":
        return "<", words
    if suf == "左右" and pre in AT_MOST and pre not in ("不超过", "不高于"):
        # "城镇调查失业率控制在5.5%左右", "下降到3%左右": the level held to or reached is
        # about the figure, as 左右 says; only 不超过/不高于 keep their bound.
        return "=", words
    if pre in AT_MOST or suf in ("以内", "之内", "内"):
        return "<=", words
    if suf == "左右" or pre in EQUAL:
        return "=", words
    if pre in AT_LEAST or suf == "以上":
        return ">=", words
    return None, words


def _unit(unit: str) -> str:
    if unit and unit[0] in ":：∶":
        return ":" + unit[1:].strip()  # a ratio's second term
    return "%" if unit == "％" else unit


# A row's name closed by a count of what the work covers in brackets ("…攻坚专项行动(6条路)",
# "…改造工程（12个小区）"), the name ending the row.
_COUNT_CLOSING_NAME = re.compile(
    r"^\s*(?:\d{1,3}[.．、]\s*)?(?P<obj>[^（()）。；;，,\d]{4,40}?)\s*[（(]\s*(?P<num>\d{1,4})\s*"
    rf"(?P<unit>{_tw('个|条|所|座|处|家|栋|幢|户|村')})[\u4e00-\u9fff]{{1,4}}[）)]\s*。?$"
)


# A verb of dealing with things, the share of them, then the things ("消化60%超职数干部",
# "化解80%存量债务"): the share dealt with, a floor.
_SHARE_OF_OBJECT = re.compile(
    r"(?P<verb>消化|化解|清理|处置|處置|盘活|盤活|消除|清零|整改|办结|辦結)\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[%％])\s*(?:以上)?(?:的)?"
    r"(?P<obj>[\u4e00-\u9fff]{2,12}?)(?=[，,。；;、]|$)"
)


def targets_in(
    sentence: str, offset: int = 0, *, committed: bool = False, goals: bool = False
) -> list[Target]:
    """The commitments of one sentence (``offset``: where it starts in the text).
    ``committed``: the sentence is a task row of a document that assigns work (it names
    its units), so it commits without 力争/确保/目标 in it. ``goals``: it stands under a
    heading of goals ("二、经济社会发展预期目标"), where 同比 compares the year planned with
    the last."""
    text = sentence.strip()
    if not text or not (committed or COMMITMENT.search(_SHARE_OF_AIM.sub("", text))):
        return []
    if (
        not committed
        and (done := _OVERDONE.search(text))
        and not COMMITMENT.search(text[: done.start()])
    ):
        return []  # "新开工693部,完工555部,超额完成任务目标": a report, its 目标 met
    lead = len(sentence) - len(sentence.lstrip())
    base = offset + lead
    deadlines = deadlines_in(text)
    results: list[Target] = []
    taken: list[tuple[int, int]] = []
    # A sentence stating the expected targets ("主要预期目标是：预计地区生产总值同比增长
    # 5.5%左右，…"): its 同比 compares the year planned with the last, no report.
    looks_back = (
        NOT_YET_DONE
        if goals or _STATES_GOALS.search(text) or _COMMITTED_CHANGE.search(text)
        else NOT_A_COMMITMENT
    )

    def clear(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def found(m, start: int, indicator: str, comparator, value, rule: str, **extra) -> Target:
        """The target a match of a quantity makes, dated by the sentence's deadline."""
        deadline, words = _deadline_for(deadlines, m.start())
        if indicator.startswith("的") and len(indicator) > 2:
            indicator = indicator[1:]  # "新建1500平方米的公共租赁住房": what is built
        return Target(
            indicator=indicator,
            comparator=comparator,
            value=value,
            unit=_unit(m.group("unit")),
            deadline=deadline,
            text=text,
            start=base + start,
            end=base + m.end(),
            rule=rule,
            deadline_rule=words,
            **extra,
        )

    def take_sum(m, name: str) -> None:
        """A sum put in (…万元, …以上) named ``name``: the target ends at the sum, not at
        the work named after it; ``=`` unless a word after it makes it a floor."""
        sum_end = m.end("suf") if m.group("suf") else m.end("unit")
        if not clear(m.start(), sum_end) or looks_back.search(text[: m.start()]):
            return
        value = _number(m.group("num"))
        if value is None:
            return
        comparator = ">=" if m.group("suf") else "="
        target = found(m, m.start(), name, comparator, value, m.group("verb"))
        target.end = base + sum_end
        results.append(target)
        taken.append((m.start(), sum_end))

    for m in _SHARE_OF_WHOLE.finditer(text) if "总" in text or "總" in text else ():
        # "…无违建街(镇)达到全市街(镇)总数的80%": the share the named ones reach.
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        comparator, words = _comparator(None, m.group("suf"))
        name = re.sub(r"^[^，,。；;]{0,6}?(?:月底|月末|年底|年末|月)前", "", m.group("what"))
        name = re.sub(r"^(?:全市|全县|全区|全省|全镇|全縣|全區)", "", name)
        results.append(found(m, m.start("num"), name, comparator or ">=", value, "达到"))
        taken.append((m.start("what"), m.end()))
    for m in _COUNT_CLOSING_NAME.finditer(text) if committed and text[-1:] in "。）)" else ():
        # "“打通断头路 畅通微循环”攻坚专项行动(6条路)": what the work covers, counted.
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        results.append(found(m, m.start(), m.group("obj").strip(), ">=", value, "（）"))
        taken.append((m.start("num"), m.end()))
    for m in _IN_PLACES.finditer(text) if "在" in text and _IN_PLACES_QUICK.search(text) else ():
        # "在6个主产乡镇新建农残快检室": the places a work is done in, counted.
        value = _number(m.group("num"))
        if value is None or not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        name = f"{m.group('place')}{m.group('verb')}{m.group('obj')}"
        results.append(found(m, m.start(), name, ">=", value, m.group("verb")))
        taken.append((m.start(), m.end()))
    for m in _SHARE_OF_OBJECT.finditer(text) if "%" in text or "％" in text else ():
        # "力争到2025年底消化60%超职数干部": the share of what the work deals with.
        value = _number(m.group("num"))
        if value is None or not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        results.append(found(m, m.start(), f"{m.group('verb')}{m.group('obj')}", ">=", value, "%…"))
        taken.append((m.start(), m.end()))
    for m in _REACHING_COUNT.finditer(text) if _REACHING_QUICK.search(text) else ():
        # "新增3个村集体收入超过10万元": the count of places that reach the threshold.
        value = _number(m.group("num"))
        if value is None or not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        name = f"{m.group('what')}{m.group('level')}的{m.group('place')}"
        results.append(found(m, m.start(), name, ">=", value, m.group("verb")))
        results[-1].unit = m.group("unit")
        taken.append((m.start(), m.end()))
    for m in _SUM_THEN_WORK.finditer(text) if "," in text or "，" in text else ():
        named, _at = _indicator(text, m.start())
        if len(_PLAN_WORDS.sub("", named)) >= 2:
            continue  # "完成农村公路固定资产投资2800亿元,新建…": the sum is named before it
        obj = m.group("obj")
        cut = max((c.end() for c in _COUNTED_PART.finditer(obj)), default=0)
        work = obj[cut:].strip('“”"') if len(obj) - cut >= 2 else obj
        take_sum(m, work + m.group("verb"))
    for m in _EACH.finditer(text) if _EACH_FIGURE.search(text) else ():
        value = _number(m.group("num"))
        if value is None or looks_back.search(text[: m.start()]):
            continue
        verbs = m.group("verbs")
        works = ["开工", "竣工"] if verbs == "开竣工" else _EACH_SPLIT.findall(verbs)
        obj = m.group("obj")
        for work in dict.fromkeys(works):
            each = found(m, m.start(), f"{obj}{work}", ">=", value, f"{work}…各")
            results.append(each)
        taken.append((m.start(), m.end()))
    for m in _CHANGE.finditer(text):
        name, start = _indicator(text, m.start())
        before = _FIGURE_BEFORE.search(text[: m.start()])
        if not name and before:
            if re.search(r"[比较]上年", text[start : m.start()]):
                continue  # "实现…585.99亿元，比上年增长3.2%": how a figure grew, a fact
            # "完成规模以上工业总产值308亿元，增长15%": the change of the figure before.
            name, _start = _indicator(text, before.start())
            if _GREW_BY.fullmatch(name) and (level := _FIGURE_BEFORE.search(text[:_start])):
                # "达2.92亿元，比上年增加0.26亿元，增长10%": the growth of the level before.
                name, _start = _indicator(text, level.start())
                name = _LEVEL_VERB.sub("", name)
        elif (
            not name
            and start > 0
            and text[start - 1] in "：:"
            and (label := re.search(r"[^，,。；;：:、]{2,24}$", text[: start - 1]))
        ):
            # "规模以上工业增加值：增长8%": the label names the figure that follows it.
            name = label.group(0).strip()
        if not _plausible(name) or looks_back.search(text[start : m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        suf = m.group("suf") or ""
        comparator = {"以内": "<=", "之内": "<=", "左右": "=", "以下": "<"}.get(suf, ">=")
        decrease = m.group("verb").translate(_T2S) in ("下降", "降低", "减少", "削减")
        results.append(
            found(
                m,
                start,
                f"{name}{'降幅' if decrease else '增幅'}",
                comparator,
                value,
                m.group("verb") + (f"…{suf}" if suf else ""),
                change="decrease" if decrease else "increase",
            )
        )
        taken.append((m.start(), m.end()))
        more = _more_values(results[-1], text, m.end(), base)
        if stretch := _STRETCH.match(text, m.end()):
            # "增长8%、力争9%": the figure and the one the office strives for.
            first = results[-1]
            value = _number(stretch.group("num"))
            if value is not None:
                more = [
                    Target(
                        indicator=f"{first.indicator}（{stretch.group('word')}）",
                        comparator=first.comparator,
                        value=value,
                        unit=_unit(stretch.group("unit") or first.unit),
                        deadline=first.deadline,
                        text=first.text,
                        start=base + stretch.start("num"),
                        end=base + stretch.end(),
                        rule=stretch.group("word"),
                        deadline_rule=first.deadline_rule,
                        change=first.change,
                    )
                ]
        results += more
        taken += [(t.start - base, t.end - base) for t in more]
    for m in _TWO_MEASURES.finditer(text) if committed else ():
        # "新开工老旧小区改造221个3万户": one work counted in two measures, both its.
        name, start = _indicator(text, m.start())
        if not _plausible(name) or looks_back.search(text[start : m.start()]):
            continue
        for num, unit in (("num", "unit"), ("num2", "unit2")):
            value = _number(m.group(num))
            if value is not None:
                target = found(m, start, name, ">=", value, "…个…户")
                target.unit = _unit(m.group(unit))
                results.append(target)
        taken.append((m.start(), m.end()))
    for m in _LEVEL.finditer(text):
        if not clear(m.start(), m.end()):
            continue
        after = _ASIDE.sub("", text[m.end() :].lstrip())
        suffix = m.group("suf")
        if suffix is None and (late := re.match(r"以上|左右|以内", after)):
            suffix, after = late.group(0), after[late.end() :]  # "2.5万场(次)以上"
        if closing := _CLOSING_VERB.match(after):
            after = after[closing.end() :]
        if joined := _AND_THEN.match(after):
            after = "，" + after[joined.end() :]  # "硬化道路10万平方米并安装…", "…及其他附属设施"
        within = suffix in ("内", "以内", "之内", "以內", "之內")  # "5个工作日内完成审批": a limit
        listed = after[:1] in ("和", "及", "与") and (
            _severally(text[: m.start()])  # "40家和300家"
            # "实施安全生命防护工程5万公里和危桥改造5000座": another work and its count
            or bool(re.match(r"[和及与][\u4e00-\u9fff]{2,16}?\d", after))
        )
        # "满意率达到100%的办理工作目标": the level a rate reaches, which the goal names.
        aim = (
            after[:1] == "的"
            and _AIM_AFTER.match(after)
            and _RATE_REACHES.search(text, 0, m.start("num"))
        )
        # "赤字率拟按4%左右安排": the level a budget arranges a rate at.
        arranged = bool(
            re.match(r"安排|执行|執行", after) and re.search(r"按\s*$", text[: m.start("num")])
        )
        if (
            not within and not listed and after[:1] not in _AFTER_OK and not aim and not arranged
        ) or (after[:1] == "的" and not aim):
            continue  # "20 亿元以上产业项目", "8亩以下（不含8亩）的项目用地": a size, not a target
        if _some(m) or _in_aside(text, m.start("num")):
            continue
        if _CEILING.search(text, 0, m.start()):
            continue  # "最高不超过2000万元": the most a measure pays, not a target
        if (dim := _DIMENSION.search(text, 0, m.start())) and not _worked_area(text, dim):
            continue  # "建设1条总长度约25公里的管道": the size of what is built
        comparator, words = _comparator(m.group("pre"), suffix)
        if m.group("upto") and comparator is None:
            comparator, words = ">=", m.group("num") + m.group("upto")
        if m.group("over") and comparator is None:
            comparator, words = ">=", m.group("over")  # "占地500余亩": more than 500
        name, start = _indicator(text, m.start())
        if (
            results
            and (pair := _SECOND_MEASURE.search(text, 0, m.start()))
            and results[-1].end - base == pair.start() + len(pair.group(0).rstrip("、 \t"))
            and results[-1].unit != _unit(m.group("unit"))
        ):
            # "整治河道及沟渠142条、228.2公里": the same works measured again, in another unit.
            name, start = results[-1].indicator, pair.start()
        verb = _ADDING.search(text[start : m.start()])
        if arranged:
            name = re.sub(r"(?:拟|擬)?按$", "", name)
            comparator, words = comparator or "=", words or "按…安排"
        if comparator is None and (raised := _RAISED_TO.fullmatch(name)):
            # "提高行政村卫生室运行经费补助至6000元": the level a standard is set at.
            name, comparator, words = raised.group("what"), "=", f"{raised.group(1)}…至"
        if (
            m.group("unit") in _MONEY
            and re.fullmatch(r"(?:项目)?(?:总投资|總投資)[额額]?(?:大约|大約|约|約)?", name)
            and re.search(r"[\u4e00-\u9fff\d][，,]\s*$", text[:start])
            and re.search(
                rf"(?:{_COUNTING_VERBS})[^，,。；;\d]{{0,16}}{_ARABIC}\s*(?:{_WORK_UNIT})",
                text[:start],
            )
        ):
            # "完成12个供水站改造…，总投资额约470万元，计划于8月完工": the budget of the
            # work counted before it, no commitment of its own (a project described by
            # its sum alone, "该项目位于东岭村，总投资260万元", keeps it).
            continue
        if comparator is None and (about := _ABOUT.search(name)):
            comparator, words = "=", about.group(0)  # "增设汽车充电桩约50个": as 左右 says
        if comparator is None:
            # "新增智能车间 20 个": the verb opens the clause; "合同引资额680亿元", "“两品一标”
            # 企业5户": a figure of a committing sentence, the clause naming what it counts.
            if verb is None and (
                text[start - 1 : start] in ("（", "(") or not m.group("num")[:1].isdigit()
            ):
                continue  # "（不含100万元）": an aside; "暖企新十条": a name
            if _CHANGE_WORD.fullmatch(name) or _GREW_BY.fullmatch(name):
                # "增长15%" is the change of the figure before it; "…达2.92亿元，比上年增加
                # 0.26亿元": by how much that figure is to grow.
                if (
                    not results
                    or m.group("unit") in ("%", "％")
                    or not _FIGURE_BEFORE.search(text[:start])
                    or results[-1].end - base > start
                ):
                    continue
                name = results[-1].indicator + name[-2:]
            comparator, words = ">=", verb.group(0) if verb is not None else ""
            if (
                (
                    m.group("unit") in ("万亿元", "萬億元")
                    and _SPENDING.match(name)  # "拟安排地方政府专项债券4.4万亿元"
                )
                or m.group("unit") in _MONEY
                and (
                    _SPENDING.match(name)
                    or _TREASURY_SPENDS.match(name)  # "县财政安排县卫计局…经费50万元"
                    or name.endswith(("总投资", "總投資", "预算", "預算", "投资计划", "投資計劃"))
                    or re.search(r"投[资資](?:完成)?$", name)  # "全年完成工业投资1200亿元"
                )
            ):
                comparator, words = "=", name[:2]  # "投入资金6000万元": a sum, as 投资…建设 is
        if _ONLY_A_VERB.fullmatch(name):
            # "加快推进薄弱学校改造工程，年度实施10所以上": what the clause before names.
            clause = max(text.rfind(c, 0, start) for c in "，,；;：:。") + 1
            before = text[: max(clause - 1, 0)]  # "计划竣工3个": before the clause, not 计
            cut = max(before.rfind(c) for c in "，,；;：:。") + 1
            named = re.sub(
                r"^(?:[一二三四五六七八九十]+是|加快|推进|实施|推动|开展|继续|持续)+",
                "",
                before[cut:],
            )
            counted = re.sub(rf"\d+(?:\.\d+)?\s*(?:{_WORK_UNIT})(?:以上)?$", "", named)
            if counted != named and _plausible(counted):
                name = f"{counted}{name}"  # "建设项目12个，计划竣工3个": 建设项目竣工
            elif _plausible(named):
                name = named
        elif verb is not None and _OBJECT_VERBS.search(verb.group(0)):
            # "我们将建成农贸市场3个": the object names the indicator, not the words before.
            obj = _TRAILING_NOISE.sub("", text[start + verb.end() : m.start()]).strip()
            if len(obj) >= 2:
                name = obj
        name = _ABOUT.sub("", name)  # (约 is no part of what is counted)
        clause_at = max(text.rfind(c, 0, m.start()) for c in "，,；;：:。、") + 1
        if (
            results
            and (strive := _STRIVEN.fullmatch(text, clause_at, m.start()))
            and results[-1].unit == _unit(m.group("unit"))
            and results[-1].end - base <= clause_at
        ):
            # "…保持在30微克/立方米以下，力争保持在25微克/立方米以下": the figure the office
            # strives for, of the one before.
            word = strive.group("word").translate(_T2S)
            name = f"{results[-1].indicator.split('（')[0]}（{word}）"
        if (rank := _RANK.fullmatch(name)) and m.group("unit") in ("位", "名"):
            # "科技进步综合评价位次实现“进等升位”，跃居全省前40位": a rank, at most that place,
            # named by the ranking the sentence speaks of.
            ranked = _RANKED.findall(text, 0, start)
            subject = rank.group("subject")
            if subject:
                name = subject if _RANKED.fullmatch(subject) else f"{subject}排名"
            else:
                name = ranked[-1] if ranked else f"{rank.group('scope') or ''}排名"
            comparator, words = "<=", "前"
        if name.endswith("以上") and comparator == ">=" and len(name) > 4:
            name = name[:-2]  # "新开工80个小区以上": the floor said after what is counted
        name = name.lstrip(_CIRCLED)  # "①合同资金1400万元": the row's mark, no part of it
        if not _plausible(name) or looks_back.search(text[start : m.start()]):
            continue
        if (
            verb is None
            and not m.group("pre")
            and m.group("unit") in ("个", "個")
            and _UNITS_OF_A_CLASS.search(name)
        ):
            continue  # "一类部门31个,当年开工项目31项": how many units a class holds
        if _LOOKS_BACK.search(text, 0, m.start()):
            continue  # "过去一年，…金融业增加值超千亿元": what was done
        value = _number(m.group("num"))
        if value is None:
            continue
        results.append(found(m, start, name, comparator, value, words))
        taken.append((m.start(), m.end()))
        more = _more_values(results[-1], text, m.end(), base)
        results += more
        taken += [(t.start - base, t.end - base) for t in more]
    # "城乡居民收入比控制在1.9∶1以内": a ratio, its first term the value, ":1" the unit.
    for m in _RATIO.finditer(text) if ":" in text or "：" in text or "∶" in text else ():
        if not clear(m.start(), m.end()):
            continue
        comparator, words = _comparator(m.group("pre"), m.group("suf"))
        name, start = _indicator(text, m.start())
        if not (comparator or "比" in name) or not _plausible(name):
            continue
        results.append(
            found(m, start, name, comparator or "=", _number(m.group("num")), words or "比")
        )
        taken.append((m.start(), m.end()))
    # The rarer forms are tried only on sentences holding their words.
    for m in _SIZED_COUNTS.finditer(text) if "亿" in text or "万元" in text else ():
        if not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        for one in _ONE_SIZED.finditer(text, m.start("list"), m.end("list")):
            value = _number(one.group("num"))
            if value is None:
                continue
            name = one.group("size") + m.group("noun")
            results.append(found(one, one.start(), name, ">=", value, "…个…"))
        taken.append((m.start(), m.end()))
    for m in _INVESTING_COUNT.finditer(text) if "总投资" in text else ():
        count, total = _number(m.group("num")), _number(m.group("sum"))
        if count is None or total is None or not clear(m.start(), m.end()):
            continue
        if looks_back.search(text[: m.start()]):
            continue
        obj = m.group("obj")
        results.append(found(m, m.start("num"), obj, ">=", count, "总投资…的…个"))
        sum_target = found(
            m, m.start(), f"{obj}总投资", ">=" if m.group("suf") else "=", total, "总投资"
        )
        sum_target.unit = m.group("money")
        results.append(sum_target)
        taken.append((m.start(), m.end()))
    treats = ("对" in text or "對" in text) and _TREATING.search(text)
    for m in _TREATED.finditer(text) if treats else ():
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()) or _some(m):
            continue
        if looks_back.search(text[: m.start()]):
            continue
        act = m.group("act") or m.group("verb_act")
        name = m.group("obj") + act
        results.append(found(m, m.start(), name, ">=", value, "对…进行"))
        if m.group("num2") and (second := _number(m.group("num2"))) is not None:
            inner = dataclasses.replace(
                results[-1],
                indicator=m.group("obj2") + act,
                value=second,
                unit=_unit(m.group("unit2")),
                start=base + m.start("num2"),
            )
            results.append(inner)
        taken.append((m.start("num"), m.end()))
    for m in _COUNTED.finditer(text):
        # (What was done in a clause before, "…已占一半以上；此外…试验建设200公顷…", "完成
        # 已征用地块整体规划，加快推进7公顷…", is another clause's.)
        clause = text[max(text.rfind(c, 0, m.start()) for c in "；;，,") + 1 :]
        if not clear(m.start("num"), m.end()) or looks_back.search(
            clause[: m.start() - (len(text) - len(clause))]
        ):
            continue
        if _in_aside(text, m.start()):
            continue
        if _a_size(m.group("unit"), m.group("obj")) or _some(m):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        # "完成解放巷等8条背街小巷整治": the examples before 等 are no part of the name.
        # ("提供不少于2300场文化活动": the bound before the figure is no part of it either.)
        gap = re.sub(rf"^(?:{_PREFIX}|至少)", "", m.group("gap").rpartition("等")[2])
        gap = re.sub(r"^(?:今年|全年|當年|当年)的?|^剩余", "", gap)  # no part of the name
        gap = re.sub(r"^[“\"]?十[四五六]五[”\"]?期[间間]", "", gap)
        gap = re.sub(r"^(?:19|20)\d{2}\s*年", "", gap)  # ("完工2024年9个…": no part of the name)
        gap = gap.rpartition("的")[2]  # ("完成市下达我县的11个村…": who set it, no name)
        # "完成约9000户农户生活污水治理": a count about so much is that much.
        about = _ABOUT.search(gap)
        name = f"{_ABOUT.sub('', _ASIDE.sub('', gap))}{m.group('obj')}"
        results.append(
            found(m, m.start("verb"), name, "=" if about else ">=", value, m.group("verb"))
        )
        chain = [results[-1]]
        results += _area_of(results[-1], m)
        taken.append((m.start("num"), m.end()))
        position = m.end()
        while True:
            more = _COUNTED_MORE.match(text, position)
            verb = m.group("verb")
            if more is None and (more := _COUNTED_OTHER_VERB.match(text, position)):
                verb = more.group("verb")  # "、扩容5个充电站点": a verb of its own
            if more is None or not clear(more.start(), more.end()) or _some(more):
                break
            value = _number(more.group("num"))
            if value is None:
                break
            name = more.group("obj")
            if "verb" in more.groupdict() and not _OBJECT_VERBS.search(verb):
                name = f"{verb}{name}"
            results.append(found(more, more.start("num"), name, ">=", value, verb))
            if span_end := more.groupdict().get("span_end"):
                # "和2023—2025年27个中型灌区…": the span's last year is its time
                results[-1].deadline = dt.date(int(span_end), 12, 31)
                results[-1].deadline_rule = more.group("span").strip()
            chain.append(results[-1])
            results += _area_of(results[-1], more)
            taken.append((more.start("num"), more.end()))
            position = more.end()
        amount = _BARE_AMOUNT.match(text, position)
        value = _number(amount.group("num")) if amount else None
        if amount and value is not None and clear(amount.start("num"), amount.end()):
            # "完成清淤13条河道，15万立方米，…": how much of the same work, a measure alone.
            results.append(
                found(amount, amount.start("num"), chain[-1].indicator, ">=", value, verb)
            )
            taken.append((amount.start("num"), amount.end()))
        work = chain[-1].indicator.rpartition("的")[2]
        if (
            len(chain) >= 2
            and work != chain[-1].indicator
            and _plausible(work)
            and all(len(t.indicator) <= 2 for t in chain[:-1])
        ):
            # "完成22栋楼、778户居民的老旧小区改造": the measures of one work, 栋 and 户.
            for t in chain:
                t.indicator = work
    for m in _FIGURE_FIRST.finditer(text):
        at = m.start("num")
        if not clear(at, m.end()) or looks_back.search(text[: m.start()]):
            continue
        obj = m.group("obj")
        value = _number(m.group("num"))
        if value is None or _some(m) or _in_aside(text, at) or not _plausible(obj):
            continue
        if re.match(r"[的地得]|(?:左右|以内|以下)", obj) or _a_size(m.group("unit"), obj):
            continue
        comparator, words = _comparator(m.group("pre"), m.group("suf"))
        results.append(found(m, at, obj, comparator or ">=", value, words or "…个…"))
        taken.append((at, m.end()))
    # (a figure in 万 or 亿 with no unit after it)
    bare_scale = ("万" in text or "亿" in text or "萬" in text or "億" in text) and bool(
        _BARE_SCALE.search(text)
    )
    for m in _COUNT_IN_SCALE.finditer(text) if bare_scale else ():
        # "服务人次达200万以上": the measure named by what is counted, the figure in 万.
        value = _number(m.group("num") + m.group("scale"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        comparator, words = _comparator(m.group("pre"), m.group("suf"))
        unit = {
            "人口": "人",
            "人数": "人",
            "人數": "人",
            "户数": "户",
            "戶數": "户",
            "次数": "次",
            "次數": "次",
        }.get(m.group("unit"), m.group("unit"))
        name, start = _indicator(text, m.end("what"))
        results.append(
            dataclasses.replace(
                found(m, start, name, comparator or ">=", value, words or "达…万"),
                unit=unit,
            )
        )
        taken.append((m.start("num"), m.end()))
    for m in _SHARE_FIRST.finditer(text) if "%" in text or "％" in text else ():
        at = m.start("num")
        if not clear(at, m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        name = _LEADING_NOISE.sub("", m.group("who").rpartition("的")[2]) + m.group("what")
        comparator = "=" if value == 100 else ">="
        results.append(found(m, m.start(), name, comparator, value, m.group("what")[:2]))
        taken.append((at, m.end()))
    for m in _PEOPLE.finditer(text):
        at = m.start("num")
        if not clear(at, m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None or _in_aside(text, at):
            continue
        who, rest = m.group("who"), m.group("rest") or ""
        name = f"{m.group('verb')}{who}" if who in ("就业", "创业", "务工") else who + rest
        comparator, words = _comparator(None, m.group("suf"))
        results.append(found(m, m.start(), name, comparator or ">=", value, m.group("verb")))
        taken.append((at, m.end()))
    for m in _POPULATION.finditer(text) if "人口" in text else ():
        at = m.start("num")
        if not clear(at, m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(re.sub(r"[ \t]", "", m.group("num")))
        if value is None or _in_aside(text, at):
            continue
        comparator, words = _comparator(None, m.group("suf"))
        name = _LEADING_NOISE.sub("", m.group("who"))
        target = found(m, m.start(), name, comparator or ">=", value, m.group("verb"))
        results.append(dataclasses.replace(target, unit="人"))
        taken.append((at, m.end()))
    for m in _SERVED_MYRIAD.finditer(text) if "万" in text or "萬" in text else ():
        if not clear(m.start("num"), m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        name = m.group("who") + m.group("what")
        target = found(m, m.start(), name, ">=", value * 10_000, "为…万…提供")
        results.append(dataclasses.replace(target, unit="人"))
        taken.append((m.start("num"), m.end()))
    for m in _SERVED.finditer(text):
        if not clear(m.start("num"), m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        comparator, words = _comparator(m.group("pre"), None)
        name = m.group("who") + m.group("what")
        results.append(found(m, m.start(), name, comparator or ">=", value, words or "提供"))
        taken.append((m.start("num"), m.end()))
    for m in _SHARE_DONE.finditer(text) if "%" in text or "％" in text else ():
        # "2015年完成75%以上的确权登记": the share of the work done.
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        comparator, words = _comparator(None, m.group("suf"))
        what = m.group("what")
        if _AIM_WORD.search(what) and not m.group("verb_done"):
            # "满意率达到100%的办理工作目标": the level the goal names, no share of a work;
            # the figure is the level of what stands before 达到.
            continue
        if not m.group("suf") and text[m.end("unit") : m.start("what")].strip() == "":
            # "完成70%重点流域整治任务": the work the clause ends on, not its 任务
            what = re.sub(r"(?<=[\u4e00-\u9fff“”]{2})(?:工作|任务|任務)$", "", what)
        results.append(found(m, m.start("num"), what, comparator or ">=", value, "完成"))
        taken.append((m.start("num"), m.end()))
    for m in _MONEY_IN_SCALE.finditer(text) if bare_scale else ():
        # "安排资金2.93亿": a sum in 亿 or 万 without its 元.
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        comparator, words = _comparator(None, m.group("suf"))
        name, start = _indicator(text, m.end("what"))
        unit = _unit(m.group("scale").translate(str.maketrans("億萬", "亿万")) + "元")
        results.append(
            dataclasses.replace(
                found(m, start, name, comparator or "=", value, "…亿"),
                unit=unit,
            )
        )
        taken.append((m.start("num"), m.end()))
    for m in _PLAIN_IN_SCALE.finditer(text) if bare_scale else ():
        value = _number(m.group("num") + m.group("scale"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        if looks_back.search(text[: m.start()]) or _in_aside(text, m.start("num")):
            continue
        name, start = _indicator(text, m.start("pre"))
        comparator, words = _comparator(m.group("pre"), m.group("suf"))
        if not comparator or not _plausible(name):
            continue
        results.append(found(m, start, name, comparator, value, words))
        taken.append((m.start("num"), m.end()))
    spent = "把" in text or "将" in text or "將" in text
    for m in _SHARE_SPENT.finditer(text) if spent and ("%" in text or "％" in text) else ():
        # "把88%以上的财力投向民生领域": the share of the means spent so.
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        comparator, words = _comparator(None, m.group("suf"))
        name = m.group("what") + m.group("verb") + m.group("to")
        results.append(found(m, m.start("num"), name, comparator or "=", value, words or "把"))
        taken.append((m.start("num"), m.end()))
    checks = "查" in text or "检" in text or "檢" in text or "体检" in text or "體檢" in text
    for m in _SCREENED.finditer(text) if checks else ():
        if not clear(m.start("num"), m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        name = m.group("who") + m.group("what")
        results.append(found(m, m.start(), name, ">=", value, m.group("verb")))
        taken.append((m.start("num"), m.end()))
    if "解" in text or "改善" in text:
        for m in _SOLVED.finditer(text):
            if not clear(m.start("num"), m.end()) or looks_back.search(text[: m.start()]):
                continue
            value = _number(m.group("num"))
            if value is None:
                continue
            results.append(found(m, m.start(), m.group("what"), ">=", value, "解决"))
            taken.append((m.start("num"), m.end()))
    for m in _SERVED_BY_WORK.finditer(text) if "人的" in text else ():
        if not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        deadline, words = _deadline_for(deadlines, m.start())
        for group, unit in (("h", m.group("hu")), ("p", "人")):
            value = _number(m.group(group))
            if value is None:
                continue
            results.append(
                Target(
                    indicator=m.group("what"),
                    comparator=">=",
                    value=value,
                    unit=unit,
                    deadline=deadline,
                    text=text,
                    start=base + m.start(group),
                    end=base + m.end(group),
                    rule="人的",
                    deadline_rule=words,
                )
            )
        taken.append((m.start(), m.end()))
    listed = _LISTED.finditer(text)
    if "、" in text:
        listed = itertools.chain(listed, _LISTED_APPOSED.finditer(text))
    for m in listed:
        at = m.start("num")
        if not clear(at, m.end()) or looks_back.search(text[:at]) or _in_aside(text, at):
            continue
        if _a_size(m.group("unit"), m.group("obj")) or _BROKEN_DOWN.search(text, 0, at):
            continue  # ("将28项核心任务分解为127个子项": the parts a list is cut into)
        clause = text[max(text.rfind(c, 0, at) for c in "。；;") + 1 : at]
        verb = _ADDING.search(clause)
        value = _number(m.group("num"))
        if verb is None or value is None:
            continue
        results.append(found(m, at, m.group("obj"), ">=", value, verb.group(0)))
        taken.append((at, m.end()))
    for m in _IN_LISTED.finditer(text) if "在" in text and "、" in text else ():
        at = m.start("num")
        if not clear(at, m.end()) or looks_back.search(text[:at]) or _in_aside(text, at):
            continue
        clause = text[max(text.rfind(c, 0, at) for c in "。；;") + 1 : at]
        verb = _ADDING.search(clause)
        value = _number(m.group("num"))
        if verb is None or value is None:
            continue
        results.append(found(m, at, m.group("obj"), ">=", value, verb.group(0)))
        taken.append((at, m.end()))
    for m in _COMPLETED.finditer(text):
        if not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        value = _number(m.group("num"))
        if value is None or (m.group("verb") in ("达到", "達到") and m.group("unit") not in "%％"):
            continue  # ("50%以上旗区级综合医院达到…标准": a share of them reaching a standard)
        name = m.group("obj") + m.group("verb") + m.group("rest").strip()
        results.append(found(m, m.start(), name, ">=", value, m.group("verb")))
        taken.append((m.start(), m.end()))
    for m in _EACH_PLACE_HAS.finditer(text) if "每" in text else ():
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        if looks_back.search(text[: m.start()]):
            continue
        name = f"{m.group('each')}{m.group('place')}{m.group('obj')}"
        results.append(found(m, m.start(), name, ">=", value, m.group("verb")))
        taken.append((m.start("num"), m.end()))
    for m in _INVESTMENT_TASK.finditer(text) if "投资" in text else ():
        value = _number(m.group("num"))
        if value is None or not clear(m.start("num"), m.end()):
            continue
        if looks_back.search(text[: m.start()]):
            continue
        results.append(found(m, m.start(), f"{m.group('obj')}投资", ">=", value, m.group("verb")))
        taken.append((m.start("num"), m.end()))
    for m in _SHARE_OF_TASKS.finditer(text) if "任" in text and "%" in text else ():
        value = _number(m.group("num"))
        if (
            value is None
            or not clear(m.start("num"), m.end())
            or looks_back.search(text[: m.start()])
        ):
            continue
        results.append(
            found(m, m.start("obj"), f"{m.group('obj')}完成", ">=", value, m.group("verb"))
        )
        taken.append((m.start("num"), m.end()))
    for m in _SUM_OF.finditer(text) if "总投资" in text else ():
        if not clear(m.start(), m.end()) or looks_back.search(text[: m.start()]):
            continue
        if (value := _number(m.group("num"))) is not None:
            results.append(found(m, m.start(), m.group("obj") + "总投资", "=", value, "总投资"))
            taken.append((m.start(), m.end()))
    for m in _SUM.finditer(text):
        take_sum(m, m.group("obj") + ("投资" if m.group("verb") == "投资" else ""))
    for m in _SUM_FOR_COUNT.finditer(text) if "投" in text or "安排" in text else ():
        take_sum(m, m.group("obj") + ("投资" if m.group("verb") == "投资" else m.group("verb")))
    for m in _YEARS.finditer(text) if "年" in text else ():
        name, start = _indicator(text, m.start())
        value = _number(m.group("num"))
        if value is None or not _plausible(name) or not clear(m.start(), m.end()):
            continue
        comparator, words = _comparator(m.group("pre"), m.group("suf"))
        # A level stated bare is the one to reach, a floor.
        results.append(found(m, start, name, comparator or ">=", value, words or "年限"))
        taken.append((m.start(), m.end()))
    for m in _INDEX.finditer(text):
        name, start = _indicator(text, m.start())
        value = _number(m.group("num"))
        # (a rate as a fraction of one, "亿元GDP生产安全事故死亡率控制在0.011以内", too)
        fraction = name.endswith("率") and value is not None and value < 1
        if not (name.endswith(("指数", "倍差")) or fraction) or not clear(m.start(), m.end()):
            continue
        comparator, words = _comparator(m.group("pre"), m.group("suf"))
        if value is None or looks_back.search(text[start : m.start()]):
            continue
        results.append(found(m, start, name, comparator, value, words))
        taken.append((m.start(), m.end()))
    if re.search(r"确保|力争|争取|努力|计划|目标", text):
        for m in _QUALITATIVE.finditer(text):
            obj = m.group("obj").strip()
            if _LEVEL.search(obj) or _CHANGE.search(obj) or not clear(m.start(), m.end()):
                continue
            year = int(m.group("year"))
            if not 1900 <= year <= 2100:
                continue
            results.append(
                Target(
                    indicator=f"{m.group('verb')}{obj}",
                    comparator=None,
                    value=None,
                    unit="",
                    deadline=dt.date(year, 12, 31),
                    text=text,
                    start=base + m.start(),
                    end=base + m.end(),
                    rule=f"{_commitment_word(text, m.start())}…{m.group('verb')}",
                    deadline_rule=f"{year}年",
                )
            )
    breakdown = list(results)
    for t in list(results) if "其中" in text else ():
        # The part of the sentence that says 其中, to the target's end.
        at = t.start - base
        part = max(text.rfind(c, 0, at) for c in "；;。：:") + 1
        said = text[part : t.end - base].rsplit("其中", 1)
        if (
            len(said) == 2
            and said[0].rstrip().endswith(("(", "（"))
            and re.search(r"[)）]", said[1])
        ):
            continue  # "…再就业180人(其中…60人),登记失业率控制在…": the aside closed before it
        clauses = re.split(r"[，,]", said[1]) if len(said) == 2 else []
        if len(clauses) > 1 and (t.start - base) > (
            opened := t.end - base - len(said[1]) + len(clauses[0])
        ):
            # "…80个产业项目，其中5亿元以上项目2个、总部企业5家，到位资金57.27亿元以上":
            # a clause after the parts measuring another thing than they do commits anew.
            parts = {
                u.unit
                for u in breakdown
                if u is not t and opened - len(clauses[0]) <= u.start - base < opened
            }
            if parts and t.unit not in parts:
                continue
            # "…限上固定资产投资增长20%,其中限上工业投资增长25%,社会消费品零售总额增长12%": a
            # later change of a thing whose name ends otherwise than the part's (投资, 总额) is
            # the next figure of a goals list, no part of the whole broken down.
            firsts = [
                u
                for u in breakdown
                if u is not t and u.change and opened - len(clauses[0]) <= u.start - base < opened
            ]
            if (
                t.change
                and firsts
                and all(_head_noun(u.indicator) != _head_noun(t.indicator) for u in firsts)
            ):
                continue
        if (
            len(said) == 2
            and not said[0].strip()
            and re.match(r"\s*[，,]", said[1])
            and _SETS_OUT.match(re.split(r"[，,]", text[: t.end - base])[-1])
        ):
            # "…提出3项指标。其中，…，提出全社会研发经费投入年均增长7%以上": one of the
            # things the sentence before counts, set out with a figure of its own.
            continue
        if len(said) == 2 and not any(
            _NEW_COMMITMENT.match(clause.strip()) for clause in re.split(r"[，,]", said[1])[1:]
        ):
            # "新增就业800人以上，其中…就业率达100%", "增加学位5000个，其中幼儿园420个，
            # 中小学4580个": a breakdown of what the clause before commits, no target of its
            # own (to a clause that commits anew, "…，新增学位900个").
            results.remove(t)
    for t in list(results):
        clause = max(text.rfind(c, 0, t.start - base + 1) for c in "，,；;：:。《》") + 1
        if _REACH.match(text[clause : t.end - base].strip()) or _REACH.match(t.indicator):
            # "维修饮水工程12处，惠及群众5600余人", "涉及3个村": whom or what the work
            # reaches, no commitment of its own.
            results.remove(t)
    for t in list(results):
        if t.unit in ("个", "個") and t.indicator.startswith("方面"):
            # "围绕…等8个方面开展工作": the parts a plan is written in, no work counted.
            results.remove(t)
    for t in list(results):
        if t.indicator in ("共", "共计", "共計", "合计", "合計", "总计", "總計"):
            # "培训5个班次，共计300人次": the people of what the clause before counts, named
            # by it; "…市本级项目，共57个", "公园3个、绿道5条，共8处": a total of what the
            # sentence lists or names, no target of its own.
            before = [u for u in results if u.text == t.text and u.end <= t.start]
            if len(before) == 1 and before[0].unit != t.unit:
                t.indicator = before[0].indicator
            else:
                results.remove(t)
    for t in list(results):
        if t.unit in ("人", "名", "人次", "户") and (
            groups := _GROUPS_OF_PEOPLE.match(t.indicator)
        ):
            # "培训31个家庭医生服务团队124人": the groups counted too, each count its own.
            t.indicator = groups.group("obj")
            value = _number(groups.group("num"))
            if value is not None:
                results.append(dataclasses.replace(t, value=value, unit=groups.group("unit")))
    for t in list(results) if "“" in text else ():
        # "加快推进三个“一号工程”": a set of slogans counted in words, no count of work.
        if re.fullmatch(r"“[^”]{1,12}”", t.indicator) and re.search(
            r"[一二两三四五六七八九十]\s*[个個项項大]" + re.escape(t.indicator), text
        ):
            results.remove(t)
    for t in list(results) if "约" in text or "約" in text else ():
        # "开工老旧小区改造项目50个,约605万平方米,": about how much of the same work, a
        # measure alone after its count (exact, 约).
        if t.unit not in _COUNT_UNITS_AREA:
            continue
        amount = _ABOUT_AMOUNT.match(text, t.end - base)
        value = _number(amount.group("num")) if amount else None
        if value is not None and clear(amount.start("num"), amount.end()):
            results.append(
                dataclasses.replace(
                    t,
                    value=value,
                    unit=amount.group("unit"),
                    comparator="=",
                    rule="约",
                    start=base + amount.start("num"),
                    end=base + amount.end(),
                )
            )
            taken.append((amount.start("num"), amount.end()))
    for t in list(results):
        if (
            t.indicator[:1] in "约約"
            and (about := _ABOUT_NEEDED.match(t.indicator))
            and t.comparator == ">="
            and not t.rule
        ):
            # "约需资金10651万元": about so much, an exact figure (as "完成约9000户…").
            t.indicator, t.comparator, t.rule = t.indicator[about.end() :], "=", about.group(0)
        if (
            t.indicator[:1] in _COUNT_OPENERS
            and (opening := _COUNT_OPENING.match(t.indicator))
            and opening.group("unit") != t.unit
        ):
            # "约37.5公里的四条县道": the length is of the roads, and so is the count.
            t.indicator = opening.group("rest")
            value = _number(opening.group("num"))
            if value is not None:
                results.append(
                    dataclasses.replace(
                        t, value=value, unit=opening.group("unit"), comparator=">=", rule="count"
                    )
                )
    if "条" in text or "條" in text or "已" in text:
        # "制定实施数字政府建设22条意见": the name of a set of measures, no count to reach;
        # "江苏省内5G基站达16.6万座,已实现…全覆盖": a level reached, reported.
        spans = [(m.start(), m.end()) for m in _NAMED_MEASURES.finditer(text)]
        spans += [(m.start(), m.end("fig")) for m in _REACHED_ALREADY.finditer(text)]
        results = [
            t for t in results if not any(a < t.end - base and t.start - base < b for a, b in spans)
        ]
    if "、" in text and _LISTED_NUMBERS.search(text):
        # "完成9、10、15村的道路硬化": the numbers of villages (groups, buildings) listed, no
        # count of them.
        places = [(m.start(), m.end()) for m in _NUMBERED_PLACES.finditer(text)]
        results = [
            t
            for t in results
            if not any(a <= t.start - base < b or a < t.end - base <= b for a, b in places)
        ]
    if results and "年" in text:
        # "总人口2010年控制在300万人以内,2015年在315万人以内": the ceilings of the years after
        # the first, the thing measured left unsaid, are its own, due each in its year.
        for m in _YEAR_CEILING.finditer(text):
            value = _number(m.group("num"))
            before = [t for t in results if t.end - base <= m.start()]
            if value is None or not before or not clear(m.start("num"), m.end()):
                continue
            first = before[-1]
            year = int(m.group("year"))
            unit = m.group("unit")
            if unit in ("万人", "万户"):
                value, unit = value * 10_000, unit[1:]  # (counts of people in 人, as elsewhere)
            if first.comparator not in ("<=", "<") or not 1900 <= year <= 2100:
                continue
            results.append(
                Target(
                    indicator=first.indicator,
                    comparator=first.comparator,
                    value=value,
                    unit=_unit(unit),
                    deadline=dt.date(year, 12, 31),
                    text=text,
                    start=base + m.start("num"),
                    end=base + m.end(),
                    rule=m.group("limit"),
                    deadline_rule=f"{year}年",
                )
            )
            taken.append((m.start("num"), m.end()))
    if any(t.indicator.endswith(("均", "都")) for t in results):
        results = [part for t in results for part in _both(t)]
    return sorted(results, key=lambda t: t.start)


# Two measures held to one level: "水质天数占比和空气优良率均保持在98%以上".
_BOTH = re.compile(
    r"^(?P<a>[^，,。；;和与及、]{2,30}?)(?:和|与|與|及|、)(?P<b>[^，,。；;和与及、]{2,30}?)(?:均|都)$"
)


def _both(target: Target) -> list[Target]:
    """A target whose figure two measures share (``_BOTH``) as one target for each."""
    m = _BOTH.match(target.indicator)
    if not m:
        return [target]
    return [dataclasses.replace(target, indicator=m.group(name)) for name in ("a", "b")]


# "新增3个村集体收入超过10万元", "培育5家企业营收突破1亿元": a count of places (villages,
# firms) whose figure is to pass a threshold; the threshold is no target of its own.
_REACHING_COUNT = re.compile(
    rf"(?P<verb>{_tw('新增|新培育|培育|打造|实现|力争|确保')})\s*(?P<num>\d+)\s*(?P<unit>{_tw('个|家|户')})"
    rf"(?P<place>{_tw('村|社区|乡镇|镇|企业')})(?P<what>[\u4e00-\u9fff]{{2,12}}?)"
    rf"(?P<level>(?:{_tw('超过|达到|突破|超|达')})\s*\d+(?:\.\d+)?\s*(?:{_tw('万元|亿元|元|%')}))"
    r"(?:以上)?(?=[，,。；;、]|$)"
)
# "在6个主产乡镇新建农残快检室": a work done in so many places.
_IN_PLACES = re.compile(
    rf"(?<![\u4e00-\u9fff])在\s*(?P<num>\d+)\s*(?P<unit>{_tw('个')})"
    rf"(?P<place>[\u4e00-\u9fff]{{0,6}}?{_tw('乡镇|镇|村|社区|街道|县|区|学校|医院')})"
    rf"(?P<verb>{_tw('新建|建成|建设|设立|开设|配备|布设|建立|推广|试点|实施')})"
    r"(?P<obj>[\u4e00-\u9fff“”]{2,16}?)(?=[，,。；;]|$)"
)
_IN_PLACES_QUICK = re.compile(r"在\s*\d+\s*个")
_REACHING_QUICK = re.compile(r"\d\s*[个個家户戶](?:村|社区|社區|乡镇|鄉鎮|镇|鎮|企业|企業)")
_LISTED_NUMBERS = re.compile(r"\d\s*、\s*\d")
_NUMBERED_PLACES = re.compile(
    r"(?<![\d.])\d{1,3}(?:\s*、\s*\d{1,3})+\s*(?:村|组|組|号|號|社|队|隊)"
)


# "全年助餐配送餐服务人次达200万以上", "接待游客人数突破50万": a count whose name ends in
# its measure (人次, 人数), the figure in 万 or 亿 with no unit after it.
# "城镇人口控制在272万以内": a population, counted in 人 (户数 in 户, 人次 in 人次).
_COUNT_IN_SCALE = re.compile(
    r"(?=[人户戶次])(?P<what>(?P<unit>人口|人次|人数|人數|户数|戶數|次数|次數))\s*"
    rf"(?P<pre>{_PREFIX})\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<scale>[万萬亿億])"
    r"(?P<suf>以上|以内|以內|之内|之內|以下|左右)?(?=[，,。；;、]|$)"
)
# Any other figure in 万 or 亿 with no measure word after it ("游客接待量突破300万"), what
# it counts implying none: a plain number, in 万 or 亿 as written.
_PLAIN_IN_SCALE = re.compile(
    rf"(?P<pre>{_PREFIX})\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<scale>[万萬亿億])(?P<unit>)"
    r"(?P<suf>以上|以内|以內|之内|之內|以下|左右)?(?=[，,。；;、]|$)"
)


_CEILING = re.compile(r"最\s*高\s*(?:不超过|不高于|補助|补助|奖励|獎勵)?\s*$")
# "总长度约25公里", "占地面积约2.4万平方米": a dimension of what is built.
_DIMENSION = re.compile(
    r"(?:总长度|總長度|总长|總長|全长|全長|长约|長約|宽约|寬約|占地面积|佔地面積|占地面積|用地面积|用地面積|建筑面积|建築面積|"
    r"建设面积|建設面積|(?<=[、，,])[宽寬]|"  # ("全长470米、宽30米")
    # ("路基宽度24米", "长度约740米", "设计面积约5万平方米": how big what is built is)
    r"长度|長度|宽度|寬度|高度|厚度|直径|直徑|设计面积|設計面積)"
    r"\s*(?:为|為)?\s*(?:约|約)?\s*$"
)


# "撤除校舍建筑面积58483平方米,新建校舍建筑面积71282平方米": the floor area a work clears or
# builds, its clause opening on the work and counting nothing else, is how much it does.
_AREA_WORK = re.compile(
    r"(?:新建|撤除|拆除|改造|改建|扩建|擴建|建设|建設|新增)[\u4e00-\u9fff]{1,10}"
    r"(?:建筑面积|建築面積|建设面积|建設面積)\s*$"
)


def _worked_area(text: str, dim: re.Match) -> bool:
    start = max(text.rfind(c, 0, dim.start()) for c in "，,。；;") + 1
    clause = text[start : dim.end()]
    return not re.search(r"\d", clause) and bool(_AREA_WORK.search(clause))


# "2015年完成75%以上的确权登记": a share of the work, the work after 的 naming it.
_SHARE_DONE = re.compile(
    r"(?=[完实實达達])(?:(?P<verb_done>完成)|实现|實現|达到|達到)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％)\s*"
    r"(?:(?P<suf>以上|左右)的?|的"  # ("完成80%以上地市…指标任务": 的 left out after 以上)
    # ("完成70%重点流域整治任务": 的 left out before the work the clause ends on)
    r"|(?=[\u4e00-\u9fff“”、]{2,30}?(?:工作|任务|任務)(?=[，,。；;]|$)))"
    r"(?P<what>[\u4e00-\u9fff“”]{2,16}?)(?=[，,。；;、]|$)"
)
# "…的办理工作目标": what the figure before it is said to be, a goal, not what it sizes.
_AIM_AFTER = re.compile(r"的[\u4e00-\u9fff]{0,6}?(?:目标|目標|要求)(?=[，,。；;！!]|$)")
_RATE_REACHES = re.compile(r"[\u4e00-\u9fff]{1,12}[率度](?:达到|達到|提高到|提升到)\s*$")
# What a level reached is said to be ("…达到100%的工作目标", "…达到95%的要求").
_AIM_WORD = re.compile(r"(?:目标|目標|要求|标准|標準)$")
# "无违建街(镇)达到全市街(镇)总数的80%": the share of a whole the named ones reach, named
# by them (the whole after 达到 no part of the name).
_SHARE_OF_WHOLE = re.compile(
    r"(?:^|(?<=[，,。；;\s：:前]))(?P<what>[\u4e00-\u9fff（）()“”]{2,20}?)(?:数量|数)?\s*(?:达到|達到|占)"
    r"[\u4e00-\u9fff（）()]{0,14}?(?:总数|總數|总量|總量)的?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％)\s*(?P<suf>以上|左右)?"
)
# "安排资金2.93亿", "完成投资12亿以上": a sum in 亿 or 万 whose 元 is left out, after what
# names money.
_BARE_SCALE = re.compile(
    r"\d\s*[亿億万萬](?:以上|以内|以內|之内|之內|以下|左右)?(?=[，,。；;、]|$)"
)
_MONEY_IN_SCALE = re.compile(
    r"(?=[资資投经經产產收总總营營])(?P<what>资金|資金|投资|投資|经费|經費|投入|产值|產值|收入|总额|總額|营收|營收)"
    r"\s*(?:达到|達到|达|達|为|為|约|約)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>(?P<scale>亿|億|万|萬))"
    r"(?P<suf>以上|左右)?(?=[，,。；;、]|$)"
)
# "继续把88%以上的财力投向民生领域", "将80%以上的新增财力用于民生": a share of the
# means, where it goes naming it.
_SHARE_SPENT = re.compile(
    r"[把将將]\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％)\s*(?P<suf>以上|左右)?\s*的?"
    r"(?P<what>[\u4e00-\u9fff]{1,8}?)(?P<verb>投向|用于|用於|投入|投到)"
    r"(?P<to>[\u4e00-\u9fff]{2,12}?)(?=[，,。；;、]|$)"
)
# "开展5万名40-74周岁居民上消化道癌筛查": a check of so many people (an age range between),
# the check names it.
_SCREENED = re.compile(
    rf"(?=[开開完提])(?P<verb>{_tw('开展|完成|提供')})\s*{_NUMBER}\s*(?P<unit>{_tw('名|人次|人')})"
    r"(?:\d+\s*[-—–~～至]\s*\d+\s*周?[岁歲])?"
    r"(?P<who>[\u4e00-\u9fff]{1,10}?)"
    r"(?P<what>[\u4e00-\u9fff“”]{2,20}?(?:筛查|篩查|检查|檢查|体检|體檢|检测|檢測))"
    r"(?=[，,。；;、]|$)"
)
# "为不少于2万名适龄妇女提供免费筛查": the count is of those served, the service names it;
# so with "对全市义务教育阶段4500名学生实施“营养改善计划”" and "为30个村(社区)…配备智能终端".
_SERVED = re.compile(
    rf"[为為对對]\s*(?:(?:{_tw('全市|全县|全区|全镇|辖区')})[\u4e00-\u9fff]{{0,8}}?)?(?P<pre>{_PREFIX})?\s*"
    rf"{_NUMBER}\s*(?:余|多|餘)?\s*(?P<unit>{_COUNT_UNIT}|{_tw('人次|人')})"
    r"(?:\d+\s*[-—–~～至]\s*\d+\s*周?[岁歲])?"  # ("1000名75~79周岁…老年人": their ages)
    # (those served described before 的, "9000名新进入初中一年级、未接种过…(HPV)疫苗的女生": the
    # description is no part of the name)
    r"(?:(?:[\u4e00-\u9fff“”、]|[（(][\u4e00-\u9fffA-Za-z]{1,6}[)）]){2,40}?的)?"
    # ("1600名困境、留守、流动儿童": kinds of those served, listed)
    r"(?P<who>(?:[\u4e00-\u9fff“”\"]|[（(][\u4e00-\u9fff]{1,4}[)）]|、(?=[\u4e00-\u9fff])){1,16}?)"
    r"(?:提供|開展|开展|实施|實施|进行|進行|配备|配備|"
    r"(?=免[费費](?![^，,。；;、]{0,8}?(?:提供|開展|开展|实施|實施|进行|進行))))"
    r"(?:\d+\s*[次轮輪遍])?"  # ("开展1次心理健康测评": how often, no part of the service)
    r"(?P<what>(?:[\u4e00-\u9fff“”\"]|[A-Za-z]{2,6}(?=[\u4e00-\u9fff])){2,24}?)"
    r"(?=[，,。；;、》]|$)"  # (or the end of a title: "《为1000名妇女开展…检查》")
)
# "为200万中小学生开展心理健康测评": people served counted in 万 with no measure word (no 名,
# no 人): the count is of people.
_SERVED_MYRIAD = re.compile(
    r"[为為]\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[万萬])(?P<suf>余|多|餘)?"
    r"(?![个家项項所座辆套件场批台处条张名间幢栋只头斤株例亩畝元吨噸米公人户戶次亿億余多餘])"
    r"(?P<who>[\u4e00-\u9fff“”]{2,10}?)"
    r"(?:提供|開展|开展|实施|實施|进行|進行)(?:\d+\s*[次轮輪遍])?"
    r"(?P<what>[\u4e00-\u9fff“”\"]{2,24}?)(?=[，,。；;、]|$)"
)
# "解决…等乡镇4万人的饮水不安全问题": the count is of those helped, the problem names it.
_SOLVED = re.compile(
    rf"(?:解[决決]|改善)[^，,。；;]{{0,20}}?{_NUMBER}\s*(?P<unit>{_tw('万人|人|户|万户|名')})"
    # ("共改善50000人口的农村饮用水工程": 人口 counts people, the work names them)
    r"(?:口(?=的))?(?:[\u4e00-\u9fff]{1,6}?的|的)?"
    r"(?P<what>[\u4e00-\u9fff“”\"]{2,20}?(?:[问問][题題]|工程))(?=[，,。；;、]|$)"
)
# "实施…596户3523人的易地扶贫搬迁工程": the households and the people a work serves.
_SERVED_BY_WORK = re.compile(
    r"(?P<h>\d+(?:\.\d+)?[万萬]?)(?P<hu>户|戶)(?P<p>\d+(?:\.\d+)?[万萬]?)人的"
    r"(?P<what>[^，,。；;的\d]{2,20}?(?:工程|项目|項目))(?=[，,。；;、]|$)"
)


# A clause opening with its figure, then what it counts and the work ("50个小区新增电动
# 自行车充电设施", "每个镇街至少1个500亩以上连片“工改工”片区", "-不少于1000万平方米高品质
# 产业空间", "50平方公里以上建设用地面积达到…要求"): the count of what the work is done for.
_FIGURE_FIRST = re.compile(
    r"(?:^\s*(?:\d{1,2}[.．、]\s*)?|(?<=[，,；;：:]))\s*(?:[●•▪■◆▶►]|-(?=[\u4e00-\u9fff\d]))?\s*"
    r"(?:每个?[\u4e00-\u9fff]{1,4}?(?=至少|不少于|\d))?"
    rf"(?P<pre>至少|不少于|不低于|超过)?\s*{_NUMBER}\s*(?P<unit>{_WORK_UNIT}|平方公里)(?P<suf>以上)?"
    rf"(?:{_ARABIC}\s*(?:{_tw('万平方米|平方米|万亩|亩|公顷')})(?:以上)?)?"  # the size of each
    r"(?P<obj>[\u4e00-\u9fff“”\"]{2,40}?)"
    # (to the end of the clause, or to a service it gets, "…活动室提供不少于2300场…")
    rf"(?=[，,。；;]|$|(?:{_tw('提供|开展|举办')})(?:{_tw('不少于|至少')})?\d)"
)
# "将符合条件的困难群众100%纳入保障范围": a share of those a work reaches.
_SHARE_FIRST = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,12}?)(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％)"
    r"(?P<what>(?:纳入|納入|覆盖|覆蓋|参保|參保|达标|達標|落实|落實)[\u4e00-\u9fff]{0,12}?)(?=[，,。；;、]|$)"
)


# "完成南湖200万只蛋鸡标准化养殖基地建设": what a base or a project holds is its size; the
# count of work is the one base.
_SIZED_PLACE = re.compile(
    rf"(?:{_tw('基地|园区|产业园|示范园|养殖场|养殖小区|项目|工程')})(?:{_tw('建设')})?$"
)
_CONTENT_UNITS = set(_tw("只|头|羽|株|吨|万吨|亩|万亩").split("|"))


def _in_aside(text: str, at: int) -> bool:
    """Position ``at`` stands inside a bracket: "整治125个村庄（包括63个省级补助村、62个…）"
    counts what the figure before holds, no commitment of its own."""
    opened = max(text.rfind("（", 0, at), text.rfind("(", 0, at))
    return opened >= 0 and text.find("）", opened, at) < 0 and text.find(")", opened, at) < 0


def _some(m: re.Match) -> bool:
    """ "培育一批龙头企业": some, not a count."""
    return m.group("num") == "一" and m.group("unit") == "批"


def _a_size(unit: str, obj: str) -> bool:
    """A count in a measure of content (只, 头, 亩, 吨) of what a base or project holds."""
    return unit in _CONTENT_UNITS and bool(_SIZED_PLACE.search(obj))


# "增长8%、力争9%": a second figure the office strives for.
_MONEY = set(_tw("亿元|万元|元").split("|"))
# (发行: "拟发行超长期特别国债1.3万亿元", a sum a budget raises)
_SPENDING = re.compile(_tw("投入|投资|安排|下达|筹集|拨付|发行"))
# The treasury that puts a sum in, named before its verb ("县财政安排…", "市级财政统筹下达…").
_TREASURY_SPENDS = re.compile(
    r"^(?:[省市县区縣區]级?|本级)?(?:财政|財政)(?:局)?(?:统筹|統籌|每年)?"
    + _tw("(?:投入|安排|下达|拨付)")
)
_FIGURE_BEFORE = re.compile(rf"{_ARABIC}\s*(?:{_UNIT})\s*[，,]\s*$")
_ONLY_A_VERB = re.compile(rf"(?:年度|全年|每年|今年)?(?:{_ADDING.pattern})")
_CHANGE_WORD = re.compile(r"增长|增速|增幅|提高|提升|增加|下降|降低|减少")
_GREW_BY = re.compile(r"(?:比上年|较上年|比去年)?(?:增加|增长)")
_LEVEL_VERB = re.compile(r"(?:达到|达)$")
# A place in a ranking ("跃居全省前40位", "进入全国前10名") and the ranking a sentence names
# before it ("…综合评价位次", "…排名").
_RANK = re.compile(
    r"(?P<subject>[\u4e00-\u9fff]{0,16}?)"
    r"(?:跃居|躍居|进入|進入|位居|位列|跻身|躋身|保持|稳居|穩居|争创)?"
    r"(?P<scope>全国|全省|全市|全州|全國)?前"
)
_RANKED = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:位次|排名|排位)(?=[\u4e00-\u9fff“]|$)")
# A clause that only strives for a level of the figure before it ("，力争保持在25…以下").
_STRIVEN = re.compile(r"\s*(?P<word>力争|力爭|争取|爭取|努力)\s*")
_STRETCH = re.compile(
    rf"\s*[、，,]\s*(?P<word>力争|争取|努力)\s*{_NUMBER}\s*(?P<unit>%|％|个百分点)?(?![\u4e00-\u9fff])"
)
_MORE = re.compile(rf"\s*[、和及，,]\s*{_NUMBER}\s*(?P<unit>{_UNIT})?")


# What is measured of substances listed before it ("…排放总量降幅", "…年均浓度"), after the
# class they are examples of ("等主要污染物").
_SHARED_MEASURE = re.compile(
    r"(?:等[\u4e00-\u9fff]{0,6}?)?(?P<tail>(?:排放总量|排放量|年均浓度|平均浓度|浓度|消费总量)"
    r"(?:降幅|增幅)?)$"
)


def _more_values(first: Target, text: str, end: int, base: int) -> list[Target]:
    """ "分别增长6%、6.5%": one target a value, the first already made. 城乡居民 splits
    into 城镇居民 and 农村居民; other subjects are numbered."""
    values = []
    position = end
    while m := _MORE.match(text, position):
        value = _number(m.group("num"))
        if value is None:
            break
        if not m.group("unit") and not re.search(r"\d", m.group("num")):
            break  # "一组为400万元,二、三组为300万元": the groups' numbers, no values
        values.append((value, m))
        position = m.end()
    if not values or not _severally(text[:end]):
        return []
    # "分别增长8%和9%左右", "分别控制在4%、3%、3‰以内": the word after the last
    # value is said of them all.
    last = re.match(r"\s*(以上|以内|之内|以下|左右)", text[position:])
    if last and "…" not in first.rule:
        first.comparator = {"以上": ">=", "左右": "=", "以下": "<"}.get(last.group(1), "<=")
    # "工业项目分别为700万元、500万元": what is measured, before the word that shares it out
    first.indicator = re.sub(r"(?<=..)(?:分别|分別)(?:为|為|是)?$", "", first.indicator)
    names = [f"{first.indicator}（{k}）" for k in range(1, len(values) + 2)]
    at = first.start - base
    clause = text[max(text.rfind(c, 0, at) for c in "，,；;：:。") + 1 : at] + first.indicator
    clause = clause[noise.end() :] if (noise := _LEADING_NOISE.match(clause)) else clause
    subjects = _split_names(re.sub(r"(?:分别|分別|完成|达到|達到|实现|實現|为|為)+$", "", clause))
    if len(subjects) == len(values):
        # "高新技术企业和科技型企业分别超过90家和870家", "失业率、物价指数和人口自增率分别…"
        parts = re.split(r"[和及与與]", subjects[-1])
        if len(parts) == 2 and all(len(part) >= 2 for part in parts):
            subjects = subjects[:-1] + parts
    if len(subjects) == len(values) + 1:
        # "淡水产品加工、装备制造、新材料三大主导产业产值分别完成60亿元、95亿元、100亿元"
        tail = re.search(
            r"[一二三四五六七八九十两\d]+[大个项类]?(?P<what>[\u4e00-\u9fff]{0,8})$", subjects[-1]
        )
        what = ""
        # (a numeral opening the last name is part of it, "二氧化碳排放": no count of them)
        if tail and tail.start() > 0:
            subjects[-1] = subjects[-1][: tail.start()]
            what = re.sub(r"^(?:主导|重点|新兴|支柱)?产业", "", tail.group("what"))
        names = [f"{subject}{what}" for subject in subjects]
        # "城镇、农村居民人均可支配收入分别…": a short subject shares the last one's tail.
        last = names[-1]
        names = [
            n + last[len(n) :] if len(n) <= 3 and len(last) >= len(n) + 3 else n for n in names[:-1]
        ] + [last]
        if last.endswith("降幅") and len(last) > 4 and not _SHARED_MEASURE.search(last):
            # "能源消耗和二氧化碳排放分别降低15%以上和18%以上": each name is a fall, not a
            # level to reach.
            names = [n if n.endswith("降幅") else n + "降幅" for n in names]
        if measure := _SHARED_MEASURE.search(last):
            # "二氧化硫、氮氧化物和挥发性有机物等主要污染物排放总量分别下降…": the substances
            # share what is measured of them (the class they are examples of left out).
            tail = measure.group("tail")
            names = [n if _SHARED_MEASURE.search(n) else n + tail for n in names[:-1]] + [
                last[: measure.start()] + tail
            ]
    if "城乡居民" in first.indicator and len(values) == 1:
        names = [first.indicator.replace("城乡居民", p, 1) for p in ("城镇居民", "农村居民")]
    first.indicator = names[0]
    more = []
    for (value, m), name in zip(values, names[1:], strict=True):
        more.append(
            Target(
                indicator=name,
                comparator=first.comparator,
                value=value,
                unit=_unit(m.group("unit") or first.unit),
                deadline=first.deadline,
                text=first.text,
                start=base + m.start(),
                end=base + m.end(),
                rule=first.rule,
                deadline_rule=first.deadline_rule,
                change=first.change,
            )
        )
    return more


# A measure alone after a count of work, how much of it: "，15万立方米，", "，300公顷。".
_BARE_AMOUNT = re.compile(
    rf"[，,]\s*(?P<num>{_ARABIC})\s*"
    rf"(?P<unit>{_tw('万立方米|立方米|万平方米|平方米|万亩|公顷|万吨|公里')})(?=[，,。；;]|并|$)"
)


# The same after a count of projects, about so much: "…项目50个,约605万平方米,".
_ABOUT_AMOUNT = re.compile(
    rf"\s*[，,]\s*[约約]\s*(?P<num>{_ARABIC})\s*"
    rf"(?P<unit>{_tw('万立方米|立方米|万平方米|平方米|万亩|公顷|万吨|公里')})(?=[，,。；;]|并|$)"
)
_COUNT_UNITS_AREA = set(_tw("个|项|处|座|条|栋|幢|所|家|片|块").split("|"))


def _area_of(count: Target, m: re.Match) -> list[Target]:
    """The area (or length) a count of work gives beside it, a target of the same work."""
    area = _number(m.group("area")) if m.group("area") else None
    if area is None:
        return []
    return [dataclasses.replace(count, value=area, unit=m.group("area_unit").translate(_T2S))]


def _commitment_word(text: str, stop: int) -> str:
    words = re.findall(r"确保|力争|争取|努力|计划|目标", text[:stop])
    return words[-1] if words else ""


_SIZED = re.compile(rf"^{_ARABIC}\s*(?:{_UNIT})(?:以上|以下)?[\u4e00-\u9fff]")


# Pages converted to traditional characters by some sites carry the reading of a
# character after it ("創(chuàng)建", "達(dá)到"): dropped, the words read again.
_ROMANISED = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,6}\)")


_AGES = re.compile(r"\d+\s*[-—–~～至]\s*\d+\s*[岁周]")


# A chemical's or a measure's letters after its name ("二氧化硫(SO2)", "氮氧化物(NOX)").
_LATIN_ASIDE = re.compile(r"[（(][A-Za-z][A-Za-z0-9.ₓ₂\s]{0,7}[）)]")


def _plausible(name: str) -> bool:
    """A name for an indicator; one that opens with a size says what is counted
    ("10亿元以上项目")."""
    if re.fullmatch(r"\d+(?:\.\d+)?\s*[%％‰]\s*[和及与與、]", name):
        return False  # "…分别下降15%、10%和26%": the value before the last, no name
    if not 1 <= len(_LATIN_ASIDE.sub("", name)) <= 30 or (
        name[0].isdigit()
        and not _SIZED.match(name)
        and not re.match(r"\d+[A-Za-z]", name)  # "5G基站" is a name
        and not _AGES.match(name)  # "30-70岁重大慢性病过早死亡率"
    ):
        return False
    if name.count("“") != name.count("”"):
        return False  # "以“暖企新": cut inside a quotation
    if re.match(r"[比较]上年", name):
        return False  # "…亿元，比上年增长3.2%": how the figure before grew, no name
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", name))


# A row a table of scored indicators became ("1.外贸进出口额。目标值：10000。").
_TABLE_ROW_HEAD = re.compile(r"^\d{1,3}[.．](?P<name>[^。]{2,40})。目标值[:：]")
_TABLE_VALUE = re.compile(
    rf"^目标值[:：]\s*(?P<pre>{_PREFIX})?\s*(?P<num>{_ARABIC})\s*(?P<unit>(?:{_UNIT})?)"
    r"\s*(?P<suf>以上|以内|以下|左右)?。?$"
)
# What a figure right after a row's label is called when no name stands before it.
_GENERIC_NAME = re.compile(r"^(?:产值|总额|总量|数量)?(?:增长|增幅|增速|以上|左右|新增|增加)?$")
# "今年全市…的主要预期目标为：…", "年底前建成…": the document's year.
# ("全年完成工业投资1200亿元": what the year is to complete; "全年举办…活动3场次", "全年
# 接待游客…": what the year is to do, 全年 opening its clause before the verb.)
_THIS_YEAR = re.compile(
    r"今年(?!以来)|年内|年底前|本年度|全年(?:(?=[^。；;]{0,12}目标|完成|实现)|"
    r"(?<![\u4e00-\u9fff]全年)(?=组织|举办|开展|接待|新增|新建|培育|引进|培训|争取|力争|确保|计划|预计))"
)


# A month's time limit with no year ("6月底前", "9月前"): the document's year.
_MONTH_LIMIT = re.compile(r"(?<![\d年个個])(?P<month>\d{1,2})\s*月\s*(?:底|末)?\s*(?:前|以前|之前)")
# ("到2025年底前," too)
_GOAL_YEAR = re.compile(
    r"到\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?:底|末)?\s*(?:前|以前|之前)?\s*[，,]"
)
# A sentence opening on the year whose work it plans ("…。2024年，我们工作的总体要求是").
_YEAR_SENTENCE = re.compile(r"(?:^|(?<=[。；;！!]))\s*(?P<year>(?:19|20)\d{2})\s*年\s*[，,]")


# The lead sentence of a report above its points ("今年以来,…经济社会保持良好发展势头,现将有关
# 重点工作情况报告如下。" over "一是经济运行稳中向好。预计全年实现…"): the points report.
_REPORTS_ON = re.compile(r"^\s*(?:今年以来|截至|截止)|(?:情况|工作)(?:报告|汇报|匯報|報告)如下")
# A sentence opening with the date it reports to ("截至7月底，", "截止目前，", "目前，",
# "今年以来，"): what it counts is done, even in a row of a plan.
_SO_FAR = re.compile(r"\s*(?:截至|截止|今年以来|目前[，,])")


_DASH_GOAL = re.compile(r"^——(?!—)[^。；;！!？?\d]{2,30}。")


def dash_goal_runs(paragraphs: list[str]) -> set[int]:
    """The paragraphs (by index) of runs of two or more each opening on a dash and a short
    head ("——生态环境质量总体改善。…湿地保有量达到520万公顷…" "——人民生活…"), the run
    holding a figure: a plan's goals, set out so under its goals heading (which the passage
    may not hold)."""
    out: set[int] = set()
    run: list[int] = []
    for k, para in enumerate([*paragraphs, ""]):
        if _DASH_GOAL.match(para):
            run.append(k)
            continue
        if len(run) >= 2 and any(re.search(r"\d", paragraphs[j]) for j in run):
            out.update(run)
        run = []
    return out


# A goal quoted by its slogan, a clause of a dated list of goals ("到2031年底，力争实现以下
# 目标：…，生产安全事故起数和死亡人数实现“双下降”，…"): due by the list's year.
_QUOTED_GOAL = re.compile(
    r"(?:^|(?<=[，,；;：:]))\s*(?P<goal>[^，,。；;：:“”\d]{2,30}?"
    r"(?:实现|實現|达到|達到|做到)“[^“”，,。；;\d]{2,12}”)(?=[，,。；;]|$)"
)
_DATED_LEAD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:底|末)?[^。；;：:]{0,16}$")


def _quoted_goals(para: str, offset: int) -> list[Target]:
    """The goals a dated list of goals quotes by their slogans (see ``_QUOTED_GOAL``)."""
    lead = _GOALS_LEAD_IN.search(para)
    if lead is None or not (dated := _DATED_LEAD.search(para, 0, lead.start())):
        return []
    year = int(dated.group("year"))
    end = para.find("。", lead.end())
    listed = para[lead.end() : end if end >= 0 else len(para)]
    return [
        Target(
            indicator=m.group("goal").strip(),
            comparator=None,
            value=None,
            unit="",
            deadline=dt.date(year, 12, 31),
            text=listed,
            start=offset + lead.end() + m.start("goal"),
            end=offset + lead.end() + m.end("goal"),
            rule="以下目标…“”",
            deadline_rule=dated.group(0).strip(),
        )
        for m in _QUOTED_GOAL.finditer(listed)
    ]


def find_targets(
    paragraphs: list[str],
    offsets: list[int],
    committed: Sequence[tuple[int, int]] = (),
    year: int | None = None,
) -> list[Target]:
    """The targets of the paragraphs; sentences inside a ``committed`` span (the items
    of a plan, its goals) commit without a commitment word. A target of a sentence
    saying 今年 (年内, 年底前) and no date of its own is due by the end of ``year``, the
    document's."""
    spans = sorted(committed)
    starts = [a for a, _b in spans]
    reach = list(itertools.accumulate((b for _a, b in spans), max))  # the furthest end so far
    found = []
    lead_para = ""  # the paragraph the dash-led ones below it ("——…") go on from
    # The year of the goals a short paragraph names ("主要目标是：…") under a sentence
    # opening on a year ("2024年，我们工作的总体要求是：…"): the paragraphs under it, to
    # the next heading or short line, state that year's goals.
    said_year: tuple[dt.date, str] | None = None
    # The year of a part of goals whose heading names it ("一、2010年全市…主要指标"): the
    # paragraphs under it, to the next heading of its level or above, state that year's.
    part_year: tuple[int, tuple[dt.date, str]] | None = None
    goals_part: int | None = None  # the level of a part of goals just opened, no year named
    # The level of the heading of goals the paragraphs stand under ("二、经济社会发展预期目标").
    goals_heading: int | None = None
    before = ""
    # A run of two or more paragraphs each opening on a dash and a short head of a goal
    # ("——生态环境质量总体改善。…湿地保有量达到520万公顷…" "——人民生活…"): a plan's goals,
    # set out so under its goals (a heading the passage may not hold): their figures commit.
    dash_goals = dash_goal_runs(paragraphs)
    for k, (para, offset) in enumerate(zip(paragraphs, offsets, strict=True)):
        dated: tuple[dt.date, str] | None = None
        if (level := _level(para)) is not None:
            heading = para[level[1].end() :].strip("。. ")
            if goals_heading is not None and level[0] <= goals_heading:
                goals_heading = None
            if goals_heading is None and _GOALS_PART.match(heading):
                goals_heading = level[0]
            if _GOALS_PART.match(heading) and (y := re.match(r"(?:19|20)\d{2}年", heading)):
                part_year = (level[0], (dt.date(int(y.group(0)[:4]), 12, 31), y.group(0)))
                continue
            if part_year and level[0] <= part_year[0]:
                part_year = None
            goals_part = level[0] if _GOALS_PART.match(heading) else None
        elif goals_part is not None and (y := re.match(r"\s*到\s*((?:19|20)\d{2})\s*年", para)):
            # "一、发展目标" over "到2020年，把旅游业培育成为…" then "(一)旅游经济总量。…":
            # the points of the part state that year's goals.
            part_year = (goals_part, (dt.date(int(y.group(1)), 12, 31), y.group(0).strip()))
            goals_part = None
        else:
            goals_part = None
        if _says_goals(para):
            m = _YEAR_SENTENCE.search(before)
            said_year = (dt.date(int(m.group("year")), 12, 31), m.group(0).strip()) if m else None
        elif said_year and (_level(para) or (len(para) <= 20 and not _ends_sentence(para))):
            said_year = None
        before = para
        parted = para.startswith("—") and bool(COMMITMENT.search(lead_para))
        if said_year:
            dated = said_year
        elif part_year:
            dated = part_year[1]
        elif parted:
            # "到2025年，…" then "——高端制造引领功能大幅提升。…": the parts of that goal.
            dates = deadlines_in(lead_para)
            dated = (dates[0][1], dates[0][2]) if dates else None
        elif k in dash_goals:
            parted = True  # (no lead naming their year: they are dated by their own words)
        else:
            lead_para = para
            if m := _OPENING_YEAR.match(para):
                # "2018年，…完成投资…。新增城市道路180公里…": the paragraph speaks of that year.
                dated = (dt.date(int(m.group("year")), 12, 31), m.group(0).strip())
        row_head = _TABLE_ROW_HEAD.match(para) if "目标值" in para else None
        spans = sentences(para, offset)
        # "…通知指出，到2025年，基本建成…。…普及率99.93%以上。": a paragraph whose first
        # sentence sets the year of a goal goes on describing it: its figures commit, due then.
        goal = None
        first = spans[0][1] - offset if spans else 0
        if (
            len(spans) > 1
            and para.startswith(("—", "-"))
            and first <= 32
            and not re.search(r"\d", para[:first])
        ):
            # "——人才供给规模持续提升。到2027年,累计新增…。职业学校毕业生…达50%以上。": a
            # dash paragraph's head names the goal, the sentence after it sets its year.
            first = spans[1][1] - offset
        if spans and (year_m := _GOAL_YEAR.search(para, 0, first)):
            goal = (dt.date(int(year_m.group("year")), 12, 31), year_m.group(0))
        listed, list_due = False, None
        for start, end in spans:
            sentence = para[start - offset : end - offset]
            if row_head and (value := _TABLE_VALUE.match(sentence.strip())):
                # "1.全社会固定资产投资额。目标值：186。": the row's name, a figure of no unit.
                number = _number(value.group("num"))
                if number is not None:
                    comparator, words = _comparator(value.group("pre"), value.group("suf"))
                    found.append(
                        Target(
                            indicator=row_head.group("name").strip(),
                            comparator=comparator or ">=",
                            value=number,
                            unit=_unit(value.group("unit") or ""),
                            deadline=None,
                            text=sentence,
                            start=start,
                            end=end,
                            rule=words or "目标值",
                        )
                    )
                continue
            k = bisect.bisect_right(starts, start)
            inside = parted or goal is not None or (k > 0 and reach[k - 1] > start)
            if listed and not re.match(
                r"\s*(?:\d{4}\s*年|[（(]?[一二三四五六七八九十\d])", sentence
            ):
                # "主要预期目标为:地区生产总值增长7%,…。新增城镇就业1.65万人,…": the sentence
                # right after a list of the expected targets goes on with it.
                inside = True
            if inside and _SO_FAR.match(sentence):
                inside = False  # "截至7月底，开工建设…1005套": a row's report, no commitment
            these = targets_in(sentence, start, committed=inside, goals=goals_heading is not None)
            if listed and list_due is not None:
                for target in these:
                    if target.deadline is None:
                        target.deadline, target.deadline_rule = list_due
            listed = bool(_STATES_GOALS.search(sentence))
            list_due = next(
                ((t.deadline, t.deadline_rule) for t in these if t.deadline is not None), None
            )
            if goal is not None:
                for target in these:
                    if target.deadline is None:
                        target.deadline, target.deadline_rule = goal
            if start == offset and (label := _LABELLED_ROW.match(para)):
                # "人均地区生产总值：增长6%左右": the figure right after the label is its.
                for target in these:
                    gap = para[label.end() : target.start - offset]
                    if _GENERIC_NAME.match(target.indicator) and not re.search(
                        r"[，,；;。（(]", gap
                    ):
                        grew = "增幅" if target.indicator.endswith("增幅") else ""
                        head = label.group("head") or label.group("named")
                        target.indicator = head.strip() + grew
            this_year = year and _THIS_YEAR.search(sentence)
            for target in these:
                if year and target.deadline is None:
                    # "6月底前，…主体工程基本完工": a month's limit before the figure, in the
                    # document's year.
                    limits = list(_MONTH_LIMIT.finditer(sentence, 0, target.start - start))
                    if limits and 1 <= (month := int(limits[-1].group("month"))) <= 12:
                        target.deadline = dt.date(year, month, calendar.monthrange(year, month)[1])
                        target.deadline_rule = limits[-1].group(0)
                if dated and target.deadline is None:
                    target.deadline, target.deadline_rule = dated
                if this_year and target.deadline is None:
                    target.deadline = dt.date(year, 12, 31)
                    target.deadline_rule = this_year.group(0)
            found.extend(these)
        if "“" in para and "目标" in para:
            found += [
                q
                for q in _quoted_goals(para, offset)
                if not any(q.start <= t.start < q.end for t in found)
            ]
    return found


# ---------------------------------------------------------------------------------------
# 5. Lead units


# Texts copied from pages in traditional characters name the roles so too (牽頭單位).
_TRADITIONAL = {"牵": "牽", "头": "頭", "单": "單", "责": "責", "门": "門", "协": "協", "办": "辦",
                "参": "參", "与": "與", "领": "領", "导": "導", "职": "職", "负": "負", "挂": "掛",
                "钩": "鈎", "联": "聯", "系": "係", "会": "會", "实": "實", "组": "組",
                "织": "織"}  # fmt: skip
_SIMPLIFIED = str.maketrans({t: s for s, t in _TRADITIONAL.items()})


def _either(words: str) -> str:
    """A pattern of role words that matches them in simplified or traditional characters."""
    return "".join(f"[{c}{_TRADITIONAL[c]}]" if c in _TRADITIONAL else c for c in words)


_ROLE = (
    _either(
        # "牵头责任单位：X" "协同责任单位：Y" "牵头负责领导：W" "分管省领导：W"
        "牵头责任单位|牵头责任部门|协同责任单位|配合责任单位|牵头负责领导|分管[省市县区]领导|"
        "牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|"
        "协同单位|牵头领导|责任领导|分管领导|联系领导|挂钩领导|承办单位|承办部门|"
        # "落实单位：县委宣传部、县建设局…" closing a group of activities: the units that carry
        # them out (the first leads, as for 责任单位)
        "落实单位|落实部门|"
        # a bureau's own plan names its sections: "（责任科室：组干科、机关党委）"
        "(?:牵头|责任|配合)"
    )
    + "[科处股]室"
)
# "…，责任单位为区发改委；": the units named in the run of a sentence.
_NAMED_AS = re.compile(
    rf"(?:^|(?<=[，,。；;）)\s]))(?P<role>{_ROLE})[为為]"
    r"(?P<names>[^，,。；;：:（()）\n]{2,40}?)(?=[；;。，,\n]|$)"
)
# "（责任单位;住建局、畜牧局）": a note whose role a semicolon follows where the colon belongs.
_ROLE_SEMICOLON = re.compile(rf"([（(〔\[]\s*(?:{_ROLE}))\s*[;；](?=\s*[\u4e00-\u9fff])")
# A note naming units closes with ）, ), 〕 or ]; a list in the run of a line ends at a
# space after a name ("责任单位:县水利局 联系人:…").
_NAMED = re.compile(
    rf"(?P<role>{_ROLE})\s*[:：]\s*(?P<names>(?:[^；;（()）〔〕\[\]\n。：:]|[（(][^（()）]*[）)]"
    # ("各县〔市、区〕人民政府": the levels of a unit in square brackets inside a round note)
    r"|〔(?:[市区县旗州縣區]、?){2,4}〕)+?)"
    rf"(?=\s*(?:[；;）)〕\]\n。]|(?:{_ROLE})\s*[:：]|$)|(?<![、，,；;])[^\S\n]+\S)"
)
# "（X牵头，Y、Z配合）" and "（X牵头）", also in 〔…〕 ("〔X牵头，各市（区）政府配合〕"); the
# co-units may hold a bracket ("各县（市、区）政府").
# "（X、Y主办，Z协办）" says the same: the first unit of 主办 leads, the others co-operate.
# "（X牵头负责）", "（X牵头落实）": the lead's verb, two characters closing the note (not
# the 单位 of "牵头单位").
_LEAD_VERB = r"(?:(?!单位|部门|领导|單位|部門|領導|科室|处室|股室)[\u4e00-\u9fff]{2}(?=[）)〕]))?"
_LEADS = re.compile(
    rf"[（(〔](?P<lead>(?:[^（()）〔〕：:，,]|[（(][^（()）〔〕：:]{{1,12}}[）)]){{2,60}}?)"
    rf"(?:{_either('牵头')}{_LEAD_VERB}|(?<![协協])主[办辦])"
    rf"(?:[，,；;]\s*(?P<co>(?:[^（()）〔〕：:]|[（(][^（()）]*[）)]){{2,160}}?)"
    rf"(?:{_either('配合|参与|协同|协助|协办|按职责分工负责|负责落实')}))?"
    # "（市民政局牵头，各区、市政府负责落实。以下各项工作均需…，不再一一列出。）": a
    # sentence on the rows below may close the note.
    # ("…，不再列出。以下均需县(市、区)政府落实，不再列出)": with a unit's levels in it.)
    r"(?:[。；;](?:[^（()）〔〕]|[（(][^（()）〔〕]{1,12}[）)]){0,80}?)?[）)〕]"
)
# "主要内容：由县交通运输局牵头，计划完成…": the lead named in the run of a sentence;
# "由县建设局为主，规划、整治…" says the same.
# ("此项工作由县自然资源局牵头", "（三）…。该项任务由…牵头": after the work it gives out, at the
# end of the row.)
_LED_BY = re.compile(
    rf"(?:^|(?<=[：:。；;，,\s])|(?<=工作|任务|事项|任務))由(?P<lead>[^，,。；;：:（()）由]{{2,30}}?)"
    rf"(?:{_either('牵头')}(?=[，,。；;]|{_either('负责|组织|实施')}|\s*$)|[为為]主(?=[，,。；;]))"
)
# "（国务院各部门分别负责，年内持续推进）", "（市民政局负责）": the units answering for the item
# when none leads; the first named leads.
_ANSWERING = re.compile(
    rf"[（(](?P<lead>(?:[^（()）：:，,；;]|[（(][^（()）]*[）)]){{2,80}}?)"
    rf"(?:(?:分别|共同|按职责分工|按职责|具体)?{_either('负责')}"
    rf"|{_either('按职责分工')}[\u4e00-\u9fff]{{2}}(?=[）)]))(?:[，,；;][^（()）]{{0,30}})?[）)]"
)
# "（市商务局，各县区、开发园区按职责分工负责）", "（市税务局、市财政局，各县市、区政府，列第一位
# 的为牵头单位，下同。…）": units listed apart by commas too, answering for the item, or with
# the note saying that the first listed leads; the first named leads (read only when the
# first name is a unit's).
_LISTED_ANSWERING = re.compile(
    r"[（(](?P<lead>(?:[^（()）：:；;。]|[（(][^（()）]*[）)]){2,160}?)"
    rf"(?:[，,]\s*)?(?:(?:分别|共同|按职责分工|按职责|具体|按職責分工|按職責)?{_either('负责')}"
    r"|(?:列|排)(?:在)?第一(?:位|个|個)?(?:的|者)?(?:为|為)(?:工作)?"
    rf"{_either('牵头')}(?:单位|單位|部门|部門))"
    r"(?:[^（()）]|[（(][^（()）]*[）)]){0,80}[）)]"
)
# "部门分工：省发展改革委牵头，各地、各部门配合。" on a line of its own: the 分工 of the
# row names X its lead and Y its co-operating units.
_SHARED_OUT = re.compile(
    rf"(?:^|\n)\s*(?:部门|责任|任务|职责|工作|部門|責任|任務|職責)?分工\s*[:：]\s*"
    rf"(?P<lead>[^，,。；;：:（()）\n]{{2,60}}?){_either('牵头')}"
    rf"(?:[，,；;]\s*(?P<co>[^。；;\n]{{2,160}}?){_either('配合|参与|协同|协助|协办')})?"
    r"(?=[，,。；;]|\s*$)"
)
# "由省经贸委承办,省农业厅、卫生厅协办": the unit given the work leads, those helping it
# co-operate (承办/负责/牵头 then 协办/配合/参与).
_LED_PAIR = re.compile(
    rf"(?:^|(?<=[：:。；;，,\s]))由(?P<lead>[^，,。；;：:（()）由、]{{2,30}}?)"
    rf"(?:{_either('承办|负责|牵头')})[，,]\s*"
    rf"(?P<co>[^，,。；;：:（()）]{{2,160}}?)(?:{_either('协办|配合|参与')})(?=[，,。；;])"
)
# "由镇党建办公室每月25日前…对各党支部…进行考核": an office named by its kind, then when
# or how it does the work: the unit doing it leads.
_LED_BY_UNIT = re.compile(
    r"(?:^|(?<=[：:。；;，,\s]))由(?P<lead>[^，,。；;：:（()）由、\s]{1,16}?"
    r"(?:办公室|辦公室|局|委员会|委員會|管委会|管委會|中心|办|辦|所|站))"
    r"(?=\s*(?:每月|每季度|每年|定期|统一|統一|按月|按季度|于每|於每))"
)
# "由发展改革委会同农业部、财政部等部门研究提出落实意见": the unit the sentence names
# first leads, those it works with co-operate.
_LED_WITH = re.compile(
    rf"(?:^|(?<=[：:。；;，,\s]))由(?P<lead>[^，,。；;：:（()）由、]{{2,30}}?){_either('会同')}"
    rf"(?P<co>[^，,。；;：:（()）]{{2,160}}?)"
    r"(?:等(?:有关|有關|相关|相關)?(?:部门|部門|单位|單位))?"
    rf"(?={_either('负责|研究|组织|实施|共同|牵头|落实')})"
)
# What follows the names of a list without being one: "按职责分工负责", a note in brackets
# on the list itself ("（列第一位者为工作牵头单位，下同）").
_NAMES_TAIL = re.compile(
    _either("按职责分工负责") + r"$|[（(][^（()）]*(?:下同|列第一位|牵头)[^（()）]*[）)]$"
)
# A heading that names the lead of the items below it: "县示范区管委会牵头工作".
_HEADING_LEAD = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[、.．)）]\s*)?(?P<lead>[^，,。；;（(]{2,30}?)牵头(?:的)?(?:工作|事项|任务)"
)
# The parenthesis that names units, taken out of an item's head.
_UNITS_NOTE = re.compile(
    r"[（(](?:[^（()）]|[（(][^（()）]*[）)])*?(?:牵头|负责|主办(?=[）),，])|单位[:：]|部门[:：]|领导[:：]|[科处股]室[:：])(?:[^（()）]|[（(][^（()）]*[）)])*[）)]"
)
LEAD_ROLES = (
    "牵头单位", "牵头部门", "主办单位", "牵头科室", "牵头处室", "牵头股室", "牵头责任单位",
    "牵头责任部门",
)  # fmt: skip
LEADER_ROLES = (
    "牵头领导", "责任领导", "分管领导", "联系领导", "挂钩领导", "牵头负责领导", "分管省领导",
    "分管市领导", "分管县领导", "分管区领导",
)  # fmt: skip


def _split_names(text: str) -> list[str]:
    """The names of a list "A、B（C、D）、E": split at the separators outside brackets (round,
    or square ones inside a round note: "各县〔市、区〕人民政府")."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in "（(〔":
            depth += 1
        elif char in "）)〕" and depth:
            depth -= 1
        if depth == 0 and char in "、，,；;/":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


# What a unit does, written after its name in a list ("县民政局等有关部门参加", "各镇街落实").
_ROLE_AFTER_NAME = re.compile(
    r"(?:等(?:有关|相关)?(?:部门|单位))?(?:等?按(?:照|各自)?职责(?:分工)?)?"
    r"(?:参加|参与|配合|协助|落实|參加|參與)$"
)


def _names(text: str) -> list[str]:
    names = []
    for part in _split_names(text):
        name = _NAMES_TAIL.sub("", part.strip()).strip()
        name = _ROLE_AFTER_NAME.sub("", name).removesuffix("等").strip()
        if name.count("（") + name.count("(") > name.count("）") + name.count(")"):
            name += "）"
        if len(name) >= 2:
            names += list(_JOINTLY.fullmatch(name).groups()) if _JOINTLY.fullmatch(name) else [name]
    return names


# "宣传处会办公室" in a table's unit cell: the first unit together with (会同) the second.
_JOINTLY = re.compile(r"([\u4e00-\u9fff]{1,10}[处局科室厅處廳])会([\u4e00-\u9fff]{2,12})")


def _units_line(text: str) -> str:
    """The last line of a row's text when it names units and nothing else, without a label
    ("市应急管理局、市消防救援支队"), below the row's own line; "" when there is none."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    if len(lines) < 2 or len(lines[-1]) > 80 or not _units_listed(lines[-1]):
        return ""
    return lines[-1]


# A unit a row names as the subject of a clause of its own, with the part it plays and
# nothing else ("3.完善考核办法。县考核办牵头，将…纳入年度考核，县委组织部配合。", "…。县发展
# 改革委负责，各镇（街道）配合。", "县发展改革委、县财政局按职责分工负责。"): the clause is the
# names and a word of leading (牵头), answering (负责, 落实) or helping (配合, 参与, 协同…).
_CLAUSE_ROLE = re.compile(
    r"^(?P<names>[^，,。；;：:！？!?\s]{2,80}?)(?P<role>"
    + _either("牵头")
    + r"(?:"
    + _either("负责|落实")
    + r")?|(?:分别|共同|具体|"
    + _either("按职责分工|按照职责分工|按职责")
    + r")?(?:"
    + _either("负责")
    + r"(?:"
    + _either("落实")
    + r")?|"
    + _either("落实")
    + r")|(?P<helps>"
    + _either("配合|参与|协同|协助|协办")
    + r"))$"
)
# The name of a unit in such a clause: a body of the county by the word that ends its name
# (局, 委, 办, 中心, 政府…), or all the towns (各镇（街道）, 各乡镇); not people (干部, 领导),
# nor words of the sentence around it (要, 已, 将, 的, 工作, 全部…).
_CLAUSE_UNIT = re.compile(
    r"^(?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff、]{1,12}[）)]){1,24}?"
    + f"(?:{_tw('局|委|办|队|会|院|中心|政府|办事处|街道|公司|集团|部|所|站|处|室|厅|署|社|联')}"
    + f"|{_tw('馆|组|园|开发区|镇|乡|银行|支行|农商行')})$"
    r"|^各(?:镇|乡镇|镇街|镇区|街道|乡|板块)(?:[（(][^（()）]{1,12}[）)])?$"
)
_NOT_A_UNIT = re.compile(
    r"^(?:全|本|其|该|此|各(?!镇|乡|街道|板块))|干部|领导|群众|人员|个人|同志|工作|任务|事项|项目|以上|全部"
    r"|[的要已把在也须了]|应(?!急)|(?<!自)由|(?<=.)[将并均都]"
)  # (县应急管理局, 自由贸易试验区, 均安镇, 都江街道: words of a sentence in a name)
# A unit given the row's work by a verb of its own after its part ("县住建局负责做好…",
# "县发展改革委牵头做好…", "由县教育局负责抓好…", an order "县卫健委要牵头推进…"): the names, an
# order's word, the part (牵头, 负责), then the work; not a relative or a noun the part opens
# ("县住建局负责的…", "负责人", "牵头单位", "负责制").
_CLAUSE_GIVEN = re.compile(
    r"^(?:同时|其中|此外|另外|并|同時|並)?(?:今年|明年|年内|年內|全年|下一步|下步|近期)?[，,]?"
    r"(?:(?:此项|该项|这项|此項|該項|這項)?(?:工作|任务|任務)?由)?"
    r"(?P<names>[^，,。；;：:！？!?\s]{2,80}?)"
    + f"(?:{_tw('要|应|应当|须|必须|务必|将')})?"
    + f"(?P<role>{_either('牵头负责')}|{_either('负责牵头')}|{_either('牵头')}|{_either('负责')})"
    + f"(?!{_tw('的|人|同志|单位|部门|领导|制|任|范围|区域|片区|事项|科室|处室|股室|环节')}"
    + f"|{_tw('牵头|负责')})"
    r"(?=[\u4e00-\u9fff])"
)
# Names opened by a verb setting up a body or by a preposition ("建立县应急管理局牵头…的
# 联席会议制度", "配合县住建局…"): a mechanism, or a unit another acts on, no naming.
_NAMES_LED_IN = re.compile(
    f"^(?:{_tw('建立|健全|完善|成立|组建|构建|形成|设立|明确|确定|配合|协助|支持|督促|指导|要求|会同')})"
)
# A mechanism a sentence sets up, with the units that lead or serve it ("建立由县委网信办牵头的
# 工作机制", "建立县应急管理局牵头，各部门参与的联席会议制度", "成立由…、县政务服务中心负责日常
# 工作的领导小组"): its units are the body's, not the row's.
_SETS_UP = re.compile(
    f"(?:{_tw('建立|健全|完善|成立|组建|构建|形成|设立')})"
    r"[^。]{0,80}?的[^，,。；;、]{0,16}?"
    f"(?:{_tw('机制|制度|格局|体系|专班|小组|工作组|联席会议|模式|平台')})"
)
# A sentence that only gives a row's time limit ("完成时限：2029年底前", "（2029年6月底前完成）").
_ONLY_A_TIME_LIMIT = re.compile(
    r"^[（(]?(?:完成时限|完成时间|时间节点|完成時限|完成時間)?\s*[:：]?\s*"
    r"[^，,；;：:（()）]{0,20}?(?:前|底|内|末|完成|長期堅持|长期坚持|持续推进)[）)]?$"
)
# A work named with the unit answering for it ("由镇公路站负责的农村道路硬化项目", "由县交通局
# 牵头实施的…工程"): the unit is the row's.
_LED_WORK = re.compile(
    r"^由(?P<names>[^，,。；;：:！？!?\s]{2,30}?)"
    + f"(?:{_either('负责|牵头')})(?:{_tw('实施|建设|推进')})?的"
    + r"(?=[^，,。；;]{2,40}?(?:项目|工程|項目|行动|行動))"
)
# A clause of a slogan on how work is shared ("党委领导，政府负责，社会协同").
_LED_SLOGAN = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:领导|領導|主导|主導)$")
# A sentence reporting what is done ("县教育局已完成…", "县财政局牵头，完成了…"): its actors
# are no lead of the row.
_REPORTS = re.compile(r"已|(?<![为為除])了|累计|累計|截至|截止|目前|去年|上年")


def _unit_names(names: str) -> tuple[list[str], int]:
    """The names of units in a clause's list of them ("X、Y", "X会同Y": X first), those with
    a unit's shape, and the number of names listed."""
    if _NAMES_LED_IN.match(names):
        return [], 1
    listed = [n.strip() for n in re.split(f"、|{_either('会同')}", names)]
    return [n for n in listed if _CLAUSE_UNIT.match(n) and not _NOT_A_UNIT.search(n)], len(listed)


def _clause_given(clause: str) -> tuple[str, list[str], str] | None:
    """(the part, the names, the words giving the work) of a clause giving its work to
    units by a verb of their own ("县住建局负责做好…"), or None."""
    m = _CLAUSE_GIVEN.match(clause.strip())
    if not m:
        return None
    names, listed = _unit_names(m.group("names"))
    if not names or len(names) < listed:
        return None
    role = "lead" if re.search("[牵牽]", m.group("role")) else "answer"
    return role, names, m.group(0)


def _clause_units(clause: str) -> tuple[str, list[str]] | None:
    """(the part, the names) of a clause naming units and the part they play, or None."""
    m = _CLAUSE_ROLE.match(clause.strip())
    if not m:
        return None
    names, listed = _unit_names(m.group("names"))
    if not names or len(names) < listed and not m.group("helps"):
        return None  # (a lead's list holding words that are no unit: no lead)
    role = (
        "co"
        if m.group("helps")
        else "lead"
        if "牵" in m.group("role") or "牽" in m.group("role")
        else "answer"
    )
    return role, names


def sentence_units(text: str) -> tuple[list[str], list[str], list[str], str]:
    """The units a row names in a sentence of its own: (leads, answering units, helping
    units, the words). Read in the row's first sentence, the one after its head, and its
    last (or the one before a last that only gives the time limit, "完成时限：年底前"); never
    in a sentence that reports what is done."""
    sentences = [p for p in re.split(r"[。！？!?\n]", text) if p.strip()]
    if len(sentences) > 2 and _ONLY_A_TIME_LIMIT.match(sentences[-1].strip()):
        sentences = sentences[:-1]
    leads: list[str] = []
    answering: list[str] = []
    helping: list[str] = []
    words: list[str] = []
    for k in dict.fromkeys((0, 1, max(len(sentences) - 1, 0))):
        if k >= len(sentences) or _REPORTS.search(sentences[k]):
            continue
        sentence = sentences[k]
        if (mechanism := _SETS_UP.search(sentence)) is not None:
            sentence = sentence[: mechanism.start()] + sentence[mechanism.end() :]
        clauses = re.split(r"[，,；;：:]", sentence)
        if any(_LED_SLOGAN.match(c.strip()) for c in re.split(r"[，,；;：:、]", sentences[k])):
            continue  # "坚持党委领导，县政府负责，部门协同": how work is shared, in general
        found = []
        for clause in clauses:
            if (named := _clause_units(clause)) is not None:
                found.append((clause.strip(), *named))
            elif (given := _clause_given(clause)) is not None:
                # "县住建局负责做好…": the words giving the work, without the work
                found.append((given[2], *given[:2]))
            elif (led := _LED_WORK.match(clause.strip())) is not None and (
                names := _unit_names(led.group("names"))[0]
            ):
                # "由镇公路站负责的农村道路硬化项目": the work, and the unit answering for it
                found.append((led.group(0), "answer", names))
        if not any(role != "co" for _c, role, _n in found):
            continue  # (units helping, "各镇（街道）配合", name no lead)
        for clause, role, names in found:
            {"lead": leads, "answer": answering, "co": helping}[role].extend(names)
            words.append(clause)
        break
    return leads, answering, helping, "；".join(words)


# The marks a table sets before its lead among the units of a row ("★财政局、税务局").
_LEAD_STARS = ("★", "☆")


def named_units(text: str) -> tuple[str, list[str], str, str]:
    """(lead, co-operating units, leader, the words) that a text names itself."""
    leads: list[str] = []
    co: list[str] = []
    answerable: list[str] = []  # 责任单位: the lead when no 牵头 is named
    leader = ""
    words = []
    named = _NAMED.finditer(text)
    if "为" in text or "為" in text:
        named = itertools.chain(named, _NAMED_AS.finditer(text))
    for m in named:
        role, names = m.group("role").translate(_SIMPLIFIED), _names(m.group("names"))
        words.append(m.group(0).strip())
        if role in LEAD_ROLES:
            leads += names
        elif role in LEADER_ROLES:
            leader = leader or "、".join(names)
        elif role in (
            "责任单位",
            "责任部门",
            "责任科室",
            "责任处室",
            "责任股室",
            "承办单位",
            "承办部门",
            "落实单位",
            "落实部门",
        ):
            answerable += names
        else:
            co += names
    if not leads and not answerable:
        m = _LEADS.search(text)
        if m:
            words.append(m.group(0))
            leads = _names(m.group("lead"))
            co += _names(m.group("co") or "")
        elif (m := _ANSWERING.search(text)) or (
            ("负责" in text or "負責" in text or "第一" in text)
            and (m := _LISTED_ANSWERING.search(text))
            and _UNIT_CELL.match(_split_names(m.group("lead"))[0].strip())
        ):
            words.append(m.group(0))
            answerable = _names(m.group("lead"))
        elif "分工" in text and (m := _SHARED_OUT.search(text)):
            words.append(m.group(0).strip())
            leads = _names(m.group("lead"))
            co += _names(m.group("co") or "")
        elif ("由" in text) and (m := _LED_PAIR.search(text)):
            words.append(m.group(0))
            leads = _names(m.group("lead"))
            co += _names(m.group("co"))
        elif ("牵头" in text or "为主" in text or "為主" in text) and (m := _LED_BY.search(text)):
            words.append(m.group(0))
            leads = _names(m.group("lead"))
        elif ("会同" in text or "會同" in text) and (m := _LED_WITH.search(text)):
            words.append(m.group(0))
            leads = _names(m.group("lead"))
            co += _names(m.group("co"))
        elif "由" in text and (m := _LED_BY_UNIT.search(text)):
            words.append(m.group(0))
            leads = _names(m.group("lead"))
    if not leads and not answerable and (units := _units_line(text)):
        # "(1)会同…培训。" then "市应急管理局、市消防救援支队" on a line of its own: a list
        # flattened one cell a line without its header; the first unit leads.
        words.append(units)
        answerable = _names(units)
    if not leads and not answerable and (said := sentence_units(text))[3]:
        # "县考核办牵头，将…，县委组织部配合。": the units a sentence of the row names.
        leads, answerable, helping, sentence_words = said
        co += helping
        words.append(sentence_words)
    if not leads and (led := [n for n in answerable if re.search(r"(?:牵头|牽頭)$", n)]):
        # "责任单位：县扶贫开发办牵头，县教育和体育局…参加": the unit marked as leading.
        leads = [re.sub(r"(?:牵头|牽頭)$", "", led[0])]
        answerable = [n for n in answerable if n != led[0]]
    if not leads and (starred := [n for n in answerable + co if n.startswith(_LEAD_STARS)]):
        # "责任单位：★财政局、税务局": the unit a table marks with a star leads.
        leads = [starred[0]]
        answerable = [n for n in answerable if n != starred[0]]
        co = [n for n in co if n != starred[0]]
    if not leads:
        leads, answerable = answerable[:1], answerable[1:]
    leads, answerable, co = (
        [n.lstrip("".join(_LEAD_STARS)) for n in names] for names in (leads, answerable, co)
    )
    lead = leads[0] if leads else ""
    others = [n for n in leads[1:] + answerable + co if n != lead]
    return lead, list(dict.fromkeys(others)), leader, "；".join(words)


def _without_unit_clauses(title: str, words: str) -> str:
    """A row's head without the clauses at its start or end that named its units
    ("县住建局牵头，推进城区停车场建设" → 推进城区停车场建设); the head itself when nothing else
    is left."""
    said = set(words.split("；"))
    clauses = re.split(r"([，,；;])", title)
    parts = [
        (clauses[k], clauses[k + 1] if k + 1 < len(clauses) else "")
        for k in range(0, len(clauses), 2)
    ]
    while len(parts) > 1 and parts[0][0].strip() in said and _clause_units(parts[0][0]):
        parts = parts[1:]
    while len(parts) > 1 and parts[-1][0].strip() in said and _clause_units(parts[-1][0]):
        parts = parts[:-1]
    if (given := _clause_given(parts[0][0])) and given[2] in said:
        # "县自然资源局负责做好耕地占补平衡工作": the work, without the words giving it out
        rest = parts[0][0].strip()[len(given[2]) :]
        parts[0] = (rest, parts[0][1])
    return "".join(c + sep for c, sep in parts).strip().rstrip("，,；;").strip() or title


def heading_lead(title: str) -> str:
    """The lead a section heading names for its items, if any."""
    lead, _co, _leader, _words = named_units(title)
    if lead:
        return lead
    m = _HEADING_LEAD.match(title)
    return m.group("lead").strip() if m else ""


def without_units_note(text: str) -> str:
    return _UNITS_NOTE.sub("", text).strip()


def suggest_lead(item: Item, rules: Iterable[LeadRule]) -> None:
    """The first rule (in table order) whose keyword is in the item's title; failing
    that, the first whose keyword is in its text. Only for items that name no unit."""
    if item.named_lead:
        return
    rules = list(rules)
    for zone, text in (("title", item.title), ("text", item.text)):
        for rule in rules:
            if rule.keyword and rule.keyword in text:
                item.lead_unit, item.lead_unit_code = rule.unit_name, rule.unit_code
                item.keyword, item.keyword_in = rule.keyword, zone
                return


_NOTE_LINE = re.compile(
    r"\n\s*(?:[（(〔\[][^\n]*(?:单位|部门|牵头|负责)[^\n]*[）)〕\]]"
    # "落实单位：县委宣传部、县建设局…" on a line of its own closing a group of activities
    r"|(?:落实|落實)(?:单位|單位|部门|部門)\s*[:：][^\n]+)\s*$"
)


# An inspection's finding that a point is in order ("该点位文明创建工作整体良好。"): the
# point heading it is no work to do, nor the lines under it saying what is in place.
_IN_ORDER = re.compile(
    r"^(?:该|此|本|該)?(?:点位|點位|单位|單位|场所|場所|小区|小區|社区|社區)?[^。\n，,]{0,16}?"
    r"(?:整体良好|总体良好|情况良好|整體良好|總體良好|情況良好|未发现(?:明显)?问题|未發現(?:明顯)?問題)"
    r"\s*[。；;]?\s*$"
)


# A news report, by its dateline ("中宏网内蒙古9月2日电", "本报讯", "（记者 …）"), and what a
# paragraph of it reports done ("目前，已受理…", "1-8月，…催办…", "保证了…").
_NEWS_DATELINE = re.compile(
    r"^[^，,。；;]{0,24}?(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*电|本报讯|本報訊|[（(]\s*记者|[（(]\s*記者)"
)
_REPORTED = re.compile(
    r"已|(?<![为為])了|截至|截止|目前|今年以来|今年以來|\d{1,2}\s*[-—–至]\s*\d{1,2}\s*月"
)
# What a record of work done says was done ("实现了…", "累计收到…85条", "截至目前…", "已建成…",
# "共开展…"), and what binds a row to work ahead ("力争…", "年底前…", "将于…", "下一步…").
_DONE = re.compile(
    r"已(?!于?\s*\d)|(?<![为為除])了(?![解如])|累计|累計|截至|截止|共计|共計"
    r"|(?:^|[，,。；;])共(?:\S{0,6}?)\d"
)
_AHEAD = re.compile(
    r"力争|力爭|争取|爭取|计划|計劃|拟|擬|下一步|下步|将于|將於|将要|將要|预计|預計|目标|目標"
    r"|将(?:继续|繼續|进一步|進一步|加快|全面|持续|持續|着力|著力|重点|重點|积极|積極|大力)"
    r"|要(?:进一步|進一步|加快|持续|持續|全面|坚持|堅持|切实|切實|着力|著力|大力|继续|繼續)"
    r"|(?:19|20)\d{2}\s*年(?:底|末|前|内|內)|到\s*(?:19|20)\d{2}\s*年|\d{4}\s*年\s*\d{1,2}\s*月\s*底"
)


def _records_done(items: list[Item]) -> bool:
    """The part only records work done (a street's 林长制 做法: "(一)构建…体系…。(二)…实现了…
    “打早、打小”。(三)…截至目前累计…85条"): three or more rows, none naming who leads, none
    binding itself to work ahead (a time limit, 力争, 将于, a year to reach), and two in
    three telling what was done."""
    if len(items) < 3 or any(i.named_lead for i in items):
        return False
    if any(_AHEAD.search(i.text) or _TIME_LIMIT_WORDS.search(i.text) for i in items):
        return False
    return sum(bool(_DONE.search(i.text)) for i in items) * 3 >= len(items) * 2


_MONTH_REPORT = re.compile(
    r"现将[^。：:]{0,60}?(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月份?[^。：:]{0,30}?"
    r"(?:通报|通報|报告|報告)如下"
)


def _found_in_order(item: Item) -> bool:
    """The item is a point an inspection found in order: its first line under its head says
    so."""
    lines = [line.strip() for line in item.text.split("\n") if line.strip()]
    return len(lines) >= 2 and bool(_IN_ORDER.match(lines[1]))


def share_group_note(items: list[Item]) -> None:
    """A note on a line of its own after a group of rows ("(1)…(4)" then "（责任单位：…）")
    names the units of every row of the group that names none."""
    for k, item in enumerate(items):
        if not item.named_lead or not _NOTE_LINE.search(item.text):
            continue
        j = k - 1
        while j >= 0 and not items[j].named_lead and items[j].heading == item.heading:
            before = items[j]
            before.named_lead, before.named_co = item.named_lead, list(item.named_co)
            before.lead_unit, before.unit_words = item.named_lead, item.unit_words
            j -= 1


def read_units(item: Item, section_lead: str) -> None:
    """The units the item names (or its heading names for it), and its head without
    the note that named them."""
    lead, co, leader, words = named_units(item.text)
    if not lead and section_lead:
        lead, words = section_lead, f"{section_lead}牵头"
    item.named_lead, item.named_co, item.named_leader, item.unit_words = lead, co, leader, words
    if lead:
        item.lead_unit = lead
    item.title = without_units_note(item.title) or item.title
    if lead and words:
        item.title = _without_unit_clauses(item.title, words)
    if (
        lead
        and item.title.startswith("由")
        and ((m := _LED_PAIR.search(item.text)) or (m := _LED_BY.match(item.text)))
    ):
        # "由省经贸委负责,…配合,加快省级…基地建设。": the row's head is the work after the
        # words giving it out.
        head = re.split(r"[，,。；;]", item.text[m.end() :].lstrip("，, "), maxsplit=1)[0]
        if len(head.strip()) >= 2:
            item.title = head.strip()


# ---------------------------------------------------------------------------------------
# The whole


def _year(text: str) -> int | None:
    """The year the document speaks of most, deadlines ("到2027年", "2025年底") aside:
    a plan's horizon is not the year it was written."""
    years = Counter(
        int(y)
        for y in re.findall(
            r"(?<![\d到至])(?<!到 )(?<!至 )((?:19|20)\d{2})\s*年(?!\s*(?:底|末|前))"
            # (not "对2020年已达标的…进行提档升级": a year of what is done already)
            r"(?!\s*(?:已|以来|已经))",
            text,
        )
    )
    if not years:
        return None
    top = max(years.values())
    return min(y for y, n in years.items() if n == top)


# A page's own record of the document: "发文日期 | 2029-03-02", "成文日期：2024年3月8日".
# A page's time stamp above a news text: "2016-03-31 10:03:06 來源:…", "时间:2022-04-09 08:27",
# or a labelled day alone, "发布时间:2017-05-16 信息来源:政府办".
# A labelled stamp may give the day alone: "发布时间:2017-05-16 信息来源:政府办".
_PAGE_STAMP = re.compile(
    r"^(?:(?:时间|時間|发布时间|發佈時間|發布時間)\s*[:：]\s*(?P<year>(?:19|20)\d{2})-\d{1,2}-\d{1,2}(?:\s|$)"
    # the office that put the text up and the day ("岳阳县人民政府办公室 2016-4-13")
    r"|[\u4e00-\u9fff]{2,24}(?:办公室|辦公室|人民政府|政府|局|委员会|委員會)\s+"
    r"(?P<issued>(?:19|20)\d{2})-\d{1,2}-\d{1,2}\s*$"
    r"|(?P<stamped>(?:19|20)\d{2})-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"
    # a news page's stamp written day first, "13.03.2015  07:51"
    r"|\d{1,2}\.\d{1,2}\.(?P<dotted>(?:19|20)\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*$)"
)
# A labelled stamp with its time of day that the lines' joining ran into the titles above it,
# ending their line ("…分工的意见时间:2019-01-23 08:59:39"; not a time in a sentence).
_STAMP_RUN_IN = re.compile(
    r"(?<=[\u4e00-\u9fff》”)）])(?:发布时间|發佈時間|發布時間|时间|時間)\s*[:：]\s*"
    r"(?P<year>(?:19|20)\d{2})-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*$"
)
# The same stamp among the other fields of a record line ("阅读次数: 信息来源:木塔乡人民政府
# 发布时间: 2025-09-25 08:35"), or a forum's stamp of a post ("本帖最后由 X 于 2019-2-12 16:07
# 编辑", "发表于 2021-6-23 16:13:15").
_STAMP_IN_LINE = re.compile(
    r"(?:^|\s)(?:(?:发布时间|發佈時間|發布時間|时间|時間)\s*[:：]\s*|(?:发表于|發表於|于|於)\s+)"
    r"(?P<year>(?:19|20)\d{2})-\d{1,2}-\d{1,2}(?:\s|$)"
)
_PAGE_DATE = re.compile(
    r"(?:发文日期|成文日期|发布日期|印发日期|發文日期|成文日期|發布日期)\s*[|｜:：]?\s*"
    r"(?P<year>(?:19|20)\d{2})\s*[-./年]\s*\d{1,2}"
)


# The date a stored page carries as a field before its text (" date 2026-03-06 十四届…").
_FIELD_DATE = re.compile(r"^\s*date\s+(?P<year>(?:19|20)\d{2})-\d{1,2}-\d{1,2}(?!\d)")


def _field_year(paragraphs: list[str]) -> int | None:
    """The year of the date field a stored page opens with: the page's own, before the
    years its body speaks of ("…比2020年翻一番" is no year of the text)."""
    if paragraphs and (m := _FIELD_DATE.match(paragraphs[0])):
        return int(m.group("year"))
    return None


def _page_year(paragraphs: list[str]) -> int | None:
    """The year of the date a page prints above the text (发文日期, 成文日期), for a text
    that names no year of its own."""
    for para in paragraphs[:12]:
        if m := _PAGE_DATE.search(para) or _PAGE_STAMP.match(para.strip()):
            return int(
                m.group("year") or m.group("stamped") or m.group("dotted") or m.group("issued")
            )
        if len(para) <= 100 and (m := _STAMP_IN_LINE.search(para) or _STAMP_RUN_IN.search(para)):
            return int(m.group("year"))
    return None


# A year a title names ("2025年…工作要点").
_TITLE_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*(?:年"
    # "镇原县2024工作报告": a year before what the text is, its 年 left out
    r"|(?=(?:度)?[\u4e00-\u9fff]{0,6}?(?:工作报告|工作要点|工作计划|工作安排|工作方案|实施方案|民生实事)))"
)


# A 文号 right after the title of another text it belongs to ("根据《国务院关于…的意见》
# (国发〔2012〕39号)"): cited, not the text's own.
_CITED = re.compile(r"》\s*[（(]?\s*$")


def document_date(title: str, paragraphs: list[str]) -> tuple[int | None, dt.date | None, str]:
    """(the year the title, date line or 文号 gives, the date line's date, the 文号)."""
    issued_on = None
    for para in reversed(paragraphs):
        m = DATE_LINE.match(para.strip())
        if m:
            try:
                issued_on = dt.date(*(int(m.group(k)) for k in ("year", "month", "day")))
            except ValueError:
                continue
            break
    numbers = [
        (m, bool(_CITED.search(p, 0, m.start())))
        for p in paragraphs[:6]
        for m in DOC_NUMBER.finditer(p)
    ]
    own = next((m for m, cited in numbers if not cited), None)
    number = own or (numbers[0][0] if numbers else None)
    in_title = _TITLE_YEAR.search(title)
    year = (
        int(in_title.group(1))
        if in_title
        else issued_on.year
        if issued_on
        else int(own.group("year"))
        if own
        else None
    )
    return year, issued_on, number.group(0) if number else ""


def cited_year(paragraphs: list[str]) -> int | None:
    """The year of the first 文号 the opening paragraphs cite after another text's title: a
    text that gives no year of its own is most often of its source's."""
    for p in paragraphs[:6]:
        for m in DOC_NUMBER.finditer(p):
            if _CITED.search(p, 0, m.start()):
                return int(m.group("year"))
    return None


# What is left of a decimal heading's number ("1.1 发展目标" read as row 1, "1 发展目标").
_DECIMAL_MARK = re.compile(r"^\d{1,2}(?:[.．]\d{1,2})*\s+")
# A plan's span in its title: "三年行动方案（2024—2026年）", "2023-2025年行动计划".
_TITLE_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]\s*((?:19|20)\d{2})\s*年?")
# A figure for every year, month or quarter ("每年盘活…不少于2000亩", "年均增长5%"): no
# single deadline.
_RECURRING = re.compile(r"每年|每年度|年均|每月|每季度|每半年|逐年|每一年")
_OF_THE_YEAR = re.compile(r"(?:本年度|年度|全年)(?!均)")


# The year whose work a text plans, as it names it: "2025年工作安排", "2026年政府工作任务",
# "2024年度工作计划", "2022年全面推进乡村振兴重点工作", "2023年民生实事项目".
_PLANNED_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年度?\s*[\u4e00-\u9fff]{0,10}?"
    rf"(?:{_tw('工作安排|工作要点|工作计划|重点工作|工作任务|预期目标|主要目标|民生实事|实事项目|经济社会发展')})"
    # "2009年是应对严峻经济形势…的重要一年": the year a plan opens on.
    r"|(?<!\d)((?:19|20)\d{2})\s*年是[^。；;]{0,60}?(?:关键|重要|开局|攻坚|决胜|收官|起步)[^。；;，,]{0,4}?(?:之年|一年)"
)
# "2022年新创产业园区3个，力争…": the year whose new work a sentence counts, when it
# reports nothing done.
_NEW_WORK_YEAR = re.compile(
    r"(?<![\d到至])((?:19|20)\d{2})\s*年\s*(?:新创|新建|新增|新培育|新引进|新开工|新打造)"
    r"(?=[^。；;]*?\d)(?![^。；;]*(?:已|累计|累計|完成了|同比))"
)


def _without_signature(text: str) -> str:
    """A last row without the 落款 the text closes with: its date line and the issuer's
    lines above it ("…主席团" "2031年12月20日"), which name no time limit of the row."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if k and DATE_LINE.match(line.strip()):
            j = k
            while j > 1 and len(lines[j - 1].strip()) <= 30 and not _ends_sentence(lines[j - 1]):
                j -= 1
            return "\n".join(lines[:j])
    return text


# A five-year plan as a text names it: "第十四个五年规划", "第十四個五年規劃", "“十四五”规划",
# "十四五时期". From the sixth (1981—1985) on, the Nth runs from 1981 + 5 (N − 6).
_FIVE_YEAR_PLAN = re.compile(
    r"第(?P<nth>[一二三四五六七八九十]{1,3})[个個]五年(?:规划|規劃|计划|計劃)"
    r"|[“\"「]?十(?P<short>[一二三四五六七八九])五[”\"」]?"
    r"(?=规划|規劃|时期|時期|期间|期間|发展|發展|专项|專項|末)"
)
# A document the text names in 《》 (its own title, on a page that hid it).
_NAMED_DOCUMENT = re.compile(r"《([^《》]{6,80})》")


def five_year_plan(text: str) -> tuple[int, int, str] | None:
    """The first and last year of the five-year plan ``text`` names, and the words; None
    when it names none (or one before the sixth)."""
    m = _FIVE_YEAR_PLAN.search(text)
    if m is None:
        return None
    nth = (
        chinese_number(m.group("nth")) if m.group("nth") else 10 + chinese_number(m.group("short"))
    )
    if not 6 <= nth <= 30:
        return None
    first = 1981 + 5 * (nth - 6)
    return first, first + 4, m.group(0)


# A row's number, before its head.
_ROW_MARK = re.compile(
    r"^\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是])\s*"
)
# What a row gives as its time limit: a labelled limit, a closing note in brackets, a
# last clause or a sentence that is nothing but the limit ("…，长期坚持。").
_ROW_LIMIT = re.compile(
    r"(?:完成时限|完成时间|时间节点|时限)\s*[:：][^；;。\n）)]*"
    r"|[（(][^（）()\n]*[）)]\s*[。.]?\s*$"
    r"|(?<=[，,；;])[^，,；;。\n]{2,8}[。.]?\s*$"
    # a sentence of its own that is nothing but the limit ("学生体质健康优良率。持续改善。")
    r"|(?<=[。.])\s*[^，,；;。\n（(]{2,8}[。.]"
)


def _long_running_as_a_whole(text: str, year: int | None) -> bool:
    """Whether a row opened by a short head ("推动工业转型升级。焦化行业，…") is
    long-running as a whole: its head or its time limit says so (长期坚持, 持续推进 …), not
    one clause of its body going on; a cadence (每年, 常态化) anywhere in it counts. A row
    with no such head is judged on its words, as before."""
    head = _PARAGRAPH_HEAD.match(_ROW_MARK.sub("", text, count=1))
    if head is None or _CADENCE.search(text):
        return True  # a cadence of the work ("每年由区级财政安排…") is the row's
    said = "；".join([head.group("head"), *(m.group(0) for m in _ROW_LIMIT.finditer(text))])
    return item_deadline(said, year)[2]


# How often a work recurs, said anywhere in its row (not 每人每年, a rate).
_CADENCE = re.compile(
    r"(?<!每人)(?<!每户)(?<!每生)每年|每季度|(?<!每人)每月|常态化|常态开展|常态推进"
)


def planned_year(paragraphs: list[str]) -> int | None:
    """The one year whose work the text says it plans; None for none or several."""
    planned = {int(m.group(1) or m.group(2)) for p in paragraphs for m in _PLANNED_YEAR.finditer(p)}
    planned |= {
        int(m.group(1))
        for p in paragraphs
        if "年新" in p or "年 新" in p
        for m in _NEW_WORK_YEAR.finditer(p)
    }
    return planned.pop() if len(planned) == 1 else None


def period_end(
    title: str, paragraphs: list[str], issued_on: dt.date | None, planned: int | None
) -> tuple[dt.date, str] | None:
    """The end of the period the document plans for, as the document itself gives it,
    and the words that give it: the span its title names ("（2024—2026年）": the end of
    2026), else the (latest) year its title names ("2025年工作要点"), else the one year
    whose work the text says it plans ("2026年政府工作任务", "2023年民生实事项目"; the
    year of a notice dated the December before), else the year of its date line, of its
    own 文号 standing at its head (not one it cites) or of the date its page prints. None
    when it gives none: the years its body speaks of most are no period. ``planned``:
    the text's ``planned_year``."""
    if span := _TITLE_SPAN.search(title):
        first, last = int(span.group(1)), int(span.group(2))
        if first < last <= first + 10:
            return dt.date(last, 12, 31), span.group(0)
    years = [int(y) for y in _TITLE_YEAR.findall(title)]
    if (plan := five_year_plan(title)) and not any(plan[0] <= y <= plan[1] for y in years):
        # "…第十四个五年规划和2035年远景目标纲要任务分工方案": the plan's span, 2021—2025
        # (the 远景 year is no period of its indicators).
        return dt.date(plan[1], 12, 31), plan[2]
    if years:
        return dt.date(max(years), 12, 31), f"{max(years)}年"
    if planned is not None:
        return dt.date(planned, 12, 31), f"{planned}年"
    if not title:
        # A text whose title the page hid (run into its 文号, or above the addressees)
        # names the plan it divides in its opening lines ("《…第十四個五年規劃…綱要任務分工
        # 方案》已經…同意"): that plan's span.
        for para in paragraphs[:6]:
            own = [para] if len(para) <= 80 and not _ends_sentence(para) else []
            for named in own + _NAMED_DOCUMENT.findall(para[:200]):
                if plan := five_year_plan(named):
                    return dt.date(plan[1], 12, 31), plan[2]
    if issued_on is not None:
        return dt.date(issued_on.year, 12, 31), f"{issued_on.year}年"
    for para in paragraphs[:6]:
        if (m := DOC_NUMBER.search(para)) and len(para.strip()) <= len(m.group(0)) + 4:
            return dt.date(int(m.group("year")), 12, 31), m.group(0)
    if (year := _page_year(paragraphs)) is not None:
        return dt.date(year, 12, 31), f"{year}年"
    return None


# The readers of tables and records, in the order they rewrite a text before its lines
# are joined.
_TABLE_READERS = (
    task_cards,
    led_paragraphs,
    field_records,
    labelled_blocks,
    category_tables,
    headerless_tables,
    run_together_tables,
    labelled_records,
    scored_tables,
    led_project_tables,
    run_together_progress_tables,
    progress_tables,
    unflatten_tables,
    project_tables,
    numbered_tables,
    unnumbered_tables,
    leader_first_tables,
    separated_tables,
    renumbered_rows,
    announced_lines,
    paired_works,
)


# A figure set apart from the words around it by spaces, as some pages print Latin
# characters in Chinese text ("完成 90%流域…", "新增完成 1967 个以上", "湛江市 2024 年").
_SPACE_BEFORE_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff“”（(，,、：:；;]) (?=\d)")
_SPACE_AFTER_FIGURE = re.compile(r"(?<=[\d%％]) (?=[\u4e00-\u9fff])")


# Text pasted from a PDF or a page set with justified spacing, its lines joined where
# they were broken: a space inside a word ("湿地保有量达 到520 万公顷", "控制 在"). A space
# between two characters may also set real items apart ("…工作 认真抓好…"), so only the
# words the figures are read by (达到, 控制在, 以上, 力争…) are joined back across one.
_READ_BY = [p for p in _PREFIXES if len(p) >= 2 and not p.isascii()] + _tw(
    "以上|以内|之内|以下|左右|力争|确保|争取|努力|目标|计划|预期"
).split("|")
_SPLIT_WORD = re.compile(
    "|".join(
        sorted(
            {
                re.escape(w[:k]) + r"[ \t]" + re.escape(w[k:])
                for w in _READ_BY
                for k in range(1, len(w))
            },
            key=len,
            reverse=True,
        )
    )
)
_SPACE_IN_WORDS = re.compile(r"[\u4e00-\u9fff][ \t][\u4e00-\u9fff]")
# Full stops written as Latin ones ("…走在全国前列.粮食生产…"), as a PDF's text layer may
# give them: on a line holding no "。" and two or more such stops after a character (not a
# numeral, "一.总体要求" being a heading), they are full stops.
_LATIN_STOP = re.compile(
    r"(?<=[\u4e00-\u9fff”’])(?<![一二三四五六七八九十])\.(?=[ \t]*(?:[\u4e00-\u9fff“‘—―]|$))"
)
# A plan's goals run together in one paragraph, each opening on a dash ("――现代农业发展走在
# 全国前列.…. ――生态环境质量总体改善.…"; ―― the horizontal bar doubled for ——): a line
# each, as the plan sets them; a page number the run opens on ("7 ――…") is dropped.
_DASH_POINT = re.compile(r"(?<=[。；;！!])[ \t\u3000]*(?=——(?!—))")
_PAGE_NUMBER_BEFORE_DASH = re.compile(r"^[ \t]*\d{1,3}[ \t]+(?=——(?!—))")
_DASH_OPENS = re.compile(r"^[ \t\u3000]*(?:\d{1,3}[ \t]+)?——(?!—)")


def pdf_spacing(text: str) -> str:
    """The text with the marks of a PDF's text layer set right: words split by a space
    joined back (those the figures are read by), Latin full stops as full stops, and
    dash-led goals run together on one line a line each."""
    if "." in text:
        text = "\n".join(
            _LATIN_STOP.sub("。", line)
            if "。" not in line and len(_LATIN_STOP.findall(line)) >= 2
            else line
            for line in text.split("\n")
        )
    if "――" in text:
        text = text.replace("――", "——")
    if "——" in text:
        text = "\n".join(
            _DASH_POINT.sub("\n", _PAGE_NUMBER_BEFORE_DASH.sub("", line))
            if len(_DASH_POINT.findall(line)) + bool(_DASH_OPENS.match(line)) >= 2
            else line
            for line in text.split("\n")
        )
    if _SPACE_IN_WORDS.search(text):
        text = _SPLIT_WORD.sub(lambda m: re.sub(r"[ \t]", "", m.group(0)), text)
    return text


# A page stored with its markup ('<p class="ql-block">1.…</p> <p class="ql-block">2.…</p>'):
# each paragraph, heading, item or break tag ends a line; other tags are dropped.
_HTML_BLOCK = re.compile(r"</?(?:p|h[1-6]|li|div|br|tr)(?:\s[^<>\n]{0,200})?/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^<>\n]{0,200})?/?>")


def without_markup(text: str) -> str:
    """The text of a page stored with its HTML tags: a line for each block."""
    text = _HTML_BLOCK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", text.replace("&nbsp;", " "))


# A paragraph of works whose units are named in notes closing each of its parts ("(一)增强创新
# 驱动发展能力。推进…政策体系(分管副省长、协管副秘书长负责,省科技厅牵头。…下同)。在…。落实…政策
# (…,省科技厅、省发改委…等负责。列第一位的为牵头部门,…),建设一批众创空间(…,省科技厅牵头)。"):
# each note closes a row of the works before it, back to the note before.
_NOTED_HEAD = re.compile(
    r"^(?P<head>(?:[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、])[^。；;！？!?（()）]{2,30}。)(?P<body>.+)$"
)
_CLOSING_NOTE = re.compile(
    r"[（(](?P<words>[^（()）]{0,160}?(?:牵头|牽頭|负责|負責)[^（()）]{0,120})[）)](?P<after>[。，,；;]?)"
)
# The leaders a note names first ("分管副省长、协管副秘书长负责,"): they answer, no unit does.
_LEADERS_FIRST = (
    r"[^（()）,，。；;]{0,24}?(?:省长|市长|县长|縣長|区长|區長|秘书长|秘書長)负责[,，]\s*"
)
_LEADERS_CLAUSE = re.compile("^" + _LEADERS_FIRST)
# (in a note of one row, before the units it names)
_LEADERS_NOTE = re.compile(
    r"([（(])" + _LEADERS_FIRST + r"(?=[^（()）]{0,200}?(?:牵头|牽頭|负责|負責))"
)


def noted_works(paragraphs: list[str]) -> list[str]:
    out = []
    for para in paragraphs:
        m = _NOTED_HEAD.match(para)
        notes = list(_CLOSING_NOTE.finditer(m.group("body"))) if m else []
        body = m.group("body") if m else ""
        # two notes at least, each after works of its own, the first with text after it
        if (
            len(notes) < 2
            or not all(_LEADERS_CLAUSE.match(n.group("words")) for n in notes)
            or notes[0].end() >= len(body)
        ):
            # a note of one row still names its leaders first: no unit of the row
            out.append(_LEADERS_NOTE.sub(r"\1", para))
            continue
        out.append(m.group("head"))
        start = 0
        for k, note in enumerate(notes, 1):
            works = body[start : note.start()].strip("。，,；; ")
            # (what the note explains after its units, "。列第一位的为牵头部门,…", is left out)
            words = _LEADERS_CLAUSE.sub("", note.group("words")).partition("。")[0]
            out.append(f"{k}.{works}（{words}）。")
            start = note.end()
        if rest := body[start:].strip():
            out.append(f"{len(notes) + 1}.{rest}")
    return out


# A 督查通报 quoting the items of a meeting it found lagging, each after the units that
# carry it ("如县发改局负责的“严格落实…计划。”截至目前,…；县自然资源局、县水利局负责的“…”"):
# each quoted item is a row of those units (the first leads), what follows it its report.
_QUOTED_WORK = re.compile(
    r"(?P<units>(?:[\u4e00-\u9fff（()）]{2,20}?(?:局|委|办|辦|中心|政府|部|院|所|站|公司|管委会)"
    r"[、和]?){1,6}?)(?<![、和])(?:负责|負責|牵头|牽頭)的\s*“(?P<work>[^“”]{8,160}?)”"
)
_UNIT_LEFT_OF = re.compile(r"^(?:如|例如|其中|由|以及|及|和|与|[，,；;：:\s])+")


def quoted_works(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """The paragraphs with each quoted item as a row of the units before it, and the
    rows' titles: the quoted item's first sentence, whole however long ("加快农村公路提档
    升级，实施…，确保10月底前完成路面硬化")."""
    out, heads = [], []
    for para in paragraphs:
        found = [
            m
            for m in _QUOTED_WORK.finditer(para)
            if m.group("work").rstrip().endswith(("。", "；", ";")) or len(m.group("work")) >= 12
        ]
        if len(found) < 2:
            out.append(para)
            continue
        if head := para[: found[0].start()].strip():
            out.append(head)
        for k, m in enumerate(found, 1):
            units = _UNIT_LEFT_OF.sub("", m.group("units"))
            end = found[k].start() if k < len(found) else len(para)
            report = para[m.end() : end].strip()
            work = m.group("work").strip().rstrip("。；;")
            out.append(f"{k}.{work}（责任单位：{units}）。{report}")
            heads.append(re.split(r"[。；;！？!?]", work, maxsplit=1)[0].strip())
    return out, heads


# A 分工方案 a page ran onto one line, each row's works closed by its record (" 分管领导:NAME
# 部门分工:省工业和信息化厅牵头,…等配合。"): the rows, numbered, their records below them.
_SHARE_RECORD = re.compile(
    r"\s(?P<leader>分管(?:省|市|县|区)?领导[:：]\s*[^\s:：]{1,40})\s+"
    r"(?P<share>部门分工[:：][^。\n]{2,200}。)"
)
_ROW_OPENS = re.compile(r"[:：。]\s+")


def shared_out_rows(paragraphs: list[str]) -> list[str]:
    out = []
    for para in paragraphs:
        records = list(_SHARE_RECORD.finditer(para)) if len(para) > 200 else []
        if not records:
            out.append(para)
            continue
        opens = [m.end() for m in _ROW_OPENS.finditer(para, 0, records[0].start())]
        start = opens[-1] if opens else 0
        if para[:start].strip():
            out.append(para[:start].strip())
        for k, rec in enumerate(records, 1):
            out += [
                f"{k}.{para[start : rec.start()].strip()}",
                rec.group("leader"),
                rec.group("share"),
            ]
            start = rec.end()
        if rest := para[start:].strip():
            out.append(f"{len(records) + 1}.{rest}")
    return out


# A comma a page doubled or set before another mark (",,", ",、", ",。"): no mark of the text.
_STRAY_COMMA = re.compile(r",(?=[,，、。])")


def decompose(text: str, rules: Iterable[LeadRule] = DEFAULT_RULES) -> Decomposition:
    """Decompose a policy text (already decoded) into sections, items and targets."""
    if not text or not text.strip():
        raise DecompositionError(_("The document is empty."))
    text = without_jammer(
        _ROMANISED.sub("", _EMOJI.sub("", realigned(text).translate(_FULLWIDTH_DIGITS)))
    )
    text = pdf_spacing(text)
    if ",," in text or ",。" in text or ",、" in text:
        # "…項目,,整合交通、扶貧,、一事一議…,。": a page's marks doubled, the comma a stray
        text = _STRAY_COMMA.sub("", text)
    if "；" in text or ";" in text:
        text = _ROLE_SEMICOLON.sub(r"\1：", text)
    if "<" in text and len(_HTML_BLOCK.findall(text, 0, 20000)) >= 2:
        text = without_markup(text)
    if "•" in text or "●" in text or "▪" in text or "·" in text:
        text = _PAGE_BULLET.sub(r"\1", text)
    for read in _TABLE_READERS:
        text = read(text)
    if "：" in text:
        text = labelled_works(text)
    paragraphs = join_lines(repeated_summary(text))
    if not paragraphs:
        raise DecompositionError(_("The document is empty."))
    paragraphs = [p for p in site_notes(attachment_lists(paragraphs)) if not page_chrome(p)]
    if any("、" in p[:3] or "。" in p for p in paragraphs):
        paragraphs = run_in_parts(paragraphs)
    if any("部门分工" in p for p in paragraphs):
        paragraphs = shared_out_rows(paragraphs)
    if any(("负责" in p or "負責" in p) and "长负责" in p for p in paragraphs):
        paragraphs = noted_works(paragraphs)
    quoted_heads: list[str] = []
    if any("负责的“" in p or "負責的“" in p for p in paragraphs):
        paragraphs, quoted_heads = quoted_works(paragraphs)
    title, author, affiliation, first = split_header(paragraphs)
    if _NO_TITLE.match(title.strip()):
        title = _kind_title(paragraphs) or title
    if not title and first < len(paragraphs) and (run_on := _RUN_ON_TITLE.match(paragraphs[first])):
        title = run_on.group(0)  # "关于…的通报为切实推进…": the page ran its title into the body
    joined = "\n".join(paragraphs)
    offsets = []
    position = 0
    for p in paragraphs:
        offsets.append(position)
        position += len(p) + 1
    body, body_offsets = paragraphs[first:], offsets[first:]
    sections = find_structure(
        body, body_offsets, shishi=_names_shishi(title) or any(map(_names_shishi, body[:2]))
    )
    year, issued_on, doc_number = document_date(title, paragraphs)
    planned = planned_year(paragraphs)
    if planned is not None and not _TITLE_YEAR.search(title):
        # "…票决产生了2032年民生实事项目" over a date line of December 2031: the year
        # whose work the text plans is its year.
        year = planned
    year = (
        year
        or _field_year(paragraphs)
        or _year(joined)
        or _page_year(paragraphs)
        or cited_year(paragraphs)
    )
    notice = notice_end(body, body_offsets, [i.start for s in sections for i in s.items])
    told_span = notice_points(body, body_offsets)
    # A notice of its own: it sends no document (no rows under its date line, no points
    # added to a document sent with it).
    own_notice = bool(_NOTICE_TITLE.search(title.strip())) and not notice and told_span == (0, 0)
    # The 纪要 of a meeting ("…常务会议纪要", "现将会议议定事项纪要如下："): its topics.
    minutes = bool(_MINUTES.search(title) or any(_MINUTES.search(p) for p in body[:3]))
    # A plan's goals ("一、主要目标", "二、总体目标", or under the parts that say why and
    # how, "一、总体要求" then "（二）工作目标", "（一）工作目标。到2027年…") are what it
    # commits to, not a task: their sentences commit, no row stands for reaching them.
    # (Rows under such a part that name their lead, a 分工 of the goals, stay rows.)
    goals = [
        (i.start, i.end)
        for s in sections
        for i in s.items
        if (
            GOALS.match(_DECIMAL_MARK.sub("", i.title).strip("。.：: "))
            or _GOALS_LINE.match(i.title.strip("。. "))  # "经济社会发展预期目标"
            or _GOALS_AND_WORK.match(i.title.strip("。. "))
            or _GOALS_SET.match(i.title.strip("。. "))  # "二、确定总体奋斗目标"
            or _opens_on_goals(i)
            or _points_of_figures(i)
        )
        and not i.named_lead
    ]
    # A plan's goals set out over dashes, a short head each ("——生态环境质量总体改善。…"):
    # goals, no tasks, unless they name their units.
    dashed = {body_offsets[k] for k in dash_goal_runs(body)}
    goals += [
        (i.start, i.end)
        for s in sections
        for i in s.items
        if i.start in dashed and not i.named_lead and not _UNIT_NOTE_IN.search(i.text)
    ]
    # The points of a part of goals ("一、主要目标", "一、2010年…主要指标" over "1、…"
    # "2、…"), those that name no unit: goals, no tasks.
    goals += [
        (i.start, i.end)
        for s in sections
        if s.rule != "implicit" and _GOALS_PART.match(s.title.strip("。. "))
        for i in s.items
        if i.title != s.title and not i.named_lead and not _UNIT_NOTE_IN.search(i.text)
    ]
    # The points under a line naming the year's expected targets ("建议全年…预期目标"
    # over "●地区生产总值增长5%以上" "●…"): its goals, no tasks.
    points, under = set(), False
    for para, offset in zip(body, body_offsets, strict=True):
        if _heads_goals(para):
            under = True
        elif under and _L6.match(para):
            points.add(offset)
        else:
            under = False
    # The paragraphs under a short one naming the goals ("主要目标是：“一保持、两提高”。"
    # over "两提高：一是…；二是…"), to the next heading or short line: their points
    # ("一是提高服务支撑能力") are the goals' parts, no tasks.
    said: list[tuple[int, int]] = []
    opened = None
    for para, offset in zip(body, body_offsets, strict=True):
        if _says_goals(para):
            opened = offset + len(para)
        elif opened is not None and (
            _level(para) or (len(para) <= 20 and not _ends_sentence(para))
        ):
            said.append((opened, offset))
            opened = None
    if opened is not None:
        said.append((opened, len(joined) + 1))
    goals += [
        (i.start, i.end)
        for s in sections
        for i in s.items
        if (i.start in points or any(a <= i.start < b for a, b in said)) and not i.named_lead
    ]
    # The numbered points a sentence introduces as goals, in its paragraph ("…工作目标如下：
    # 1.继续推进…；2.加强…"): goals, no tasks; the points after them of another kind
    # ("二、项目推进措施与计划 1.推进…（1）…") are the work.
    for s in sections:
        rule, before = None, max(0, s.start - 80)  # (the sentence may end the line above)
        for i in s.items:
            kind = re.sub(r"[\d一二三四五六七八九十]+", "N", i.rule)  # "1." and "2." alike
            if rule is not None and kind != rule:
                rule = None
            lead_text = joined[max(before, i.start - 40) : i.start]  # the words just before it
            if rule is None and _GOALS_LEAD.search(lead_text) and not i.named_lead:
                rule = kind
            if rule is not None and not i.named_lead:
                goals.append((i.start, i.end))
            before = i.end
    # A text whose opening paragraph, above its first heading, names the 实事 of a year
    # ("为扎实推进我市2017年民生工程实施工作，现将…进度通报如下："): its rows are the year's.
    opens_on_shishi = bool(
        body
        and sections
        and sections[0].start > body_offsets[0]
        and _OPENS_ON_SHISHI.search(body[0][:60])
    )
    # A report on a month's work ("现将…4月份案件办理情况通报如下"): its points are facts.
    month_report = not opens_on_shishi and any(
        _MONTH_REPORT.search(p) for p in paragraphs[: first + 4]
    )
    # A heading naming the 实事 of a year on a line of its own, or broken over two
    # ("2022年区政府要完成的与人民生活" "密切相关的实事"), above the rows: the rows after it
    # are the year's.
    shishi_heading = next(
        (
            offset
            for k, (para, offset) in enumerate(zip(body, body_offsets, strict=True))
            if _SHISHI_HEADING.match(para)
            or (
                k + 1 < len(body)
                and not _ends_sentence(para)
                and _SHISHI_HEADING.match(para + body[k + 1])
            )
        ),
        None,
    )
    reviews: set[int] = set()  # the sections of a progress report, by their start
    # A text ending on one name on a line of its own under its last row, where no other row
    # has a line of units: the issuer signing (a 落款 without its date line), no units.
    every = [i for s in sections for i in s.items]
    signed = None
    if every and (last := max(every, key=lambda i: i.start)).end >= len(joined.rstrip()) - 1:
        line = _units_line(last.text)
        if (
            line
            and len(_names(line)) == 1
            and not any(_units_line(i.text) for i in every if i is not last)
        ):
            signed = last
    news = bool(body and _NEWS_DATELINE.match(body[0].strip()))
    # A 解读 of a document ("…分工方案》政策解读", "一、出台背景"): its part headed 主要内容
    # describes the document, no task.
    reading = any("解读" in p or "解讀" in p for p in paragraphs[: first + 8]) or any(
        ABOUT_THE_DOCUMENT.search(i.title.strip("。. ")) for s in sections for i in s.items
    )
    records: list[tuple[int, int]] = []  # the rows of parts that only record work done
    for section in sections:
        section_lead = heading_lead(section.title)
        for item in section.items:
            if (kept := _without_signature(item.text)) != item.text:
                item.text, item.end = kept, item.start + len(kept)
            if item is signed:
                kept = item.text.rstrip().rsplit("\n", 1)[0]
                item.text, item.end = kept, item.start + len(kept)
            read_units(item, (item.heading and heading_lead(item.heading)) or section_lead)
            for head in quoted_heads:
                if item.text.startswith(head) and len(head) > len(item.title):
                    item.title = head  # a quoted item's title is its first sentence, whole
        share_group_note(section.items)
        told = [is_instruction(i, section.title, notice, told_span) for i in section.items]
        if minutes:
            # "会议要求，一是要进一步加强组织领导，…，各责任单位要成立专门班子。二是要…": in a
            # 纪要, an order on how to work (its first clause short and on leading, duty,
            # oversight…) that tells every unit is an instruction however far its sentence
            # runs (as a short one is); an order of work ("要加快…改造，各镇要…") is not.
            told = [
                t
                or (
                    not i.named_lead
                    and i.rule.endswith("是")
                    and i.title.startswith("要")
                    and len(head := re.split(r"[，,]", i.title, maxsplit=1)[0]) <= 16
                    and bool(_HOW_TO_WORK.search(head.translate(_PLAIN)))
                    and bool(_TO_EVERYONE.search(i.text[:300].translate(_PLAIN)))
                )
                for t, i in zip(told, section.items, strict=True)
            ]
        for k in range(1, len(told)):
            previous, item = section.items[k - 1], section.items[k]
            if (
                told[k - 1]
                and not told[k]
                and not item.named_lead
                and item.rule.endswith("是")
                and previous.rule.endswith("是")
                and previous.title.startswith("要")
                and item.title.startswith("要")
                and len(re.split(r"[，,]", item.title, maxsplit=1)[0]) <= 16
            ):
                # "一是要进一步加强组织领导，…各责任单位…" then "二是要进一步浓厚…氛围": the
                # orders that follow an order telling the units how to work tell them too.
                told[k] = True
        if len(told) >= 3 and sum(told) * 2 >= len(told):
            # Most items of the part tell the units what to do ("一、强化责任落实。…各主要
            # 责任单位要…"): its other short heads on how to work ("严格督查考核") do too,
            # unless they name the unit that does the work ("严格督办。…（责任单位：…）").
            told = [
                t
                or (
                    not i.named_lead
                    and len(i.title) <= 8
                    and not re.search(r"\d", i.title)
                    and bool(
                        _MANAGING.search(i.title.translate(_PLAIN))
                        or _TO_EVERYONE.search(i.text[:300].translate(_PLAIN))
                    )
                )
                for t, i in zip(told, section.items, strict=True)
            ]
        if own_notice and _sets_up_meetings(section.items):
            # "一、将全县重大项目纳入月调度机制…" "二、县政府每周召开周调度会…": a notice of
            # its own setting up how the work is followed, not the work.
            told = [True] * len(told)
        recorded = _records_done(section.items)
        if recorded:
            records += [(i.start, i.end) for i in section.items]
        section.items = [
            i
            for i, t in zip(section.items, told, strict=True)
            if not t
            and not PREAMBLE.match(i.title.strip("。. "))
            and not (minutes and _only_a_topic(i))
            and not ABOUT_THE_DOCUMENT.search(i.title.strip("。. "))
            and not (reading and _READING_CONTENTS.match(i.title.strip("。.：: ")))
            and not REPORT_HEADING.search(i.title.strip("。. "))
            and not _PAGE_FIELD.match(i.title)
            # (a field of the page left empty or cut from its value, "• 主题分类:", "• 标    题:")
            and not _PAGE_FIELD.fullmatch(i.title.strip() + "：")
            and not (_LOOK_BACK.search(i.title.strip("。. ")) and not i.named_lead)
            and not (not i.named_lead and _found_in_order(i))
            # (a point of a month's report, "1.基本数据:4月份…受理…2877件": a fact)
            and not (month_report and not i.named_lead and not _TIME_LIMIT_WORDS.search(i.text))
            # (a paragraph of a news report telling what was done, "一条热线接诉求。…目前，已
            # 受理企业群众诉求143978件": a result, no work)
            and not (
                news
                and not i.named_lead
                and _REPORTED.search(i.text)
                and not _TIME_LIMIT_WORDS.search(i.text)
            )
            and (i.start, i.end) not in goals
            and not recorded
            and not (_PRINCIPLES_PART.search(section.title.strip("。.：: ")) and not i.named_lead)
            and not (_PRINCIPLES.match(section.title.strip("。.：: ")) and not i.named_lead)
            and not (
                _FRAMING.match(section.title.strip("。.：: "))
                and len(i.title) <= 8
                and not re.search(r"\d", i.title)
                and not i.named_lead
            )
        ]
        # The 实事 of a year ("市政府2011年10件实事") are the year's: done by its end; so
        # are the rows a paragraph naming them introduces ("重点抓好八件民生实事。分别是：").
        above = joined[: section.start].rstrip("\n").rsplit("\n", 3)
        intro = above[-1]
        # A heading of the rows ("計劃項目主要實施內容") may stand under the short lines
        # that name them ("今年市本級為民辦實事“十大”工程").
        for line in reversed(above[-3:-1]):
            if len(line) > 40 or _ends_sentence(line):
                break
            intro = f"{line}\n{intro}"
        shishi = (
            opens_on_shishi
            or _names_shishi(title)
            or _names_shishi(section.title)
            or (section.rule == "implicit" and _names_shishi(intro))
            or any(i.rule == "实事" for i in section.items)
            or (shishi_heading is not None and section.start > shishi_heading)
        )
        yearly = year is not None and shishi
        if section.rule == "implicit" and _REPORT_INTRO.search(intro):
            reviews.add(section.start)  # rows under "主要进度如下："
        review = bool(REVIEW.search(section.title)) or section.start in reviews
        for number, item in enumerate(section.items, start=1):
            item.number, item.code = number, f"{section.number}.{number}"
            # A row of a progress report restates its task, then reports: the report's
            # dates ("上半年，引进…") are no time limit of the task.
            said = item.text[: _report_opens(item.text)] if review else item.text
            item.deadline, item.deadline_words, item.long_running = item_deadline(said, year)
            if item.long_running and not _long_running_as_a_whole(said, year):
                # "推动工业转型升级。…生物医药行业，持续推进…建设": a work whose one clause
                # goes on, not a long-running row.
                item.long_running, item.deadline_words = False, ""
            if shishi and item.deadline is None:
                # A 实事 is done within its year, however it words the work ("持续开展…
                # 筛查", "全面实施…制度"): no long-running task; by the year's end when
                # the text names the year.
                item.long_running = False
                if yearly:
                    item.deadline, item.deadline_words = dt.date(year, 12, 31), f"{year}年实事"
    # The parts of a report looking back ("一、2025年工作回顾", "■ 2024年成绩单", a heading
    # run into its first sentence): their points are results, no rows.
    looked_back = _looked_back(body, body_offsets)
    if body and (_SUMMARY_TITLE.search(title.strip()) or any(map(_SUMMARY_OPENS.search, body[:3]))):
        # A year's 总结 ("…工作情况的总结报告", "现将全年工作总结报告如下"): all of it looks
        # back, to a heading of the work ahead ("四、2026年工作打算", "下一步工作思路").
        ahead = next(
            (
                offset
                for para, offset in zip(body, body_offsets, strict=True)
                if len(para.strip()) <= 30
                and not _ends_sentence(para.strip())
                and _SUMMARY_AHEAD.search(para)
            ),
            len(joined) + 1,
        )
        looked_back.append((body_offsets[0], ahead))
    if body and _calls_for_proposals(title, body):
        # "公开征集2026年民生实事项目的公告": its time, contents, requirements and ways of
        # proposing are no work of the office.
        looked_back.append((body_offsets[0], len(joined) + 1))
    if looked_back:
        for section in sections:
            section.items = [
                i
                for i in section.items
                if i.named_lead or not any(a <= i.start < b for a, b in looked_back)
            ]
    cut = cut_off_row(sections, joined)
    sections = [s for s in sections if s.items]
    for number, section in enumerate(sections, start=1):
        section.number = number
        for item in section.items:
            item.section, item.code = number, f"{number}.{item.number}"
    items = [i for s in sections for i in s.items]
    # The items of a plan are its work: what they count, they commit to ("改建认知障碍照护
    # 床位220张"), unless a section looks back ("一、2026年工作回顾").
    # (The lead sentence of a paragraph above rows, "…实事项目总体进展情况良好", is no heading.)
    committed = [
        (i.start, i.end)
        for s in sections
        if (not REVIEW.search(s.title) or (s.rule == "implicit" and len(s.title) > 30))
        and s.start not in reviews
        and not _REPORTS_ON.search(s.title)
        for i in s.items
    ]
    # A row of a progress report that restates its targets before reporting
    # ("1.引进…项目不少于3个；…。上半年，引进…"): what it restates commits.
    committed += [
        (i.start, i.start + opens)
        for s in sections
        if REVIEW.search(s.title) or s.start in reviews
        for i in s.items
        if 0 < (opens := _report_opens(i.text)) < len(i.text)
    ]
    # A row among such rows that restates its targets and reports nothing ("2.培育…平台2家，
    # …总数达30家。支持企业…"): what it restates commits too.
    committed += [
        (i.start, i.end)
        for s in sections
        if (REVIEW.search(s.title) or s.start in reviews)
        and sum(0 < _report_opens(i.text) < len(i.text) for i in s.items) >= 2
        for i in s.items
        if _report_opens(i.text) == len(i.text) and not re.search(r"已|完成情况", i.text)
    ]
    # Rows of a report that are only the works it reports on, each with its count
    # ("新增4000张养老床位", a table whose columns of what was done are left out): what
    # they count is what the works set out to do.
    committed += [
        (i.start, i.end)
        for s in sections
        if _ON_WORKS.search(s.title)
        and len(s.items) >= 2
        and all(
            len(i.text.strip()) <= 40
            and re.search(r"\d", i.text)
            and not re.search(r"已|完成|累计|累計|实际|實際|截至|目前", i.text)
            for i in s.items
        )
        for i in s.items
    ]
    # The goals of a plan (一、主要目标) are its commitments, with or without 力争/确保.
    committed += [(s.start, s.end) for s in sections if GOALS.match(s.title.strip("。. "))]
    committed += goals
    # A goals heading alone on its line, unnumbered ("主要目标" above a paragraph of
    # figures): the paragraphs under it, to the next heading or short line, commit.
    # So do the short lines under it that hold a figure each ("地区生产总值增长5.5%以上",
    # "●城镇新增就业110万人以上"), under a heading that names the year's expected targets
    # in more words too ("建议全年经济社会发展预期目标").
    under_goals = False
    for para, offset in zip(body, body_offsets, strict=True):
        if _heads_goals(para) or (
            # "关于重大任务，《纲要（草案）》提出：": the paragraphs under it are its points
            ("提出" in para or "明确" in para or "确定" in para) and _PLAN_SETS_OUT.search(para)
        ):
            under_goals = True
        elif "目标" in para and (lead_in := _GOALS_LEAD_IN.search(para)):
            # "…努力实现以下目标：经济高质量发展，确保…" (the page joined the lines): what
            # follows the words, and the paragraphs under them, commit.
            committed.append((offset + lead_in.end(), offset + len(para)))
            under_goals = True
        elif under_goals and _GOAL_POINT.match(para):
            committed.append((offset, offset + len(para)))
        elif under_goals and (_level(para) or (len(para) <= 20 and not _ends_sentence(para))):
            under_goals = False
        elif under_goals:
            committed.append((offset, offset + len(para)))
    # A text whose title names the 实事 of a year ("县教育局部署2029年三项教育民生实事"),
    # not their progress, commits to what it counts, by the year's end.
    yearly_title = year is not None and _names_shishi(title) and not REVIEW.search(title)
    if yearly_title and body:
        committed.append((body_offsets[0], body_offsets[-1] + len(body[-1])))
    # A paragraph that lists the 实事 of a year ("这十件民生实事分别是：…；…"), in a text
    # whatever its title, commits to what it counts, by the year's end.
    yearly_lists = [
        (offset, offset + len(para))
        for para, offset in zip(body, body_offsets, strict=True)
        if (SHISHI_LIST.search(para) or ("》《" in para and shishi_members(para)))
        and not REVIEW.search(para[:40])
    ]
    committed += yearly_lists
    # "民生实事共计126项", "126项民生实事均…完成", "区城管局民生实事项目3个": how many 实事
    # there are (and how many a unit leads), no target.
    targets = [
        t
        for t in find_targets(body, body_offsets, committed, year)
        if t.start < cut
        and not (
            _names_shishi(t.indicator)
            and (
                t.unit in ("项", "件", "項")
                or (t.unit in ("个", "個") and _SHISHI_COUNTED.search(t.indicator))
            )
        )
    ]
    # A row of a progress report restates its task, then reports ("…通公路（2013—2017年）。
    # 上半年已完成…，累计解决了…"): the figures of the report are no targets.
    reported = [
        (i.start + opens, i.end)
        for s in sections
        if REVIEW.search(s.title) or s.start in reviews
        for i in s.items
        if 0 < (opens := _report_opens(i.text)) < len(i.text)
        and i.text == joined[i.start : i.start + len(i.text)]
    ]
    # A paragraph under a row labelled as its progress ("推进情况：目前累计完成…，完成年度
    # 任务的105%"), in any part: a report, its figures no targets.
    reported += [
        (offset + m.start(), offset + len(para))
        for para, offset in zip(body, body_offsets, strict=True)
        if (m := _PROGRESS_LABEL.search(para))
    ]
    reported += looked_back
    # (A sentence of the report that looks ahead, "下一步，力争年底前…", still commits.)
    targets = [
        t
        for t in targets
        if (not any(a <= t.start < b for a, b in reported) or _LOOKS_AHEAD.search(t.text))
        and not _in_slogan(joined, t)
    ]
    # (A part that only records work done binds itself to nothing ahead: its figures are
    # results, whatever purpose it states, "确保林地…有人管".)
    targets = [t for t in targets if not any(a <= t.start < b for a, b in records)]
    # A row whose head opens with a count ("2606个撤并村通公路", "50万人高山生态扶贫搬迁"):
    # the count measures the row's work, which names it.
    for item in items:
        if (
            (m := _COUNT_LED.match(item.title))
            and any(a <= item.start < b for a, b in committed)
            and not any(item.start <= t.start < item.start + len(item.title) for t in targets)
        ):
            value, unit = _number(m.group("num")), m.group("unit")
            if value is None:
                continue
            targets.append(
                Target(
                    indicator=m.group("obj"),
                    comparator=">=",
                    value=value,
                    unit=_unit(unit),
                    deadline=None,
                    text=item.title,
                    start=item.start,
                    end=item.start + m.end(),
                    rule="count-led",
                )
            )
    # A part on the next five years ("一、未来五年主要工作任务") in a year's text: its
    # figures are due by the end of the fifth year, the text's own the first.
    if year is not None:
        for section in sections:
            if _FIVE_YEARS.search(section.title):
                for t in targets:
                    if t.deadline is None and section.start <= t.start < section.end:
                        t.deadline = dt.date(year + 4, 12, 31)
                        t.deadline_rule = _FIVE_YEARS.search(section.title).group(0)
    targets.sort(key=lambda t: t.start)
    rules = list(rules)
    for item in items:
        suggest_lead(item, rules)
    for target in targets:
        for item in items:
            if item.start <= target.start < item.end:
                target.item_code = item.code
                if target.deadline is None and item.deadline:
                    # A row's time limit dates the commitments it holds.
                    target.deadline, target.deadline_rule = item.deadline, item.deadline_words
                break
        if (
            target.deadline is None
            and year is not None
            and (yearly_title or any(a <= target.start < b for a, b in yearly_lists))
        ):
            target.deadline, target.deadline_rule = dt.date(year, 12, 31), f"{year}年实事"
    _rows_dated_by_targets(items, targets)
    # A row restating its figure ("新增30家…中心。" then, under it, "在全区20个镇街新增30家…
    # 中心。"): one commitment, the first.
    seen: set[tuple] = set()
    kept = []
    for target in targets:
        key = (target.item_code, target.indicator, target.value, target.unit, target.comparator)
        if target.item_code and key in seen:
            continue
        seen.add(key)
        kept.append(target)
    targets = kept

    # A headline restating a goal of the body ("山西:到2025年打造10个以上…“领跑县”" over
    # "到2025年,…打造10个以上…“领跑县”。"): one commitment, the body's.
    def headline(t: Target) -> bool:
        line_start = joined.rfind("\n", 0, t.start) + 1
        line_end = joined.find("\n", t.start)
        line = joined[line_start : line_end if line_end >= 0 else len(joined)].strip()
        return not t.item_code and len(line) <= 40 and not _ends_sentence(line)

    restated = {
        id(t)
        for k, t in enumerate(targets)
        if headline(t)
        and any(
            (u.indicator, u.value, u.unit, u.comparator)
            == (t.indicator, t.value, t.unit, t.comparator)
            and u.start > t.start
            and not headline(u)
            for u in targets[k + 1 :]
        )
    }
    targets = [t for t in targets if id(t) not in restated]
    # A goal a text restates further on in other words ("人均预期寿命提高到80岁" then
    # "…冀人均预期寿命提高到80岁"), in no row: one commitment, the first.
    kept = []
    for t in targets:
        if not t.item_code and any(
            not u.item_code
            and (u.value, u.unit, u.comparator, u.deadline)
            == (t.value, t.unit, t.comparator, t.deadline)
            and len(short := min(u.indicator, t.indicator, key=len)) >= 4
            and short in max(u.indicator, t.indicator, key=len)
            for u in kept
        ):
            continue
        kept.append(t)
    targets = kept
    # The counts of indicators a plan sets out ("细化提出20项主要指标", "围绕…提出3项指标"):
    # the plan's make-up, no target.
    targets = [
        t
        for t in targets
        if not (t.unit in ("项", "項", "个", "個") and re.search(r"指[标標]$", t.indicator))
    ]
    # The make-up of a document named just before ("《实施方案》共有五个部分27条"): its
    # parts and articles counted, no target.
    targets = [
        t
        for t in targets
        if not (
            t.unit in ("条", "條", "项", "項", "章", "节", "節", "部分", "个", "個")
            and _MAKE_UP.search(t.indicator)
        )
    ]
    # Another body's goal the plan cites as its aim ("实现省委、省政府关于“村庄绿化覆盖率不低于
    # 30%,70%以上行政村达到…标准”的目标"): its words, not the plan's commitments.
    cited = [m.span(1) for m in _CITED_GOAL.finditer(joined)]
    if cited:
        targets = [t for t in targets if not any(a <= t.start < b for a, b in cited)]
    # The goals of a five-year plan's period a text sets out under a heading naming it
    # ("二、「十五五」时期主要目标和重大任务") or in paragraphs opened by one naming the plan
    # ("…审议批准十五五规划纲要草案，…提出…年均增长7%以上。"): due by the plan's last year,
    # its yearly averages too, not by the year of the text.
    for start, end, day, words in _plan_spans(sections, body, body_offsets):
        for target in targets:
            if target.deadline is None and start <= target.start < end:
                target.deadline, target.deadline_rule = day, words
    # What a year's report, plan or work commits to without a date of its own is due by
    # the year's end, and what a plan for a span of years commits to by the span's end:
    # when the text says which itself (its title, date line or own 文号).
    if ends := period_end(title, paragraphs, issued_on, planned):
        end, words = ends
        # (a span of years, "（2024—2026年）" or a five-year plan's: a yearly average over
        # it, "年均增长7%以上", is judged at its end)
        spans_years = bool(_TITLE_SPAN.search(words) or five_year_plan(title))
        for target in targets:
            said = target.text.replace("年均", "") if spans_years else target.text
            if target.deadline is None and (
                not _RECURRING.search(said) or _OF_THE_YEAR.match(target.indicator)
            ):
                # ("每月5日前汇总…，确保年度任务完成率达100%": the year's figure, though its
                # sentence runs on a cadence)
                target.deadline, target.deadline_rule = end, words
    return Decomposition(
        title=title,
        author=author,
        affiliation=affiliation,
        text=joined,
        year=year,
        sections=sections,
        targets=targets,
        issued_on=issued_on,
        doc_number=doc_number,
    )


_FIVE_YEARS = re.compile(r"(?:未来|今后|未來|今後)\s*(?:五|5)\s*年")
# A year a paragraph speaks of as its own time ("今年", "2026年"), not one it compares
# with ("比2020年", "較2020年", "从2020年的…").
_OWN_TIME = re.compile(
    r"今年|本年|年内|年內|明年|(?<![比较較从從由至到])(?<!\d)(?P<year>(?:19|20)\d{2})\s*年"
)


def _plan_spans(
    sections: list[Section], body: list[str], offsets: list[int]
) -> list[tuple[int, int, dt.date, str]]:
    """(start, end, due, words) of the parts of a text that set out the goals of a
    five-year plan's period: a section whose heading names the period and no year of its
    own ("二、「十五五」时期主要目标和重大任务"); a paragraph naming the plan
    ("…十五五规划纲要草案…") that speaks of no year of its own (今年, 2026年; a year
    compared with or one after the plan's last, "比2020年", "至2035年", is none), and the
    paragraphs after it to the next that does, or to a heading."""
    spans = []

    def own_years(text: str, last: int) -> bool:
        return any(
            not m.group("year") or int(m.group("year")) <= last for m in _OWN_TIME.finditer(text)
        )

    for section in sections:
        if (plan := five_year_plan(section.title)) and not own_years(section.title, plan[1]):
            spans.append((section.start, section.end, dt.date(plan[1], 12, 31), plan[2]))
    opened: tuple[int, dt.date, str] | None = None
    for para, offset in zip(body, offsets, strict=True):
        plan = five_year_plan(para)
        if opened is not None and (_level(para) or (plan is None and own_years(para, 9999))):
            spans.append((opened[0], offset, opened[1], opened[2]))
            opened = None
        if opened is None and plan is not None and not own_years(para, plan[1]):
            opened = (offset, dt.date(plan[1], 12, 31), plan[2])
    if opened is not None:
        spans.append((opened[0], offsets[-1] + len(body[-1]) + 1, opened[1], opened[2]))
    return spans


def _row_line(item: Item) -> str:
    return item.text.strip().split("\n", 1)[0].strip()


def _in_slogan(joined: str, target: Target) -> bool:
    """A count in Chinese numerals inside a slogan in quotation marks ("聚焦“一个首要任务、
    三个主攻方向、两个根本”"): the slogan's words, no target."""
    span = joined[target.start : target.end]
    if not span or re.search(r"\d", span):
        return False
    line_start = joined.rfind("\n", 0, target.start) + 1
    before = joined[line_start : target.start]
    return before.count("“") > before.count("”") and "”" in joined[target.end : target.end + 40]


def _rows_dated_by_targets(items: list[Item], targets: list[Target]) -> None:
    """A row that names no time limit of its own and goes on no cadence is due when the
    latest of the figures it commits to is, as its own words date them ("(一)促进充分就业。
    …2025年,新增城镇就业超20万人…"): a year opening a clause dates the clause, not the row,
    so the row takes it from its figures; the commitments of the row left undated then take
    the row's. A date the figures got from the document (its year, a plan's span) is none of
    the row's."""
    by_row: dict[str, list[Target]] = {}
    for t in targets:
        if t.item_code:
            by_row.setdefault(t.item_code, []).append(t)
    for item in items:
        if item.deadline is not None or item.long_running or item.code not in by_row:
            continue
        held = by_row[item.code]
        dated = [
            t
            for t in held
            if t.deadline is not None and t.deadline_rule and t.deadline_rule.strip() in item.text
        ]
        if not dated:
            continue
        latest = max(dated, key=lambda t: t.deadline)
        item.deadline, item.deadline_words = latest.deadline, latest.deadline_rule
        for t in held:
            if t.deadline is None:
                t.deadline, t.deadline_rule = item.deadline, item.deadline_words


def cut_off_row(sections: list[Section], joined: str) -> int:
    """A passage cut off in its last row: the row, the last line of the text, stops
    without a sentence's end where the other rows end theirs ("5.全面落实国家和省一揽子
    政策，统筹考量经"), or names no unit where they name theirs, or is cut in its units line
    ("责任单位：市"). It is taken out of its section; returns where it started (the end of
    the text when no row is cut)."""
    items = [(s, i) for s in sections for i in s.items]
    last_line = joined.rstrip().rsplit("\n", 1)[-1]
    line_start = joined.rstrip().rfind("\n")
    if line_start > 0 and re.fullmatch(r"\s*[（(][一二三四五六七八九十\d]?\s*", last_line):
        # The passage stops on the first mark of the next heading ("三、主要任务" then "("):
        # the line above is where it ends.
        line_start = joined.rfind("\n", 0, line_start)
        last_line = joined[line_start + 1 :].split("\n", 1)[0]
    if items:
        # The text ends in a part's heading ("二、统一审批流程") with nothing under it: the
        # passage was cut where the part begins.
        section, last = max(items, key=lambda pair: pair[1].start)
        if (
            (
                (len(section.items) == 1 and last.title == section.title)
                # a part heading as a row of a text without parts, nothing under it
                or (section.rule == "implicit" and last.start > line_start)
            )
            and re.match(r"\s*[一二三四五六七八九十]{1,3}\s*[、，,．.]", last_line)
            and last.start > line_start
            and not _ends_sentence(last_line)
            and len(last_line.strip()) <= 30
            and not last.named_lead
            and not re.search(r"\d", last.title)
        ):
            section.items.remove(last)
            return last.start
    if items and (_stops_mid_sentence(joined) or _CUT_FIGURE.search(last_line)):
        # The text's last line is prose stopped in mid-sentence ("…大力发展文旅经济、
        # 赛事经济，探索发展首发经济") where its other prose lines end theirs: the last row,
        # the one it belongs to, is cut, however few the rows.
        section, last = max(items, key=lambda pair: pair[1].start)
        if last.end > joined.rstrip().rfind("\n"):
            note = _UNITS_NOTE_CLOSED.search(last.text)
            if (
                last.named_lead
                and note
                and last.text[note.end() :].strip()
                and _ends_sentence(last.text[: note.start()])
            ):
                # The row's own line is whole, its units note closed ("1、加强经济运行分析,
                # 确保完成主要指标。(牵头单位:…)"); the line cut is one of its figures under it
                # ("▲增加值可比增长14%左右,其中,第三产业"): the row stands, only the clause
                # cut is lost.
                clause = max(joined.rstrip().rfind(c) for c in "，,；;。") + 1
                return max(clause, last.start)
            section.items.remove(last)
            if (
                GOALS.match(_DECIMAL_MARK.sub("", last.title).strip("。.：: "))
                or _GOALS_AND_WORK.match(last.title.strip("。. "))
                or _opens_on_goals(last)
                or _opens_on_goal_year(last)
            ):
                # A part of goals cut ("二、总体目标" "到2027年，…不低于55%，重点项目累计
                # 完成投"): its whole clauses still state goals; only the clause cut is lost.
                clause = max(joined.rstrip().rfind(c) for c in "，,；;。") + 1
                return max(clause, last.start)
            return last.start
    if not items and _stops_mid_sentence(joined):
        # A text of goals and no rows whose last line stops mid-sentence ("——到2020年，建成
        # 20个…大景区和50个旅游名城名镇，培育50个年营业收入过亿元的综"): its whole clauses
        # stand; the clause cut is lost.
        return max(joined.rstrip().rfind(c) for c in "，,；;。") + 1
    if len(items) < 2:
        return len(joined)
    section, last = max(items, key=lambda pair: pair[1].start)
    others = [i for _s, i in items if i is not last]
    rest = joined[last.start :].strip()
    line = _row_line(last)
    ends = TERMINAL + CLOSERS + "；;。."
    named = sum(bool(i.named_lead) for i in others) * 2 > len(others) and not last.named_lead
    if "\n" not in rest:
        # The row is the last line: cut when it stops short where the others end, or
        # names no unit where they do.
        if not line or (line[-1] in ends and not _left_open(line) and not _closed_open(line)):
            return len(joined)
        if len(items) < 3 and not named:
            # Two rows: the second is cut only where the first names its units and it
            # names none, stopping short.
            return len(joined)
        if not (all(_row_line(i)[-1:] in ends for i in others) or named):
            return len(joined)
    elif not _body_cut(rest, others) and (
        len(items) < 3 or not (named and _UNITS_CUT.search(rest))
    ):
        return len(joined)
    section.items.remove(last)
    return last.start


def _body_cut(rest: str, others: list[Item]) -> bool:
    """The last row is its head on a line ("(二)梳理诉求事项清单(3月底前完成)") and the first
    line of its body stopped before any mark ("以省政府办公厅确定的12345政务服务便民热线"),
    where the rows above end their text with a sentence's end or a closed note."""
    lines = [line.strip() for line in rest.split("\n") if line.strip()]
    if len(lines) != 2 or not _HEADING_MARK.match(lines[0]) or lines[0][-1] in TERMINAL:
        return False  # (a row that is a whole sentence stands, whatever line follows it)
    body = lines[1]
    return (
        len(body) >= 16
        and re.match(r"[\u4e00-\u9fff\d]", body[-1]) is not None
        and not re.search(r"[，,、；;。：:]", body)
        and all(i.text.strip()[-1:] in TERMINAL + CLOSERS for i in others)
    )


# A row's units note closed after its sentence ("。(牵头单位:发改委、统计局)").
_UNITS_NOTE_CLOSED = re.compile(
    r"[（(][^（）()\n]{0,12}(?:牵头|牽頭|责任单位|責任單位|负责|負責)[^（）()\n]{0,60}[）)]"
)


def _severally(text: str) -> bool:
    """The text says 分别 (in either form of the characters, 分別)."""
    return "分别" in text or "分別" in text


def _closed_open(line: str) -> bool:
    """A line ending on a closing quotation mark with no sentence's end before it ("…开展
    “竣工验收、移交管护”"): the sentence goes on after the quotation, stopped there."""
    return len(line) >= 2 and line[-1] in "”’》" and line[-2] not in TERMINAL


def _left_open(line: str) -> bool:
    """A line that opens a quotation or a title it does not close ("关于“加大力度落实
    ‘米袋子’"): stopped inside it, whatever mark it ends on."""
    return line.count("“") > line.count("”") or line.count("《") > line.count("》")


# "责任单位：市" ending the text: a units line cut in its first name, or in its label
# ("牵头责任" of "牵头责任单位：").
_UNITS_CUT = re.compile(
    r"\n\s*(?:(?:牵头|责任|配合|协同|協同|牽頭|責任)(?:责任|責任)?(?:单位|單位|部门|部門)?\s*[:：]\s*\S?"
    r"|(?:牵头|牽頭|协同|協同|配合)(?:责任?|責任?|单|單)?|(?:责任|責任)单?"
    # "部门分工：" with nothing after it: the row's 分工 cut
    r"|(?:部门|责任|任务|职责|部門|責任|任務|職責)?分工\s*[:：])\s*$"
)


_CLAUSE_ENDS = TERMINAL + CLOSERS + "〕】]；;。.：:"
# A text ending in a figure cut at its decimal point ("研发投入强度达到3."): a Chinese
# sentence ends with 。, not with the point of a number.
_CUT_FIGURE = re.compile(r"[\u4e00-\u9fff][^\n。；;]{0,30}\d[.．]。?$")  # (。 a table row's, ours)


_PART_MARK_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def _stops_mid_sentence(joined: str) -> bool:
    """The text ends in a line of prose stopped in mid-sentence: a line of 12 characters or
    more holding a clause mark that ends in a word, an opening mark or a comma ("加强园区
    基础设施建设,完善"), in a text whose other lines of prose end theirs. A line of
    progress cut ("完成情况：开展…") cuts no task, nor does a short labelled line
    ("责任单位：区农业农村局，各街道"); a text whose lines of prose end without their marks
    (a table's cells) is not judged."""
    lines = [line.strip() for line in joined.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    last = re.sub(r"\([a-zü]{0,6}$", "", lines[-1])  # a romanised reading cut: "基礎(c"
    if (
        len(last) < 12
        or not (re.match(r"[\u4e00-\u9fff（(“‘《、，,]", last[-1]) or _closed_open(last))
        or not re.search(r"[，,、；;]", last)
        or _PROGRESS_LABEL.match(last)
        or (len(last) < 20 and re.match(r"[\u4e00-\u9fff]{2,8}\s*[:：]", last))
        or _units_listed(last)  # a row's units on a line of their own, no label
    ):
        return False
    # A heading ("一、…，…") and a labelled line of units ("协办单位：X、Y") end without a
    # mark wherever they stand: no lines of prose.
    prose = [
        line
        for line in lines[:-1]
        if len(line) >= 20
        and re.search(r"[，,、；;]", line)
        and not (
            line[-1] not in _CLAUSE_ENDS
            and (_PART_MARK_LINE.match(line) or re.match(r"[\u4e00-\u9fff]{2,8}\s*[:：]", line))
        )
    ]
    ended = sum(line[-1] in _CLAUSE_ENDS for line in prose)
    return bool(prose) and ended * 3 >= len(prose) * 2


_ATTACHMENTS = re.compile(r"^附件\s*[:：]?\s*\d{1,2}\s*[.．、]")
_ATTACHMENT_MORE = re.compile(r"^\d{1,2}\s*[.．、]\s*\S[^。；;]{0,60}$")


_SUMMARY_LABEL = re.compile(r"^(?:内容)?(?:摘要|摘 要|簡介|简介|文档简介|文檔簡介)\s*[:：]\s*")


def repeated_summary(text: str) -> str:
    """A sharing page's summary ("摘要:" over the text again, its lines run together) that
    repeats the text shown above it is no text of its own: the label and the lines
    repeating it are dropped, so that nothing is read twice (nor the page's wrapped lines
    judged against the summary's long ones)."""
    if "摘" not in text and "简介" not in text and "簡介" not in text:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if not (label := _SUMMARY_LABEL.match(line.strip())):
            continue
        shown = re.sub(r"\s", "", "".join(lines[:k]))
        rest = [(k, line.strip()[label.end() :])] + list(enumerate(lines))[k + 1 :]
        last, size = k, 0
        for j, other in rest:
            if not other.strip():
                continue
            if re.sub(r"\s", "", other)[:16] not in shown:
                break
            last, size = j, size + len(other.strip())
        if last > k and size >= 24:
            return "\n".join(lines[:k] + lines[last + 1 :])
    return text


def attachment_lists(paragraphs: list[str]) -> list[str]:
    """A notice's list of attachments ("附件：1.…任务分解表" then "2.…" and "3.…" on lines of
    their own) kept on one line: the names of the attachments are no rows."""
    kept: list[str] = []
    listing = False
    for para in paragraphs:
        if listing and _ATTACHMENT_MORE.match(para.strip()):
            kept[-1] = f"{kept[-1]} {para.strip()}"
            continue
        listing = bool(_ATTACHMENTS.match(para.strip()))
        kept.append(para)
    return kept


# The title of a notice or report that a page ran into its first sentence.
_RUN_ON_TITLE = re.compile(
    r"^关于[^。，,；;：:！？!?]{4,60}?的(?:通报|通知|报告|意见|决定|方案|批复)(?=[\u4e00-\u9fff])"
    # "2023年街道2023年工作规划今年是…" (a page number before it, "1"): a year's plan
    # named at the head of a page that ran its lines together.
    r"|^(?:\d{1,2}(?=(?:19|20)\d{2}年))?(?:19|20)\d{2}年[^。，,；;：:！？!?\d]{0,12}(?:(?:19|20)\d{2}年)?"
    r"[^。，,；;：:！？!?\d]{0,12}?(?:工作规划|工作计划|工作要点|实施方案|工作方案)(?=[\u4e00-\u9fff])"
    # "教育体育局发规办2023年工作方案 围绕…": an office's plan of a year, a space before its text.
    r"|^[\u4e00-\u9fff]{2,20}(?:19|20)\d{2}年[^。，,；;：:！？!?\d\s]{0,12}?"
    r"(?:工作规划|工作计划|工作要点|实施方案|工作方案)(?=\s)"
)
# A heading that reports instead of naming work ("（一）主要预期目标完成情况").
# ("一、总体情况", "二、存在的问题": the parts of a 督查通报 that report what it found.)
REPORT_HEADING = re.compile(
    r"(?:完成|进展|落实|執行|执行)情况$|(?:综合|进度)排名$"
    r"|^(?:总体|總體|督查|督察)情况$|^(?:存在|发现|發現)的?(?:主要)?问题$|^存在問題$"
)
# Where a row of a progress report starts to report: a sentence opening with the period
# reported on ("上半年，", "截至6月底，", "1-9月，").
_REPORT_OPENER = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?:上半年|今年以来|截至|截止|目前|\d{1,2}\s*[-—至]\s*\d{1,2}\s*月|\d{1,2}月份)"
)


# A row's head opening with a count and what it counts ("2000个行政村环境连片整治").
_COUNT_LED = re.compile(
    rf"^(?P<num>{_MYRIAD}|{_ARABIC})\s*(?P<unit>{_WORK_UNIT}|公里)"
    r"(?P<obj>[\u4e00-\u9fff“”]{4,30})$"
)
_LOOKS_AHEAD = re.compile(r"力争|确保|争取|下一步|年底前|年内")
# A heading of a part looking back ("一、2025年工作回顾", "■ 2024年成绩单", "2025年和“十四五”
# 工作回顾", "过去一年"), perhaps run into the part's first sentence, and its mark.
_LOOK_BACK_HEAD = re.compile(
    r"^(?P<mark>[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|[■◆▶►])?\s*"
    r"(?P<head>[^，,。；;：:\s]{0,16}?(?:工作回顾|工作回顧|成绩单|成績單|主要成绩|过去一年|過去一年|过去五年))"
    r"(?P<end>\s*$|\s+|[：:])"
)
# A text that is a summary of work done: its title ("…工作总结", "…情况的总结报告"), or its
# opening ("现将全年工作总结报告如下").
_SUMMARY_TITLE = re.compile(r"(?:工作)?(?:总结|總結)(?:报告|報告)?$")
_SUMMARY_OPENS = re.compile(r"现将[^。]{0,20}(?:总结|總結)[^。]{0,6}如下")
# A call for proposals (征集): its title or opening ("…征集2026年民生实事项目的公告", "现就公开
# 征集有关事项公告如下"), or its headings ("征集时间", "征集方式").
_CALL_TITLE = re.compile(r"征集[^。]{0,40}(?:公告|启事|啟事|通告)$")
_CALL_OPENS = re.compile(
    r"(?:现就|现面向|面向社会)[^。]{0,30}征集[^。]{0,40}(?:公告|通知|通告)如下"
)
_CALL_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*"
    r"(?:征集|徵集)(?:时间|時間|内容|內容|范围|範圍|对象|對象|要求|方式|原则|原則|程序|渠道)\s*$"
)


def _calls_for_proposals(title: str, body: list[str]) -> bool:
    """The text calls for proposals (of 实事, of projects, of opinions) rather than giving
    work: its title, its opening, or two headings of the call say so."""
    return bool(
        _CALL_TITLE.search(title.strip())
        or any(_CALL_OPENS.search(p) for p in body[:4])
        or sum(1 for p in body if _CALL_HEADING.match(p.strip())) >= 2
    )


# The heading of the work ahead in a summary ("四、2026年工作打算", "下一步工作思路").
_SUMMARY_AHEAD = re.compile(
    r"下一?步|下步|明年|今后|今後|打算|思路|展望|(?:19|20)\d{2}\s*年(?:工作)?(?:计划|安排|重点|要点)"
)
# A heading of the work ahead, which ends a part looking back opened by a heading unnumbered.
_AHEAD_HEAD = re.compile(
    r"目标|目標|任务|任務|安排|打算|取向|要求|计划|計劃|思路|展望|今后|今後|下一步"
)


def _looked_back(body: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the parts of a report looking back: from a heading that names the
    look back ("一、2025年工作回顾"; on a line of its own, or run into the part's first
    sentence) to the next heading of its kind ("二、"; "■" after "■"), or, for a heading
    unnumbered, to the next short heading of the work ahead ("2026年工作安排")."""
    spans = []
    opened: tuple[int, str] | None = None

    def kind(mark: str | None) -> str:
        if not mark:
            return ""
        return "一" if mark.endswith("、") else "（" if mark[0] in "（(" else mark

    for para, offset in zip(body, offsets, strict=True):
        line = para.strip()
        heading = len(line) <= 30 and not _ends_sentence(line)
        if opened is not None:
            level = _LOOK_BACK_HEAD.match(line) or re.match(
                r"^(?P<mark>[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|[■◆▶►])",
                line,
            )
            same = opened[1] and level and kind(level.group("mark")) == opened[1]
            ahead = heading and _AHEAD_HEAD.search(line) and not _LOOK_BACK_HEAD.match(line)
            if same or ahead:
                spans.append((opened[0], offset))
                opened = None
        if (
            opened is None
            and (m := _LOOK_BACK_HEAD.match(line))
            and (heading or (m.group("end") and not m.group("end").strip()))
        ):
            opened = (offset, kind(m.group("mark")))
    if opened is not None:
        spans.append((opened[0], offsets[-1] + len(body[-1]) + 1))
    return spans


# The sentence that introduces a progress report's rows: "主要进度如下：".
_REPORT_INTRO = re.compile(r"(?:进度|进展|完成情况|推进情况)[^。；;]{0,8}如下\s*[：:]?\s*$")


_PROGRESS_LABEL = re.compile(
    r"(?:^|(?<=[。；;）)\n]))\s*(?:(?:推进|推進|进展|進展|完成|实施|實施|落实|落實|工作)\s*(?:情况|情況|进度|進度)"
    r"|(?:目前|当前|當前|实际|實際)\s*(?:进度|進度|进展|進展))\s*[:：]"
)


def _report_opens(text: str) -> int:
    """The position in ``text`` where a report opens ("上半年，…", or a line labelled as
    the progress, "完成情况：…"), or its length when none does."""
    at = [m.start() for m in (_REPORT_OPENER.search(text), _PROGRESS_LABEL.search(text)) if m]
    return min(at, default=len(text))


# The 实事 of a year, in either form of the characters, introduced for listing ("这十件实事
# 分别是：", "…为：", "40项民生实事项目包括：…；…").
SHISHI_LIST = re.compile(
    r"[实實]事[^。；;：:]{0,8}?(?:分[别別]是|[为為]|包括)[：:]|[实實]事[^。；;：:]{0,60}?[，,](?=即\S)"
)


# Three or more titles in a row, perhaps with a 、 between them.
_TITLE_RUN = re.compile(r"(?:《[^《》]{4,60}》[、，,]?){3,}")


def shishi_members(para: str, headed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The works a paragraph listing the 实事 of a year enumerates after its "分别是：",
    "为：" or "，即" ("即投资…实施…工程；投资…建设…；…。投资…建成…。"), one a member
    between semicolons; after the last semicolon, the sentences that open as the members
    do. Spans in the paragraph; none when fewer than three members. A paragraph naming
    the 实事 that lists them as titles one after another ("主要包括《新增城区停车位500个》
    《建成…》…") has one member a title, unless rows below are named by them (``headed``)."""
    if "》《" in para and _names_shishi(para) and (run := _TITLE_RUN.search(para)):
        if any(t in headed for t in re.findall(r"《([^《》]+)》", run.group(0))):
            return []  # the works the text reports on below, one row each
        titles = re.finditer(r"《[^《》]+》", run.group(0))
        return [(run.start() + t.start() + 1, run.start() + t.end() - 1) for t in titles]
    m = SHISHI_LIST.search(para)
    if m is None or "；" not in para[m.end() :] and ";" not in para[m.end() :]:
        return []
    spans, start = [], m.end()
    for sep in re.finditer(r"[；;]", para[m.end() :]):
        spans.append((start, m.end() + sep.start()))
        start = m.end() + sep.end()
    opens = Counter(para[a : a + 3].lstrip("即")[:2] for a, _b in spans).most_common(1)[0][0]
    while True:
        stop = para.find("。", start)
        stop = len(para) if stop < 0 else stop
        spans.append((start, stop))
        start = stop + 1
        if start >= len(para) or not para[start:].lstrip(" |").startswith(opens):
            break
    spans = [(a, b) for a, b in spans if b - a >= 4]
    return spans if len(spans) >= 3 else []


# A list of works by their names after 包括 ("教育惠民领域2个，包括春晖小学建设项目、观门街
# 小学改扩建项目；…").
_NAME_LIST = re.compile(r"(?:包括|包含|分别是|分別是)\s*[：:]?(?P<list>[^；;。]+)")


def named_works(para: str) -> list[tuple[int, int]]:
    """The works a paragraph names after 包括 in one list or several ("…领域2个，包括A项目、
    B项目；…领域4个，包括C项目、…"): spans of the names, none when fewer than three."""
    if "包" not in para and "分别" not in para and "分別" not in para:
        return []
    spans = []
    for m in _NAME_LIST.finditer(para):
        start = m.start("list")
        for part in re.finditer(r"[^、，,]+", m.group("list")):
            if _WORK_NAME_LINE.match(part.group(0).strip()):
                spans.append((start + part.start(), start + part.end()))
    return spans if len(spans) >= 3 else []


# A meeting's (or a speaker's) deployment, or a report of one: "会议强调，", "鄒軍指出，",
# "据介绍，", in either form of the characters.
_DEPLOYS = re.compile(r"(?:强调|強調|要求|指出|提出|部署|明确|明確|据介绍|據介紹)[，,：:]")


def meeting_works(para: str) -> list[tuple[int, int]]:
    """The works a paragraph of a news item on a meeting lists in one sentence between
    semicolons, after the meeting's (or a speaker's) words that deploy them ("会议强调，
    要…，确保在8月底前全面建成；5月底前完成…；…。"): spans in the paragraph, one a work,
    the first opening after those words when the sentence holds them. None when the
    sentence holds fewer than three works or no such words stand before it."""
    deploys = _DEPLOYS.search(para)
    if deploys is None:
        return []
    for start, end in sentences(para):
        sentence = para[start:end]
        if end <= deploys.start() or len(re.findall(r"[；;]", sentence)) < 2:
            continue
        opens = start
        if (inside := _DEPLOYS.search(sentence)) is not None:
            opens = start + inside.end()
        spans, at = [], opens
        for sep in re.finditer(r"[；;]", para[opens:end]):
            spans.append((at, opens + sep.start()))
            at = opens + sep.end()
        spans.append((at, end))
        if addressed := _ADDRESSEES.match(para, spans[0][0], spans[0][1]):
            # "各部门要围绕目标任务，…": the units addressed are no part of the first work.
            spans[0] = (addressed.end(), spans[0][1])
        spans = [(a, b) for a, b in spans if b - a >= 6]
        if len(spans) < 3 or any(_GOALS_LIST_PART.match(para[a:b]) for a, b in spans):
            continue
        works = [para[a:b] for a, b in spans]
        opening = Counter(w.lstrip("，, ")[:2] for w in works).most_common(1)[0][1]
        if (
            any(_TIME_LIMIT_WORDS.search(w) for w in works)  # "…8月底前全面建成；…"
            or opening >= 3  # "围绕…，…；围绕…，…；围绕…"
            or (_MEETING.search(para) and re.search(r"要|确保|確保", works[0]))
        ):
            return [(a, len(para[:b].rstrip("。.！!"))) for a, b in spans]
    return []


def _head_noun(indicator: str) -> str:
    """The head noun a part shares with its whole: "限上工业投资增幅" → "投资"."""
    return re.sub(r"[增降]幅(?:（力争）)?$", "", indicator)[-2:]


# A clause opening a commitment of its own, after a breakdown ("其中…，新增学位900个").
# A clause that sets out what is to be reached ("提出…增长7%以上", "明确…达到…").
_SETS_OUT = re.compile(rf"\s*(?:{_tw('提出|明确|确定|要求')})")
_NEW_COMMITMENT = re.compile(
    r"(?:力争|确保|争取|努力|计划)?(?:新增|新建|建成|完成|实现|新开工|开工|培育|引进|招引|改造|"
    r"建设|实施|开展|推进|打造|增加|提升|提高|降低|控制|达到|确保)"
)
# The units a deployment addresses before its first work ("各级各部门要", "各乡镇要").
_ADDRESSEES = re.compile(r"[，, ]*(?:各[^，,；;。要]{1,10}|全[县市区镇][^，,；;。要]{0,6})要")
# A meeting the paragraph reports ("会议强调", "会上", "据介绍"), and a work's time limit.
_MEETING = re.compile(r"会议|會議|会上|會上|据介绍|據介紹|部署")
_TIME_LIMIT_WORDS = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:底|末|中旬|下旬|上旬)?\s*(?:前|以前|之前)"
    r"|年底前|年内|上半年|季度末"
)


# A part of a list of the year's figures ("地区生产总值增长8.5%"): no work deployed.
_GOALS_LIST_PART = re.compile(rf"^[^，,]{{2,20}}(?:{_tw('增长|达到|下降|控制在')})\d")


# A count of the 实事 themselves ("…民生实事项目共", "…实事项目"), not of what they build.
_SHISHI_COUNTED = re.compile(
    r"(?:实事|實事|民生工程)(?:[\u4e00-\u9fff]{0,6}?(?:项目|項目))?(?:共计|共計|共)?"
    r"(?:\d{1,2}\s*大?[类類])?$"  # ("民生实事项目共5大类12个": the list in its classes)
)


def _names_shishi(text: str) -> bool:
    # "民生工程" is what some provinces call the 实事 of a year.
    return "实事" in text or "實事" in text or "民生工程" in text


# An opening sentence naming the 实事 of a year ("为扎实推进我市2017年民生工程实施工作，…").
_OPENS_ON_SHISHI = re.compile(r"(?:19|20)\d{2}\s*年[^。；;]{0,12}?(?:实事|實事|民生工程)")


_SHISHI_HEADING = re.compile(
    r"^(?:19|20)\d{2}\s*年[^。；;！？!?，,]{0,40}(?:实事|實事|民生工程|实事项目|實事項目)$"
)


def as_json(d: Decomposition) -> dict:
    """The JSON shape of the CLI and the API."""
    return {
        "title": d.title,
        "author": d.author,
        "year": d.year,
        "issued_on": d.issued_on.isoformat() if d.issued_on else None,
        "doc_number": d.doc_number,
        "sections": [
            {"title": s.title, "items": [{"title": i.title, "text": i.text} for i in s.items]}
            for s in d.sections
        ],
        "targets": [
            {
                "indicator": t.indicator,
                "comparator": t.comparator,
                "value": _json_number(t.value),
                "unit": t.unit,
                "deadline": t.deadline.isoformat() if t.deadline else None,
                "text": t.text,
            }
            for t in d.targets
        ],
        "tasks": [
            {
                "code": i.code,
                "section": d.sections[i.section - 1].title,
                "title": i.title,
                "text": i.text,
                "lead_unit": i.lead_unit,
                "keyword": i.keyword,
                "named_lead": i.named_lead,
                "co_units": i.named_co,
                "leader": i.named_leader,
                "units_from": i.unit_words,
                "deadline": i.deadline.isoformat() if i.deadline else None,
                "deadline_from": i.deadline_words,
                "long_running": i.long_running,
            }
            for i in d.items
        ],
    }


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
