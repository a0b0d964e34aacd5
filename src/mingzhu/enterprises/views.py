from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.actions import ActionError
from mingzhu.core.excel import scope_label, write_xlsx, xlsx_response
from mingzhu.core.periods import percent
from mingzhu.core.reports import ReportView, bar_chart
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import (
    ActionFormView,
    ImportView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ReadOnlyMixin,
    Related,
    Tool,
    numbered,
)
from mingzhu.tasks.tables import STATUS_COLUMN, TaskColumn
from mingzhu.tasks.views import TaskBackedDetailView

from . import actions, models, services
from .choices import INDICATOR_LABELS, BenchmarkRule, LandPolicy, MissingPolicy
from .demands import demand_rates, totals
from .evaluation import (
    indicator_rows,
    result_record,
    scheme_codes,
    scheme_preview,
    side_by_side,
    town_chart,
    visible_evaluations,
    visible_results,
)
from .filters import DemandFilter, EnterpriseFilter, ResultFilter, VisitFilter
from .forms import (
    DemandForm,
    DispatchForm,
    RateForm,
    SchemeEditForm,
    SchemeForm,
    VisitForm,
)
from .importer import (
    ANNUAL_HEADERS,
    REGISTRY_HEADERS,
    annual_rows,
    annual_template,
    import_annual,
    import_registry,
    registry_rows,
    registry_template,
)

L = gettext_lazy

# --- registry ---------------------------------------------------------------------------


class EnterpriseListView(ObjectListView):
    model = models.Enterprise
    filterset_class = EnterpriseFilter
    columns = [
        "name",
        Column("credit_code", gettext_lazy("Credit code")),
        Column("town", gettext_lazy("Town")),
        Column("industry", gettext_lazy("Industry")),
        Column("scale"),
        Column("land_mu", gettext_lazy("Land (mu)")),
        *fields("listing digital"),
    ]
    tools = [
        Tool("enterprises:enterprise_import", "import-registry"),
        Tool("enterprises:annualdata_import", "import-annual"),
        Tool(
            "enterprises:annualdata_export",
            "export-annual",
            gettext_lazy("Export annual data"),
            ("enterprises.view_annualdata",),
            icon="bi-file-earmark-excel",
            css="btn-outline-success",
        ),
    ]
    export_sheet = "企业库"

    def export_table(self, queryset):
        return REGISTRY_HEADERS, registry_rows(queryset)


def _radar(result: models.MuResult | None) -> dict | None:
    """Indicator ratios against the benchmark (1.0) for the radar chart."""
    if result is None or not result.indicators:
        return None
    keys = list(result.indicators)
    ratios = [v[1] for v in result.indicators.values()]
    # An uncapped scheme: the axis reaches the highest ratio shown (at least 2).
    cap = result.evaluation.scheme.as_scheme().cap or max([2.0, *(r for r in ratios if r)])
    return {
        "indicators": [{"name": str(INDICATOR_LABELS[k]), "min": 0, "max": cap} for k in keys],
        "ratios": ratios,
        "benchmark": [1.0] * len(keys),
        "labels": {"enterprise": _("This enterprise"), "benchmark": _("Benchmark")},
    }


class EnterpriseDetailView(NoDeleteMixin, ObjectDetailView):
    model = models.Enterprise
    select_related = ("town", "account_unit")
    related = {
        "annual": Related("annual"),
        "visits": Related("visits", limit=20),
        "demands": Related("demands", "task", prefetch=("ratings",), limit=20),
    }
    permission_flags = {"can_raise": "enterprises.add_demand"}

    def get_extra_context(self, obj):
        user = self.request.user
        results = list(
            visible_results(
                restrict(models.MuResult.objects.filter(enterprise=obj), user, "view"), user
            )
            .select_related("evaluation__scheme")
            .order_by("-year", "evaluation__scheme_code")
        )
        # The indicators shown are those of the city's own scheme when it has a result.
        latest = next(
            (r for r in results if r.evaluation.scheme_code == models.PRIMARY_SCHEME),
            results[0] if results else None,
        )
        return {
            "results": results,
            "latest": latest,
            "indicator_rows": indicator_rows(latest),
            "radar": _radar(latest),
            "high_tech": obj.is_high_tech_on(timezone.localdate()),
        }


class RegistryImportView(ImportView):
    """Excel import after a preview, all or nothing, with an error per row and field;
    enterprises are matched by their credit code."""

    model = models.Enterprise
    template_name = "enterprises/import.html"
    title = gettext_lazy("Import the registry from Excel")
    columns = REGISTRY_HEADERS

    def import_file(self, obj, file):
        return import_registry(file, actor=self.request.user)


class AnnualImportView(RegistryImportView):
    title = gettext_lazy("Import annual data from Excel")
    columns = ANNUAL_HEADERS
    permission = "enterprises.add_annualdata"

    def import_file(self, obj, file):
        return import_annual(file, actor=self.request.user)


RegistryTemplateView = RegistryImportView.template_view(
    gettext_lazy("Enterprise registry import template.xlsx"), registry_template
)
AnnualTemplateView = AnnualImportView.template_view(
    gettext_lazy("Annual data import template.xlsx"), annual_template
)


class AnnualExportView(ReportView):
    model = models.AnnualData

    def report(self):
        request = self.request
        rows = (
            self.restricted("view")
            .select_related("enterprise")
            .order_by("year", "enterprise__credit_code")
        )
        year = request.GET.get("year", "")
        if year.isdigit():
            rows = rows.filter(year=int(year))
        content = write_xlsx(
            "企业年度数据", ANNUAL_HEADERS, annual_rows(rows), scope=scope_label(request.user)
        )
        return xlsx_response(f"企业年度数据-{year or '全部'}.xlsx", content)


# --- per-mu evaluation ------------------------------------------------------------------


def _selected(request, evaluations) -> models.MuEvaluation | None:
    """The evaluation of ``?year=`` (else the latest year) under ``?scheme=`` (else the
    city's own scheme, else the first evaluated that year)."""
    value = request.GET.get("year", "")
    years = [e.year for e in evaluations]
    if not years:
        return None
    year = int(value) if value.isdigit() and int(value) in years else years[0]
    of_year = [e for e in evaluations if e.year == year]
    code = request.GET.get("scheme", "") or models.PRIMARY_SCHEME
    return next((e for e in of_year if e.scheme_code == code), None) or next(
        (e for e in of_year if e.scheme_code == models.PRIMARY_SCHEME), of_year[0]
    )


class ResultsView(ObjectListView):
    """One year's results (the year asked for, or the latest evaluated), filtered, with
    the class distribution by town of all of them; the page of a year, not a model list."""

    model = models.MuResult
    filterset_class = ResultFilter
    template_name = "enterprises/results.html"
    table_template = "enterprises/_results_table.html"

    def get(self, request, *args, **kwargs):
        self.evaluations = list(
            visible_evaluations(models.MuEvaluation.objects, request.user)
            .select_related("scheme")
            .order_by("-year", "scheme_code")
        )
        self.evaluation = _selected(request, self.evaluations)
        self.year = self.evaluation.year if self.evaluation else None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Ranked first (by rank), then T and D, then those out of scope, on every database.
        return (
            visible_results(self.restricted("view"), self.request.user)
            .filter(evaluation=self.evaluation)
            .select_related("enterprise", "town")
            .order_by(
                "group", F("rank").asc(nulls_last=True), "mu_class", "enterprise__credit_code"
            )
        )

    def meta_context(self):
        evaluations = self.evaluations
        may_run = self.request.user.has_perm(actions.RUN_PERMISSION)
        return {
            "evaluations": evaluations,
            "years": sorted({e.year for e in evaluations}, reverse=True),
            "side_by_side": side_by_side(evaluations, self.year),
            "schemes": [(c, models.MuScheme.latest_of(c)) for c in scheme_codes()]
            if may_run
            else [],
            "evaluation": self.evaluation,
            "year": self.year,
            "chart": town_chart(self.get_queryset()),
            "may_run": may_run,
            "run_year": (evaluations[0].year + 1) if evaluations else timezone.localdate().year - 1,
            "labels": INDICATOR_LABELS,
        }

    def export(self, queryset):
        code = self.evaluation.scheme_code if self.evaluation else ""
        suffix = "" if code == models.PRIMARY_SCHEME else f"-{code}"
        return self.workbook(
            queryset, f"亩均评价{self.year}{suffix}.xlsx", f"亩均评价{self.year}{suffix}"
        )

    def export_table(self, queryset):
        rows = (services.result_sheet_row(result_record(r)) for r in queryset)
        return services.RESULT_HEADERS, rows


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
        code = request.POST.get("scheme", "") or models.PRIMARY_SCHEME
        if code not in scheme_codes():
            messages.error(request, _("No such scheme."))
            return HttpResponseRedirect(reverse("enterprises:results"))
        try:
            if request.POST.get("publish"):
                actions.publish_evaluation(actor=request.user, year=year, code=code)
                messages.success(request, _("Published."))
            else:
                actions.run_evaluation(actor=request.user, year=year, code=code)
                messages.success(request, _("Evaluated."))
        except ActionError as exc:
            messages.error(request, str(exc))
        url = reverse("enterprises:results") + f"?year={year}&scheme={code}"
        return HttpResponseRedirect(url)


class SchemeListView(ObjectListView):
    model = models.MuScheme
    columns = fields("version code name updated_at")

    def get(self, request, *args, **kwargs):
        self.require_permission("change")
        return super().get(request, *args, **kwargs)


class SchemeDetailView(NoDeleteMixin, ObjectDetailView):
    model = models.MuScheme

    def get_extra_context(self, obj):
        scheme = obj.as_scheme()
        rules = dict(BenchmarkRule.choices)
        groups = [
            {
                "group": g,
                "rows": [
                    {
                        **scheme.rules[g][k],
                        "label": INDICATOR_LABELS[k],
                        "weight": w,
                        "rule": rules[scheme.rules[g][k]["rule"]],
                    }
                    for k, w in scheme.weights[g].items()
                ],
            }
            for g in services.GROUPS
        ]
        return {
            "evaluations": obj.evaluations.order_by("-year"),
            "scheme": scheme,
            "groups": groups,
            "missing": dict(MissingPolicy.choices)[scheme.missing],
            "lands": dict(LandPolicy.choices),
            "policies": [(c, scheme.policies.get(c)) for c in services.CLASSES],
        }


class SchemeEditView(ObjectEditView):
    """The scheme form: indicators with weights and benchmark rules, missing data, cap,
    classes, scope, exemptions and vetoes, and the policies per class; "Preview" shows how
    many enterprises each class would hold, without saving. Editing a version that an
    evaluation used saves a new version instead (actions.save_scheme, under the lock of
    core.versioning). A POST with ``data`` (the scheme's JSON) is the JSON edit, kept for
    scripts."""

    model = models.MuScheme
    template_name = "enterprises/muscheme_form.html"

    def get_form(self, obj):
        post = self.request.POST if self.request.method == "POST" else None
        if post is not None and "data" in post:
            return SchemeForm(post, instance=obj, user=self.request.user)
        initial = {"code": obj.code, "name": obj.name, "notes": obj.notes}
        if obj.pk is None and post is None:
            initial |= {"name": "", "code": ""}
        return SchemeEditForm(
            post,
            initial_data=obj.data or services.DEFAULT_SCHEME_DATA,
            locked_code=obj.pk is not None,
            initial=initial,
        )

    def meta_context(self):
        return {
            **super().meta_context(),
            "preview": getattr(self, "preview", None),
            "labels": INDICATOR_LABELS,
        }

    def post(self, request, pk=None):
        if "preview" not in request.POST:
            return super().post(request, pk)
        obj = self.get_object(pk)
        form = self.get_form(obj)
        if isinstance(form, SchemeEditForm) and form.is_valid():
            d = form.cleaned_data
            self.preview = scheme_preview(d["data"], d.get("preview_year"))
        return self.render_form(obj, form)

    def save_form(self, form):
        d = form.cleaned_data
        return actions.save_scheme(
            form.instance.pk if isinstance(form, SchemeForm) else self.kwargs.get("pk"),
            actor=self.request.user,
            name=d["name"],
            data=d["data"],
            notes=d["notes"],
            code=d.get("code") or models.PRIMARY_SCHEME,
        )


# --- visits and demands -----------------------------------------------------------------


class VisitListView(ObjectListView):
    model = models.Visit
    filterset_class = VisitFilter
    columns = fields("date enterprise kind visitors unit")


class VisitDetailView(ReadOnlyMixin, ObjectDetailView):
    model = models.Visit
    select_related = ("enterprise", "unit", "recorded_by")
    related = {"demands": Related("demands", "task", prefetch=("ratings",))}
    fields = [Column("enterprise", link=True), "kind", "date", "visitors", "unit", "notes"]


class VisitAddView(ActionFormView):
    model = models.Visit
    form_class = VisitForm
    title = gettext_lazy("Record a visit")
    prefill = ("enterprise",)
    today = ("date",)

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
    *fields("raised_at enterprise category channel"),
    STATUS_COLUMN,
    TaskColumn("lead_unit", gettext_lazy("Department"), key="department"),
    TaskColumn("deadline"),
    Column(
        "rating",
        gettext_lazy("Rating"),
        accessor=lambda d: d.latest_rating.get_rating_display() if d.latest_rating else None,
    ),
]


class DemandListView(ObjectListView):
    model = models.Demand
    filterset_class = DemandFilter
    columns = DEMAND_COLUMNS
    card_hides = ("category", "enterprise")

    def card_heading(self, demand):
        """What the demand is about and whose it is; its number and day under it."""
        day = timezone.localtime(demand.raised_at).date().isoformat()
        return f"{demand.get_category_display()} · {demand.enterprise}", numbered(demand.pk, day)

    def get_queryset(self):
        return (
            self.restricted("view")
            .with_reopened()
            .select_related("enterprise", "task__lead_unit")
            .prefetch_related(
                Prefetch("ratings", queryset=models.DemandRating.objects.order_by("round"))
            )
        )


class DemandDetailView(ReadOnlyMixin, TaskBackedDetailView):
    model = models.Demand
    select_related = ("enterprise", "visit", "raised_by", "task__lead_unit")

    def get_task_context(self, obj, task):
        user = self.request.user
        return {
            "ratings": obj.ratings.select_related("rated_by"),
            "can_dispatch": task is None and user.has_perm(actions.DISPATCH_PERMISSION),
            "can_rate": task is not None
            and task.status == "closure_requested"
            and actions.may_rate(user, obj),
        }


class DemandAddView(ActionFormView):
    model = models.Demand
    form_class = DemandForm
    title = gettext_lazy("Raise a demand")
    prefill = ("enterprise",)

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
    model = models.Demand
    select_related = ("enterprise",)
    template_name = "enterprises/demand_action.html"


step = DemandActionView.step
DispatchView = step(
    actions.dispatch_demand,
    DispatchForm,
    L("Dispatch to a department"),
    requires=(actions.DISPATCH_PERMISSION,),
)
RateView = step(actions.rate_demand, RateForm, L("Rate the reply"), object_test=actions.may_rate)


class RatesView(ReportView):
    """The three rates (响应率, 解决率, 满意率) per department for a period."""

    period = "range"

    model = models.Demand
    template_name = "enterprises/rates.html"

    def report(self, start, end):
        rows = demand_rates(self.restricted("view"), start, end)
        chart = bar_chart(
            rows,
            (_("Response rate"), lambda r: percent(r["response_rate"])),
            (_("Resolution rate"), lambda r: percent(r["resolution_rate"])),
            (_("Satisfaction rate"), lambda r: percent(r["satisfaction_rate"])),
        )
        return {"rows": rows, "total": totals(rows), "chart": chart}
