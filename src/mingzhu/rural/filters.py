import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit

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


class AreaFilter(django_filters.FilterSet):
    """A town filter over the unit a model sits in (``area_field`` leads to it)."""

    area_field = "village"
    town = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS), method="filter_town", label=_("Town")
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            units = OrgUnit.objects.restrict(request.user, "view")
            self.filters["town"].queryset = units.filter(kind__in=TOWN_KINDS)
            if "village" in self.filters:
                self.filters["village"].queryset = units.filter(kind=UnitKind.VILLAGE)

    def filter_town(self, queryset, name, value: OrgUnit):
        return queryset.filter(**{f"{self.area_field}__path__startswith": value.path})


def _villages():
    return OrgUnit.objects.filter(kind=UnitKind.VILLAGE)


class RemediationFilter(AreaFilter):
    area_field = "natural_village"
    programme = django_filters.ModelChoiceFilter(
        queryset=RemediationProgramme.objects.all(), label=_("Programme")
    )
    category = django_filters.ChoiceFilter(choices=RemediationCategory.choices, label=_("Category"))

    class Meta:
        model = Remediation
        fields = ["programme", "town", "category"]


class InspectionFilter(AreaFilter):
    village = django_filters.ModelChoiceFilter(queryset=_villages(), label=_("Village"))
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label=_("Kind"))
    inspected_on_after = django_filters.DateFilter(
        field_name="inspected_on", lookup_expr="gte", label=_("Inspected from")
    )
    inspected_on_before = django_filters.DateFilter(
        field_name="inspected_on", lookup_expr="lte", label=_("Inspected to")
    )

    class Meta:
        model = VillageInspection
        fields = ["town", "village", "kind", "inspected_on_after", "inspected_on_before"]


class FacilityFilter(AreaFilter):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    village = django_filters.ModelChoiceFilter(queryset=_villages(), label=_("Village"))
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


class FaultFilter(AreaFilter):
    area_field = "facility__village"
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


class SecretaryPlanFilter(AreaFilter):
    area_field = "unit"
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = SecretaryPlan
        fields = ["town", "year"]
