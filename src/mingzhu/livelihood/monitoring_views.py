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
