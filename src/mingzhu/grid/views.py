import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core import reports
from mingzhu.core.forms import add_errors
from mingzhu.core.periods import percent
from mingzhu.core.scope import restrict
from mingzhu.core.tables import Column, fields
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    ActionFormView,
    ObjectDetailView,
    ObjectListView,
    ReadOnlyMixin,
    ReadPermissionMixin,
    numbered,
    period_of,
)
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.tables import STATUS_COLUMN, TaskColumn
from mingzhu.tasks.views import TaskBackedDetailView

from . import actions, offline
from .filters import GridEventFilter
from .forms import FileForm, RecheckForm, RejectForm, ReportForm
from .metrics import event_metrics
from .models import Campaign, EventCategory, EventPhoto, GridEvent

L = gettext_lazy

EVENT_COLUMNS = [
    Column("pk", gettext_lazy("No."), link=True),
    *fields("reported_at grid category campaign address"),
    STATUS_COLUMN,
    TaskColumn("lead_unit", gettext_lazy("Responsible unit")),
    TaskColumn("deadline"),
]


class GridEventListView(ObjectListView):
    model = GridEvent
    select_related = ("grid", "category", "campaign", "task__lead_unit")
    filterset_class = GridEventFilter
    columns = EVENT_COLUMNS
    map = True
    card_hides = ("category", "address")

    def card_heading(self, event):
        """What happened and where (the grid without an address), its number and the start
        of its description under it."""
        place = event.address or event.grid
        return f"{event.category} · {place}", numbered(
            event.pk, Truncator(event.description).chars(40)
        )


class GridEventDetailView(ReadOnlyMixin, TaskBackedDetailView):
    model = GridEvent
    select_related = (
        "grid",
        "category",
        "campaign",
        "reported_by",
        "decided_by",
        "task__lead_unit",
    )

    def get_task_context(self, obj, task):
        user = self.request.user
        pending = obj.decision == "pending"
        return {
            "photos": obj.photos.filter(recheck__isnull=True),
            "rechecks": obj.rechecks.select_related("checked_by").prefetch_related("photos"),
            "can_decide": pending and actions.may_file(user),
            "can_recheck": task is not None
            and task.status == TaskStatus.CLOSURE_REQUESTED
            and actions.may_recheck(user, obj),
        }


class ReportView(ActionFormView):
    """The report form (on a phone): only grids within the worker's scope are offered."""

    model = GridEvent
    form_class = ReportForm
    template_name = "grid/report.html"
    success_message = gettext_lazy("Reported: %(object)s")

    # The form's photos (FilesField) arrive checked in its cleaned data.
    action = actions.report_event


class SyncView(ReportView):
    """Where the report page sends the reports it kept offline (grid-offline.js): the same
    form, answered in JSON. A report key already filed answers the existing event."""

    http_method_names = ["post"]

    def post(self, request, pk=None, **kwargs):
        self.get_object(None)
        form = self.get_form(None, request.POST, request.FILES)
        if form.is_valid():
            if form.cleaned_data.get("client_uuid") is None:
                form.add_error("client_uuid", _("The report key is missing."))
            else:
                known = GridEvent.objects.filter(client_uuid=form.cleaned_data["client_uuid"])
                existed = known.exists()
                try:
                    event = self.run(None, form)
                except ValidationError as exc:
                    add_errors(form, exc)
                else:
                    return JsonResponse(
                        {"id": event.pk, "url": event.get_absolute_url(), "created": not existed},
                        status=200 if existed else 201,
                    )
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)


MANIFEST_ICONS = (192, 512)


def manifest(request):
    """The web app manifest of the grid worker's report page (installable on a phone)."""
    icons = [
        {
            "src": reverse("grid:icon", args=[size]),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any maskable",
        }
        for size in MANIFEST_ICONS
    ]
    data = {
        "name": f"{settings.PLATFORM_NAME} · {_('Report an event')}",
        "short_name": _("Grid report"),
        "lang": "zh-CN",
        "start_url": reverse("grid:gridevent_add"),
        "scope": reverse("grid:gridevent_list").rsplit("events/", 1)[0],
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0d6efd",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


def icon(request, size: int):
    """The app's icon: a PNG drawn on request (a white gem on the pages' blue)."""
    if size not in MANIFEST_ICONS:
        raise Http404
    response = HttpResponse(offline.icon_png(size), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def service_worker(request):
    """The service worker of the report page, served under /grid/ so that its scope covers
    the grid pages: it keeps the report page and its files for use without a network."""
    body = render_to_string(
        "grid/sw.js",
        {
            "cache": offline.cache_name(),
            "precache": json.dumps(offline.precache_urls()),
            "queue_script": static("mingzhu/pages/grid-offline-queue.js"),
        },
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("grid:gridevent_list").rsplit("events/", 1)[0]
    response["Cache-Control"] = "no-cache"
    return response


class EventActionView(ActionFormView):
    """A form page for one action on an event (file, reject, re-check)."""

    model = GridEvent
    select_related = ("category", "grid")
    template_name = "grid/event_action.html"


class FileView(EventActionView):
    form_class = FileForm
    title = gettext_lazy("File the event")

    user_test = actions.may_file

    def initial(self, event):
        return {"responsible_unit": event.category.responsible_unit_id}

    action = actions.file_event


step = EventActionView.step
RejectView = step(
    actions.reject_event, RejectForm, L("Do not file the event"), user_test=actions.may_file
)
RecheckView = step(
    actions.recheck_event, RecheckForm, L("Re-check on site"), object_test=actions.may_recheck
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


class MetricsView(reports.ReportView):
    period = "range"
    model = GridEvent
    template_name = "grid/metrics.html"

    def report(self, start, end):
        result = event_metrics(self.restricted("view"), start, end)
        return {
            "units": result["units"],
            "campaigns": result["campaigns"],
            "chart": _chart(result["campaigns"]),
            "unit_chart": _chart(result["units"]),
        }


class CampaignMixin(ReadPermissionMixin):
    """Campaigns are read by those who read grid events."""

    read_permission = "grid.view_campaign"


class CampaignListView(CampaignMixin, ObjectListView):
    model = Campaign
    columns = fields("name start_date end_date issuer")


class CampaignDetailView(CampaignMixin, ObjectDetailView):
    model = Campaign
    select_related = ("issuer", "task_list")

    def get_extra_context(self, obj):
        start, end = period_of(self.request)
        events = restrict(GridEvent.objects.filter(campaign=obj), self.request.user, "view")
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


class CategoryListView(ObjectListView):
    model = EventCategory
    columns = fields("name responsible_unit time_limit time_limit_basis is_active")


class CategoryDetailView(ObjectDetailView):
    model = EventCategory
    select_related = ("responsible_unit",)
