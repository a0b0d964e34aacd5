"""Hazard pages, the 可知可控 metrics with the heat map, and the rectification ledgers of
the environmental and the provincial inspection (the task ledger, filtered by list kind).
The debt pages are in ``debt/views.py``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.periods import period
from mingzhu.core.scope import can
from mingzhu.core.tables import Column
from mingzhu.core.uploads import FileDownloadView
from mingzhu.core.views import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMixin,
    model_url,
)
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.tables import TaskColumn
from mingzhu.tasks.views import TaskListView

from . import actions, services
from .choices import Domain
from .filters import HazardFilter
from .forms import HazardForm, HazardPlanForm
from .metrics import heat_map_data, summary
from .models import Hazard, HazardPhoto

HAZARD_COLUMNS = [
    Column("title", gettext_lazy("Title"), link=True),
    Column("domain", gettext_lazy("Domain")),
    Column("level", gettext_lazy("Level")),
    Column("unit", gettext_lazy("Responsible unit")),
    Column("found_on", gettext_lazy("Found on")),
    Column("owner", gettext_lazy("Owner")),
    Column("status", gettext_lazy("Status"), accessor=lambda h: h.get_status_display()),
    TaskColumn("deadline"),
    TaskColumn("code", key="task"),
]


class HazardListView(ObjectListView):
    model = Hazard
    select_related = ("unit", "task")
    filterset_class = HazardFilter
    columns = HAZARD_COLUMNS
    export_filename = "hazards"

    def meta_context(self):
        context = super().meta_context()
        context["can_add"] = actions.may_register(self.request.user)
        return context


class HazardPageMixin:
    """Hazards change only through their actions: the edit page records owner and
    measures; there is no delete."""

    def object_context(self, obj):
        user = self.request.user
        return {
            **self.meta_context(),
            "object": obj,
            "tab": self.tab,
            "detail_url": model_url(Hazard, "detail", obj.pk),
            "history_url": model_url(Hazard, "history", obj.pk),
            "edit_url": model_url(Hazard, "edit", obj.pk),
            "can_change": can(user, "change", obj) and obj.status in ("open", "awaiting"),
            "can_delete": False,
        }


class HazardDetailView(HazardPageMixin, ObjectDetailView):
    model = Hazard
    template_name = "risks/hazard_detail.html"
    select_related = ("unit", "registered_by", "task__lead_unit")

    def get_extra_context(self, obj):
        task = obj.task
        return {
            "photos": obj.photos.all(),
            # The task's timeline belongs to the hazard: whoever sees the hazard sees it.
            "timeline": task.events.select_related("actor") if task else [],
            "sheets": task.sheets.all() if task else [],
            "task_link": task is not None and can(self.request.user, "view", task),
            "light": task.light_on(timezone.localdate()) if task else None,
        }


class HazardHistoryView(HazardPageMixin, ObjectHistoryView):
    model = Hazard


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class HazardRegisterView(ObjectMixin, View):
    model = Hazard
    template_name = "risks/hazard_form.html"

    def check(self):
        if not actions.may_register(self.request.user):
            raise PermissionDenied

    def form(self):
        post = self.request.method == "POST"
        return HazardForm(
            self.request.POST if post else None,
            self.request.FILES if post else None,
            user=self.request.user,
        )

    def render_form(self, form, status=200):
        context = {**self.meta_context(), "form": form, "title": _("Register a hazard")}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        self.check()
        return self.render_form(self.form())

    def post(self, request):
        self.check()
        form = self.form()
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["photos"] = request.FILES.getlist("photos")
            try:
                hazard = actions.register_hazard(actor=request.user, **data)
            except ValidationError as exc:
                _add_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error("unit", str(exc))
            else:
                messages.success(request, _("Registered: %(hazard)s") % {"hazard": hazard})
                return HttpResponseRedirect(hazard.get_absolute_url())
        return self.render_form(form, status=400)


class HazardPlanView(ObjectMixin, View):
    """Owner and measures of an open hazard."""

    model = Hazard
    template_name = "risks/hazard_form.html"

    def get_hazard(self, pk):
        hazard = get_object_or_404(self.restricted("view").select_related("task"), pk=pk)
        if not can(self.request.user, "change", hazard):
            raise PermissionDenied
        return hazard

    def render_form(self, hazard, form, status=200):
        context = {
            **self.meta_context(),
            "object": hazard,
            "form": form,
            "title": _("Owner and measures"),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        hazard = self.get_hazard(pk)
        form = HazardPlanForm(initial={"owner": hazard.owner, "measures": hazard.measures})
        return self.render_form(hazard, form)

    def post(self, request, pk):
        hazard = self.get_hazard(pk)
        form = HazardPlanForm(request.POST)
        if form.is_valid():
            try:
                actions.update_hazard(hazard.pk, actor=request.user, **form.cleaned_data)
            except actions.TransitionError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": hazard})
                return HttpResponseRedirect(hazard.get_absolute_url())
        return self.render_form(hazard, form, status=400)


class PhotoView(FileDownloadView):
    """Download one photo (only within the hazard's scope)."""

    model = Hazard
    file_model = HazardPhoto
    parent_field = HazardPhoto.parent_field


def _pct(rate: services.Rate) -> float | None:
    return None if rate.value is None else round(rate.value * 100, 1)


class MetricsView(ObjectMixin, View):
    """可知 and 可控 by domain and by unit, the overdue major hazards and the heat map."""

    model = Hazard

    def get(self, request):
        self.require_permission("view")
        start, end, error = period(request.GET)
        if error:
            messages.error(request, error)
        as_of = timezone.localdate()
        hazards = self.restricted("view")
        result = summary(hazards, start, end, as_of)
        facts = result["facts"]
        by_domain = services.rates_by(facts, lambda f: f.domain, start, end, as_of)
        by_unit = services.rates_by(facts, lambda f: f.unit_id, start, end, as_of)
        from mingzhu.org.models import OrgUnit

        names = dict(OrgUnit.objects.filter(pk__in=by_unit).values_list("pk", "name"))

        def rows(groups, label):
            return [
                {
                    "name": label(k),
                    **v,
                    "knowable_pct": _pct(v["knowable"]),
                    "controllable_pct": _pct(v["controllable"]),
                }
                for k, v in groups.items()
            ]

        domain_rows = sorted(rows(by_domain, lambda k: Domain(k).label), key=lambda r: -r["open"])
        unit_rows = sorted(rows(by_unit, names.get), key=lambda r: (-r["open"], r["name"]))
        context = {
            "start": start,
            "end": end,
            "as_of": as_of,
            **result,
            "knowable_pct": _pct(result["knowable"]),
            "controllable_pct": _pct(result["controllable"]),
            "domain_rows": domain_rows,
            "unit_rows": unit_rows,
            "heat": heat_map_data(facts),
        }
        return render(request, "risks/metrics.html", context)


class RectificationLedgerView(TaskListView):
    """The task ledger restricted to one list kind (the same ledger, filters, lights and
    export; no second ledger)."""

    list_kind: str = ""
    title = ""

    def get_queryset(self):
        return super().get_queryset().filter(task_list__kind=self.list_kind)

    def meta_context(self):
        return {**super().meta_context(), "verbose_name_plural": self.title, "can_add": False}


class EnvironmentalLedgerView(RectificationLedgerView):
    list_kind = ListKind.ENVIRONMENTAL_RECTIFICATION
    title = gettext_lazy("Environmental inspection rectification")
    export_filename = "environmental-rectification"


class InspectionLedgerView(RectificationLedgerView):
    list_kind = ListKind.INSPECTION_RECTIFICATION
    title = gettext_lazy("Inspection rectification")
    export_filename = "inspection-rectification"
