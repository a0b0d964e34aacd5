"""The monitored households' import page and template (``monitoring_import``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core.views import ImportTemplateView, ImportView

from . import models, monitoring_import


class HouseholdImportView(ImportView):
    """The monitoring sheet (防止致贫返贫监测对象台账) from Excel, after a preview;
    households are matched by the head's ID number (its digest)."""

    model = models.MonitoredHousehold
    template_name = "livelihood/household_import.html"
    template_url_name = "livelihood:monitoredhousehold_template"
    title = gettext_lazy("Import monitored households from Excel")
    columns = [c.header for c in monitoring_import.COLUMNS]
    success_message = gettext_lazy("Imported: %(created)s new households, %(updated)s updated.")
    help = gettext_lazy(
        "A household already monitored under the same ID number is updated, not added "
        "again; ID numbers are stored encrypted."
    )

    def get_extra_context(self, obj):
        return {**super().get_extra_context(obj), "help": self.help}

    def import_file(self, obj, file):
        return monitoring_import.import_households(
            file, actor=self.request.user, valid_only=self.valid_only
        )


class HouseholdTemplateView(ImportTemplateView):
    model = models.MonitoredHousehold

    @property
    def filename(self):
        return _("Monitored households import template.xlsx")

    def build_template(self, obj):
        return monitoring_import.household_template(self.request.user)


class MeasureImportView(HouseholdImportView):
    """Assistance measures from Excel, after a preview: each row a task of its unit, for
    a household found by the head's ID number; a measure already there is not added again."""

    permission = monitoring_import.MEASURE_PERMISSION
    template_url_name = "livelihood:assistancemeasure_template"
    title = gettext_lazy("Import assistance measures from Excel")
    columns = [c.header for c in monitoring_import.MEASURE_COLUMNS]
    success_message = gettext_lazy("Imported: %(created)s new measures.")
    help = gettext_lazy(
        "Each measure becomes a task of its unit; a measure of the same kind and text the "
        "household already has is not added again."
    )

    def import_file(self, obj, file):
        return monitoring_import.import_measures(
            file, actor=self.request.user, valid_only=self.valid_only
        )


class MeasureTemplateView(HouseholdTemplateView):
    permission = monitoring_import.MEASURE_PERMISSION

    @property
    def filename(self):
        return _("Assistance measures import template.xlsx")

    def build_template(self, obj):
        return monitoring_import.measure_template(self.request.user)
