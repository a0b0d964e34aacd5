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

# Indicator -> (numerator, denominator), both columns of Rows.values.
INDICATORS: dict[str, tuple[str, str]] = {
    "tax_per_mu": ("tax", "land_mu"),  # 亩均税收
    "sales_per_mu": ("sales", "land_mu"),  # 亩均销售
    "tax_per_energy": ("tax", "energy_tce"),  # 单位能耗税收
    "tax_per_emission": ("tax", "emissions"),  # 单位排放税收
    "labour_productivity": ("value_added", "employees"),  # 全员劳动生产率
    "rd_intensity": ("rd_expense", "sales"),  # 研发经费占比
    "tax_per_electricity": ("tax", "electricity"),  # 单位电耗税收
}
FIELDS = (
    "land_mu",
    "tax",
    "sales",
    "value_added",
    "energy_tce",
    "electricity",
    "emissions",
    "rd_expense",
    "employees",
)
GROUPS = ("above", "below")
CLASSES = ("A", "B", "C", "D", "T")
HUNDRED_BILLION = Decimal("1000000")  # 100 亿元 in 万元


class SchemeError(ValueError):
    pass


@dataclass(frozen=True)
class Scheme:
    """A versioned evaluation scheme: weights per group, class quotas, the ratio cap, the
    minimum land of a below-size enterprise in scope, and the policies per class."""

    version: int
    weights: Mapping[str, Mapping[str, float]]
    quotas: Mapping[str, float]  # A: share ranked A; B: cumulative share A+B; D: share D
    cap: float
    min_land_below: float
    policies: Mapping[str, Mapping[str, Any]]

    @classmethod
    def from_data(cls, version: int, data: Mapping[str, Any]) -> Scheme:
        """Build and check a scheme from plain data (the stored JSON)."""
        try:
            weights = {g: {str(k): float(w) for k, w in data["weights"][g].items()} for g in GROUPS}
            quotas = {k: float(data["quotas"][k]) for k in ("A", "B", "D")}
            cap = float(data["cap"])
            min_land = float(data.get("min_land_below", 3))
            policies = {str(k): dict(v) for k, v in (data.get("policies") or {}).items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SchemeError(f"incomplete scheme: {exc}") from exc
        for g, ws in weights.items():
            unknown = set(ws) - set(INDICATORS)
            if unknown:
                raise SchemeError(f"{g}: unknown indicators {sorted(unknown)}")
            if any(w < 0 for w in ws.values()):
                raise SchemeError(f"{g}: weights must not be negative")
        if not 0 <= quotas["A"] <= quotas["B"] <= 1 or not 0 <= quotas["D"] <= 1:
            raise SchemeError("quotas: need 0 <= A <= B <= 1 and 0 <= D <= 1")
        if cap <= 0:
            raise SchemeError("cap must be above 0")
        for klass, policy in policies.items():
            if klass not in CLASSES:
                raise SchemeError(f"policies: unknown class {klass}")
            for key in ("electricity_surcharge", "water_surcharge"):
                if float(policy.get(key, 0)) < 0:
                    raise SchemeError(f"policies: {klass} {key} must not be negative")
        return cls(version, weights, quotas, cap, min_land, policies)

    def as_data(self) -> dict[str, Any]:
        return {
            "weights": {g: dict(w) for g, w in self.weights.items()},
            "quotas": dict(self.quotas),
            "cap": self.cap,
            "min_land_below": self.min_land_below,
            "policies": {k: dict(v) for k, v in self.policies.items()},
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
    # electricity_surcharge in 元/kWh; water_surcharge as a share of the water price.
    "policies": {
        "A": {"quota_priority": True},
        "C": {"electricity_surcharge": 0.10, "water_surcharge": 0.15},
        "D": {"electricity_surcharge": 0.30, "water_surcharge": 0.30, "no_new_land": True},
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

        return cls(
            codes=np.array(codes, dtype=str) if n else np.zeros(0, dtype=str),
            above=np.array(above, dtype=bool),
            values={f: floats(values[f]) for f in FIELDS},
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


def evaluate(rows: Rows, scheme: Scheme = DEFAULT_SCHEME) -> Evaluation:
    n = len(rows)
    land = np.nan_to_num(rows.values["land_mu"], nan=0.0)
    in_scope = np.where(rows.above, True, land >= scheme.min_land_below)
    veto = rows.veto & in_scope
    exempt = rows.exempt & in_scope & ~veto
    ranked = in_scope & ~veto & ~exempt

    values: dict[str, np.ndarray] = {}
    usable: dict[str, np.ndarray] = {}
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for key, (num, den) in INDICATORS.items():
            a, b = rows.values[num], rows.values[den]
            ok = ~np.isnan(a) & (np.nan_to_num(b, nan=0.0) > 0)
            usable[key] = ok
            values[key] = np.where(ok, a / np.where(ok, b, 1.0), np.nan)

    score = np.full(n, np.nan)
    ratios = {key: np.full(n, np.nan) for key in INDICATORS}
    benchmarks: dict[str, dict[str, float | None]] = {}
    for group in GROUPS:
        member = rows.above if group == "above" else ~rows.above
        pool = ranked & member
        total = np.zeros(n)
        benchmarks[group] = {}
        for key, weight in scheme.weights[group].items():
            num, den = INDICATORS[key]
            sel = pool & usable[key]
            den_sum = float(rows.values[den][sel].sum()) if sel.any() else 0.0
            num_sum = float(rows.values[num][sel].sum()) if sel.any() else 0.0
            # A benchmark of 0 cannot be divided by: it is not formed either.
            benchmark = num_sum / den_sum if den_sum > 0 else 0.0
            if not (np.isfinite(benchmark) and benchmark > 0):
                benchmark = None
            benchmarks[group][key] = benchmark
            if benchmark is None:
                ratio = np.ones(n)
            else:
                with np.errstate(invalid="ignore", over="ignore"):
                    ratio = np.where(
                        usable[key], np.minimum(values[key] / benchmark, scheme.cap), 1.0
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
        end_a, end_b, start_d = class_bounds(m, scheme.quotas)
        labels = np.full(m, "C", dtype=object)
        labels[:end_a] = "A"
        labels[end_a:end_b] = "B"
        labels[start_d:] = "D"
        classes[order] = labels
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
