"""Reading instruments and capacity from a spreadsheet (.xlsx, .xls or .csv) for the planner.

All rows are checked before anything is used; every problem is reported as a RowError
naming the row (as the spreadsheet numbers it, the header being row 1) and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.utils.translation import gettext as _

from mingzhu.core.tabular import (
    Column,
    RowError,
    RowForm,
    Table,
    WorkbookError,
    read_table,
    validate_rows,
)

from .choices import KIND_ALIASES, InstrumentKind
from .services import InstrumentRow

INSTRUMENT_COLUMNS = [
    Column("id", "编号", ("id",)),
    Column("entity", "主体", ("entity",)),
    Column("kind", "类型", ("kind",)),
    Column("principal", "本金", ("principal",)),
    Column("rate", "利率", ("rate",)),
    Column("maturity", "到期月份", ("maturity",)),
    Column("refinanceable", "可展期", ("refinanceable",)),
    Column("max_defer_months", "最长展期月数", ("max_defer_months",)),
]
CAPACITY_COLUMNS = [
    Column("month", "月份", ("month",)),
    Column("capacity", "可用资金", ("capacity",)),
]
YES = {"yes", "y", "true", "1", "是"}
NO = {"no", "n", "false", "0", "否", ""}
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class InputError(ValueError):
    """The file cannot be read at all (missing, wrong type, wrong headers)."""


def _table(path: Path, columns: list[Column]) -> Table:
    if not path.is_file():
        raise InputError(_("%(path)s: no such file.") % {"path": path})
    try:
        return read_table(path, columns)
    except WorkbookError as exc:
        raise InputError(f"{path}: {exc}") from exc


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _decimal(value) -> Decimal:
    text = _text(value).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("expected a number, got %(value)r") % {"value": text}) from None
    if not number.is_finite():
        raise ValueError(_("expected a number, got %(value)r") % {"value": text})
    return number


def parse_month(value) -> int:
    """A month as YYYY-MM (a date cell of a workbook is accepted too)."""
    from .planner import month_index

    if isinstance(value, dt.date):
        return month_index(value.year, value.month)
    text = _text(value)
    match = MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("expected a month as YYYY-MM, got %(value)r") % {"value": text})
    return month_index(int(match.group(1)), int(match.group(2)))


def _month_date(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


class _Row(RowForm):
    """Every cell arrives raw; the clean_* methods say what a cell may hold."""

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        for key in data:
            self.fields[key] = forms.Field(required=False)


def _check(check, value):
    try:
        return check(value)
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from None


class InstrumentForm(_Row):
    def clean_id(self):
        ident = _text(self.cleaned_data["id"])
        if not ident:
            raise forms.ValidationError(_("required"))
        earlier = self.seen_before(ident, "id")
        if earlier is not None:
            raise forms.ValidationError(
                _("%(id)s also appears in row %(row)s") % {"id": ident, "row": earlier}
            )
        return ident

    def clean_entity(self):
        entity = _text(self.cleaned_data["entity"])
        if not entity:
            raise forms.ValidationError(_("required"))
        return entity

    def clean_kind(self):
        kind = _text(self.cleaned_data["kind"])
        kind = KIND_ALIASES.get(kind, kind)
        if kind not in InstrumentKind.values:
            raise forms.ValidationError(
                _("expected one of %(kinds)s") % {"kinds": ", ".join(InstrumentKind.values)}
            )
        return kind

    def clean_principal(self):
        principal = _check(_decimal, self.cleaned_data["principal"])
        if principal <= 0:
            raise forms.ValidationError(_("must be greater than 0"))
        return float(principal)

    def clean_rate(self):
        rate = _check(_decimal, _text(self.cleaned_data["rate"]).rstrip("%"))
        if not 0 <= rate <= 30:
            raise forms.ValidationError(_("expected an annual rate in percent between 0 and 30"))
        return float(rate)

    def clean_maturity(self):
        return _month_date(_check(parse_month, self.cleaned_data["maturity"]))

    def clean_refinanceable(self):
        flag = _text(self.cleaned_data["refinanceable"]).lower()
        if flag not in YES | NO:
            raise forms.ValidationError(_("expected yes or no"))
        return flag in YES

    def clean_max_defer_months(self):
        defer = _text(self.cleaned_data["max_defer_months"])
        if not defer:
            return 0
        try:
            months = int(defer)
            if not 0 <= months <= 120:
                raise ValueError
        except ValueError:
            raise forms.ValidationError(
                _("expected a whole number of months from 0 to 120")
            ) from None
        return months


def read_instruments(path: Path) -> tuple[list[InstrumentRow], list[RowError]]:
    good, errors = validate_rows(_table(Path(path), INSTRUMENT_COLUMNS), InstrumentForm)
    return [InstrumentRow(**row) for _number, row in good], errors


class CapacityForm(_Row):
    def clean_month(self):
        return _check(parse_month, self.cleaned_data["month"])

    def clean_capacity(self):
        value = float(_check(_decimal, self.cleaned_data["capacity"]))
        if value < 0:
            raise forms.ValidationError(_("must not be negative"))
        return value

    def clean(self):
        data = self.cleaned_data
        if "month" not in self.errors:
            earlier = self.seen_before(data["month"], "month")
            if earlier is not None:
                self.add_error("month", _("also appears in row %(row)s") % {"row": earlier})
        return data


def read_capacity(path: Path) -> tuple[dict[int, float], list[RowError]]:
    good, errors = validate_rows(_table(Path(path), CAPACITY_COLUMNS), CapacityForm)
    return {row["month"]: row["capacity"] for _number, row in good}, errors
