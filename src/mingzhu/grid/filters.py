import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, date_range, unit_filter
from mingzhu.org.choices import TOWN_KINDS, UnitKind

from .choices import EventStatus
from .models import Campaign, EventCategory, GridEvent


class GridEventFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.all(), label=_("Campaign")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=EventCategory.objects.all(), label=_("Category")
    )
    town = unit_filter(TOWN_KINDS, _("Town"), area="grid")
    grid = unit_filter([UnitKind.GRID], _("Grid"))
    status = django_filters.ChoiceFilter(
        choices=EventStatus.choices, method="filter_status", label=_("Status")
    )
    reported_at_after, reported_at_before = date_range(
        "reported_at", _("Reported from"), _("Reported to"), on_date=True
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

    def search(self, queryset, name, value):
        return queryset.filter(Q(description__icontains=value) | Q(address__icontains=value))

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
