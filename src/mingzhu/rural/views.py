from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core import periods
from mingzhu.core.scope import can, restrict
from mingzhu.core.tables import Column
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    ActionFormView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
)
from mingzhu.tasks.models import Task
from mingzhu.tasks.tables import TaskColumn

from . import actions, reports, services
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
    ScoringSheetForm,
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


class EnvironmentView(ObjectMixin, View):
    """The programme's progress: natural villages completed by village and town."""

    model = Remediation

    def get(self, request):
        self.require_permission("view")
        programmes = list(RemediationProgramme.objects.all())
        chosen = request.GET.get("programme")
        programme = next((p for p in programmes if str(p.pk) == chosen), None)
        programme = programme or (programmes[0] if programmes else None)
        progress = reports.environment_progress(programme, request.user) if programme else None
        chart = None
        if progress:
            chart = {
                "names": [r["name"] for r in progress["towns"]],
                "series": [
                    {
                        "name": _("Completed share (%)"),
                        "data": [float(r["share"] or 0) for r in progress["towns"]],
                        "mark": float(programme.target_share),
                        "mark_name": _("Target (%)"),
                    }
                ],
            }
        context = {
            "programmes": programmes,
            "programme": programme,
            "progress": progress,
            "chart": chart,
            "categories": RemediationCategory.choices,
            "can_add": request.user.has_perm("rural.add_remediation"),
        }
        return render(request, "rural/environment.html", context)


class RemediationListView(ObjectListView):
    model = Remediation
    select_related = ("natural_village__parent", "task", "programme")
    filterset_class = RemediationFilter
    export_filename = "remediations"
    columns = [
        Column("pk", gettext_lazy("No."), link=True),
        Column("natural_village", gettext_lazy("Natural village")),
        Column("village", gettext_lazy("Village"), accessor=lambda r: r.natural_village.parent),
        Column("category", gettext_lazy("Category")),
        TaskColumn("status"),
        TaskColumn("progress"),
        TaskColumn("deadline"),
    ]


class RemediationDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Remediation
    select_related = ("natural_village__parent", "task__lead_unit", "programme")

    def get_extra_context(self, obj):
        return {"task_link": can(self.request.user, "view", obj.task)}


class RemediationAddView(ActionFormView):
    model = Remediation
    form_class = RemediationForm
    title = gettext_lazy("Issue remediation tasks")

    def run(self, target, form):
        d = form.cleaned_data
        created = actions.start_remediation(
            actor=self.request.user,
            programme=d["programme"],
            natural_village=d["natural_village"],
            categories=d["categories"],
            deadline=d["deadline"],
        )
        return created[0]


class ProgrammeListView(ObjectListView):
    model = RemediationProgramme
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("start_date", gettext_lazy("Start date")),
        Column("end_date", gettext_lazy("End date")),
        Column("target_share", gettext_lazy("Target (%)")),
    ]


class ProgrammeDetailView(Detail):
    model = RemediationProgramme
    select_related = ("task_list",)


# ---------------------------------------------------------------- inspections


def _total(obj):
    return getattr(obj, "total", None)


class InspectionListView(ObjectListView):
    model = VillageInspection
    select_related = ("village__parent", "sheet")
    filterset_class = InspectionFilter
    export_filename = "village-inspections"
    columns = [
        Column("inspected_on", gettext_lazy("Inspected on"), link=True),
        Column("village", gettext_lazy("Village")),
        Column("town", gettext_lazy("Town"), accessor=lambda i: i.village.parent),
        Column("kind", gettext_lazy("Kind")),
        Column("sheet", gettext_lazy("Scoring sheet")),
        Column("total", gettext_lazy("Score"), accessor=_total),
        Column("inspectors", gettext_lazy("Inspectors")),
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(total=Sum("scores__score"))
            .order_by("-inspected_on", "-pk")
        )


class InspectionDetailView(ReadOnlyMixin, ObjectDetailView):
    model = VillageInspection
    select_related = ("village__parent", "sheet", "recorded_by")

    def get_extra_context(self, obj):
        scores = list(obj.scores.select_related("item", "task").order_by("item__order", "item"))
        total = sum((s.score for s in scores), 0)
        maximum = sum((s.item.points for s in scores), 0)
        user = self.request.user
        visible_tasks = set(
            restrict(
                Task.objects.filter(pk__in=[s.task_id for s in scores if s.task_id]), user, "view"
            ).values_list("pk", flat=True)
        )
        may_raise = user.has_perm("rural.add_villageinspection") and user.has_perm("tasks.add_task")
        return {
            "scores": scores,
            "total": total,
            "maximum": maximum,
            "normalised": services.quantise(services.normalised(total, maximum))
            if maximum
            else None,
            "photos": obj.photos.all(),
            "visible_tasks": visible_tasks,
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
        d = form.cleaned_data
        return actions.record_inspection(
            actor=self.request.user,
            village=d["village"],
            sheet=sheet,
            kind=d["kind"],
            inspected_on=d["inspected_on"],
            inspectors=d["inspectors"],
            summary=d["summary"],
            scores=form.scores(),
            photos=self.request.FILES.getlist("photos"),
            rectification_deadline=d["rectification_deadline"],
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

    def allowed(self, target):
        return self.request.user.has_perm("tasks.add_task")

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


def _quarter(request):
    today = timezone.localdate()
    try:
        return *periods.parse_quarter(request.GET.get("quarter"), today), None
    except ValueError:
        return *periods.quarter_of(today), _("A quarter looks like 2025Q3.")


class RankingView(ObjectMixin, View):
    """The quarterly ranking of villages and towns, with its chart."""

    model = VillageInspection

    def get(self, request):
        self.require_permission("view")
        year, quarter, error = _quarter(request)
        if error:
            messages.error(request, error)
        ranking = reports.quarterly_ranking(year, quarter, request.user)
        ranked = [r for r in ranking["villages"] if r["rank"] is not None]
        chart = {
            "names": [r["name"] for r in ranked],
            "series": [{"name": _("Score"), "data": [float(r["score"]) for r in ranked]}],
        }
        today = timezone.localdate()
        quarters = [f"{y}Q{q}" for y in (today.year, today.year - 1) for q in (4, 3, 2, 1)]
        context = {
            "ranking": ranking,
            "chart": chart,
            "quarter_code": periods.quarter_label((year, quarter)),
            "quarters": quarters,
            "can_notice": request.user.has_perm("rural.add_villageinspection"),
        }
        return render(request, "rural/ranking.html", context)


class NoticeView(ObjectMixin, View):
    """The .docx notice of the quarter's ranking (the issuing bureau's)."""

    model = VillageInspection

    def get(self, request):
        self.require_permission("add")
        year, quarter, error = _quarter(request)
        if error:
            return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
        ranking = reports.quarterly_ranking(year, quarter, request.user)
        issued_by = str(request.user.unit) if request.user.unit else ""
        content = ranking_notice(ranking, issued_by=issued_by, issued_on=timezone.localdate())
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="ranking-{year}Q{quarter}.docx"'
        return response


class SheetListView(ObjectListView):
    model = ScoringSheet
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("version", gettext_lazy("Version")),
        Column("valid_from", gettext_lazy("Valid from")),
    ]

    def require_permission(self, action):
        if not self.request.user.has_perm("rural.view_villageinspection"):
            raise PermissionDenied


class SheetDetailView(Detail):
    model = ScoringSheet

    def get_extra_context(self, obj):
        used = obj.inspections.exists()
        can_edit = self.request.user.has_perm("rural.change_scoringsheet")
        return {
            "items": obj.items.all(),
            "max_points": obj.max_points,
            "used": used,
            "can_edit_items": can_edit and not used,
            "can_version": self.request.user.has_perm("rural.add_scoringsheet"),
            "versions": obj.versions().exclude(pk=obj.pk),
        }

    def object_context(self, obj):
        context = super().object_context(obj)
        if obj.inspections.exists():
            context["can_change"] = False
        return context


class SheetHistoryView(NoDeleteMixin, ObjectHistoryView):
    model = ScoringSheet


class SheetEditView(ObjectEditView):
    model = ScoringSheet
    form_class = ScoringSheetForm


class NewVersionView(ActionFormView):
    model = ScoringSheet
    form_class = NewVersionForm
    title = gettext_lazy("New version of the sheet")
    permission = "rural.add_scoringsheet"

    def run(self, sheet, form):
        # A newer version saved meanwhile (ActionConflict) is said on the form.
        d = form.cleaned_data
        return actions.new_sheet_version(
            sheet, actor=self.request.user, valid_from=d["valid_from"], notes=d["notes"]
        )


class ItemListView(ObjectListView):
    model = ScoringItem
    select_related = ("sheet",)
    columns = [
        Column("name", gettext_lazy("Item"), link=True),
        Column("sheet", gettext_lazy("Scoring sheet")),
        Column("category", gettext_lazy("Category")),
        Column("points", gettext_lazy("Points")),
    ]


class ItemDetailView(Detail):
    model = ScoringItem
    select_related = ("sheet",)

    def object_context(self, obj):
        context = super().object_context(obj)
        if obj.sheet.inspections.exists():
            context["can_change"] = False
        return context


class ItemHistoryView(NoDeleteMixin, ObjectHistoryView):
    model = ScoringItem


class ItemEditView(ObjectEditView):
    model = ScoringItem
    form_class = ScoringItemForm

    def get_form(self, obj):
        form = super().get_form(obj)
        if obj.pk is None and self.request.GET.get("sheet", "").isdigit():
            form.initial.setdefault("sheet", int(self.request.GET["sheet"]))
        return form


# ---------------------------------------------------------------- facilities


class FacilityListView(ObjectListView):
    model = Facility
    select_related = ("village__parent", "type", "maintainer")
    filterset_class = FacilityFilter
    export_filename = "facilities"
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("village", gettext_lazy("Village")),
        Column("town", gettext_lazy("Town"), accessor=lambda f: f.village.parent),
        Column("type", gettext_lazy("Type")),
        Column("maintainer", gettext_lazy("Maintainer")),
        Column("location", gettext_lazy("Location")),
        Column("is_active", gettext_lazy("In use")),
    ]


class FacilityDetailView(Detail):
    model = Facility
    select_related = ("village__parent", "type", "maintainer__unit")

    def get_extra_context(self, obj):
        faults = restrict(obj.faults.all(), self.request.user, "view").select_related("task")
        return {"faults": faults}


class FacilityTypeListView(ObjectListView):
    model = FacilityType
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("time_limit", gettext_lazy("Repair time limit")),
        Column("time_limit_basis", gettext_lazy("Time limit basis")),
        Column("is_active", gettext_lazy("Active")),
    ]


class FacilityTypeDetailView(Detail):
    model = FacilityType


class MaintainerListView(ObjectListView):
    model = Maintainer
    select_related = ("unit",)
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("unit", gettext_lazy("Responsible unit")),
        Column("contact", gettext_lazy("Contact")),
    ]


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
    export_filename = "facility-faults"
    columns = [
        Column("pk", gettext_lazy("No."), link=True),
        Column("reported_at", gettext_lazy("Reported at")),
        Column("facility", gettext_lazy("Facility")),
        Column("type", gettext_lazy("Type"), accessor=lambda f: f.facility.type),
        Column("source", gettext_lazy("Reported through")),
        Column("status", gettext_lazy("Status"), accessor=lambda f: f.get_status_display()),
        TaskColumn("lead_unit", gettext_lazy("Responsible unit")),
        TaskColumn("deadline"),
    ]


class FaultDetailView(ReadOnlyMixin, ObjectDetailView):
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
        task = obj.task
        return {
            "timeline": task.events.select_related("actor") if task else [],
            "task_link": task is not None and can(user, "view", task),
            "can_dispatch": task is None and actions.may_dispatch(user),
            "facility_link": can(user, "view", obj.facility),
        }


class FaultAddView(ActionFormView):
    model = FacilityFault
    form_class = FaultForm
    title = gettext_lazy("Report a facility fault")

    def run(self, target, form):
        d = form.cleaned_data
        return actions.report_fault(
            actor=self.request.user,
            facility=d["facility"],
            source=d["source"],
            reporter_name=d["reporter_name"],
            description=d["description"],
        )


class DispatchView(ActionFormView):
    model = FacilityFault
    form_class = CommentForm
    title = gettext_lazy("Dispatch the repair")
    permission = "rural.change_facilityfault"

    def allowed(self, fault):
        return actions.may_dispatch(self.request.user)

    def run(self, fault, form):
        return actions.dispatch_fault(
            fault.pk, actor=self.request.user, comment=form.cleaned_data["comment"]
        )


class FacilityStatsView(ObjectMixin, View):
    model = Facility

    def get(self, request):
        self.require_permission("view")
        start, end, error = periods.period(request.GET)
        if error:
            messages.error(request, error)
        today = timezone.localdate()
        stats = reports.facility_stats(request.user, start, end, today)

        def pct(value):
            return None if value is None else float(value)

        towns = stats["towns"]
        chart = {
            "names": [r["name"] for r in towns],
            "series": [
                {"name": _("Coverage (%)"), "data": [pct(r["cover"]["rate"]) for r in towns]},
                {
                    "name": _("On-time repair rate (%)"),
                    "data": [pct(r["repair"]["rate"]) for r in towns],
                },
            ],
        }
        context = {"start": start, "end": end, "stats": stats, "chart": chart}
        return render(request, "rural/facility_stats.html", context)


# ---------------------------------------------------------------- secretary projects


class PlanListView(ObjectListView):
    model = SecretaryPlan
    select_related = ("unit", "task_list")
    filterset_class = SecretaryPlanFilter
    export_filename = "secretary-projects"
    columns = [
        Column("year", gettext_lazy("Year"), link=True),
        Column("unit", gettext_lazy("Unit")),
        Column("secretary", gettext_lazy("Secretary")),
        Column("review_score", gettext_lazy("Review score")),
        Column("reviewed_on", gettext_lazy("Reviewed on")),
    ]


class PlanDetailView(ReadOnlyMixin, ObjectDetailView):
    model = SecretaryPlan
    select_related = ("unit", "task_list")

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
            "can_review": user.has_perm("rural.review_secretaryplan"),
        }


class PlanAddView(ActionFormView):
    model = SecretaryPlan
    form_class = SecretaryPlanForm
    title = gettext_lazy("Add a secretary plan")

    def run(self, target, form):
        d = form.cleaned_data
        return actions.create_secretary_plan(
            actor=self.request.user, unit=d["unit"], secretary=d["secretary"], year=d["year"]
        )


class ProjectAddView(ActionFormView):
    model = SecretaryPlan
    form_class = ProjectForm
    title = gettext_lazy("Add a project")
    permission = "rural.change_secretaryplan"
    scope_action = "change"

    def allowed(self, plan):
        return self.request.user.has_perm("tasks.add_task")

    def run(self, plan, form):
        d = form.cleaned_data
        actions.add_secretary_project(
            plan.pk,
            actor=self.request.user,
            title=d["title"],
            content=d["content"],
            deadline=d["deadline"],
            milestones=d["milestones"],
        )


class ReviewView(ActionFormView):
    model = SecretaryPlan
    form_class = ReviewForm
    title = gettext_lazy("Year-end review")
    permission = "rural.view_secretaryplan"

    def allowed(self, plan):
        return self.request.user.has_perm("rural.review_secretaryplan")

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
