from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.periods import percent, period
from mingzhu.core.scope import can, restrict
from mingzhu.core.tables import Column
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    ActionFormView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
)
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.tables import TaskColumn

from . import actions
from .filters import GridEventFilter
from .forms import (
    CampaignForm,
    EventCategoryForm,
    FileForm,
    RecheckForm,
    RejectForm,
    ReportForm,
)
from .metrics import event_metrics
from .models import Campaign, EventCategory, EventPhoto, GridEvent

EVENT_COLUMNS = [
    Column("pk", gettext_lazy("No."), link=True),
    Column("reported_at", gettext_lazy("Reported at")),
    Column("grid", gettext_lazy("Grid")),
    Column("category", gettext_lazy("Category")),
    Column("campaign", gettext_lazy("Campaign")),
    Column("address", gettext_lazy("Address")),
    Column("status", gettext_lazy("Status"), accessor=lambda e: e.get_status_display()),
    TaskColumn("lead_unit", gettext_lazy("Responsible unit")),
    TaskColumn("deadline"),
]


class GridEventListView(ObjectListView):
    model = GridEvent
    select_related = ("grid", "category", "campaign", "task__lead_unit")
    filterset_class = GridEventFilter
    columns = EVENT_COLUMNS
    export_filename = "grid-events"


class GridEventDetailView(ReadOnlyMixin, ObjectDetailView):
    model = GridEvent
    template_name = "grid/gridevent_detail.html"
    select_related = (
        "grid",
        "category",
        "campaign",
        "reported_by",
        "decided_by",
        "task__lead_unit",
    )

    def get_extra_context(self, obj):
        user = self.request.user
        task = obj.task
        pending = obj.decision == "pending"
        return {
            "photos": obj.photos.filter(recheck__isnull=True),
            "rechecks": obj.rechecks.select_related("checked_by").prefetch_related("photos"),
            # The task's timeline belongs to the event: whoever sees the event sees it.
            "timeline": task.events.select_related("actor") if task else [],
            "task_link": task is not None and can(user, "view", task),
            "can_decide": pending and actions.may_file(user),
            "can_recheck": task is not None
            and task.status == TaskStatus.CLOSURE_REQUESTED
            and actions.may_recheck(user, obj),
        }


GridEventHistoryView = GridEventDetailView.as_history()


class ReportView(ActionFormView):
    """The report form (on a phone): only grids within the worker's scope are offered."""

    model = GridEvent
    form_class = ReportForm
    template_name = "grid/report.html"

    def form_kwargs(self, obj):
        return {"user": self.request.user}

    def run(self, obj, form):
        data = dict(form.cleaned_data)
        data["photos"] = self.request.FILES.getlist("photos")
        return actions.report_event(actor=self.request.user, **data)

    def get_success_message(self, event):
        return _("Reported: %(event)s") % {"event": event}


class EventActionView(ActionFormView):
    """A form page for one action on an event (file, reject, re-check)."""

    model = GridEvent
    select_related = ("category", "grid")
    template_name = "grid/event_action.html"


class FileView(EventActionView):
    form_class = FileForm
    title = gettext_lazy("File the event")

    def allowed(self, event):
        return actions.may_file(self.request.user)

    def initial(self, event):
        return {"responsible_unit": event.category.responsible_unit_id}

    def run(self, event, form):
        actions.file_event(
            event.pk,
            actor=self.request.user,
            responsible_unit=form.cleaned_data["responsible_unit"],
            comment=form.cleaned_data["comment"],
        )


class RejectView(EventActionView):
    form_class = RejectForm
    title = gettext_lazy("Do not file the event")

    def allowed(self, event):
        return actions.may_file(self.request.user)

    def run(self, event, form):
        actions.reject_event(event.pk, actor=self.request.user, reason=form.cleaned_data["reason"])


class RecheckView(EventActionView):
    form_class = RecheckForm
    title = gettext_lazy("Re-check on site")

    def allowed(self, event):
        return actions.may_recheck(self.request.user, event)

    def run(self, event, form):
        actions.recheck_event(
            event.pk,
            actor=self.request.user,
            passed=form.cleaned_data["passed"],
            comment=form.cleaned_data["comment"],
            photos=self.request.FILES.getlist("photos"),
        )


class PhotoView(FileDownloadView):
    """Download one photo (only within the event's scope)."""

    model = GridEvent
    file_model = EventPhoto
    parent_field = EventPhoto.parent_field


def _chart(rows) -> dict:
    return {
        "names": [r["name"] for r in rows],
        "on_time": [percent(r["on_time_rate"]) for r in rows],
        "closure": [percent(r["closure_rate"]) for r in rows],
        "rework": [percent(r["rework_rate"]) for r in rows],
        "on_time_label": _("On-time case closure rate"),
        "closure_label": _("Case closure rate"),
        "rework_label": _("Rework rate"),
    }


class MetricsView(ObjectMixin, View):
    model = GridEvent

    def get(self, request):
        self.require_permission("view")
        start, end, error = period(request.GET)
        if error:
            messages.error(request, error)
        result = event_metrics(self.restricted("view"), start, end)
        context = {
            "start": start,
            "end": end,
            "units": result["units"],
            "campaigns": result["campaigns"],
            "chart": _chart(result["campaigns"]),
            "unit_chart": _chart(result["units"]),
        }
        return render(request, "grid/metrics.html", context)


class CampaignMixin:
    """Campaigns are read by those who read grid events."""

    def require_permission(self, action):
        if action == "view":
            if not self.request.user.has_perm("grid.view_campaign"):
                raise PermissionDenied
            return
        super().require_permission(action)


class CampaignListView(CampaignMixin, ObjectListView):
    model = Campaign
    select_related = ("issuer",)
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("start_date", gettext_lazy("Start date")),
        Column("end_date", gettext_lazy("End date")),
        Column("issuer", gettext_lazy("Issuing unit")),
    ]


class CampaignDetailView(CampaignMixin, ObjectDetailView):
    model = Campaign
    select_related = ("issuer", "task_list")

    def get_object(self, pk):
        self.require_permission("view")
        return super().get_object(pk)

    def get_extra_context(self, obj):
        start, end, error = period(self.request.GET)
        if error:
            messages.error(self.request, error)
        user = self.request.user
        events = restrict(GridEvent.objects.filter(campaign=obj), user, "view")
        result = event_metrics(events, start, end)
        row = next(iter(result["campaigns"]), None)
        return {
            "start": start,
            "end": end,
            "row": row,
            "units": result["units"],
            "chart": _chart(result["units"]),
            "event_count": events.count(),
        }


CampaignHistoryView = CampaignDetailView.as_history()


class CampaignEditView(ObjectEditView):
    model = Campaign
    form_class = CampaignForm


class CampaignDeleteView(ObjectDeleteView):
    model = Campaign


class CategoryListView(ObjectListView):
    model = EventCategory
    select_related = ("responsible_unit",)
    columns = [
        Column("name", gettext_lazy("Name"), link=True),
        Column("responsible_unit", gettext_lazy("Responsible unit")),
        Column("time_limit", gettext_lazy("Time limit")),
        Column("time_limit_basis", gettext_lazy("Time limit basis")),
        Column("is_active", gettext_lazy("Active")),
    ]


class CategoryDetailView(ObjectDetailView):
    model = EventCategory
    select_related = ("responsible_unit",)


CategoryHistoryView = CategoryDetailView.as_history()


class CategoryEditView(ObjectEditView):
    model = EventCategory
    form_class = EventCategoryForm


class CategoryDeleteView(ObjectDeleteView):
    model = EventCategory
