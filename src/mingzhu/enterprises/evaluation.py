"""The database side of the per-mu evaluation: build the pure function's input from the
registry and the year's annual data (one query), store the results in bulk (on PostgreSQL
by COPY)."""

from __future__ import annotations

import json

import numpy as np
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, FloatField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from . import services
from .choices import INDICATOR_LABELS, EvaluationStatus
from .models import PRIMARY_SCHEME, AnnualData, MuEvaluation, MuResult, MuScheme

# Figures come back as floats (cast in the database): building 100,000 Decimals and
# converting them again costs more than the whole evaluation.
NUMBERS = {
    "land_mu": "enterprise__land_mu",
    "tax": "tax",
    "sales": "sales",
    "revenue": "revenue",
    "value_added": "value_added",
    "energy_tce": "energy_tce",
    "electricity": "electricity",
    "emissions": "emissions",
    "cod": "cod",
    "ammonia": "ammonia",
    "so2": "so2",
    "nox": "nox",
    "rd_expense": "rd_expense",
    "employees": "employees",
    "bonus": "bonus",
}
OTHER = ("enterprise_id", "enterprise__credit_code", "enterprise__scale", "enterprise__town_id")
FLAGS = {
    "is_exempt": ExpressionWrapper(~Q(exempt_reason=""), output_field=BooleanField()),
    "is_vetoed": ExpressionWrapper(~Q(veto_reason=""), output_field=BooleanField()),
}


def result_record(result: MuResult, benchmarks: dict | None = None) -> dict:
    """A stored result as a record of ``services.result_records``' shape (the indicators
    with the group's benchmarks when ``benchmarks`` (group -> benchmarks) is given)."""
    bench = (benchmarks or {}).get(result.group, {})
    return {
        "credit_code": result.enterprise.credit_code,
        "name": result.enterprise.name,
        "town": result.town.name,
        "group": result.group,
        "score": float(result.score) if result.score is not None else None,
        "rank": result.rank,
        "class": result.mu_class or None,
        "indicators": {
            k: {"value": v, "benchmark": bench.get(k), "ratio": ratio}
            for k, (v, ratio) in result.indicators.items()
        },
        "extra_cost": float(result.extra_cost) if result.extra_cost is not None else None,
    }


def indicator_rows(result: MuResult | None) -> list[dict]:
    """A result's indicators as the enterprise's page lists them: label, value, the
    group's benchmark that year and the ratio (none without a result or indicators)."""
    rows = []
    if result is not None and result.indicators:
        bench = result.evaluation.summary.get(result.group, {}).get("benchmarks", {})
        for key, (value, ratio) in result.indicators.items():
            rows.append(
                {
                    "label": INDICATOR_LABELS[key],
                    "value": value,
                    "benchmark": bench.get(key),
                    "ratio": ratio,
                }
            )
    return rows


def load_rows(year: int) -> tuple[services.Rows, list[int], list[int]]:
    """(rows, enterprise ids, town ids) for every enterprise with figures for the year."""
    casts = {f"f_{k}": Cast(v, FloatField()) for k, v in NUMBERS.items()}
    data = list(
        AnnualData.objects.filter(year=year)
        .order_by()
        .annotate(**casts, **FLAGS)
        .values_list(*OTHER, *FLAGS, *casts)
    )
    if not data:
        return services.Rows.from_records([]), [], []
    cols = list(zip(*data, strict=True))
    ids, codes, scales, towns, exempt, veto = cols[: len(OTHER) + 2]
    numbers = dict(zip(NUMBERS, cols[len(OTHER) + 2 :], strict=True))
    rows = services.Rows.from_columns(
        codes=codes,
        above=[s == "above" for s in scales],
        values={k: numbers[k] for k in services.FIELDS},
        exempt=exempt,
        veto=veto,
        bonus=numbers["bonus"],
    )
    return rows, list(ids), list(towns)


def load_history(year: int, scheme: services.Scheme) -> dict[int, services.Rows]:
    """The rows of the earlier years the scheme's benchmarks read, by offset."""
    return {offset: load_rows(year - offset)[0] for offset in sorted(scheme.offsets())}


def _or_none(column: np.ndarray) -> list:
    return [None if np.isnan(x) else x for x in column.tolist()]


def _json_numbers(column: np.ndarray, digits: int) -> np.ndarray:
    """The column as JSON number texts ("null" for NaN or infinite), vectorised."""
    rounded = np.round(column, digits)
    return np.where(np.isfinite(rounded), rounded.astype(str), "null")


def _indicator_json(ev: services.Evaluation, scheme: services.Scheme) -> list[str]:
    """Each result's {indicator: [value, ratio]} as JSON text, formatted per group with one
    template instead of a json.dumps per row (a tenth of the time at 100,000 rows)."""
    out = np.full(len(ev.group), "{}", dtype=object)
    for group in services.GROUPS:
        member = np.flatnonzero(ev.in_scope & (ev.group == group))
        keys = list(scheme.weights[group])
        if not len(member) or not keys:
            continue
        template = "{" + ", ".join(f'"{k}": [%s, %s]' for k in keys) + "}"
        columns = []
        for k in keys:
            columns.append(_json_numbers(ev.values[k][member], 4))
            columns.append(_json_numbers(ev.ratios[k][member], 4))
        out[member] = [template % t for t in zip(*columns, strict=True)]
    return out.tolist()


def result_rows(
    evaluation: MuEvaluation,
    scheme: services.Scheme,
    ev: services.Evaluation,
    enterprise_ids: list[int],
    town_ids: list[int],
) -> list[tuple]:
    """One tuple per result: (enterprise, town, group, score, rank, class, indicators JSON,
    extra cost), built column by column."""
    groups = ev.group.tolist()
    indicators = _indicator_json(ev, scheme)
    return list(
        zip(
            enterprise_ids,
            town_ids,
            groups,
            _or_none(np.round(ev.score, 2)),
            [r or None for r in ev.rank.tolist()],
            [c or "" for c in ev.classes.tolist()],
            indicators,
            _or_none(np.round(ev.extra_cost, 2)),
            strict=True,
        )
    )


def _text(column: np.ndarray, digits: int) -> np.ndarray:
    """A float column as COPY text: NULL (\\N) for NaN."""
    rounded = np.round(column, digits)
    return np.where(np.isnan(rounded), "\\N", rounded.astype(str))


def _copy(evaluation, scheme, ev, enterprise_ids, town_ids) -> int:
    """COPY the results as one block of text: every value here is a number, a class letter
    or JSON of numbers, none needs escaping in COPY's text format."""
    now = timezone.now().isoformat()
    head = f"{now}\t{now}\t{evaluation.pk}\t{evaluation.year}\t"
    ranks = np.where(ev.rank > 0, ev.rank.astype(str), "\\N")
    classes = [c or "" for c in ev.classes.tolist()]
    lines = zip(
        map(str, enterprise_ids),
        map(str, town_ids),
        ev.group.tolist(),
        _text(ev.score, 2).tolist(),
        ranks.tolist(),
        classes,
        _indicator_json(ev, scheme),
        _text(ev.extra_cost, 2).tolist(),
        strict=True,
    )
    data = "".join(head + "\t".join(line) + "\n" for line in lines)
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    table = MuResult._meta.db_table
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    changing = [c for c in COLUMNS if c not in ("created_at", "updated_at", *KEY)]
    mine = ", ".join(f'r."{c}"' for c in changing)
    theirs = ", ".join(f'EXCLUDED."{c}"' for c in changing)
    assignments = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in ("updated_at", *changing))
    with connection.cursor() as cursor:
        # Derived rows a re-run rebuilds: the commit need not wait for the WAL flush (a
        # crash loses the whole run, never part of it).
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute("DROP TABLE IF EXISTS mu_run")
        cursor.execute(
            f'CREATE TEMPORARY TABLE mu_run ON COMMIT DROP AS SELECT {columns} FROM "{table}" '
            "WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY mu_run ({columns}) FROM STDIN") as copy:
            copy.write(data)
        # The run's rows replace the earlier run's in place: a row whose result is the
        # same is not written again, so re-running a year leaves the table its size.
        cursor.execute(
            f'INSERT INTO "{table}" AS r ({columns}) SELECT {columns} FROM mu_run '
            f'ON CONFLICT ("evaluation_id", "enterprise_id") DO UPDATE SET {assignments} '
            f"WHERE ({mine}) IS DISTINCT FROM ({theirs})"
        )
        cursor.execute(
            f'DELETE FROM "{table}" r WHERE r."evaluation_id" = %s AND NOT EXISTS '
            f'(SELECT 1 FROM mu_run m WHERE m."enterprise_id" = r."enterprise_id")',
            [evaluation.pk],
        )
    return len(enterprise_ids)


# A result is one enterprise's in one evaluation (the constraint mu_result_once).
KEY = ("evaluation_id", "enterprise_id")
# What a run computes for an enterprise: the columns a re-run writes again.
COMPUTED = ("group", "score", "rank", "mu_class", "indicators", "extra_cost")
COLUMNS = (
    "created_at",
    "updated_at",
    "evaluation_id",
    "year",
    "enterprise_id",
    "town_id",
    *COMPUTED,
)


def store(
    evaluation: MuEvaluation,
    scheme: services.Scheme,
    ev: services.Evaluation,
    enterprise_ids: list[int],
    town_ids: list[int],
) -> int:
    """Replace the evaluation's results with these (the caller holds the transaction):
    each enterprise's row is updated in place (inserted when new, left alone when its
    result did not change), the rows of enterprises no longer evaluated are deleted."""
    if connection.vendor == "postgresql":
        return _copy(evaluation, scheme, ev, enterprise_ids, town_ids)
    rows = result_rows(evaluation, scheme, ev, enterprise_ids, town_ids)
    MuResult.objects.bulk_create(
        [
            MuResult(
                evaluation=evaluation,
                year=evaluation.year,
                enterprise_id=e,
                town_id=t,
                group=g,
                score=s,
                rank=r,
                mu_class=c,
                indicators=json.loads(i),
                extra_cost=x,
            )
            for e, t, g, s, r, c, i, x in rows
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["evaluation", "enterprise"],
        update_fields=["updated_at", "year", "town", *COMPUTED],
    )
    _drop_missing(evaluation, enterprise_ids)
    return len(rows)


def _drop_missing(evaluation: MuEvaluation, enterprise_ids: list[int]) -> None:
    """Delete the evaluation's results of enterprises this run did not evaluate."""
    kept = set(enterprise_ids)
    stale = [
        pk
        for pk, enterprise in MuResult.objects.filter(evaluation=evaluation).values_list(
            "pk", "enterprise_id"
        )
        if enterprise not in kept
    ]
    for start in range(0, len(stale), 2000):
        MuResult.objects.filter(pk__in=stale[start : start + 2000]).delete()


def sees_drafts(user) -> bool:
    """A year's evaluation is seen as a draft by those who may see the scheme behind it
    (the bureaus and the leaders); an enterprise sees only published results."""
    return user.has_perm("enterprises.view_muscheme")


def visible_evaluations(qs, user):
    return qs.all() if sees_drafts(user) else qs.filter(status=EvaluationStatus.PUBLISHED)


def visible_results(qs, user):
    if sees_drafts(user):
        return qs
    return qs.filter(evaluation__status=EvaluationStatus.PUBLISHED)


# -- what the results and scheme pages show -----------------------------------------------


def side_by_side(evaluations, year) -> list[dict]:
    """Each scheme's evaluation of the year with its class counts (both groups)."""
    of_year = [e for e in evaluations if e.year == year]
    return [
        {"evaluation": e, "counts": services.class_counts(e.summary)}
        for e in sorted(of_year, key=lambda e: (e.scheme_code != PRIMARY_SCHEME, e.scheme_code))
    ]


def town_chart(results) -> dict:
    """Class distribution per town (stacked bars) from the (restricted) results."""
    cells = (
        results.exclude(mu_class="")
        .order_by()
        .values("town__name", "mu_class")
        .annotate(n=Count("pk"))
    )
    return services.class_distribution(cells)


def scheme_codes() -> list[str]:
    """The codes of the stored schemes, the city's own first (and always offered)."""
    codes = set(MuScheme.objects.values_list("code", flat=True).distinct())
    return [PRIMARY_SCHEME, *sorted(codes - {PRIMARY_SCHEME})]


def scheme_preview(data: dict, year: int | None = None) -> dict:
    """How a scheme (its ``data``) would class the enterprises of ``year`` (else the
    latest year with figures): counts and benchmarks per group, nothing stored."""
    year = year or AnnualData.objects.order_by("-year").values_list("year", flat=True).first()
    scheme = services.Scheme.from_data(0, data)
    if year is None:
        return {"year": None, "groups": {}}
    rows, _ids, _towns = load_rows(year)
    ev = services.evaluate(rows, scheme, load_history(year, scheme))
    return {"year": year, "groups": services.summary(ev) if len(rows) else {}}
