from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core.reports import ReportView
from mingzhu.core.scope import can
from mingzhu.core.tables import Column, fields
from mingzhu.core.tabular import WorkbookError
from mingzhu.core.uploads import FileDownloadView, file_response
from mingzhu.core.views import (
    EXPORT_LIMIT,
    ActionFormView,
    ImportView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ReadOnlyMixin,
    Related,
    Tool,
)
from mingzhu.tasks.tables import STATUS_COLUMN, TaskColumn
from mingzhu.tasks.views import TaskBackedDetailView

from . import actions, importer, investment_import, services
from .choices import STAGE_ORDER, Light, Stage
from .cockpit import funnel_option
from .filters import FactorRequestFilter, ProjectFilter
from .forms import (
    DispatchForm,
    FactorRequestForm,
    InspectionForm,
    InvestmentForm,
    InvestmentImportForm,
    MoveForm,
    RateForm,
    ScoreForm,
)
from .ledger import funnel_rows, light_of, with_latest_report, with_progress
from .models import (
    FactorRequest,
    FactorRoute,
    Inspection,
    Project,
    StageChange,
)

L = gettext_lazy


def _light_label(project) -> str:
    value = light_of(project, timezone.localdate())
    return Light(value).label if value else "—"


# On an office screen (1366 px) the ledger's twelve columns keep to the page: the name and
# the investor wrap as prose (the name at least 13 characters wide, two lines for most),
# the amounts are right-aligned under headings that wrap before （万元）, the town's
# heading wraps at its bracket and the longest town's name (扬中高新技术产业开发区) over two
# lines in a column eight characters wide, and the days are compact.
PROJECT_COLUMNS = [
    Column("name", importer.H_NAME, link=True, prose=True, least_em=13),
    Column("investor", importer.H_INVESTOR, prose=True, least_em=8),
    Column("chain", importer.H_CHAIN),
    Column("total_investment", importer.H_TOTAL, numeric=True),
    Column("foreign_investment", importer.H_FOREIGN, numeric=True),
    Column("town", importer.H_TOWN, prose=True, heading_wraps=True, least_em=8),
    Column("in_port_zone", importer.H_PORT, accessor=lambda p: "是" if p.in_port_zone else "否"),
    Column("negotiating_on", importer.H_NEGOTIATING, compact_day=True),
    Column("tier", gettext_lazy("Tier"), accessor=lambda p: p.get_tier_display()),
    Column("stage"),
    Column("stage_on", gettext_lazy("Since"), accessor=lambda p: p.stage_on, compact_day=True),
    Column("light", gettext_lazy("Investment light"), accessor=_light_label),
]


# The export's columns after the page's: the latest month's report of the year.
REPORT_COLUMNS = [
    Column(
        "latest_month", gettext_lazy("Latest month reported"), accessor=lambda p: p.latest_month
    ),
    Column(
        "latest_progress", gettext_lazy("Progress (形象进度)"), accessor=lambda p: p.latest_progress
    ),
    Column("latest_remark", gettext_lazy("Remarks"), accessor=lambda p: p.latest_remark),
]


class ProjectListView(ObjectListView):
    model = Project
    filterset_class = ProjectFilter
    columns = PROJECT_COLUMNS
    template_name = "projects/project_list.html"
    map = True
    tools = [
        Tool(
            "projects:investment_import",
            "import-investment",
            icon="bi-graph-up-arrow",
        )
    ]

    def get_queryset(self):
        return with_progress(super().get_queryset(), timezone.localdate())

    def export_table(self, queryset):
        """The page's columns, then what the latest month's report of the year says."""
        columns = [*self.columns, *REPORT_COLUMNS]
        rows = (
            [c.value(obj) for c in columns]
            for obj in with_latest_report(queryset, timezone.localdate())[:EXPORT_LIMIT]
        )
        return [str(c.label) for c in columns], rows


class ProjectDetailView(ObjectDetailView):
    model = Project
    select_related = ("town", "liaison_leader", "steward")
    related = {
        "factor_requests": Related("factor_requests", "task__lead_unit"),
        "scores": Related("scores", "inspection__leader"),
    }

    def get_object(self, pk):
        return get_object_or_404(
            with_progress(self.restricted("view"), timezone.localdate()), pk=pk
        )

    def get_extra_context(self, obj):
        user = self.request.user
        today = timezone.localdate()
        months = list(obj.monthly.filter(year=today.year).order_by("month"))
        monthly = {m.month: m.completed for m in months}
        plan = obj.annual_plan
        may_change = can(user, "change", obj)
        moves = services.allowed_moves(obj.stage, obj.suspended_from or None)
        return {
            "stage_order": STAGE_ORDER,
            "changes": obj.stage_changes.select_related("actor"),
            "light": light_of(obj, today),
            "ytd_plan": services.ytd_plan(plan, today.month),
            "chart": {
                "months": [f"{m}月" for m in range(1, 13)],
                **services.investment_months(monthly, plan, today.month),
                "labels": [_("Completed in the month"), _("Completed so far"), _("Plan so far")],
            },
            "year": today.year,
            "months": months,
            "move_form": MoveForm(moves=moves)
            if moves and actions.may_advance(user, obj)
            else None,
            "investment_form": InvestmentForm()
            if actions.may_record_investment(user, obj)
            else None,
            "factor_form": FactorRequestForm()
            if may_change and user.has_perm("projects.add_factorrequest")
            else None,
        }


class ProjectActionView(ActionFormView):
    """A form page for one action on a project (move, investment, factor request)."""

    model = Project
    select_related = ("town",)

    scope_test = "change"


class MoveView(ProjectActionView):
    form_class = MoveForm
    title = gettext_lazy("Move the project to another stage")

    object_test = actions.may_advance

    def form_kwargs(self, project):
        return {"moves": services.allowed_moves(project.stage, project.suspended_from or None)}

    action = actions.advance_project


class InvestmentView(ProjectActionView):
    form_class = InvestmentForm
    title = gettext_lazy("Record investment")
    # The towns' staff for their projects, the key-project office for every one.
    scope_test = ""
    object_test = actions.may_record_investment

    def run(self, project, form):
        data = form.cleaned_data
        monthly = {data["month"]: data["completed"]} if data.get("completed") is not None else {}
        notes = {key: data.get(key, "") for key in actions.NOTE_FIELDS}
        actions.record_investment(
            project.pk,
            actor=self.request.user,
            year=data["year"],
            planned=data.get("planned"),
            monthly=monthly,
            notes={data["month"]: notes} if data.get("month") and any(notes.values()) else None,
            overwrite=data.get("overwrite", False),
        )


class RaiseFactorView(ProjectActionView):
    form_class = FactorRequestForm
    title = gettext_lazy("Raise a factor request")
    permission = "projects.add_factorrequest"

    action = actions.raise_factor_request


class ProjectImportView(ImportView):
    model = Project
    template_name = "projects/import.html"
    success_message = gettext_lazy("Imported: %(created)s new projects, %(updated)s updated.")

    def import_file(self, obj, file):
        return importer.import_projects(file, actor=self.request.user)


ProjectTemplateView = ProjectImportView.template_view(
    gettext_lazy("Project import template.xlsx"), importer.project_template
)


class InvestmentImportView(ImportView):
    """The towns' monthly investment progress sheet (重点项目投资进度表): the plan and the
    month's completed investment of projects already in the ledger, after a preview; all
    rows or none. Open to whoever may record investment (``actions.may_record_investment``:
    the towns' staff and the key-project office); a row naming a project they may not
    record for reads as one of no such project."""

    model = Project
    form_class = InvestmentImportForm
    template_name = "projects/investment_import.html"
    title = gettext_lazy("Import investment progress from Excel")
    columns = investment_import.COLUMNS
    permission = actions.RECORD_INVESTMENT
    requires = actions.INVESTMENT_PERMISSIONS
    success_message = gettext_lazy("Investment recorded: %(updated)s projects changed.")

    def options(self) -> dict:
        form = InvestmentImportForm(self.request.POST)
        if not form.is_valid():
            raise WorkbookError(
                "; ".join(str(m) for messages in form.errors.values() for m in messages)
            )
        data = form.cleaned_data
        return {"month": data["report_month"], "overwrite": data["overwrite"]}

    def import_file(self, obj, file):
        return investment_import.import_investment(
            file, actor=self.request.user, valid_only=self.valid_only, **self.options()
        )


InvestmentTemplateView = InvestmentImportView.template_view(
    gettext_lazy("Investment progress import template.xlsx"),
    investment_import.investment_template,
)


class FunnelView(ReportView):
    model = Project
    template_name = "projects/funnel.html"

    def report(self):
        data = funnel_rows(self.restricted("view"))
        return {
            **self.meta_context(),
            **data,
            "stage_labels": [Stage(s).label for s in (*STAGE_ORDER, Stage.SUSPENDED)],
            "chart": funnel_option(data["reached"]),
        }


class FactorRequestListView(ObjectListView):
    model = FactorRequest
    select_related = ("project__town", "task__lead_unit")
    filterset_class = FactorRequestFilter
    columns = [
        "project",
        Column("project__town", gettext_lazy("Town")),
        *fields("kind quantity unit needed_by"),
        TaskColumn("lead_unit", gettext_lazy("Responsible department"), key="lead"),
        STATUS_COLUMN,
        TaskColumn("deadline"),
    ]


class FactorRequestDetailView(ReadOnlyMixin, TaskBackedDetailView):
    model = FactorRequest
    select_related = ("project__town", "raised_by", "task__lead_unit")

    def get_task_context(self, obj, task):
        user = self.request.user
        closed = task is not None and task.status == "closed"
        return {
            "project_link": can(user, "view", obj.project),
            "can_dispatch": task is None and actions.may_dispatch(user),
            "can_rate": closed and not obj.satisfaction and actions.may_rate(user, obj),
            "route": actions.route_for(obj.kind)[0] if task is None else None,
        }


class FactorActionView(ActionFormView):
    model = FactorRequest
    select_related = ("task__lead_unit",)


step = FactorActionView.step
DispatchView = step(
    actions.dispatch_factor_request,
    DispatchForm,
    L("Dispatch to the department"),
    user_test=actions.may_dispatch,
)
RateView = step(
    actions.rate_factor_request, RateForm, L("Rate the answer"), object_test=actions.may_rate
)


class InspectionListView(ObjectListView):
    model = Inspection
    columns = [
        *fields("title date leader"),
        Column("visited", L("Projects visited"), computed=Count("scores")),
    ]
    ordering = ("-date", "-pk")


class InspectionMixin:
    """An inspection is reached through the projects it scored: each once."""

    model = Inspection

    def restricted(self, action):
        return super().restricted(action).distinct()


class InspectionDetailView(InspectionMixin, ObjectDetailView):
    select_related = ("leader",)
    related = {"scores": Related("scores", "project__town")}

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "score_form": ScoreForm(user=user) if actions.may_score(user) else None,
        }


class InspectionEditView(InspectionMixin, ObjectEditView):
    form_class = InspectionForm

    def get_object(self, pk):
        if pk is not None:
            self.require_permission("change")
        return super().get_object(pk)


class ScoreView(InspectionMixin, ActionFormView):
    """The score form sits on the inspection page; a refused score shows it again here."""

    form_class = ScoreForm
    title = gettext_lazy("Score a project")
    http_method_names = ["post"]

    user_test = actions.may_score

    action = actions.score_project


class FactorRouteListView(ObjectListView):
    model = FactorRoute
    columns = fields("kind department time_limit_days")


class FactorRouteDetailView(ObjectDetailView):
    model = FactorRoute
    select_related = ("department",)


class InspectionDeleteView(InspectionMixin, ObjectDeleteView):
    pass


class EvidenceView(FileDownloadView):
    """Download the evidence of a stage change (only within the project's scope)."""

    model = Project
    file_model = StageChange
    parent_field = "project"

    def send(self, change):
        return file_response(change.evidence, name=change.evidence.name)
