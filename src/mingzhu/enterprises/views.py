from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.actions import ActionConflict, ActionError
from mingzhu.core.excel import write_xlsx, xlsx_response
from mingzhu.core.forms import add_errors
from mingzhu.core.periods import percent, period
from mingzhu.core.scope import can, restrict
from mingzhu.core.tables import Column
from mingzhu.core.tabular import WorkbookError
from mingzhu.core.views import (
    ActionFormView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
    model_url,
    style_form,
)

from . import actions, services
from .choices import Scale
from .demands import demand_rates, totals
from .filters import DemandFilter, EnterpriseFilter, ResultFilter, VisitFilter
from .forms import (
    DemandForm,
    DispatchForm,
    EnterpriseForm,
    ImportForm,
    RateForm,
    SchemeForm,
    VisitForm,
)
from .importer import (
    ANNUAL_HEADERS,
    REGISTRY_HEADERS,
    annual_rows,
    import_annual,
    import_registry,
    registry_rows,
)
from .models import (
    AnnualData,
    Demand,
    DemandRating,
    Enterprise,
    MuEvaluation,
    MuResult,
    MuScheme,
    Visit,
)

INDICATOR_LABELS = {
    "tax_per_mu": gettext_lazy("Tax per mu"),
    "sales_per_mu": gettext_lazy("Sales per mu"),
    "tax_per_energy": gettext_lazy("Tax per unit of energy"),
    "tax_per_emission": gettext_lazy("Tax per unit of emissions"),
    "labour_productivity": gettext_lazy("Labour productivity"),
    "rd_intensity": gettext_lazy("R&D intensity"),
    "tax_per_electricity": gettext_lazy("Tax per unit of electricity"),
}


# --- registry ---------------------------------------------------------------------------


class EnterpriseListView(ObjectListView):
    model = Enterprise
    select_related = ("town",)
    filterset_class = EnterpriseFilter
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("credit_code", gettext_lazy("Credit code")),
        Column("town", gettext_lazy("Town")),
        Column("industry", gettext_lazy("Industry")),
        Column("scale", gettext_lazy("Scale")),
        Column("land_mu", gettext_lazy("Land (mu)")),
        Column("listing", gettext_lazy("Listing")),
        Column("digital", gettext_lazy("Intelligent and digital transformation")),
    ]
    template_name = "enterprises/enterprise_list.html"

    def export(self, queryset):
        stamp = timezone.localdate().strftime("%Y%m%d")
        content = write_xlsx("企业库", REGISTRY_HEADERS, registry_rows(queryset))
        return xlsx_response(f"enterprises-{stamp}.xlsx", content)


def _radar(result: MuResult | None) -> dict | None:
    """Indicator ratios against the benchmark (1.0) for the radar chart."""
    if result is None or not result.indicators:
        return None
    keys = list(result.indicators)
    cap = float(result.evaluation.scheme.as_scheme().cap)
    return {
        "indicators": [{"name": str(INDICATOR_LABELS[k]), "min": 0, "max": cap} for k in keys],
        "ratios": [v[1] for v in result.indicators.values()],
        "benchmark": [1.0] * len(keys),
        "labels": {"enterprise": _("This enterprise"), "benchmark": _("Benchmark")},
    }


class EnterpriseDetailView(NoDeleteMixin, ObjectDetailView):
    model = Enterprise
    select_related = ("town", "account_unit")
    template_name = "enterprises/enterprise_detail.html"

    def get_extra_context(self, obj):
        user = self.request.user
        results = list(
            restrict(MuResult.objects.filter(enterprise=obj), user, "view")
            .select_related("evaluation__scheme")
            .order_by("-year")
        )
        latest = results[0] if results else None
        rows = []
        if latest is not None and latest.indicators:
            bench = latest.evaluation.summary.get(latest.group, {}).get("benchmarks", {})
            for key, (value, ratio) in latest.indicators.items():
                rows.append(
                    {
                        "label": INDICATOR_LABELS[key],
                        "value": value,
                        "benchmark": bench.get(key),
                        "ratio": ratio,
                    }
                )
        return {
            "annual": restrict(AnnualData.objects.filter(enterprise=obj), user, "view").order_by(
                "-year"
            ),
            "results": results,
            "latest": latest,
            "indicator_rows": rows,
            "radar": _radar(latest),
            "visits": restrict(Visit.objects.filter(enterprise=obj), user, "view")[:20],
            "demands": restrict(Demand.objects.filter(enterprise=obj), user, "view")
            .select_related("task")
            .prefetch_related("ratings")[:20],
            "can_raise": user.has_perm("enterprises.add_demand"),
            "high_tech": obj.is_high_tech_on(timezone.localdate()),
        }


EnterpriseHistoryView = EnterpriseDetailView.as_history()


class EnterpriseEditView(ObjectEditView):
    model = Enterprise
    form_class = EnterpriseForm


class ImportView(ObjectMixin, View):
    """Excel import, all or nothing, with an error per row and field."""

    model = Enterprise
    permission = "add"
    title = ""
    columns: list[str] = []
    template_name = "enterprises/import.html"

    def run(self, file):
        raise NotImplementedError

    def context(self, form, errors=()):
        return {
            **self.meta_context(),
            "form": form,
            "errors": errors,
            "title": self.title,
            "columns": "、".join(self.columns),
        }

    def get(self, request):
        self.require_permission(self.permission)
        return render(request, self.template_name, self.context(ImportForm()))

    def post(self, request):
        self.require_permission(self.permission)
        form = ImportForm(request.POST, request.FILES)
        errors = []
        if form.is_valid():
            try:
                result = self.run(form.cleaned_data["file"])
            except WorkbookError as exc:
                errors = [str(exc)]
            else:
                errors = [str(e) for e in result.errors]
                if not errors:
                    messages.success(
                        request,
                        _("Imported: %(created)s new, %(updated)s updated.")
                        % {"created": result.created, "updated": result.updated},
                    )
                    return HttpResponseRedirect(model_url(Enterprise, "list"))
        return render(request, self.template_name, self.context(form, errors), status=400)


class RegistryImportView(ImportView):
    title = gettext_lazy("Import the registry from Excel")
    columns = REGISTRY_HEADERS

    def run(self, file):
        return import_registry(file, actor=self.request.user)


class AnnualImportView(ImportView):
    title = gettext_lazy("Import annual data from Excel")
    columns = ANNUAL_HEADERS

    def require_permission(self, action):
        if not self.request.user.has_perm("enterprises.add_annualdata"):
            raise PermissionDenied

    def run(self, file):
        return import_annual(file, actor=self.request.user)


class AnnualExportView(ObjectMixin, View):
    model = AnnualData

    def get(self, request):
        self.require_permission("view")
        rows = (
            self.restricted("view")
            .select_related("enterprise")
            .order_by("year", "enterprise__credit_code")
        )
        year = request.GET.get("year", "")
        if year.isdigit():
            rows = rows.filter(year=int(year))
        content = write_xlsx("年度数据", ANNUAL_HEADERS, annual_rows(rows))
        return xlsx_response(f"annual-data-{year or 'all'}.xlsx", content)


# --- per-mu evaluation ------------------------------------------------------------------


def _year(request, evaluations) -> int | None:
    value = request.GET.get("year", "")
    years = [e.year for e in evaluations]
    if value.isdigit() and int(value) in years:
        return int(value)
    return years[0] if years else None


def town_chart(results) -> dict:
    """Class distribution per town (stacked bars) from the (restricted) results."""
    rows = (
        results.exclude(mu_class="")
        .order_by()
        .values("town__name", "mu_class")
        .annotate(n=Count("pk"))
    )
    towns = sorted({r["town__name"] for r in rows})
    data = {c: [0] * len(towns) for c in services.CLASSES}
    for r in rows:
        data[r["mu_class"]][towns.index(r["town__name"])] = r["n"]
    return {"towns": towns, "series": [{"name": c, "data": data[c]} for c in services.CLASSES]}


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


class ResultsView(LoginRequiredMixin, View):
    def get(self, request):
        user = request.user
        if not user.has_perm("enterprises.view_muresult"):
            raise PermissionDenied
        evaluations = list(MuEvaluation.objects.select_related("scheme").order_by("-year"))
        year = _year(request, evaluations)
        evaluation = next((e for e in evaluations if e.year == year), None)
        results = restrict(
            MuResult.objects.filter(evaluation=evaluation), user, "view"
        ).select_related("enterprise", "town")
        chart_source = results
        filterset = ResultFilter(request.GET or None, queryset=results, request=request)
        style_form(filterset.form)
        if filterset.is_bound:
            results = filterset.qs if filterset.is_valid() else results.none()
        # Ranked first (by rank), then T and D, then those out of scope, on every database.
        results = results.order_by(
            "group", F("rank").asc(nulls_last=True), "mu_class", "enterprise__credit_code"
        )
        if request.GET.get("export") == "xlsx":
            rows = (
                [
                    r.enterprise.credit_code,
                    r.enterprise.name,
                    r.town.name,
                    "规上" if r.group == Scale.ABOVE else "规下",
                    r.score,
                    r.rank,
                    r.mu_class,
                    r.extra_cost,
                ]
                for r in results
            )
            return xlsx_response(
                f"mu-{year}.xlsx", write_xlsx(f"亩均评价{year}", RESULT_HEADERS, rows)
            )
        page = Paginator(results, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        may_run = user.has_perm(actions.RUN_PERMISSION)
        context = {
            "evaluations": evaluations,
            "evaluation": evaluation,
            "year": year,
            "filterset": filterset,
            "page_obj": page,
            "querystring": query.urlencode(),
            "chart": town_chart(chart_source),
            "may_run": may_run,
            "run_year": (evaluations[0].year + 1) if evaluations else timezone.localdate().year - 1,
            "labels": INDICATOR_LABELS,
        }
        if request.htmx:
            return render(request, "enterprises/_results_table.html", context)
        return render(request, "enterprises/results.html", context)


class RunView(LoginRequiredMixin, View):
    """POST: run (or re-run) a year's evaluation, or publish it."""

    def post(self, request):
        if not request.user.has_perm(actions.RUN_PERMISSION):
            raise PermissionDenied
        year = request.POST.get("year", "")
        if not year.isdigit():
            messages.error(request, _("Give the year as four digits."))
            return HttpResponseRedirect(reverse("enterprises:results"))
        year = int(year)
        try:
            if request.POST.get("publish"):
                actions.publish_evaluation(actor=request.user, year=year)
                messages.success(request, _("Published."))
            else:
                actions.run_evaluation(actor=request.user, year=year)
                messages.success(request, _("Evaluated."))
        except ActionError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("enterprises:results") + f"?year={year}")


class SchemeListView(ObjectListView):
    model = MuScheme
    columns = [
        Column("version", gettext_lazy("Version"), link=True),
        Column("name", gettext_lazy("Name")),
        Column("updated_at", gettext_lazy("Updated")),
    ]

    def get(self, request, *args, **kwargs):
        self.require_permission("change")
        return super().get(request, *args, **kwargs)


class SchemeDetailView(NoDeleteMixin, ObjectDetailView):
    model = MuScheme
    template_name = "enterprises/muscheme_detail.html"

    def get_extra_context(self, obj):
        return {"evaluations": obj.evaluations.order_by("-year"), "labels": INDICATOR_LABELS}


class SchemeHistoryView(NoDeleteMixin, ObjectHistoryView):
    model = MuScheme


class SchemeEditView(ObjectEditView):
    """Editing a version that an evaluation used saves a new version instead."""

    model = MuScheme
    form_class = SchemeForm

    def save_form(self, form):
        d = form.cleaned_data
        return actions.save_scheme(
            form.instance.pk,
            actor=self.request.user,
            name=d["name"],
            data=d["data"],
            notes=d["notes"],
        )

    def post(self, request, pk=None):
        try:
            return super().post(request, pk)
        except (ActionConflict, ValidationError) as exc:
            # Refused by the action (a newer version was saved meanwhile): said on the form.
            conflict = isinstance(exc, ActionConflict)
            obj = self.get_object(pk)
            form = self.get_form(obj)
            form.is_valid()
            add_errors(form, ValidationError(str(exc)) if conflict else exc)
            response = self.render_form(obj, form)
            response.status_code = 409 if conflict else 400
            return response


# --- visits and demands -----------------------------------------------------------------


class VisitListView(ObjectListView):
    model = Visit
    select_related = ("enterprise", "unit")
    filterset_class = VisitFilter
    columns = [
        Column("date", gettext_lazy("Date"), link=True),
        Column("enterprise", gettext_lazy("Enterprise")),
        Column("kind", gettext_lazy("Kind")),
        Column("visitors", gettext_lazy("Visitors")),
        Column("unit", gettext_lazy("Visiting unit")),
    ]
    export_filename = "visits"


class VisitDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Visit
    select_related = ("enterprise", "unit", "recorded_by")
    template_name = "enterprises/visit_detail.html"

    def get_extra_context(self, obj):
        return {
            "demands": restrict(obj.demands.all(), self.request.user, "view")
            .select_related("task")
            .prefetch_related("ratings")
        }


VisitHistoryView = VisitDetailView.as_history()


class VisitAddView(ActionFormView):
    model = Visit
    form_class = VisitForm
    title = gettext_lazy("Record a visit")

    def initial(self, obj):
        return {"date": timezone.localdate(), "enterprise": self.request.GET.get("enterprise")}

    def run(self, obj, form):
        d = form.cleaned_data
        demands = [(d["demand_category"], d["demand_content"])] if d["demand_category"] else []
        return actions.record_visit(
            actor=self.request.user,
            enterprise=d["enterprise"],
            kind=d["kind"],
            date=d["date"],
            visitors=d["visitors"],
            notes=d["notes"],
            demands=demands,
        )


DEMAND_COLUMNS = [
    Column("pk", gettext_lazy("No."), link=True),
    Column("raised_at", gettext_lazy("Raised at")),
    Column("enterprise", gettext_lazy("Enterprise")),
    Column("category", gettext_lazy("Category")),
    Column("channel", gettext_lazy("Channel")),
    Column("status", gettext_lazy("Status"), accessor=lambda d: d.get_status_display()),
    Column(
        "department",
        gettext_lazy("Department"),
        accessor=lambda d: d.task.lead_unit if d.task_id else None,
    ),
    Column(
        "deadline",
        gettext_lazy("Deadline"),
        accessor=lambda d: d.task.deadline if d.task_id else None,
    ),
    Column(
        "rating",
        gettext_lazy("Rating"),
        accessor=lambda d: d.latest_rating.get_rating_display() if d.latest_rating else None,
    ),
]


class DemandListView(ObjectListView):
    model = Demand
    filterset_class = DemandFilter
    columns = DEMAND_COLUMNS
    export_filename = "demands"

    def get_queryset(self):
        return (
            self.restricted("view")
            .with_reopened()
            .select_related("enterprise", "task__lead_unit")
            .prefetch_related(Prefetch("ratings", queryset=DemandRating.objects.order_by("round")))
        )


class DemandDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Demand
    select_related = ("enterprise", "visit", "raised_by", "task__lead_unit")
    template_name = "enterprises/demand_detail.html"

    def get_extra_context(self, obj):
        user = self.request.user
        task = obj.task
        return {
            "ratings": obj.ratings.select_related("rated_by"),
            # The task's timeline belongs to the demand: whoever sees the demand sees it.
            "timeline": task.events.select_related("actor") if task else [],
            "task_link": task is not None and can(user, "view", task),
            "can_dispatch": task is None and user.has_perm(actions.DISPATCH_PERMISSION),
            "can_rate": task is not None
            and task.status == "closure_requested"
            and actions.may_rate(user, obj),
        }


DemandHistoryView = DemandDetailView.as_history()


class DemandAddView(ActionFormView):
    model = Demand
    form_class = DemandForm
    title = gettext_lazy("Raise a demand")

    def initial(self, obj):
        return {"enterprise": self.request.GET.get("enterprise")}

    def run(self, obj, form):
        d = form.cleaned_data
        return actions.raise_demand(
            actor=self.request.user,
            enterprise=d["enterprise"],
            category=d["category"],
            content=d["content"],
            channel=d.get("channel") or "hotline",
        )


class DemandActionView(ActionFormView):
    model = Demand
    select_related = ("enterprise",)
    template_name = "enterprises/demand_action.html"


class DispatchView(DemandActionView):
    form_class = DispatchForm
    title = gettext_lazy("Dispatch to a department")

    def allowed(self, demand):
        return self.request.user.has_perm(actions.DISPATCH_PERMISSION)

    def run(self, demand, form):
        d = form.cleaned_data
        return actions.dispatch_demand(
            demand.pk,
            actor=self.request.user,
            department=d["department"],
            time_limit=d["time_limit"],
            comment=d["comment"],
        )


class RateView(DemandActionView):
    form_class = RateForm
    title = gettext_lazy("Rate the reply")

    def allowed(self, demand):
        return actions.may_rate(self.request.user, demand)

    def run(self, demand, form):
        d = form.cleaned_data
        return actions.rate_demand(
            demand.pk, actor=self.request.user, rating=d["rating"], comment=d["comment"]
        )


class RatesView(LoginRequiredMixin, View):
    """The three rates (响应率, 解决率, 满意率) per department for a period."""

    def get(self, request):
        if not request.user.has_perm("enterprises.view_demand"):
            raise PermissionDenied
        start, end, error = period(request.GET)
        if error:
            messages.error(request, error)
        rows = demand_rates(Demand.objects.restrict(request.user), start, end)
        series = [
            (_("Response rate"), "response_rate"),
            (_("Resolution rate"), "resolution_rate"),
            (_("Satisfaction rate"), "satisfaction_rate"),
        ]
        chart = {
            "names": [r["name"] for r in rows],
            "series": [
                {"name": name, "data": [percent(r[key]) for r in rows]} for name, key in series
            ],
        }
        context = {"start": start, "end": end, "rows": rows, "total": totals(rows), "chart": chart}
        return render(request, "enterprises/rates.html", context)
