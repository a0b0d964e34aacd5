"""Pure logic of the enterprise module: the per-mu evaluation (亩均效益评价) and the three
rates of demand handling. Nothing here reads the clock or the database.

The evaluation works on columns (NumPy arrays), so a whole city's enterprises are scored
in a few vectorised passes; the database layer (``evaluation.py``) and the command line
(a spreadsheet) build the same ``Rows``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np

from mingzhu.core import periods

# The indicator catalogue: indicator -> (numerator, denominator), both columns of
# Rows.values. What the Jiangsu (资源集约利用综合评价) and Zhejiang (亩均效益综合评价) schemes
# use; a scheme picks its indicators and weights from here (docs/enterprises.md).
INDICATORS: dict[str, tuple[str, str]] = {
    "tax_per_mu": ("tax", "land_mu"),  # 亩均税收
    "sales_per_mu": ("sales", "land_mu"),  # 亩均销售
    "revenue_per_mu": ("revenue", "land_mu"),  # 亩均营业收入
    "value_added_per_mu": ("value_added", "land_mu"),  # 亩均增加值
    "tax_per_energy": ("tax", "energy_tce"),  # 单位能耗税收
    "value_added_per_energy": ("value_added", "energy_tce"),  # 单位能耗增加值
    "tax_per_emission": ("tax", "emissions"),  # 单位排放税收
    "value_added_per_emission": ("value_added", "emissions"),  # 单位排放增加值
    "value_added_per_equivalent": ("value_added", "emission_equivalents"),  # 单位排放当量增加值
    "labour_productivity": ("value_added", "employees"),  # 全员劳动生产率
    "rd_intensity": ("rd_expense", "sales"),  # 研发经费占销售比重
    "rd_share_of_revenue": ("rd_expense", "revenue"),  # R&D 经费支出占主营业务收入比重
    "tax_per_electricity": ("tax", "electricity"),  # 单位电耗税收
}
FIELDS = (
    "land_mu",
    "tax",
    "sales",
    "revenue",
    "value_added",
    "energy_tce",
    "electricity",
    "emissions",
    "cod",
    "ammonia",
    "so2",
    "nox",
    "rd_expense",
    "employees",
)
# 污染当量值 (kg per pollution equivalent) of the four main pollutants, from the table of
# taxable pollutants and their equivalent values annexed to the Environmental Protection
# Tax Law (环境保护税法 附表二): 化学需氧量 1, 氨氮 0.8, 二氧化硫 0.95, 氮氧化物 0.95.
EQUIVALENT_KG = {"cod": 1.0, "ammonia": 0.8, "so2": 0.95, "nox": 0.95}
GROUPS = ("above", "below")
CLASSES = ("A", "B", "C", "D", "T")
HUNDRED_BILLION = Decimal("1000000")  # 100 亿元 in 万元

# Benchmark rules: how the value an indicator is divided by is formed.
GROUP_RATIO = "group_ratio"  # Σ numerator ÷ Σ denominator of the group this year
PUBLISHED = "published"  # a number the scheme publishes
PREVIOUS = "previous"  # k × the group's ratio of an earlier year
TOP_DECILE = "top_decile"  # the 90th percentile of the group's values this year
RULES = (GROUP_RATIO, PUBLISHED, PREVIOUS, TOP_DECILE)
# What a missing figure (or a zero denominator) scores for the item.
MISSING_ONE, MISSING_AVERAGE, MISSING_ZERO = "one", "group_average", "zero"
MISSING = (MISSING_ONE, MISSING_AVERAGE, MISSING_ZERO)
SHARES, CUTOFFS = "shares", "cutoffs"
POLICY_NUMBERS = ("electricity_surcharge", "water_surcharge", "discharge_surcharge")
LAND_POLICIES = ("", "priority", "restricted", "no_new_land")


class SchemeError(ValueError):
    pass


def _number(value, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise SchemeError(f"{what}: not a number") from None
    if not np.isfinite(x):
        raise SchemeError(f"{what}: not a number")
    return x


def _rule(group: str, key: str, raw: Any) -> dict[str, Any]:
    """A benchmark rule as {"rule", "value", "k", "offset"} (only the parameters it uses)."""
    raw = raw or {}
    if not isinstance(raw, Mapping):
        raise SchemeError(f"benchmarks: {group} {key}: not a rule")
    rule = raw.get("rule", GROUP_RATIO)
    where = f"benchmarks: {group} {key}"
    if rule == PUBLISHED:
        value = _number(raw.get("value"), where)
        if value <= 0:
            raise SchemeError(f"{where}: a published benchmark must be above 0")
        return {"rule": rule, "value": value}
    if rule == PREVIOUS:
        k = _number(raw.get("k", 1), where)
        offset = raw.get("offset", 1)
        if k <= 0:
            raise SchemeError(f"{where}: k must be above 0")
        if isinstance(offset, bool) or not isinstance(offset, int) or not 1 <= offset <= 10:
            raise SchemeError(f"{where}: the year offset must be a whole number from 1 to 10")
        return {"rule": rule, "k": k, "offset": offset}
    if rule in (GROUP_RATIO, TOP_DECILE):
        return {"rule": rule}
    raise SchemeError(f"{where}: unknown rule {rule!r}")


@dataclass(frozen=True)
class Scheme:
    """A versioned evaluation scheme: indicators and weights per group, each indicator's
    benchmark rule, the missing-data policy, class shares or score cut-offs, the ratio cap
    (None: uncapped), the scope (规上; 规下 from ``min_land_below`` mu unless excluded), the
    exemption and veto items it names, and the policies per class."""

    version: int
    weights: Mapping[str, Mapping[str, float]]
    quotas: Mapping[str, float]  # A: share ranked A; B: cumulative share A+B; D: share D
    cap: float | None
    min_land_below: float
    policies: Mapping[str, Mapping[str, Any]]
    rules: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    missing: str = MISSING_ONE
    classing: str = SHARES
    cutoffs: Mapping[str, float] = field(default_factory=dict)  # A, B, C: lowest score
    include_below: bool = True
    exempt_items: tuple[str, ...] = ()
    veto_items: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, version: int, data: Mapping[str, Any]) -> Scheme:
        """Build and check a scheme from plain data (the stored JSON)."""
        try:
            weights = {g: {str(k): float(w) for k, w in data["weights"][g].items()} for g in GROUPS}
            quotas = {k: float(data["quotas"][k]) for k in ("A", "B", "D")}
            cap = None if data.get("cap", 2.0) is None else float(data["cap"])
            min_land = float(data.get("min_land_below", 3))
            policies = {str(k): dict(v) for k, v in (data.get("policies") or {}).items()}
            cutoffs = {k: float(v) for k, v in (data.get("cutoffs") or {}).items()}
            raw_rules = data.get("benchmarks") or {}
            exempt_items = tuple(str(x) for x in data.get("exempt_items") or ())
            veto_items = tuple(str(x) for x in data.get("veto_items") or ())
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SchemeError(f"incomplete scheme: {exc}") from exc
        for g, ws in weights.items():
            unknown = set(ws) - set(INDICATORS)
            if unknown:
                raise SchemeError(f"{g}: unknown indicators {sorted(unknown)}")
            if any(not np.isfinite(w) or w < 0 for w in ws.values()):
                raise SchemeError(f"{g}: weights must not be negative")
        if not isinstance(raw_rules, Mapping) or set(raw_rules) - set(GROUPS):
            raise SchemeError("benchmarks: give rules per group (above, below)")
        rules = {}
        for g in GROUPS:
            given = raw_rules.get(g) or {}
            if set(given) - set(weights[g]):
                raise SchemeError(f"benchmarks: {g}: rules for indicators the group does not use")
            rules[g] = {k: _rule(g, k, given.get(k)) for k in weights[g]}
        if not 0 <= quotas["A"] <= quotas["B"] <= 1 or not 0 <= quotas["D"] <= 1:
            raise SchemeError("quotas: need 0 <= A <= B <= 1 and 0 <= D <= 1")
        if cap is not None and not cap > 0:
            raise SchemeError("cap must be above 0")
        if min_land < 0:
            raise SchemeError("min_land_below must not be negative")
        missing = data.get("missing", MISSING_ONE)
        if missing not in MISSING:
            raise SchemeError(f"missing: one of {', '.join(MISSING)}")
        classing = data.get("classing", SHARES)
        if classing not in (SHARES, CUTOFFS):
            raise SchemeError("classing: shares or cutoffs")
        if classing == CUTOFFS:
            if set(cutoffs) != {"A", "B", "C"}:
                raise SchemeError("cutoffs: give the lowest score of A, B and C")
            if not cutoffs["A"] >= cutoffs["B"] >= cutoffs["C"]:
                raise SchemeError("cutoffs: need A >= B >= C")
        for klass, policy in policies.items():
            if klass not in CLASSES:
                raise SchemeError(f"policies: unknown class {klass}")
            for key in POLICY_NUMBERS:
                if _number(policy.get(key, 0) or 0, f"policies: {klass} {key}") < 0:
                    raise SchemeError(f"policies: {klass} {key} must not be negative")
            if policy.get("land", "") not in LAND_POLICIES:
                raise SchemeError(f"policies: {klass} land: one of {', '.join(LAND_POLICIES)}")
        return cls(
            version,
            weights,
            quotas,
            cap,
            min_land,
            policies,
            rules=rules,
            missing=missing,
            classing=classing,
            cutoffs=cutoffs if classing == CUTOFFS else {},
            include_below=bool(data.get("include_below", True)),
            exempt_items=exempt_items,
            veto_items=veto_items,
        )

    def as_data(self) -> dict[str, Any]:
        return {
            "weights": {g: dict(w) for g, w in self.weights.items()},
            "benchmarks": {g: {k: dict(r) for k, r in rs.items()} for g, rs in self.rules.items()},
            "missing": self.missing,
            "quotas": dict(self.quotas),
            "classing": self.classing,
            "cutoffs": dict(self.cutoffs),
            "cap": self.cap,
            "include_below": self.include_below,
            "min_land_below": self.min_land_below,
            "exempt_items": list(self.exempt_items),
            "veto_items": list(self.veto_items),
            "policies": {k: dict(v) for k, v in self.policies.items()},
        }

    def offsets(self) -> set[int]:
        """The earlier years (as offsets from the evaluated year) the benchmarks read."""
        return {
            r["offset"] for rs in self.rules.values() for r in rs.values() if r["rule"] == PREVIOUS
        }


DEFAULT_SCHEME_DATA: dict[str, Any] = {
    "weights": {
        "above": {
            "tax_per_mu": 40,
            "sales_per_mu": 20,
            "tax_per_energy": 10,
            "tax_per_emission": 10,
            "labour_productivity": 10,
            "rd_intensity": 10,
        },
        "below": {"tax_per_mu": 50, "tax_per_electricity": 50},
    },
    "quotas": {"A": 0.20, "B": 0.60, "D": 0.05},
    "cap": 2.0,
    "min_land_below": 3,
    # electricity_surcharge in 元/kWh; water_surcharge and discharge_surcharge (排污权) as
    # shares of the price; land: priority, restricted or no_new_land.
    "policies": {
        "A": {"land": "priority"},
        "C": {"electricity_surcharge": 0.10, "water_surcharge": 0.15},
        "D": {"electricity_surcharge": 0.30, "water_surcharge": 0.30, "land": "no_new_land"},
    },
}
DEFAULT_SCHEME = Scheme.from_data(1, DEFAULT_SCHEME_DATA)


@dataclass
class Rows:
    """The evaluation's input as columns: one entry per enterprise. Missing figures are
    NaN."""

    codes: np.ndarray  # credit codes (str)
    above: np.ndarray  # bool: 规上
    values: dict[str, np.ndarray]  # FIELDS -> float
    exempt: np.ndarray  # bool: has an exemption reason (class T)
    veto: np.ndarray  # bool: has a veto reason (class D, not ranked)
    bonus: np.ndarray  # float: bonus (+) or penalty (−) points

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def from_columns(
        cls,
        codes: Sequence[str],
        above: Sequence[bool],
        values: Mapping[str, Sequence],
        exempt: Sequence[bool],
        veto: Sequence[bool],
        bonus: Sequence,
    ) -> Rows:
        n = len(codes)

        def floats(column) -> np.ndarray:
            return np.array(column, dtype=float) if n else np.zeros(0)

        columns = {f: floats(values[f]) if f in values else np.full(n, np.nan) for f in FIELDS}
        columns["emission_equivalents"] = emission_equivalents(columns)
        return cls(
            codes=np.array(codes, dtype=str) if n else np.zeros(0, dtype=str),
            above=np.array(above, dtype=bool),
            values=columns,
            exempt=np.array(exempt, dtype=bool),
            veto=np.array(veto, dtype=bool),
            bonus=np.nan_to_num(floats(bonus), nan=0.0),
        )

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, Any]]) -> Rows:
        """From dicts with credit_code, scale ("above"/"below"), the FIELDS, exempt_reason,
        veto_reason and bonus (None or missing: not given)."""
        return cls.from_columns(
            codes=[r["credit_code"] for r in records],
            above=[r["scale"] == "above" for r in records],
            values={f: [r.get(f) for r in records] for f in FIELDS},
            exempt=[bool(r.get("exempt_reason")) for r in records],
            veto=[bool(r.get("veto_reason")) for r in records],
            bonus=[r.get("bonus") for r in records],
        )


def emission_equivalents(columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """主要污染物排放当量 from the pollutants in tonnes: Σ t × 1000 ÷ kg per equivalent, in
    thousands of equivalents (so 1 t of COD is 1); NaN when none of them is given."""
    parts = [columns[k] / kg for k, kg in EQUIVALENT_KG.items()]
    stacked = np.vstack(parts) if parts and len(parts[0]) else np.zeros((0, 0))
    if not stacked.size:
        return np.zeros(len(columns["cod"]))
    total = np.nansum(stacked, axis=0)
    return np.where(np.isnan(stacked).all(axis=0), np.nan, total)


@dataclass
class Evaluation:
    in_scope: np.ndarray
    ranked: np.ndarray
    group: np.ndarray  # "above" / "below"
    values: dict[str, np.ndarray]  # indicator -> value (NaN: missing or zero denominator)
    ratios: dict[str, np.ndarray]  # indicator -> ratio (NaN: not an indicator of the group)
    score: np.ndarray  # NaN out of scope
    rank: np.ndarray  # 1.. within the group among ranked; 0 when not ranked
    classes: np.ndarray  # "A".."D", "T"; None out of scope
    extra_cost: np.ndarray  # 万元; NaN out of scope
    benchmarks: dict[str, dict[str, float | None]] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def round_half_up(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def class_bounds(n: int, quotas: Mapping[str, float]) -> tuple[int, int, int]:
    """(end of A, end of B, start of D) as positions in the ranking of n enterprises.

    A = the first round-half-up(A·n); B up to round-half-up(B·n); D = the last
    round-half-up(D·n), never reaching into A or B (in tiny groups A and B come first).
    """
    a = round_half_up(Decimal(str(quotas["A"])) * n)
    b = max(a, round_half_up(Decimal(str(quotas["B"])) * n))
    d = n - round_half_up(Decimal(str(quotas["D"])) * n)
    return min(a, n), min(b, n), max(d, min(b, n))


def _missing_ratio(
    scheme: Scheme, pool: np.ndarray, usable: np.ndarray, measured: np.ndarray
) -> float:
    """The ratio a missing figure scores: 1.0, 0, or the average ratio of the group's
    ranked enterprises that have the figure (1.0 when none has)."""
    if scheme.missing == MISSING_ZERO:
        return 0.0
    if scheme.missing == MISSING_AVERAGE:
        sel = pool & usable
        return float(measured[sel].mean()) if sel.any() else 1.0
    return 1.0


def class_labels(ranked_scores: np.ndarray, scheme: Scheme) -> np.ndarray:
    """The classes of a group's ranked enterprises, best first: by shares of the ranking,
    or by score cut-offs (A from cutoffs["A"], B from ["B"], C from ["C"], D below)."""
    m = len(ranked_scores)
    labels = np.full(m, "C", dtype=object)
    if scheme.classing == CUTOFFS:
        cut = scheme.cutoffs
        labels[:] = "D"
        labels[ranked_scores >= cut["C"]] = "C"
        labels[ranked_scores >= cut["B"]] = "B"
        labels[ranked_scores >= cut["A"]] = "A"
        return labels
    end_a, end_b, start_d = class_bounds(m, scheme.quotas)
    labels[:end_a] = "A"
    labels[end_a:end_b] = "B"
    labels[start_d:] = "D"
    return labels


def _indicator_values(rows: Rows) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(values, usable) per indicator: a value where the numerator is given and the
    denominator above 0, NaN otherwise."""
    values: dict[str, np.ndarray] = {}
    usable: dict[str, np.ndarray] = {}
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for key, (num, den) in INDICATORS.items():
            a, b = rows.values[num], rows.values[den]
            ok = ~np.isnan(a) & (np.nan_to_num(b, nan=0.0) > 0)
            usable[key] = ok
            values[key] = np.where(ok, a / np.where(ok, b, 1.0), np.nan)
    return values, usable


def _standing(rows: Rows, scheme: Scheme) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(in scope, vetoed, exempt, ranked): 规上 always, 规下 with enough land when the
    scheme takes them; a veto wins over an exemption."""
    land = np.nan_to_num(rows.values["land_mu"], nan=0.0)
    below_in = (
        (land >= scheme.min_land_below) if scheme.include_below else np.zeros(len(rows), bool)
    )
    in_scope = np.where(rows.above, True, below_in)
    veto = rows.veto & in_scope
    exempt = rows.exempt & in_scope & ~veto
    return in_scope, veto, exempt, in_scope & ~veto & ~exempt


def _group_ratio(rows: Rows, pool: np.ndarray, usable: np.ndarray, key: str) -> float | None:
    """Σ numerator ÷ Σ denominator over the pool's enterprises having both; None when it
    cannot be formed or is not above 0."""
    num, den = INDICATORS[key]
    sel = pool & usable
    if not sel.any():
        return None
    den_sum = float(rows.values[den][sel].sum())
    ratio = float(rows.values[num][sel].sum()) / den_sum if den_sum > 0 else 0.0
    return ratio if np.isfinite(ratio) and ratio > 0 else None


def benchmark_of(
    rule: Mapping[str, Any],
    key: str,
    group: str,
    rows: Rows,
    pool: np.ndarray,
    values: Mapping[str, np.ndarray],
    usable: Mapping[str, np.ndarray],
    history: Mapping[int, Rows],
    scheme: Scheme,
) -> float | None:
    """The benchmark of an indicator for a group under its rule (None: not formed)."""
    kind = rule["rule"]
    if kind == PUBLISHED:
        return float(rule["value"])
    if kind == TOP_DECILE:
        sel = pool & usable[key]
        if not sel.any():
            return None
        value = float(np.percentile(values[key][sel], 90))
        return value if value > 0 else None
    if kind == PREVIOUS:
        earlier = history.get(rule["offset"])
        if earlier is None or not len(earlier):
            return None
        _in, _veto, _exempt, ranked = _standing(earlier, scheme)
        member = earlier.above if group == "above" else ~earlier.above
        _values, earlier_usable = _indicator_values(earlier)
        average = _group_ratio(earlier, ranked & member, earlier_usable[key], key)
        return None if average is None else rule["k"] * average
    return _group_ratio(rows, pool, usable[key], key)


def evaluate(
    rows: Rows, scheme: Scheme = DEFAULT_SCHEME, history: Mapping[int, Rows] | None = None
) -> Evaluation:
    """Score and class every row. ``history`` holds the rows of earlier years by their
    offset (1: the year before) for benchmarks of the rule ``previous``."""
    history = history or {}
    n = len(rows)
    in_scope, veto, exempt, ranked = _standing(rows, scheme)
    values, usable = _indicator_values(rows)
    cap = np.inf if scheme.cap is None else scheme.cap

    score = np.full(n, np.nan)
    ratios = {key: np.full(n, np.nan) for key in INDICATORS}
    benchmarks: dict[str, dict[str, float | None]] = {}
    for group in GROUPS:
        member = rows.above if group == "above" else ~rows.above
        pool = ranked & member
        total = np.zeros(n)
        benchmarks[group] = {}
        for key, weight in scheme.weights[group].items():
            rule = scheme.rules.get(group, {}).get(key, {"rule": GROUP_RATIO})
            benchmark = benchmark_of(rule, key, group, rows, pool, values, usable, history, scheme)
            benchmarks[group][key] = benchmark
            if benchmark is None:
                # A benchmark that cannot be formed gives everyone the benchmark itself.
                ratio = np.ones(n)
            else:
                with np.errstate(invalid="ignore", over="ignore"):
                    measured = np.minimum(values[key] / benchmark, cap)
                ratio = np.where(
                    usable[key], measured, _missing_ratio(scheme, pool, usable[key], measured)
                )
            ratios[key][member] = ratio[member]
            total += weight * ratio
        scored = in_scope & member
        score[scored] = total[scored] + rows.bonus[scored]

    rank = np.zeros(n, dtype=np.int64)
    classes = np.full(n, None, dtype=object)
    classes[exempt] = "T"
    classes[veto] = "D"
    tax_per_mu = np.nan_to_num(values["tax_per_mu"], nan=-np.inf)
    counts: dict[str, dict[str, int]] = {}
    for group in GROUPS:
        member = rows.above if group == "above" else ~rows.above
        idx = np.flatnonzero(ranked & member)
        # Best first: score, then tax per mu (higher first), then credit code.
        order = idx[np.lexsort((rows.codes[idx], -tax_per_mu[idx], -score[idx]))]
        m = len(order)
        rank[order] = np.arange(1, m + 1)
        classes[order] = class_labels(score[order], scheme)
        in_group = classes[member]
        counts[group] = {c: int(np.count_nonzero(in_group == c)) for c in CLASSES}
        counts[group]["ranked"] = m
        counts[group]["out_of_scope"] = int(np.count_nonzero(member & ~in_scope))

    surcharge = np.zeros(n)
    for klass, policy in scheme.policies.items():
        rate = float(policy.get("electricity_surcharge", 0) or 0)
        if rate:
            surcharge[classes == klass] = rate
    # 万千瓦时 × 元/千瓦时 = 万元.
    extra_cost = np.where(
        in_scope, surcharge * np.nan_to_num(rows.values["electricity"], nan=0.0), np.nan
    )
    return Evaluation(
        in_scope=in_scope,
        ranked=ranked,
        group=np.where(rows.above, "above", "below"),
        values=values,
        ratios=ratios,
        score=score,
        rank=rank,
        classes=classes,
        extra_cost=extra_cost,
        benchmarks=benchmarks,
        counts=counts,
    )


def _num(x: float, digits: int = 4) -> float | None:
    return None if x is None or np.isnan(x) else round(float(x), digits)


def indicator_details(ev: Evaluation, scheme: Scheme, i: int) -> dict[str, dict]:
    """{indicator: {"value", "benchmark", "ratio"}} of row i, for its group's indicators."""
    group = str(ev.group[i])
    return {
        key: {
            "value": _num(ev.values[key][i]),
            "benchmark": _num(ev.benchmarks[group].get(key)),
            "ratio": _num(ev.ratios[key][i]),
        }
        for key in scheme.weights[group]
    }


def result_records(
    ev: Evaluation, scheme: Scheme, names: Sequence[str], towns: Sequence[str], codes
) -> list[dict]:
    """One JSON-ready dict per row (the shape of ``mingzhu mu evaluate --json``)."""
    out = []
    for i in range(len(codes)):
        scoped = bool(ev.in_scope[i])
        out.append(
            {
                "credit_code": str(codes[i]),
                "name": names[i],
                "town": towns[i],
                "group": str(ev.group[i]),
                "score": _num(ev.score[i], 2) if scoped else None,
                "rank": int(ev.rank[i]) or None,
                "class": ev.classes[i],
                "indicators": indicator_details(ev, scheme, i) if scoped else {},
                "extra_cost": _num(ev.extra_cost[i], 2) if scoped else None,
            }
        )
    return out


# The results workbook: the results page's export and ``mu evaluate --export``.
RESULT_HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "所属镇街",
    "组别",
    "得分",
    "排名",
    "类别",
    "新增成本（万元）",
]


def result_sheet_row(record: dict) -> list:
    """A row of the results workbook from a result record (``result_records``' shape)."""
    r = record
    group = "规上" if r["group"] == "above" else "规下"
    return [
        r["credit_code"],
        r["name"],
        r["town"],
        group,
        r["score"],
        r["rank"],
        r["class"],
        r["extra_cost"],
    ]


def summary(ev: Evaluation) -> dict[str, dict]:
    return {
        g: {
            "benchmarks": {k: _num(v) for k, v in ev.benchmarks[g].items()},
            "counts": ev.counts[g],
        }
        for g in GROUPS
    }


def class_counts(summary: Mapping[str, Mapping]) -> dict[str, int]:
    """An evaluation's enterprises per class, both groups together, from its stored
    summary (group -> {"counts": class -> n})."""
    counts = dict.fromkeys(CLASSES, 0)
    for data in summary.values():
        for c in CLASSES:
            counts[c] += data.get("counts", {}).get(c, 0)
    return counts


def class_distribution(cells: Iterable[Mapping]) -> dict:
    """Class distribution per town (stacked bars) from counted cells (``town__name``,
    ``mu_class``, ``n``): the towns in order and a series of counts per class."""
    cells = list(cells)
    towns = sorted({r["town__name"] for r in cells})
    data = {c: [0] * len(towns) for c in CLASSES}
    for r in cells:
        data[r["mu_class"]][towns.index(r["town__name"])] = r["n"]
    return {"towns": towns, "series": [{"name": c, "data": data[c]} for c in CLASSES]}


def hundred_billion_count(sales: Iterable[Decimal | None]) -> int:
    """百亿企业: taxable sales of 100 亿元 (1,000,000 万元) or more in the year."""
    return sum(1 for s in sales if s is not None and s >= HUNDRED_BILLION)


# --- demands: the three rates (三率) -------------------------------------------------------


@dataclass(frozen=True)
class DemandFacts:
    department_id: int
    assigned_on: dt.date | None
    accepted_on: dt.date | None
    closed_on: dt.date | None
    status: str  # the task's status
    rating: str | None  # the latest rating


def demand_rates(
    facts: Iterable[DemandFacts], start: dt.date, end: dt.date, *, respond_within
) -> list[dict]:
    """Per department, for demands assigned in start..end (inclusive), as known on end:

    - response rate (响应率): accepted within one working day of assignment / assigned;
    - resolution rate (解决率): closed by the end of the period / assigned;
    - satisfaction rate (满意率): rated satisfied or basically satisfied / rated.

    ``respond_within(day)`` gives the last day a demand assigned on ``day`` counts as
    answered in time (the task engine's working-day calendar).
    """
    from mingzhu.tasks.choices import Status

    rows: dict[int, dict[str, int]] = {}
    for f in facts:
        if f.assigned_on is None or not start <= f.assigned_on <= end:
            continue
        if f.status == Status.CANCELLED:
            continue
        r = rows.setdefault(
            f.department_id,
            {"assigned": 0, "responded": 0, "resolved": 0, "rated": 0, "satisfied": 0},
        )
        r["assigned"] += 1
        if f.accepted_on is not None and f.accepted_on <= respond_within(f.assigned_on):
            r["responded"] += 1
        if f.status == Status.CLOSED and f.closed_on is not None and f.closed_on <= end:
            r["resolved"] += 1
        if f.rating:
            r["rated"] += 1
            if f.rating in ("satisfied", "basic"):
                r["satisfied"] += 1
    return [
        {
            "department": unit,
            **r,
            "response_rate": periods.rate(r["responded"], r["assigned"]),
            "resolution_rate": periods.rate(r["resolved"], r["assigned"]),
            "satisfaction_rate": periods.rate(r["satisfied"], r["rated"]),
        }
        for unit, r in sorted(rows.items())
    ]
