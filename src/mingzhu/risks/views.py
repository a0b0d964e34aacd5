"""Hazard pages, the 可知可控 metrics with the heat map, and the rectification ledgers of
the environmental and the provincial inspection (the task ledger, filtered by list kind).
The debt pages are in ``debt/views.py``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core.periods import percent
from mingzhu.core.reports import ReportView
from mingzhu.core.tables import Column, fields
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    ActionFormView,
    NoDeleteMixin,
    ObjectListView,
)
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.filters import SHOW_ALL
from mingzhu.tasks.tables import STATUS_COLUMN, TaskColumn
from mingzhu.tasks.views import TaskBackedDetailView, TaskListView

from . import actions
from .filters import HazardFilter
from .forms import HazardForm, HazardPlanForm
from .metrics import heat_map_data, rate_tables, summary
from .models import Hazard, HazardPhoto

HAZARD_COLUMNS = [
    Column("title", link=True),
    *fields("domain level unit found_on"),
    Column("owner", gettext_lazy("Owner")),
    STATUS_COLUMN,
    TaskColumn("deadline"),
    TaskColumn("code", key="task"),
]


class HazardListView(ObjectListView):
    model = Hazard
    select_related = ("unit", "task")
    filterset_class = HazardFilter
    columns = HAZARD_COLUMNS
    map = True
    add_test = actions.may_register


class HazardPageMixin(NoDeleteMixin):
    """Hazards change only through their actions: the edit page records owner and
    measures while the hazard is open; there is no delete."""

    def _may(self, action, obj):
        return super()._may(action, obj) and obj.status in ("open", "awaiting")


class HazardDetailView(HazardPageMixin, TaskBackedDetailView):
    model = Hazard
    select_related = ("unit", "registered_by", "task__lead_unit")

    def get_task_context(self, obj, task):
        return {
            "photos": obj.photos.all(),
            "sheets": task.sheets.all() if task else [],
            "light": task.light_on(timezone.localdate()) if task else None,
        }


class HazardRegisterView(ActionFormView):
    model = Hazard
    form_class = HazardForm
    title = gettext_lazy("Register a hazard")

    user_test = actions.may_register

    def run(self, obj, form):
        try:
            return actions.register_hazard(actor=self.request.user, **form.cleaned_data)
        except PermissionDenied as exc:
            raise ValidationError({"unit": str(exc)}) from exc

    def get_success_message(self, hazard):
        return _("Registered: %(hazard)s") % {"hazard": hazard}


class HazardPlanView(ActionFormView):
    """Owner and measures of an open hazard."""

    model = Hazard
    form_class = HazardPlanForm
    title = gettext_lazy("Owner and measures")
    select_related = ("task",)
    success_message = gettext_lazy("Saved: %(object)s")

    scope_test = "change"

    def initial(self, hazard):
        return {"owner": hazard.owner, "measures": hazard.measures}

    action = actions.update_hazard


class PhotoView(FileDownloadView):
    """Download one photo (only within the hazard's scope)."""

    model = Hazard
    file_model = HazardPhoto
    parent_field = HazardPhoto.parent_field


class MetricsView(ReportView):
    """可知 and 可控 by domain and by unit, the overdue major hazards and the heat map."""

    period = "range"

    model = Hazard
    template_name = "risks/metrics.html"

    def report(self, start, end):
        as_of = timezone.localdate()
        hazards = self.restricted("view")
        result = summary(hazards, start, end, as_of)
        facts = result["facts"]
        domain_rows, unit_rows = rate_tables(facts, start, end, as_of)
        return {
            "as_of": as_of,
            **result,
            "knowable_pct": percent(result["knowable"].value),
            "controllable_pct": percent(result["controllable"].value),
            "domain_rows": domain_rows,
            "unit_rows": unit_rows,
            "heat": heat_map_data(facts, self.request.user),
        }


class RectificationLedgerView(TaskListView):
    """The task ledger restricted to one list kind (the same ledger, filters, lights and
    export; no second ledger)."""

    list_kind: str = ""
    addable = False
    # A rectification register is read whole: what was rectified counts as much as what
    # is still open ("open" is one click away).
    default_show = SHOW_ALL

    def get_queryset(self):
        return super().get_queryset().filter(task_list__kind=self.list_kind)


class EnvironmentalLedgerView(RectificationLedgerView):
    list_kind = ListKind.ENVIRONMENTAL_RECTIFICATION
    heading = gettext_lazy("Environmental inspection rectification")
    export_filename = heading


class InspectionLedgerView(RectificationLedgerView):
    list_kind = ListKind.INSPECTION_RECTIFICATION
    heading = gettext_lazy("Inspection rectification")
    export_filename = heading
