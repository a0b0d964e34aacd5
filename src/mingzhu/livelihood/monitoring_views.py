"""The monitored households' import page and template (``monitoring_import``)."""

from django.utils.translation import gettext_lazy

from mingzhu.core.views import ImportView

from . import models, monitoring_import


class HouseholdImportView(ImportView):
    """The monitoring sheet (防止致贫返贫监测对象台账) from Excel, after a preview;
    households are matched by the head's ID number (its digest)."""

    model = models.MonitoredHousehold
    import_function = staticmethod(monitoring_import.import_households)
    title = gettext_lazy("Import monitored households from Excel")
    columns = monitoring_import.COLUMNS
    success_message = gettext_lazy("Imported: %(created)s new households, %(updated)s updated.")
    help = gettext_lazy(
        "A household already monitored under the same ID number is updated, not added "
        "again; ID numbers are stored encrypted."
    )


HouseholdTemplateView = HouseholdImportView.template_view(
    gettext_lazy("Monitored households import template.xlsx"),
    monitoring_import.household_template,
)


class MeasureImportView(HouseholdImportView):
    """Assistance measures from Excel, after a preview: each row a task of its unit, for
    a household found by the head's ID number; a measure already there is not added again."""

    permission = monitoring_import.MEASURE_PERMISSION
    import_function = staticmethod(monitoring_import.import_measures)
    title = gettext_lazy("Import assistance measures from Excel")
    columns = monitoring_import.MEASURE_COLUMNS
    success_message = gettext_lazy("Imported: %(created)s new measures.")
    help = gettext_lazy(
        "Each measure becomes a task of its unit; a measure of the same kind and text the "
        "household already has is not added again. A 责任单位 (帮扶单位) naming several "
        "units: the first leads the task, the others co-operate."
    )


MeasureTemplateView = MeasureImportView.template_view(
    gettext_lazy("Assistance measures import template.xlsx"),
    monitoring_import.measure_template,
)
