from __future__ import annotations

from django.db.models import Prefetch, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core import periods
from mingzhu.core.excel import docx_response
from mingzhu.core.gongwen import organ_name
from mingzhu.core.reports import ReportView, bar_chart, number
from mingzhu.core.scope import can, restrict
from mingzhu.core.tables import Column
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    ActionFormView,
    ImportView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ReadOnlyMixin,
    ReadPermissionMixin,
    Related,
    Tool,
)
from mingzhu.tasks.models import Task
from mingzhu.tasks.pages import TaskDetailMixin, visible_tasks
from mingzhu.tasks.tables import STATUS_COLUMN, TaskColumn

from . import actions, importer, reports, services
from .choices import RemediationCategory
from .filters import (
    FacilityFilter,
    FaultFilter,
    InspectionFilter,
    RemediationFilter,
    SecretaryPlanFilter,
)
from .forms import (
    CommentForm,
    FaultForm,
    InspectionForm,
    NewVersionForm,
    ProjectForm,
    RaiseTaskForm,
    RemediationForm,
    ReviewForm,
    ScoringItemForm,
    SecretaryPlanForm,
)
from .models import (
    Facility,
    FacilityFault,
    FacilityType,
    InspectionPhoto,
    InspectionScore,
    Maintainer,
    Remediation,
    RemediationProgramme,
    ScoringItem,
    ScoringSheet,
    SecretaryPlan,
    VillageInspection,
)
from .notice import ranking_notice


class Detail(NoDeleteMixin, ObjectDetailView):
    """Rural records are never deleted from a page."""


# ---------------------------------------------------------------- living environment


class EnvironmentView(ReportView):
    """The programme's progress: natural villages completed by village and town."""

    model = Remediation
    template_name = "rural/environment.html"
    permission_flags = {"can_add": "rural.add_remediation"}

    def report(self):
        user = self.request.user
        programmes = list(RemediationProgramme.objects.all())
        programme = self.chosen("programme", programmes)
        progress = reports.environment_progress(programme, user) if programme else None
        chart = None
        if progress:
            target = {"mark": float(programme.target_share), "mark_name": _("Target (%)")}
            share = (_("Completed share (%)"), lambda r: float(r["share"] or 0), target)
            chart = bar_chart(progress["towns"], share)
        return {
            "programmes": programmes,
            "programme": programme,
            "progress": progress,
            "chart": chart,
            "categories": RemediationCategory.choices,
        }


class RemediationListView(ObjectListView):
    model = Remediation
    select_related = ("natural_village__parent", "task", "programme")
    filterset_class = RemediationFilter
    columns = [
        ("pk", gettext_lazy("No.")),
        "natural_village",
        ("village", gettext_lazy("Village"), lambda r: r.natural_village.parent),
        "category",
        TaskColumn("status"),
        TaskColumn("progress"),
        TaskColumn("deadline"),
    ]


class RemediationDetailView(TaskDetailMixin, ReadOnlyMixin, ObjectDetailView):
    model = Remediation
    select_related = ("natural_village__parent", "task__lead_unit", "programme")


class RemediationAddView(ActionFormView):
    model = Remediation
    form_class = RemediationForm
    title = gettext_lazy("Issue remediation tasks")

    def run(self, target, form):
        return actions.start_remediation(actor=self.request.user, **form.cleaned_data)[0]


class ProgrammeListView(ObjectListView):
    model = RemediationProgramme
    columns = ["name", "start_date", "end_date", ("target_share", gettext_lazy("Target (%)"))]


class ProgrammeDetailView(Detail):
    model = RemediationProgramme
    select_related = ("task_list",)


# ---------------------------------------------------------------- inspections


class InspectionListView(ObjectListView):
    model = VillageInspection
    select_related = ("village__parent", "sheet")
    filterset_class = InspectionFilter
    columns = [
        "inspected_on",
        ("village", gettext_lazy("Village")),
        ("town", gettext_lazy("Town"), lambda i: i.village.parent),
        "kind",
        "sheet",
        Column("total", gettext_lazy("Score"), computed=Sum("scores__score")),
        "inspectors",
    ]
    ordering = ("-inspected_on", "-pk")


class InspectionDetailView(ReadOnlyMixin, ObjectDetailView):
    model = VillageInspection
    select_related = ("village__parent", "sheet", "recorded_by")

    def get_extra_context(self, obj):
        scores = list(obj.scores.select_related("item", "task").order_by("item__order", "item"))
        user = self.request.user
        tasks = Task.objects.filter(pk__in=[s.task_id for s in scores if s.task_id])
        may_raise = user.has_perms(["rural.add_villageinspection", "tasks.add_task"])
        return {
            "scores": scores,
            **services.inspection_totals((s.score, s.item.points) for s in scores),
            "photos": obj.photos.all(),
            "visible_tasks": visible_tasks(user, tasks),
            "may_raise": may_raise,
        }


class InspectionAddView(ActionFormView):
    """Score a village on a sheet (?sheet=ID, default the newest version in force)."""

    model = VillageInspection
    form_class = InspectionForm
    title = gettext_lazy("Record an inspection")
    template_name = "rural/inspection_form.html"

    def get_object(self, pk):
        self.require_permission("add")
        today = timezone.localdate()
        sheets = ScoringSheet.objects.filter(valid_from__lte=today).order_by(
            "-valid_from", "-version"
        )
        chosen = self.request.GET.get("sheet") or self.request.POST.get("sheet")
        if chosen:
            sheet = sheets.filter(pk=chosen).first() if str(chosen).isdigit() else None
            if sheet is None:
                raise Http404("No such scoring sheet.")
            return sheet
        sheet = sheets.first()
        if sheet is None:
            raise Http404("No scoring sheet in force.")
        return sheet

    def form_kwargs(self, sheet):
        return {"user": self.request.user, "sheet": sheet}

    def get_extra_context(self, sheet):
        sheets = ScoringSheet.objects.filter(valid_from__lte=timezone.localdate())
        return {"sheet": sheet, "sheets": sheets}

    def run(self, sheet, form):
        # The header's fields are the action's arguments (photos cleaned by FilesField).
        header = {name: form.cleaned_data[name] for name in form.HEADER}
        return actions.record_inspection(
            actor=self.request.user, sheet=sheet, scores=form.scores(), **header
        )


class RaiseTaskView(ActionFormView):
    """The page is about an inspection's score: looked up among the scores in scope."""

    model = VillageInspection
    form_class = RaiseTaskForm
    title = gettext_lazy("Raise a rectification task")
    permission = "rural.add_villageinspection"

    def restricted(self, action):
        scores = InspectionScore.objects.select_related("item", "inspection")
        return restrict(scores, self.request.user, action)

    requires = ("tasks.add_task",)

    def run(self, score, form):
        actions.raise_rectification(
            score.pk, actor=self.request.user, deadline=form.cleaned_data["deadline"]
        )
        return score.inspection


class PhotoView(FileDownloadView):
    """Download one photo (only within the inspection's scope)."""

    model = VillageInspection
    file_model = InspectionPhoto
    parent_field = InspectionPhoto.parent_field


class RankingView(ReportView):
    """The quarterly ranking of villages and towns, with its chart."""

    model = VillageInspection
    period = "quarter"
    template_name = "rural/ranking.html"
    permission_flags = {"can_notice": "rural.add_villageinspection"}

    def report(self, year, quarter):
        user = self.request.user
        ranking = reports.quarterly_ranking(year, quarter, user)
        ranked = [r for r in ranking["villages"] if r["rank"] is not None]
        today = timezone.localdate()
        return {
            "ranking": ranking,
            "chart": bar_chart(ranked, (_("Score"), lambda r: float(r["score"]))),
            "quarter_code": periods.quarter_label((year, quarter)),
            "quarters": [f"{y}Q{q}" for y in (today.year, today.year - 1) for q in (4, 3, 2, 1)],
        }


class NoticeView(ReportView):
    """The .docx notice of the quarter's ranking (the issuing bureau's)."""

    model = VillageInspection
    period = "quarter"
    required = "add"
    strict_period = True

    def report(self, year, quarter):
        user = self.request.user
        ranking = reports.quarterly_ranking(year, quarter, user)
        issued_by = organ_name(user.unit)
        content = ranking_notice(ranking, issued_by=issued_by, issued_on=timezone.localdate())
        return docx_response(f"人居环境排名通报-{year}年第{quarter}季度.docx", content)


class SheetListView(ReadPermissionMixin, ObjectListView):
    model = ScoringSheet
    read_permission = "rural.view_villageinspection"
    columns = ["name", "version", "valid_from"]


class SheetPartDetail(Detail):
    """A scoring sheet or one of its items: not edited once the sheet scored an inspection."""

    def object_context(self, obj):
        context = super().object_context(obj)
        if getattr(obj, "sheet", obj).inspections.exists():
            context["can_change"] = False
        return context


class SheetDetailView(SheetPartDetail):
    model = ScoringSheet
    permission_flags = {"can_version": "rural.add_scoringsheet"}

    def get_extra_context(self, obj):
        used = obj.inspections.exists()
        can_edit = self.request.user.has_perm("rural.change_scoringsheet")
        return {
            "items": obj.items.all(),
            "max_points": obj.max_points,
            "used": used,
            "can_edit_items": can_edit and not used,
            "versions": obj.versions().exclude(pk=obj.pk),
        }


class NewVersionView(ActionFormView):
    model = ScoringSheet
    form_class = NewVersionForm
    title = gettext_lazy("New version of the sheet")
    permission = "rural.add_scoringsheet"

    # A newer version saved meanwhile (ActionConflict) is said on the form.
    action = actions.new_sheet_version
    object_keyword = "sheet"
    follow_result = True


class ItemListView(ObjectListView):
    model = ScoringItem
    columns = [("name", gettext_lazy("Item")), "sheet", "category", "points"]


class ItemDetailView(SheetPartDetail):
    model = ScoringItem
    select_related = ("sheet",)
    fields = [Column("sheet", link=True), "category", "points", "deduction_rule"]


class ItemEditView(ObjectEditView):
    model = ScoringItem
    form_class = ScoringItemForm
    prefill = ("sheet",)


# ---------------------------------------------------------------- facilities


class FacilityListView(ObjectListView):
    model = Facility
    tools = [Tool("rural:facility_import", "import-facilities")]
    select_related = ("village__parent", "type", "maintainer")
    filterset_class = FacilityFilter
    columns = [
        "name",
        ("village", gettext_lazy("Village")),
        ("town", gettext_lazy("Town"), lambda f: f.village.parent),
        "type",
        "maintainer",
        "location",
        "is_active",
    ]


class FacilityDetailView(Detail):
    model = Facility
    select_related = ("village__parent", "type", "maintainer__unit")
    related = {"faults": Related("faults", "task")}


class FacilityImportView(ImportView):
    """The facilities register (八位一体运维台账) from Excel, after a preview; facilities are
    matched by their name within their village."""

    model = Facility
    import_function = staticmethod(importer.import_facilities)
    title = gettext_lazy("Import facilities from Excel")
    columns = importer.COLUMNS
    success_message = gettext_lazy("Imported: %(created)s new facilities, %(updated)s updated.")
    help = gettext_lazy(
        "A facility already registered under the same name in the same village is updated, "
        "not added again."
    )


FacilityTemplateView = FacilityImportView.template_view(
    gettext_lazy("Facilities import template.xlsx"), importer.facility_template
)


class FacilityTypeListView(ObjectListView):
    model = FacilityType
    columns = ["name", "time_limit", "time_limit_basis", "is_active"]


class FacilityTypeDetailView(Detail):
    model = FacilityType


class MaintainerListView(ObjectListView):
    model = Maintainer
    columns = ["name", "unit", "contact"]


class MaintainerDetailView(Detail):
    model = Maintainer
    select_related = ("unit",)

    def get_extra_context(self, obj):
        facilities = restrict(obj.facilities.all(), self.request.user, "view")
        return {"facility_count": facilities.count()}


class FaultListView(ObjectListView):
    model = FacilityFault
    select_related = ("facility__village", "facility__type", "task__lead_unit")
    filterset_class = FaultFilter
    columns = [
        ("pk", gettext_lazy("No.")),
        "reported_at",
        "facility",
        ("type", gettext_lazy("Type"), lambda f: f.facility.type),
        "source",
        STATUS_COLUMN,
        TaskColumn("lead_unit", gettext_lazy("Responsible unit")),
        TaskColumn("deadline"),
    ]


class FaultDetailView(TaskDetailMixin, ReadOnlyMixin, ObjectDetailView):
    model = FacilityFault
    select_related = (
        "facility__village",
        "facility__type",
        "facility__maintainer",
        "grid",
        "reported_by",
        "task__lead_unit",
    )

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "can_dispatch": obj.task is None and actions.may_dispatch(user),
            "facility_link": can(user, "view", obj.facility),
        }


class FaultAddView(ActionFormView):
    model = FacilityFault
    form_class = FaultForm
    title = gettext_lazy("Report a facility fault")

    action = actions.report_fault


class DispatchView(ActionFormView):
    model = FacilityFault
    form_class = CommentForm
    title = gettext_lazy("Dispatch the repair")
    permission = "rural.change_facilityfault"

    user_test = actions.may_dispatch

    action = actions.dispatch_fault
    follow_result = True


class FacilityStatsView(ReportView):
    model = Facility
    period = "range"
    template_name = "rural/facility_stats.html"

    def report(self, start, end):
        stats = reports.facility_stats(self.request.user, start, end, timezone.localdate())
        chart = bar_chart(
            stats["towns"],
            (_("Coverage (%)"), lambda r: number(r["cover"]["rate"])),
            (_("On-time repair rate (%)"), lambda r: number(r["repair"]["rate"])),
        )
        return {"stats": stats, "chart": chart}


# ---------------------------------------------------------------- secretary projects


class PlanListView(ObjectListView):
    model = SecretaryPlan
    select_related = ("unit", "task_list")
    filterset_class = SecretaryPlanFilter
    columns = ["year", "unit", "secretary", "review_score", "reviewed_on"]


class PlanDetailView(ReadOnlyMixin, ObjectDetailView):
    model = SecretaryPlan
    select_related = ("unit", "task_list")
    permission_flags = {"can_review": "rural.review_secretaryplan"}

    def get_extra_context(self, obj):
        user = self.request.user
        # Only the projects and milestones (tasks) in the user's scope are listed.
        tasks = restrict(Task.objects.filter(task_list=obj.task_list), user, "view")
        children = Prefetch("children", queryset=tasks.order_by("deadline", "pk"))
        projects = tasks.filter(parent__isnull=True).prefetch_related(children)
        return {
            "projects": projects.order_by("deadline", "pk"),
            "today": timezone.localdate(),
            "can_add_project": can(user, "change", obj) and user.has_perm("tasks.add_task"),
        }


class PlanAddView(ActionFormView):
    model = SecretaryPlan
    form_class = SecretaryPlanForm
    title = gettext_lazy("Add a secretary plan")

    action = actions.create_secretary_plan


class ProjectAddView(ActionFormView):
    model = SecretaryPlan
    form_class = ProjectForm
    title = gettext_lazy("Add a project")
    permission = "rural.change_secretaryplan"
    scope_action = "change"

    requires = ("tasks.add_task",)

    action = actions.add_secretary_project


class ReviewView(ActionFormView):
    model = SecretaryPlan
    form_class = ReviewForm
    title = gettext_lazy("Year-end review")
    permission = "rural.view_secretaryplan"

    requires = ("rural.review_secretaryplan",)

    def initial(self, plan):
        return {
            "review_score": plan.review_score,
            "review_comment": plan.review_comment,
            "reviewed_on": plan.reviewed_on or timezone.localdate(),
        }

    def run(self, plan, form):
        d = form.cleaned_data
        return actions.review_secretary_plan(
            plan.pk,
            actor=self.request.user,
            score=d["review_score"],
            comment=d["review_comment"],
            reviewed_on=d["reviewed_on"],
        )
