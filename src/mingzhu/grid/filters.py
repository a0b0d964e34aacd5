import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit

from .choices import EventStatus
from .models import Campaign, EventCategory, GridEvent


class GridEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.all(), label=_("Campaign")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=EventCategory.objects.all(), label=_("Category")
    )
    town = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS),
        method="filter_area",
        label=_("Town"),
    )
    grid = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind=UnitKind.GRID), label=_("Grid")
    )
    status = django_filters.ChoiceFilter(
        choices=EventStatus.choices, method="filter_status", label=_("Status")
    )
    reported_at_after = django_filters.DateFilter(
        field_name="reported_at", lookup_expr="date__gte", label=_("Reported from")
    )
    reported_at_before = django_filters.DateFilter(
        field_name="reported_at", lookup_expr="date__lte", label=_("Reported to")
    )

    class Meta:
        model = GridEvent
        fields = [
            "q",
            "campaign",
            "category",
            "town",
            "grid",
            "status",
            "reported_at_after",
            "reported_at_before",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            units = OrgUnit.objects.restrict(request.user, "view")
            self.filters["town"].queryset = units.filter(kind__in=TOWN_KINDS)
            self.filters["grid"].queryset = units.filter(kind=UnitKind.GRID)

    def search(self, queryset, name, value):
        return queryset.filter(Q(description__icontains=value) | Q(address__icontains=value))

    def filter_area(self, queryset, name, value: OrgUnit):
        return queryset.filter(grid__path__startswith=value.path)

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
