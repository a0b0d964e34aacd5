import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, date_range, unit_filter
from mingzhu.org.choices import TOWN_KINDS, UnitKind

from .choices import FAULT_FROM_TASK, FaultStatus, InspectionKind, RemediationCategory
from .models import (
    Facility,
    FacilityFault,
    FacilityType,
    Maintainer,
    Remediation,
    RemediationProgramme,
    SecretaryPlan,
    VillageInspection,
)


def _town(area: str = "village"):
    return unit_filter(TOWN_KINDS, _("Town"), area=area)


def _village():
    return unit_filter([UnitKind.VILLAGE], _("Village"))


class RemediationFilter(ScopedFilterSet):
    town = _town("natural_village")
    programme = django_filters.ModelChoiceFilter(
        queryset=RemediationProgramme.objects.all(), label=_("Programme")
    )
    category = django_filters.ChoiceFilter(choices=RemediationCategory.choices, label=_("Category"))

    class Meta:
        model = Remediation
        fields = ["programme", "town", "category"]


class InspectionFilter(ScopedFilterSet):
    town = _town()
    village = _village()
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label=_("Kind"))
    inspected_on_after, inspected_on_before = date_range(
        "inspected_on", _("Inspected from"), _("Inspected to")
    )

    class Meta:
        model = VillageInspection
        fields = ["town", "village", "kind", "inspected_on_after", "inspected_on_before"]


class FacilityFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = _town()
    village = _village()
    type = django_filters.ModelChoiceFilter(queryset=FacilityType.objects.all(), label=_("Type"))
    maintainer = django_filters.ModelChoiceFilter(
        queryset=Maintainer.objects.all(), label=_("Maintainer")
    )
    no_maintainer = django_filters.BooleanFilter(
        field_name="maintainer", lookup_expr="isnull", label=_("Without a maintainer")
    )

    class Meta:
        model = Facility
        fields = ["q", "town", "village", "type", "maintainer", "no_maintainer"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(location__icontains=value))


class FaultFilter(ScopedFilterSet):
    town = _town("facility__village")
    type = django_filters.ModelChoiceFilter(
        queryset=FacilityType.objects.all(), field_name="facility__type", label=_("Type")
    )
    status = django_filters.ChoiceFilter(
        choices=FaultStatus.choices, method="filter_status", label=_("Status")
    )

    class Meta:
        model = FacilityFault
        fields = ["town", "type", "status"]

    def filter_status(self, queryset, name, value):
        if value == FaultStatus.REPORTED:
            return queryset.filter(task__isnull=True)
        states = [t for t, f in FAULT_FROM_TASK.items() if f == value]
        return queryset.filter(task__status__in=states)


class SecretaryPlanFilter(ScopedFilterSet):
    town = _town("unit")
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = SecretaryPlan
        fields = ["town", "year"]
