"""Periods every module speaks of: a month, a quarter, a year, a from–to range. Parsing
from query strings and files, bounds, labels; and the one way a rate is computed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 2000, 2100


# -- months ---------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def month_end(year: int, month: int) -> dt.date:
    return month_bounds(year, month)[1]


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str | None) -> tuple[int, int]:
    """'2025-12' -> (2025, 12). ValueError on anything else."""
    year, sep, month = (text or "").strip().partition("-")
    if not sep or not year.isdigit() or not month.isdigit():
        raise ValueError(text)
    value = int(year), int(month)
    if not FIRST_YEAR <= value[0] <= LAST_YEAR or not 1 <= value[1] <= 12:
        raise ValueError(text)
    return value


def month(params, name: str = "month") -> tuple[int, int, str | None]:
    """A ``month`` (YYYY-MM) from a query dict; by default this month. On bad input: this
    month and a message naming what is wrong."""
    today = timezone.localdate()
    value = params.get(name) or ""
    if not value:
        return today.year, today.month, None
    try:
        return *parse_month(value), None
    except ValueError:
        return today.year, today.month, _("The month must look like 2025-12.")


def month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


# -- quarters -------------------------------------------------------------------------


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(year, quarter) of a day."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1 to 4")
    return dt.date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def quarter_start(day: dt.date) -> dt.date:
    return quarter_bounds(*quarter_of(day))[0]


def last_ended_quarter(day: dt.date) -> tuple[int, int]:
    """The latest quarter that ended on or before ``day`` (on a quarter's last day, that
    quarter)."""
    year, quarter = quarter_of(day)
    if day == quarter_bounds(year, quarter)[1]:
        return year, quarter
    return previous_quarter((year, quarter))


def previous_quarter(quarter: tuple[int, int]) -> tuple[int, int]:
    year, q = quarter
    return (year, q - 1) if q > 1 else (year - 1, 4)


def parse_quarter(text: str | None, as_of: dt.date | None = None) -> tuple[int, int]:
    """'2025Q3' (or '2025q3', '2025-Q3') -> (2025, 3). Empty -> the quarter of ``as_of``
    when one is given. ValueError on anything else."""
    value = (text or "").strip().upper().replace("-", "")
    if not value and as_of is not None:
        return quarter_of(as_of)
    year, sep, quarter = value.partition("Q")
    if not sep or not year.isdigit() or quarter not in ("1", "2", "3", "4"):
        raise ValueError(f"{text!r} is not a quarter like 2025Q2")
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise ValueError(f"{text!r} is not a quarter like 2025Q2")
    return int(year), int(quarter)


def quarter_label(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]}Q{quarter[1]}"


def quarter(params, name: str = "quarter") -> tuple[int, int, str | None]:
    """A ``quarter`` (2025Q3) from a query dict; by default this quarter. On bad input:
    this quarter and a message naming what is wrong."""
    today = timezone.localdate()
    try:
        return *parse_quarter(params.get(name), today), None
    except ValueError:
        return *quarter_of(today), _("A quarter looks like 2025Q3.")


# -- query-string periods -------------------------------------------------------------


def period(params) -> tuple[dt.date, dt.date, str | None]:
    """``from`` and ``to`` (YYYY-MM-DD) from a query dict; by default this year so far.
    On bad input: the default period and a message naming what is wrong."""
    today = timezone.localdate()
    default = (dt.date(today.year, 1, 1), today)
    try:
        start = dt.date.fromisoformat(params.get("from") or default[0].isoformat())
        end = dt.date.fromisoformat(params.get("to") or default[1].isoformat())
    except ValueError:
        return *default, _("Dates must look like 2025-12-31.")
    if end < start:
        return *default, _("'To' must not be before 'from'.")
    return start, end, None


def day(params, name: str = "as_of") -> tuple[dt.date, None]:
    """The day a page is seen on (``as_of``, YYYY-MM-DD) from a query dict: today when
    none or not a date (said by no message: the page names the day it shows)."""
    try:
        return dt.date.fromisoformat(params.get(name) or ""), None
    except ValueError:
        return timezone.localdate(), None


def year(params, name: str = "year") -> tuple[int, str | None]:
    """A ``year`` (2000–2100) from a query dict; by default this year. On bad input: this
    year and a message naming what is wrong."""
    today = timezone.localdate()
    try:
        value = int(params.get(name) or today.year)
    except ValueError:
        return today.year, _("The year must be a number such as 2025.")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        return today.year, _("The year must be a number such as 2025.")
    return value, None


# -- rates ----------------------------------------------------------------------------


def rate(part: float, whole: float, digits: int | None = 4) -> float | None:
    """``part / whole`` rounded to ``digits`` (None: not rounded); None when there is
    nothing to divide by."""
    if not whole:
        return None
    value = part / whole
    return round(value, digits) if digits is not None else value


def percent(value: float | None) -> float | None:
    """A rate (0.8765) as the percentage charts and tables show (87.7); None stays None."""
    return None if value is None else round(value * 100, 1)


# -- Chinese numbers and the deadlines texts and sheets write ----------------------------

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}


def chinese_number(text: str) -> int:
    """一百二十 → 120, 两千 → 2000, 十五 → 15, 三万五千 → 35000."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        elif ch in CN_BIG:
            section += digit or 0
            total += (section or 1) * CN_BIG[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


_CN_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
_YEAR_MONTH = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}})\s*年\s*(?:(?P<month>{_CN_MONTH})\s*月\s*份?\s*)?"
    r"(?P<tail>底|末|中旬|下旬|上旬|内)?\s*(?P<before>前|以前|之前)?"
)
# The day after a year and month (2021年7月1日): the date is that day, not the month's end.
_DAY_AFTER = re.compile(r"\s*(?P<day>[12]?\d|3[01])\s*[日号]")
_YEAR_PLAN = re.compile(r"\s*(?:计划|力争|确保|争取)")
# "争取2017年开工", "力争2030年建成": a year the work is aimed at, after a word of aim and
# before the work's start or end, due by that year's end.
_AIMED_BEFORE = re.compile(
    r"(?:争取|力争|计划|确保|预计|爭取|力爭|計劃|確保|預計)\s*(?:在|于|於)?\s*$"
)
_AIMED_AT = re.compile(
    r"\s*(?:开工|建成|完成|竣工|完工|投用|投产|投运|通车|贯通|实现|開工|竣工|投產|投運|通車|貫通|實現)"
)
_MONTH_ONLY = re.compile(
    rf"(?<![年\d])(?P<month>{_CN_MONTH})\s*月\s*份?\s*(?P<tail>底|末|中旬|下旬|上旬)?\s*(?:前|以前|之前|完成)"
)
# A row opening with the months it spans, after its number: "(1)1——2月份，…", "3-4月：…".
_MONTHS_OPENING = re.compile(
    rf"^\s*(?:[（(]?\d{{1,2}}[)）.．、]\s*)?(?P<first>{_CN_MONTH})\s*月?\s*"
    rf"(?:——|—|–|-|－|~|～|至|到)\s*(?P<last>{_CN_MONTH})\s*月份?\s*[，,：:]"
)
# The first ten days of a month end on its 10th, the middle ten on its 20th, the last with it.
_TEN_DAYS_END = {"上旬": 10, "中旬": 20}


def _by(year: int, month: int, tail: str | None) -> dt.date:
    """The end of a month (2025年3月底), or of its first or middle ten days (3月上旬: the 10th)."""
    if tail in _TEN_DAYS_END:
        return dt.date(year, month, _TEN_DAYS_END[tail])
    return month_end(year, month)


# ("全年完成工业投资1200亿元", "确保完成今年的…任务": what the year is to complete, by its
# end.) 当年 before a count or 的, or after 以 ("以当年3个…工程为抓手", "当年的重点项目"),
# says which works, not by when.
# (Not after a year a sharing page masked, "xxxx年底达到xx%以上", "20XX年底前": no date;
# nor a span of years, "确保3年内预算资金可足额安排", "三年内": within them, not this one.)
_THIS_YEAR = re.compile(
    r"(?<![xX×＊*])(?:(?<![\d一二两三四五六七八九十])年内|年底前|年底|年末前)|今年底|本年度内|(?<!以)当年(?![\d一二两三四五六七八九十]|的)"
    r"|全年(?=完成|实现)|(?<=完成)今年"
)
_HALF = re.compile(r"(?P<half>上|下)半年")
_QUARTER = re.compile(r"第?(?P<q>[一二三四1-4])季度(?:末|底)?(?:前)?")
# 每年 after 每人/每户 is a rate ("每人每年5000元补助"), not work done every year.
_LONG_RUNNING = re.compile(
    r"长期坚持|持续推进|长期推进|常态化|常态开展|常态推进|(?<!每人)(?<!每户)(?<!每生)每年|每季度|(?<!每人)每月|持续开展|"
    r"持续改善|长期|久久为功"
)
# A season: its last month (春季 5月, 夏季 8月, 秋季 11月, 冬季 12月), except the term a
# school opens in: 秋季开学, 秋季学期, or 秋季 said of a school, is September; 春季 of a
# school is March.
_SEASON = re.compile(r"(?P<season>[春夏秋冬])季(?!度)")
_SEASON_END = {"春": 5, "夏": 8, "秋": 11, "冬": 12}
_SCHOOL_TERM = {"春": 3, "秋": 9}
_SCHOOL = re.compile(
    r"开学|学期|入学|招生|学校|幼儿园|小学|中学|学位|校区|校舍|[^学]校(?!准|验|对)"
)
# What opens with a school's term ("秋季开学", "秋季学期", "秋季投入使用").
_TERM_OPENS = re.compile(
    r"[^，,。；;]{0,4}?(?:开学|開學|学期|學期|入学|入學|招生|投入使用|启用|啟用|交付使用)"
)
# "于明年8月底全部竣工,9月份投入使用": a month after a dated one, in the same sentence, as
# the next step of the work, is of that year.
_NEXT_MONTH = re.compile(
    rf"[^，,。；;]{{0,8}}[，,、]\s*(?P<month>{_CN_MONTH})\s*月\s*份?\s*(?:底|末)?\s*(?:前)?\s*"
    r"(?=投入使用|交付使用|建成|竣工|完工|开学|運行|运行|运营|啟用|启用)"
)
_TIME_LIMIT = re.compile(r"(?:完成时限|完成时间|时间节点|时限)\s*[:：]\s*(?P<when>[^；;。\n）)]+)")


def _month(text: str) -> int:
    return int(text) if text.isdigit() else chinese_number(text)


# A time limit written as a period alone: 全年, 2024, 2024年底, 9月, 2024年9月份, and a
# month before what is done by then (10月投入使用).
_LIMIT_YEAR = re.compile(
    r"^(?:全年|全年度|年度|本年度|(?P<year>(?:19|20)\d{2})\s*年?\s*(?:底|末|内)?)$"
)
_LIMIT_MONTH = re.compile(
    rf"^(?:(?P<year>(?:19|20)\d{{2}})\s*年)?\s*(?P<month>{_CN_MONTH})\s*月\s*份?\s*(?:底|末)?"
    r"\s*(?:前|以前|之前|完成)?(?![\d日号])"
)


# A month as a sheet writes it, or the span of a project's months: 2023.12, 2023.01-2023.12.
_LIMIT_DOTTED = re.compile(
    r"^(?:(?:19|20)\d{2}[.．/]\d{1,2}[-—–~～至])?(?P<year>(?:19|20)\d{2})[.．/](?P<month>\d{1,2})$"
)


def _limit_period(text: str, year: int | None) -> dt.date | None:
    """The last day of the period a 完成时限 names on its own (全年 → the year's end,
    2024 → 2024-12-31, 9月份 → the month's end in ``year``, 2023.8 and 2023.01-2023.12 →
    the end of the month that closes it), or None."""
    if m := _LIMIT_DOTTED.match(text):
        month = int(m.group("month"))
        return month_end(int(m.group("year")), month) if 1 <= month <= 12 else None
    if m := _LIMIT_YEAR.match(text):
        chosen = int(m.group("year")) if m.group("year") else year
        return dt.date(chosen, 12, 31) if chosen else None
    if (m := _LIMIT_MONTH.match(text)) and not _YEAR_MONTH.search(text, m.end()):
        # (not "2021年2月公布预算信息,2021年8月公布…": the latest of the months it names)
        chosen = int(m.group("year")) if m.group("year") else year
        month = _month(m.group("month"))
        return month_end(chosen, month) if chosen and 1 <= month <= 12 else None
    return None


# A period of a year named after it: "2028年第三季度", "2028年上半年".
_PERIOD_AFTER = re.compile(r"\s*(?:第?[一二三四1-4]季度|[上下]半年)")
# Years a work spans: "2022-2023", "2013—2017年".
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}[-—–~～至](?P<last>(?:19|20)\d{2})年?")
# The same in brackets closing an item's head: "…通公路（2013—2017年）".
_SPAN_CLOSING = re.compile(
    r"[（(]\s*(?:19|20)\d{2}\s*[-—–~～至]\s*(?P<last>(?:19|20)\d{2})\s*年?\s*[）)]\s*$"
)


# A clause of a row's stages opening on its year: "；2025年，重点开展…".
_STAGED = re.compile(r"(?:19|20)\d{2}(?=\s*年\s*[，,])")


# The term a policy runs ("延续执行至2027年底", "有效期至…"), no time to do a work by.
_TERM_UNTIL = re.compile(
    r"(?:延续|延續|延长|延長|执行|執行|有效期)(?:执行|執行|实施|實施)?至\s*"
    r"(?:\d{4}\s*年\s*(?:\d{1,2}\s*月\s*)?(?:底|末)?|年底|年末)"
)


def item_deadline(text: str, year: int | None) -> tuple[dt.date | None, str, bool]:
    """The deadline an item names (the latest of its dates), the words, and whether it
    is long-running (长期坚持, 每年 …) with no single deadline. ``year``: the document's,
    for phrases that name none (年内, 6月底前, 三季度末)."""
    if "至" in text:
        text = _TERM_UNTIL.sub("", text)
    if year is not None and ("明年" in text or "次年" in text):
        text = re.sub(r"明年|次年", f"{year + 1}年", text)  # "于明年8月底全部竣工"
    limit = _TIME_LIMIT.search(text)
    if limit and (span := _YEAR_SPAN.fullmatch(re.sub(r"\s+", "", limit.group("when")))):
        # "完成时限：2022-2023": the years the work spans; done by the end of the last.
        return dt.date(int(span.group("last")), 12, 31), limit.group("when").strip(), False
    head = re.split(r"[。；;]", text, maxsplit=1)[0]
    if span := _SPAN_CLOSING.search(head):
        # "2606个撤并村通公路（2013—2017年）。": the span the head closes with.
        return dt.date(int(span.group("last")), 12, 31), span.group(0), False
    if limit:
        text = limit.group("when")
        # A time limit that is one day (2028-09-30, 2028/9/30, 2028.9.30, 2028年9月30日).
        day = parse_day(text.strip(), year)
        if day is None:
            day = _limit_period(re.sub(r"\s+", "", text), year)
        if day is not None:
            return day, text.strip(), False
    found: list[tuple[dt.date, str]] = []
    for m in _YEAR_MONTH.finditer(text):
        if not m.group("month") and _PERIOD_AFTER.match(text, m.end()):
            # "2028年第三季度", "2028年上半年": the year of the period, not its end.
            year = int(m.group("year"))
            continue
        has_deadline_words = m.group("tail") or m.group("before") or m.group("month")
        preceded = text[: m.start()].rstrip()[-1:] in ("到", "至", "于", "在")
        # "2021年计划投资…", "2021年力争…": the plan of that year, due by its end.
        planned = _YEAR_PLAN.match(text, m.end()) or (
            _AIMED_BEFORE.search(text, max(0, m.start() - 6), m.start())
            and _AIMED_AT.match(text, m.end())
        )
        if not (has_deadline_words or preceded or planned or limit):
            continue  # "2025年是…": a time, not a deadline
        if "已" in text[max(0, m.start() - 3) : m.start()]:
            continue  # "已于2029年3月完成招标": a report of what is done
        month = _month(m.group("month")) if m.group("month") else 12
        if not 1 <= month <= 12:
            continue
        day = None
        d = None
        if m.group("month") and not (m.group("tail") or m.group("before")):
            d = _DAY_AFTER.match(text, m.end())
        if d is not None:
            try:
                day = dt.date(int(m.group("year")), month, int(d.group("day")))
            except ValueError:
                day = None
        words = m.group(0).strip() if day is None else text[m.start() : d.end()].strip()
        found.append((day or _by(int(m.group("year")), month, m.group("tail")), words))
        if m.group("month") and (after := _NEXT_MONTH.match(text, d.end() if d else m.end())):
            later = _month(after.group("month"))
            if month < later <= 12:
                found.append((month_end(int(m.group("year")), later), after.group(0).strip()))
    staged = [
        int(m.group(0))
        for m in _STAGED.finditer(text)
        if text[: m.start()].rstrip()[-1:] in ("", "。", "；", ";", "：", ":")
    ]
    if len(staged) >= 2 and staged == sorted(set(staged)):
        # "其中：2024年，重点开展…；2025年，…；2026年，…": the work in stages, one a year;
        # done by the end of the last.
        found.append((dt.date(staged[-1], 12, 31), f"{staged[-1]}年"))
    if year is not None:
        if span := _MONTHS_OPENING.match(text):
            # "(1)1——2月份，组建…": a row opening with the months it spans, done by the
            # end of the last.
            last = _month(span.group("last"))
            if _month(span.group("first")) < last <= 12:
                found.append((month_end(year, last), span.group(0).strip(" ，,：:")))
        for m in _MONTH_ONLY.finditer(text):
            month = _month(m.group("month"))
            if 1 <= month <= 12:
                found.append((_by(year, month, m.group("tail")), m.group(0).strip()))
        for m in _QUARTER.finditer(text):
            q = int(m.group("q")) if m.group("q").isdigit() else chinese_number(m.group("q"))
            found.append((month_end(year, 3 * q), m.group(0).strip()))
        for m in _HALF.finditer(text):
            found.append((month_end(year, 6 if m.group("half") == "上" else 12), m.group(0)))
        for m in _SEASON.finditer(text):
            season = m.group("season")
            month = _SEASON_END[season]
            if season in _SCHOOL_TERM and _SCHOOL.search(text) and _TERM_OPENS.match(text, m.end()):
                # "秋季开学", "新建城北小学，秋季投入使用": the term; "利用春季抓好校园绿化":
                # the season.
                month = _SCHOOL_TERM[season]
            found.append((month_end(year, month), m.group(0)))
        if not found:
            m = _THIS_YEAR.search(text)
            if m:
                found.append((dt.date(year, 12, 31), m.group(0)))
    if found:
        day, words = max(found)
        return day, words, False
    m = _LONG_RUNNING.search(text)
    return None, (m.group(0) if m else ""), bool(m)


_DAY = re.compile(
    rf"^(?:(?P<year>(?:19|20)\d{{2}})\s*[年/.-]\s*)?(?P<month>{_CN_MONTH})\s*[月/.-]\s*"
    r"(?P<day>\d{1,2})\s*[日号]?\s*(?:前|以前|之前)?$"
)


# A rectification ledger's (整改台账) cell naming work that goes on, written alone: 持续整改,
# 长效管理 (in a document's sentence these words name a mechanism, not a time limit).
_LONG_RUNNING_CELL = re.compile(r"^(?:持续整改|长效管理|长效整改|长效推进|长效|常年|持续)$")
# A cell asking for the work at once (立行立改, 立即整改, 即知即改 …): ``deadline_in``
# leaves it to the caller, who knows the day (``at_once``).
AT_ONCE = re.compile(
    r"^(?:立行立改|立即整改|立查立改|即知即改|即查即改|立知立改|马上改|立即|立即办理|立即落实)$"
)


def at_once(value) -> bool:
    """The cell asks for the work at once (立行立改, 立即整改 …)."""
    return bool(AT_ONCE.match(re.sub(r"\s+", "", str(value or ""))))


def deadline_in(value, year: int | None) -> tuple[dt.date | None, bool]:
    """The deadline a sheet's cell gives, and whether it names a long-running task with no
    fixed deadline (长期坚持, 持续推进, and written alone 持续整改, 长效管理 …): (None, False)
    when it names neither. A date cell, 2026-06-30, 2026/6/30, 2026年6月30日 and 6月30日前
    are that day; phrases name a period's last day (2026年12月底, 12月底前, 年底前, 三季度末,
    上半年: see ``item_deadline``). ``year`` is the one meant by phrases that name none.
    A cell asking for the work at once (``at_once``: 立行立改) names no day here, nor does a
    time limit counted from a day (``within``: 3日内, 15个工作日内)."""
    text = re.sub(r"\s+", "", str(value or ""))
    if not text:
        return None, False
    if _LONG_RUNNING_CELL.match(text):
        return None, True
    if within(text) is not None:
        return None, False  # 半年内: counted from a day, not the year's end
    if isinstance(value, dt.date) or _DAY.match(text):
        return parse_day(value, year), False
    if (day := _limit_period(text, year)) is not None:
        return day, False
    day, _words, long_running = item_deadline(text, year)
    return day, long_running


# A time limit counted from the day an item is handed out or found, as a 隐患/督办 ledger
# writes it in its 时限 cell: 3日内, 3天内, 15个工作日内, 7个工作日, 一个月内, 2个月内,
# 30日内办结, 两周内, 1年内, 半个月内, 半年内, 24小时内. 日, 月 and 年 need 内 (3日 is a day
# of the month, 3月 a month, 半年 a half of the year); a bare number (15) has no unit and
# is none.
_WITHIN = re.compile(
    r"^(?:限|须|需|应|要求)?在?(?:(?P<count>\d{1,3}|[一二两三四五六七八九十百]{1,4})|(?P<half>半))"
    r"(?P<unit>个?工作日|个?自然日|个?小时|天|日|个月|月|周|个?星期|年)(?P<inside>内|以内|之内)?"
    r"(?:办结|完成|办理完毕|整改完毕|整改到位|整改完成|完成整改|反馈|答复|办复|处置|处理)?$"
)
_WITHIN_UNITS = {"工作日": "working_day", "自然日": "day", "天": "day", "日": "day"}
_WITHIN_UNITS |= {"个月": "month", "月": "month", "周": "week", "星期": "week", "年": "year"}
_WITHIN_UNITS |= {"小时": "hour"}
# Half of a month or a year: 半个月 is 15 days, 半年 six months.
_HALF_OF = {"month": (15, "day"), "year": (6, "month")}


class Within(NamedTuple):
    """A time limit counted from a day: ``count`` hours, days, working days, weeks,
    months or years (``unit``: hour, day, working_day, week, month, year), as ``words``
    wrote it (半个月内 is 15 days, 半年内 six months)."""

    count: int
    unit: str
    words: str

    def due(self, start: dt.date, add_working_days: Callable[[dt.date, int], dt.date]) -> dt.date:
        """The last day of the limit counted from ``start``: ``count`` days after it, or
        ``count`` working days by ``add_working_days`` (the caller's working-day
        calendar), or the same day ``count`` months later (the month's last day when it
        is shorter: 1月31日 + 一个月 is 2月28日). Hours are whole days counted from
        ``start``, rounded up: 24小时内 is due the day after, 36小时内 and 48小时内 two days
        after (no time of day is kept: a day's hours are not counted from its end, nor
        from the hour the item came in)."""
        if self.unit == "working_day":
            return add_working_days(start, self.count)
        if self.unit == "hour":
            return start + dt.timedelta(days=-(-self.count // 24))
        if self.unit in ("day", "week"):
            return start + dt.timedelta(days=self.count * (7 if self.unit == "week" else 1))
        months = self.count * (12 if self.unit == "year" else 1)
        first = add_months(start, months)
        return first.replace(day=min(start.day, month_end(first.year, first.month).day))


def within(value) -> Within | None:
    """The time limit a sheet's cell gives counted from a day (``Within``: 3日内,
    15个工作日内, 一个月内, 30日内办结, 半个月内, 半年内, 24小时内), else None (a bare
    number, 3日, 3月, 半年: no limit of this kind). ``deadline_in`` reads none of these:
    the day they give depends on the day they count from, which the caller knows."""
    if isinstance(value, (dt.date, bool, int, float)) or value is None:
        return None
    text = re.sub(r"\s+", "", str(value))
    m = _WITHIN.match(text)
    if not m:
        return None
    unit = _WITHIN_UNITS[m.group("unit").removeprefix("个")]
    if m.group("half"):
        # 半个月, 半月内, 半年内; not 半年 (a half of the year), 半天, 半小时, 半周.
        if unit not in _HALF_OF or (m.group("unit") in ("月", "年") and not m.group("inside")):
            return None
        return Within(*_HALF_OF[unit], text)
    if m.group("unit") == "月" or (m.group("unit") in ("日", "年") and not m.group("inside")):
        return None  # 2月内: within February; 3日: the 3rd
    count = m.group("count")
    try:
        number = int(count) if count.isdigit() else chinese_number(count)
    except ValueError:
        return None
    if number < 1:
        return None
    return Within(number, unit, text)


# A month without its day (2024.3, 2024-03, 2024/3, 2024年3月).
_MONTH_WRITTEN = re.compile(r"^((?:19|20)\d{2})\s*[年/.-]\s*(\d{1,2})\s*月?$")


# A month without its year or day (3月, 三月, 3月份).
_MONTH_ALONE = re.compile(rf"^(?P<month>{_CN_MONTH})\s*月\s*份?$")


def month_start(value: object, year: int | None = None) -> dt.date | None:
    """The first day of a month written without its day: 2024.3, 2024-03, 2024/3,
    2024年3月 (text; a number such as 2024.1 may have lost the 0 of October and is
    not read), or 3月 with ``year``. None for anything else."""
    if isinstance(value, bool) or not isinstance(value, str):
        return None
    found = _MONTH_WRITTEN.match(value.strip())
    if not found and year is not None and (alone := _MONTH_ALONE.match(value.strip())):
        month = _month(alone.group("month"))
        return dt.date(year, month, 1) if 1 <= month <= 12 else None
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return dt.date(int(found.group(1)), int(found.group(2)), 1)


def lost_zero(value: object) -> bool:
    """A number cell read as a month and day without its year, whose day may have lost
    its 0 (3.1 is what a sheet keeps of 3.10 typed into it, 3.3 of 3.30): which day it
    is cannot be told. (2.3 is the 3rd: February has no 30th; 3.5 is the 5th.)"""
    if isinstance(value, bool) or not isinstance(value, float):
        return False
    whole, _dot, fraction = repr(value).partition(".")
    if len(fraction) != 1 or not whole.isdigit() or not 1 <= int(whole) <= 12:
        return False
    try:
        dt.date(2000, int(whole), int(fraction) * 10)
    except ValueError:
        return False
    return True


def without_year(value: object, *, month: bool = False) -> bool:
    """The cell is a day written without its year (3月23日, 3.23, 3/23), or with
    ``month`` a month (3月): read only in a year the sheet gives."""
    if parse_day(value) is not None or month_start(value) is not None:
        return False
    # 2000 is a leap year: 2月29日 is a day of some years.
    return parse_day(value, 2000) is not None or (month and month_start(value, 2000) is not None)


def parse_day(value, year: int | None = None) -> dt.date | None:
    """One day as a sheet writes it: a date cell, 2026-06-30, 2026/6/30, 2026.6.30,
    2026年6月30日 (or 6月30日, 6.30 with ``year``; not a number cell such as 6.3, which
    may be 6.30 that lost its 0: ``lost_zero``); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if lost_zero(value):
        return None
    m = _DAY.match(re.sub(r"\s+", "", str(value or "")))
    if not m or not (m.group("year") or year is not None):
        return None
    month = m.group("month")
    try:
        return dt.date(
            int(m.group("year") or year),
            int(month) if month.isdigit() else chinese_number(month),
            int(m.group("day")),
        )
    except ValueError:
        return None
