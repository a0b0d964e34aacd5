"""Summary pages: figures over the records in the user's scope for a period read from the
query string, shown as a page, a chart, an Excel export or a .docx download."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from . import periods
from .excel import docx_response, scope_label, write_xlsx, xlsx_response  # noqa: F401  (docx_response for report pages)
from .replica import HeavyReadMixin
from .views import ObjectMixin

# How each kind of period is read from the query, and the names its values take.
PERIODS: dict[str, tuple[Callable, tuple[str, ...]]] = {
    "year": (periods.year, ("year",)),  # ?year=2025
    "month": (periods.month, ("year", "month")),  # ?month=2025-12
    "quarter": (periods.quarter, ("year", "quarter")),  # ?quarter=2025Q3
    "range": (periods.period, ("start", "end")),  # ?from=2025-01-01&to=2025-06-30
    "day": (periods.day, ("as_of",)),  # ?as_of=2025-06-30
}


class ReportView(HeavyReadMixin, ObjectMixin, View):
    """A page of figures about ``model``'s records, for users with its ``required``
    permission ("view" by default; 403 without).

    ``period`` ("year", "month", "quarter", "range", "day" or None) is read from the
    query; bad input falls back to the current period with an error message on the page (a
    download, ``strict_period``, answers 400 with the message instead; a bad day is today,
    unsaid). ``report(**period)`` gets the period's values (year, month, quarter, start,
    end, as_of) and returns the template's context (the values are added to it), or a
    response of its own (a download). ``?export=KIND`` downloads ``export_table(KIND,
    context)`` as .xlsx when it gives a ``(title, headers, rows)`` table for that kind.
    The page's ``permission_flags`` are in its context.
    """

    template_name = ""
    period: str | None = None
    required = "view"
    strict_period = False

    def report(self, **period) -> dict[str, Any] | HttpResponse:
        raise NotImplementedError

    def export_table(self, kind: str, context: dict[str, Any]):
        return None

    def chosen(self, name: str, options: Sequence):
        """The one of ``options`` whose pk the query's ``name`` gives, else the first."""
        value = self.request.GET.get(name)
        return next((o for o in options if str(o.pk) == value), options[0] if options else None)

    def get(self, request):
        self.require_permission(self.required)
        values: dict[str, Any] = {}
        if self.period is not None:
            read, names = PERIODS[self.period]
            *parsed, error = read(request.GET)
            if error and self.strict_period:
                return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
            if error:
                messages.error(request, error)
            values = dict(zip(names, parsed, strict=True))
        result = self.report(**values)
        if isinstance(result, HttpResponse):
            return result
        context = {**values, **self.flags(), **result}
        kind = request.GET.get("export")
        table = self.export_table(kind, context) if kind else None
        if table is not None:
            title, headers, rows = table
            scope = scope_label(request.user)
            return xlsx_response(f"{title}.xlsx", write_xlsx(title, headers, rows, scope=scope))
        return render(request, self.template_name, context)


def bar_chart(rows: Iterable[Any], *series: tuple, label: str = "name") -> dict[str, Any]:
    """The data a bar chart is drawn from: one category a row (``row[label]``), one series
    a ``(name, value)`` or ``(name, value, options)`` pair, ``value(row)`` giving the bar
    and ``options`` (a dict) added to the series as it is (e.g. a mark line)."""
    rows = list(rows)
    return {
        "names": [row[label] for row in rows],
        "series": [
            {"name": name, "data": [value(row) for row in rows], **(rest[0] if rest else {})}
            for name, value, *rest in series
        ],
    }


def number(value) -> float | None:
    """A figure as a chart plots it: Decimals as floats, no value as a gap."""
    return None if value is None else float(value)
