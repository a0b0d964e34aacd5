import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.excel import write_xlsx, xlsx_response
from mingzhu.core.tables import Column
from mingzhu.core.tabular import WorkbookError
from mingzhu.core.views import (
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectMixin,
    ReadOnlyMixin,
    model_url,
)
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit

from . import services
from .forms import ImportForm, IndicatorForm, ObservationForm
from .importer import HEADERS, export_rows, import_observations
from .models import Indicator, Observation, Target
from .progress import peer_table, progress_rows
from .services import Point


def as_of_from(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


# --- indicators -------------------------------------------------------------------------


class IndicatorListView(ObjectListView):
    model = Indicator
    select_related = ("per_capita_of",)
    columns = [
        Column("code", gettext_lazy("Code"), link=True),
        Column("name", gettext_lazy("Name")),
        Column("unit", gettext_lazy("Unit of measure")),
        Column("dimension", gettext_lazy("Dimension")),
        Column("direction", gettext_lazy("Direction")),
        Column("frequency", gettext_lazy("Frequency")),
        Column("accumulates", gettext_lazy("Accumulates within the year")),
        Column("source", gettext_lazy("Source")),
    ]
    export_filename = "indicators"


class IndicatorDetailView(NoDeleteMixin, ObjectDetailView):
    model = Indicator
    select_related = ("per_capita_of",)
    template_name = "targets/indicator_detail.html"


IndicatorHistoryView = IndicatorDetailView.as_history()


class IndicatorEditView(ObjectEditView):
    model = Indicator
    form_class = IndicatorForm


# --- targets ----------------------------------------------------------------------------


class TargetListView(LoginRequiredMixin, View):
    """The targets with where each stands on ``as_of`` (default today)."""

    def get(self, request):
        if not request.user.has_perm("targets.view_target"):
            raise PermissionDenied
        as_of = as_of_from(request)
        rows = progress_rows(
            Target.objects.restrict(request.user), Observation.objects.restrict(request.user), as_of
        )
        return render(request, "targets/target_list.html", {"rows": rows, "as_of": as_of})


class TargetDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Target
    select_related = ("indicator", "unit")
    template_name = "targets/target_detail.html"

    def get_extra_context(self, obj):
        as_of = as_of_from(self.request)
        targets = Target.objects.filter(pk=obj.pk)
        row = progress_rows(targets, Observation.objects.restrict(self.request.user), as_of)[0]
        return {"row": row, "as_of": as_of, "chart": trajectory_chart(row)}


def trajectory_chart(row: dict) -> dict:
    """The series of the trajectory chart: actuals, required path, projection, target."""
    points: list[Point] = row["points"]
    actual = [[p.period.end.isoformat(), str(p.value)] for p in points]
    required, projected = [], []
    if points and row["latest_value"] is not None:
        latest = next(p for p in reversed(points) if p.period.key == row["latest_period"])
        for day, on_path, projection in services.trajectory(
            latest,
            row["target_value"],
            row["deadline"],
            row["required_growth"],
            row["trend_growth"],
        ):
            if on_path is not None:
                required.append([day.isoformat(), str(on_path)])
            if projection is not None:
                projected.append([day.isoformat(), str(projection)])
    return {
        "actual": actual,
        "required": required,
        "projected": projected,
        "target": str(row["target_value"]),
        "deadline": row["deadline"].isoformat(),
        "unit": row["unit"],
        "labels": {
            "actual": _("Actual"),
            "required": _("Required path"),
            "projected": _("Projection"),
            "target": _("Target"),
        },
    }


TargetHistoryView = TargetDetailView.as_history()


# --- observations -----------------------------------------------------------------------


class ObservationListView(ObjectListView):
    model = Observation
    select_related = ("indicator", "unit")
    template_name = "targets/observation_list.html"
    columns = [
        Column("pk", gettext_lazy("No."), link=True),
        Column("indicator__name", gettext_lazy("Indicator")),
        Column("unit", gettext_lazy("Unit")),
        Column("period", gettext_lazy("Period")),
        Column("value", gettext_lazy("Value")),
        Column("measure_unit", gettext_lazy("Unit of measure")),
        Column("source", gettext_lazy("Source")),
        Column(
            "is_illustrative",
            gettext_lazy("Illustrative"),
            accessor=lambda o: _("illustrative") if o.is_illustrative else "",
        ),
    ]

    def get_queryset(self):
        qs = self.restricted("view")
        indicator = self.request.GET.get("indicator", "")
        if indicator.isdigit():
            qs = qs.filter(indicator_id=int(indicator))
        return qs

    def export(self, queryset):
        stamp = timezone.localdate().strftime("%Y%m%d")
        content = write_xlsx(_("Observations"), HEADERS, export_rows(queryset))
        return xlsx_response(f"observations-{stamp}.xlsx", content)


class ObservationDetailView(NoDeleteMixin, ObjectDetailView):
    model = Observation
    select_related = ("indicator", "unit", "entered_by")
    template_name = "targets/observation_detail.html"


ObservationHistoryView = ObservationDetailView.as_history()


class ObservationEditView(ObjectEditView):
    """Entry and correction: the form offers only units the user may write, and the saved
    row is looked up again through the same scope inside the transaction."""

    model = Observation
    form_class = ObservationForm

    def save_form(self, form):
        obj = form.save(commit=False)
        obj.entered_by = self.request.user
        obj.is_illustrative = False
        obj.save()
        return obj


class ObservationImportView(ObjectMixin, View):
    model = Observation
    template_name = "targets/import.html"

    def get(self, request):
        self.require_permission("add")
        return render(request, self.template_name, {**self.meta_context(), "form": ImportForm()})

    def post(self, request):
        self.require_permission("add")
        form = ImportForm(request.POST, request.FILES)
        errors = []
        if form.is_valid():
            try:
                result = import_observations(form.cleaned_data["file"], actor=request.user)
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
                    return HttpResponseRedirect(model_url(Observation, "list"))
        context = {**self.meta_context(), "form": form, "errors": errors}
        return render(request, self.template_name, context, status=400)


# --- peers ------------------------------------------------------------------------------


class PeerView(LoginRequiredMixin, View):
    """对标找差: the city and its peer counties ranked on one indicator and period."""

    def get(self, request):
        user = request.user
        if not user.has_perm("targets.view_observation"):
            raise PermissionDenied
        indicators = list(Indicator.objects.all())
        chosen = request.GET.get("indicator", "")
        indicator = next((i for i in indicators if str(i.pk) == chosen), None)
        indicator = indicator or (indicators[0] if indicators else None)
        context = {"indicators": indicators, "indicator": indicator, "rows": [], "periods": []}
        if indicator is not None:
            units = OrgUnit.objects.filter(kind__in=(UnitKind.CITY, UnitKind.PEER), parent=None)
            periods, period, ranking = peer_table(
                indicator, request.GET.get("period"), Observation.objects.restrict(user), units
            )
            context |= {
                "periods": periods,
                "period": period,
                "rows": ranking,
                "chart": {
                    "units": [r.unit for r in ranking],
                    "values": [str(r.value) for r in ranking],
                    "label": str(indicator),
                },
            }
        return render(request, "targets/peers.html", context)
