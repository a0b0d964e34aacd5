from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core import periods
from mingzhu.core.reports import ReportView
from mingzhu.core.tables import Column, fields
from mingzhu.core.views import (
    ImportView,
    NoDeleteMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ReadOnlyMixin,
    numbered,
)
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit

from .forms import INDICATOR_FIELDS, ObservationForm
from .importer import HEADERS, export_rows, import_observations, observation_template
from .models import Indicator, Observation, Target
from .progress import peer_table, progress_rows, trajectory_chart
from .scoping import writable_units

# --- indicators -------------------------------------------------------------------------


class IndicatorListView(ObjectListView):
    model = Indicator
    select_related = ("per_capita_of",)
    columns = fields("code name unit dimension direction frequency accumulates source")


class IndicatorDetailView(NoDeleteMixin, ObjectDetailView):
    model = Indicator
    select_related = ("per_capita_of",)
    # What the form edits, less the name (the page's heading) and the sign switch.
    fields = [f for f in INDICATOR_FIELDS if f not in ("name", "may_be_negative")]


# --- targets ----------------------------------------------------------------------------


class TargetListView(ReportView):
    """The targets with where each stands on ``as_of`` (default today)."""

    model = Target
    template_name = "targets/target_list.html"
    period = "day"

    def report(self, as_of):
        observations = Observation.objects.restrict(self.request.user)
        return {"rows": progress_rows(self.restricted("view"), observations, as_of)}


class TargetDetailView(ReadOnlyMixin, ObjectDetailView):
    model = Target
    select_related = ("indicator", "unit")

    def get_extra_context(self, obj):
        as_of = periods.day(self.request.GET)[0]
        targets = Target.objects.filter(pk=obj.pk)
        row = progress_rows(targets, Observation.objects.restrict(self.request.user), as_of)[0]
        return {"row": row, "as_of": as_of, "chart": trajectory_chart(row)}


# --- observations -----------------------------------------------------------------------


class ObservationListView(ObjectListView):
    model = Observation
    select_related = ("indicator", "unit")  # get_queryset reads its own rows
    template_name = "targets/observation_list.html"
    columns = [
        Column("pk", gettext_lazy("No."), link=True),
        Column("indicator__name", gettext_lazy("Indicator")),
        Column("unit"),
        Column("period", gettext_lazy("Period")),
        *fields("value measure_unit source"),
        Column(
            "is_illustrative",
            gettext_lazy("Illustrative"),
            accessor=lambda o: _("illustrative") if o.is_illustrative else "",
        ),
    ]

    card_hides = ("indicator__name", "unit", "period")

    def card_heading(self, observation):
        """What was observed, of whom, when; its number under it."""
        heading = f"{observation.indicator.name} · {observation.unit} · {observation.period}"
        return heading, numbered(observation.pk)

    def get_queryset(self):
        qs = self.restricted("view")
        indicator = self.request.GET.get("indicator", "")
        if indicator.isdigit():
            qs = qs.filter(indicator_id=int(indicator))
        return qs

    export_sheet = gettext_lazy("Observations")

    def export_table(self, queryset):
        return HEADERS, export_rows(queryset)


class ObservationDetailView(NoDeleteMixin, ObjectDetailView):
    model = Observation
    select_related = ("indicator", "unit", "entered_by")


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


class ObservationImportView(ImportView):
    model = Observation
    template_name = "targets/import.html"

    def import_file(self, obj, file):
        overwrite = self.request.POST.get("overwrite") == "on"
        return import_observations(file, actor=self.request.user, overwrite=overwrite)


def _observation_template(user):
    """The observation sheet's template: indicators and the units the user may enter
    figures for in its drop-downs."""
    units = writable_units(user, "add").filter(is_active=True).order_by("path")
    return observation_template(Indicator.objects.order_by("code"), units)


ObservationTemplateView = ObservationImportView.template_view(
    gettext_lazy("Observation import template.xlsx"), _observation_template
)


# --- peers ------------------------------------------------------------------------------


class PeerView(ReportView):
    """对标找差: the city and its peer counties ranked on one indicator and period."""

    model = Observation
    template_name = "targets/peers.html"

    def report(self):
        request = self.request
        indicators = list(Indicator.objects.all())
        indicator = self.chosen("indicator", indicators)
        context = {"indicators": indicators, "indicator": indicator, "rows": [], "periods": []}
        if indicator is not None:
            units = OrgUnit.objects.filter(kind__in=(UnitKind.CITY, UnitKind.PEER), parent=None)
            periods, period, ranking = peer_table(
                indicator, request.GET.get("period"), self.restricted("view"), units
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
        return context
