"""The debt pages: entities, instruments, fiscal years, the maturity wall, the risk
indicators, high-cost debt, the peak-shaving planner and saved plans.

Debt is visible only to holders of the debt permissions (the leader, the supervision
office, the finance bureau): everyone else gets 403 on every page, 404 on every object.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core import numbers
from mingzhu.core.excel import scope_label, write_xlsx, xlsx_response
from mingzhu.core.replica import HeavyReadMixin
from mingzhu.core.reports import ReportView
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column, fields
from mingzhu.core.tabular import WorkbookError
from mingzhu.core.views import (
    ActionButtonView,
    ImportView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectListView,
    ReadOnlyMixin,
    Related,
    Tool,
)

from ..filters import InstrumentFilter
from ..forms import HighCostForm, InstrumentImportForm, PlanForm, SavePlanForm
from ..models import (
    CashPosition,
    DebtEntity,
    DebtInstrument,
    FiscalYear,
    RepaymentPlan,
)
from . import actions, data, io, services
from .choices import EntityKind, Grade, InstrumentKind
from .planner import month_label, move_rows, rounded_series

DEFAULT_HIGH_COST = Decimal(6)
DEFAULT_REPLACE = Decimal("3.5")


class DebtPage(ReportView):
    """A page of figures over the debt instruments in the user's scope: 403 without the
    debt permission."""

    model = DebtInstrument

    def cash(self):
        return restrict(CashPosition.objects.all(), self.request.user, "view")

    def illustrative(self) -> bool:
        return self.restricted("view").filter(is_illustrative=True).exists()


INSTRUMENT_COLUMNS = [
    Column("code", link=True),
    *fields("entity kind lender"),
    Column("principal", gettext_lazy("Principal (10k yuan)")),
    Column("rate"),
    Column("start", gettext_lazy("Start")),
    *fields("maturity refinanceable max_defer_months"),
]


class InstrumentListView(ObjectListView):
    model = DebtInstrument
    template_name = "risks/debtinstrument_list.html"
    filterset_class = InstrumentFilter
    columns = INSTRUMENT_COLUMNS
    tools = [Tool("risks:debtinstrument_import", "import-instruments")]


class InstrumentImportView(ImportView):
    """The instruments of a spreadsheet into the ledger after a preview: all rows or none;
    an instrument already in the ledger (by its code) is updated."""

    model = DebtInstrument
    form_class = InstrumentImportForm
    template_name = "risks/debtinstrument_import.html"
    title = gettext_lazy("Import debt instruments from Excel")
    columns = io.INSTRUMENT_COLUMNS

    requires = io.PERMISSIONS

    def entity(self):
        """The borrower chosen for a sheet without a 主体 column, or None; a choice that
        is not one of the user's entities is refused as the file's error."""
        form = InstrumentImportForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            raise WorkbookError(
                _("Choose a borrower among the debt entities you may enter instruments for.")
            )
        return form.cleaned_data["entity"]

    def import_file(self, obj, file):
        return io.import_instruments(
            file, actor=self.request.user, valid_only=self.valid_only, entity=self.entity()
        )


InstrumentTemplateView = InstrumentImportView.template_view(
    gettext_lazy("Debt instrument import template.xlsx"), io.instrument_template
)


class InstrumentDetailView(NoDeleteMixin, ObjectDetailView):
    model = DebtInstrument
    select_related = ("entity",)
    related = {"instalments": Related("instalments", scoped=False)}


class EntityListView(ObjectListView):
    model = DebtEntity
    columns = fields("name kind unit")


class EntityDetailView(ReadOnlyMixin, ObjectDetailView):
    model = DebtEntity
    select_related = ("unit",)
    related = {"cash": Related("cash", order=("-month",), limit=12)}

    def get_extra_context(self, obj):
        instruments = Related("instruments").records(obj, self.request.user)
        return {
            "instrument_count": instruments.count(),
            "principal": sum((i.principal for i in instruments), Decimal(0)),
        }


class FiscalYearListView(ObjectListView):
    model = FiscalYear
    columns = [
        "year",
        Column("capacity", gettext_lazy("Fiscal capacity (10k yuan)")),
        Column("general_budget_revenue", gettext_lazy("General budget revenue")),
        Column("transfer_revenue", gettext_lazy("Transfer revenue")),
        Column("fund_revenue", gettext_lazy("Government fund revenue")),
        Column("state_capital_revenue", gettext_lazy("State capital operating revenue")),
        Column("general_budget_expenditure", gettext_lazy("General budget expenditure")),
        Column("balance_target", gettext_lazy("Debt balance target")),
        Column("cost_target"),
    ]


class FiscalYearDetailView(NoDeleteMixin, ObjectDetailView):
    model = FiscalYear


class WallView(DebtPage):
    """The maturity wall: principal by entity or kind (stacked) and interest, per month or
    quarter, and the liquidity alerts."""

    template_name = "risks/wall.html"

    def report(self):
        request, as_of = self.request, timezone.localdate()
        by = "kind" if request.GET.get("by") == "kind" else "entity"
        quarterly = request.GET.get("freq") == "quarter"
        rows = data.instrument_rows(self.restricted("view"))
        wall = services.wall(rows, as_of, by=by, quarterly=quarterly, months=60)
        if by == "kind":
            wall.principal = {str(InstrumentKind(k).label): v for k, v in wall.principal.items()}
        alerts = services.liquidity_alerts(rows, data.cash_records(self.cash()), as_of)
        table = list(zip(wall.periods, wall.interest, wall.total, strict=True))
        if request.GET.get("export") == "xlsx":
            groups, body = services.wall_table(wall)
            headers = [_("Period"), *groups, _("Interest"), _("Total")]
            stamp = as_of.strftime("%Y%m%d")
            title = _("Maturity wall")
            content = write_xlsx(title, headers, body, scope=scope_label(request.user))
            return xlsx_response(f"{title}-{stamp}.xlsx", content)
        chart = {
            "periods": wall.periods,
            "series": [{"name": k, "data": v} for k, v in wall.principal.items()],
            "interest": wall.interest,
            "interest_label": _("Interest"),
        }
        return {
            "as_of": as_of,
            "by": by,
            "quarterly": quarterly,
            "chart": chart,
            "table": table,
            "alerts": alerts,
            "groups": list(wall.principal),
            "illustrative": self.illustrative(),
        }


GRADE_CLASS = {
    Grade.GREEN: "success",
    Grade.YELLOW: "warning",
    Grade.ORANGE: "orange",
    Grade.RED: "danger",
}


class IndicatorsView(DebtPage):
    template_name = "risks/indicators.html"

    def report(self):
        as_of = timezone.localdate()
        rows = data.instrument_rows(self.restricted("view"))
        years = restrict(FiscalYear.objects.all(), self.request.user, "view")
        yearly = services.yearly_indicators(rows, data.fiscal_rows(years))
        for row in yearly:
            row["grade_label"] = Grade(row["grade"]).label if row["grade"] else "—"
            row["grade_class"] = GRADE_CLASS.get(row["grade"], "secondary")
        portfolio = services.portfolio_indicators(rows, data.cash_on(self.cash(), as_of), as_of)
        return {
            "as_of": as_of,
            "yearly": yearly,
            "p": portfolio,
            "thresholds": years.order_by("-year").first(),
            "short_warn": services.SHORT_TERM_WARN,
            "interest_line": services.INTEREST_RATIO_LINE,
            "coverage_warn": services.CASH_COVERAGE_WARN,
            "has_government": any(r.entity_kind == EntityKind.GOVERNMENT for r in rows),
            "illustrative": self.illustrative(),
        }


class HighCostView(DebtPage):
    template_name = "risks/high_cost.html"

    def report(self):
        request, as_of = self.request, timezone.localdate()
        latest = restrict(FiscalYear.objects.all(), request.user, "view").order_by("-year").first()
        default = latest.high_cost_rate if latest else DEFAULT_HIGH_COST
        form = HighCostForm(request.GET or None)
        threshold, replace_at = default, DEFAULT_REPLACE
        if form.is_bound and form.is_valid():
            threshold = form.cleaned_data["threshold"] or default
            replace_at = form.cleaned_data["replace_at"] or DEFAULT_REPLACE
        rows = data.instrument_rows(self.restricted("view"))
        found = services.high_cost(rows, float(threshold), float(replace_at), as_of)
        return {
            "form": form,
            "threshold": numbers.number(threshold),
            "replace_at": numbers.number(replace_at),
            "found": found,
            "rows": [(h, InstrumentKind(h.row.kind).label) for h in found],
            "total_principal": numbers.number(sum(h.row.principal for h in found)),
            "total_saving": numbers.number(sum(h.saving for h in found)),
            "querystring": request.GET.urlencode(),
        }

    def export_table(self, kind, context):
        if kind != "xlsx":
            return None
        headers = [
            _("Code"),
            _("Entity"),
            _("Kind"),
            _("Principal (10k yuan)"),
            _("Annual rate (%)"),
            _("Maturity"),
            _("Interest saved (10k yuan)"),
        ]
        body = [
            [h.row.id, h.row.entity, label, h.row.principal, h.row.rate, h.row.maturity, h.saving]
            for h, label in context["rows"]
        ]
        return _("High-cost debt"), headers, body


def plan_chart(months, before, after, capacity=()) -> dict:
    """The wall before and after a plan (and the capacity line), for the planner page and
    a saved plan's page."""
    return {
        "months": months,
        "before": before,
        "after": after,
        "capacity": list(capacity),
        "before_label": _("Due before"),
        "after_label": _("Due after"),
        "capacity_label": _("Capacity"),
    }


def _plan_options(form) -> dict:
    cleaned = form.cleaned_data
    rate = cleaned.get("refi_rate")
    return {
        "window": cleaned.get("window"),
        "refi_rate": None if rate is None else float(rate),
        "use_cash": bool(cleaned.get("use_cash")),
    }


class PlannerView(DebtPage):
    """削峰: the wall before and after the plan, its moves, export and save."""

    template_name = "risks/planner.html"
    permission_flags = {"can_save": "risks.add_repaymentplan"}

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":  # saving a plan: a write, never a heavy read
            return super(HeavyReadMixin, self).dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def report(self):
        request, as_of = self.request, timezone.localdate()
        form = PlanForm(request.GET or None)
        options = {"window": None, "refi_rate": None, "use_cash": False}
        if form.is_bound and form.is_valid():
            options = _plan_options(form)
        instruments = self.restricted("view")
        result = data.compute_plan(instruments, self.cash(), as_of=as_of, **options)
        codes = dict(instruments.values_list("code", "pk"))
        moves = move_rows(result.moves, codes)
        chart = plan_chart([month_label(m) for m in result.months], *rounded_series(result))
        save_form = SavePlanForm(
            initial={**options, "name": _("Peak-shaving plan %(day)s") % {"day": as_of.isoformat()}}
        )
        return {
            "form": form,
            "save_form": save_form,
            "result": result,
            "moves": moves,
            "chart": chart,
            "querystring": request.GET.urlencode(),
            "as_of": as_of,
            "illustrative": self.illustrative(),
        }

    def export_table(self, kind, context):
        if kind != "xlsx":
            return None
        headers = [
            _("Instrument"),
            _("From month"),
            _("To month"),
            _("Amount (10k yuan)"),
            _("Extra interest (10k yuan)"),
        ]
        keys = ("instrument", "from", "to", "amount", "cost")
        return _("Peak shaving"), headers, [[m[k] for k in keys] for m in context["moves"]]

    def post(self, request):
        if not request.user.has_perms(("risks.view_debtinstrument", "risks.add_repaymentplan")):
            raise PermissionDenied
        form = SavePlanForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                for error in errors:
                    messages.error(
                        request,
                        f"{form.fields[field].label if field in form.fields else ''} {error}",
                    )
            return HttpResponseRedirect(request.path)
        try:
            plan = actions.save_plan(
                actor=request.user,
                name=form.cleaned_data["name"],
                as_of=timezone.localdate(),
                **_plan_options(form),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.path)
        messages.success(request, _("Saved: %(object)s") % {"object": plan})
        return HttpResponseRedirect(plan.get_absolute_url())


class PlanListView(ObjectListView):
    model = RepaymentPlan
    columns = [
        "name",
        Column("created_at", gettext_lazy("Created")),
        *fields("created_by peak_before peak_after extra_cost"),
    ]
    addable = False


class PlanDetailView(ReadOnlyMixin, ObjectDetailView):
    model = RepaymentPlan
    select_related = ("created_by", "unit")

    def get_extra_context(self, obj):
        user = self.request.user
        moves = list(obj.moves.select_related("instrument__entity__unit", "task"))
        unissued = [m for m in moves if m.task_id is None]
        # What the confirmation of "turn the moves into tasks" says: how many tasks, and
        # which units they go to.
        units = sorted({m.instrument.entity.unit.name for m in unissued})
        return {
            "moves": moves,
            "chart": plan_chart(obj.months, obj.due_before, obj.due_after),
            "can_issue": actions.may_issue(user, obj) and bool(unissued),
            "issue_count": len(unissued),
            "issue_units": units,
        }


class IssueTasksView(ActionButtonView):
    model = RepaymentPlan

    def run(self, plan):
        return actions.issue_tasks(plan.pk, actor=self.request.user)

    def get_success_message(self, tasks):
        return _("%(count)s tasks issued.") % {"count": len(tasks)}
