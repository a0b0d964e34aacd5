"""Excel import of observations: columns 指标 (code or name), 单位 (unit of measure), 地区
(org unit code or name), 期间, 数值, optional 来源. One transaction: every row or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, read_xlsx

from .models import Indicator, Observation
from .scoping import writable_units
from .services import PeriodError, parse_period

INDICATOR, MEASURE, UNIT, PERIOD, VALUE, SOURCE = "指标", "单位", "地区", "期间", "数值", "来源"
HEADERS = [INDICATOR, MEASURE, UNIT, PERIOD, VALUE, SOURCE]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


def read_value(value) -> Decimal:
    if isinstance(value, bool) or value is None or str(value).strip() == "":
        raise ValueError
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def import_observations(file, *, actor) -> ImportResult:
    """Validate every row, then write them all, or nothing when any row has an error."""
    sheet = read_xlsx(file, required=HEADERS[:5], optional=[SOURCE])
    result = ImportResult()
    indicators = list(Indicator.objects.all())
    by_key = {i.code: i for i in indicators} | {i.name: i for i in indicators}
    units = {}
    for u in writable_units(actor, "add"):
        units[u.code] = units[u.name] = u
    changeable = set(Observation.objects.restrict(actor, "change").values_list("pk", flat=True))
    ready = []
    seen = {}
    for number, row in sheet.rows:
        errors = []
        indicator = by_key.get(str(row[INDICATOR] or "").strip())
        if indicator is None:
            errors.append(RowError(number, INDICATOR, _("no indicator with this code or name")))
        unit = units.get(str(row[UNIT] or "").strip())
        if unit is None:
            errors.append(RowError(number, UNIT, _("not a unit you may enter observations for")))
        measure = str(row[MEASURE] or "").strip()
        if indicator is not None and measure != indicator.unit:
            errors.append(
                RowError(
                    number,
                    MEASURE,
                    _("%(given)s does not match the indicator's unit %(unit)s.")
                    % {"given": measure or _("(empty)"), "unit": indicator.unit},
                )
            )
        period = None
        if indicator is not None:
            try:
                period = parse_period(row[PERIOD], indicator.frequency)
            except PeriodError as exc:
                errors.append(RowError(number, PERIOD, str(exc)))
        try:
            value = read_value(row[VALUE])
        except ValueError:
            errors.append(
                RowError(number, VALUE, _("%(value)s is not a number.") % {"value": row[VALUE]})
            )
        if not errors:
            key = (indicator.pk, unit.pk, period.key)
            if key in seen:
                errors.append(
                    RowError(number, PERIOD, _("the same as row %(row)s.") % {"row": seen[key]})
                )
            seen[key] = number
        if errors:
            result.errors.extend(errors)
            continue
        ready.append((number, indicator, unit, period, value, str(row.get(SOURCE) or "")))
    if result.errors:
        return result
    with transaction.atomic():
        stored = Observation.objects.select_for_update().filter(
            indicator_id__in={r[1].pk for r in ready}, unit_id__in={r[2].pk for r in ready}
        )
        by_key = {(o.indicator_id, o.unit_id, o.period): o for o in stored}
        for number, indicator, unit, period, value, source in ready:
            existing = by_key.get((indicator.pk, unit.pk, period.key))
            if existing is not None and existing.pk not in changeable:
                result.errors.append(
                    RowError(number, UNIT, _("a value exists that you may not change"))
                )
                continue
            obs = existing or Observation(indicator=indicator, unit=unit)
            obs.set_period(period)
            obs.value, obs.source, obs.entered_by = value, source, actor
            obs.measure_unit, obs.is_illustrative = indicator.unit, False
            obs.save()
            if existing is None:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result


def export_rows(observations):
    for o in observations:
        yield [o.indicator.code, o.indicator.unit, o.unit.code, o.period, o.value, o.source]
