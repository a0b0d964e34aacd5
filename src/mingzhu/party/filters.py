import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, date_range, unit_filter
from mingzhu.org.choices import TOWN_KINDS

from .choices import LinkKind, MemberRole
from .models import (
    RESIDENTIAL_KINDS,
    Household,
    HouseholdLink,
    HouseholdVisit,
    PartyMember,
    PartyOrganisation,
)


def _area(field: str):
    """Town and village filters over the village a row lies in (``field`` leads to it)."""
    return (
        unit_filter(TOWN_KINDS, _("Town"), area=field),
        unit_filter(RESIDENTIAL_KINDS, _("Village"), area=field),
    )


class MemberFilter(ScopedFilterSet):
    town, village = _area("village")
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    organisation = django_filters.ModelChoiceFilter(
        queryset=PartyOrganisation.objects.all(), label=_("Party organisation")
    )
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label=_("Role"))

    class Meta:
        model = PartyMember
        fields = ["q", "town", "village", "organisation", "role"]


class HouseholdFilter(ScopedFilterSet):
    town, village = _area("village")
    q = django_filters.CharFilter(method="search", label=_("Search"))
    linked = django_filters.BooleanFilter(method="filter_linked", label=_("Linked"))

    class Meta:
        model = Household
        fields = ["q", "town", "village", "linked"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(head_name__icontains=value) | Q(address__icontains=value))

    def filter_linked(self, queryset, name, value):
        current = HouseholdLink.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
        return queryset.filter(Exists(current)) if value else queryset.exclude(Exists(current))


class LinkFilter(ScopedFilterSet):
    town, village = _area("household__village")
    kind = django_filters.ChoiceFilter(choices=LinkKind.choices, label=_("Kind"))
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("Current")
    )

    class Meta:
        model = HouseholdLink
        fields = ["town", "village", "kind", "current"]


class VisitFilter(ScopedFilterSet):
    town, village = _area("household__village")
    with_problem = django_filters.BooleanFilter(method="filter_problem", label=_("Problem found"))
    visited_on_after, visited_on_before = date_range(
        "visited_on", _("Visited from"), _("Visited to")
    )

    class Meta:
        model = HouseholdVisit
        fields = ["town", "village", "with_problem", "visited_on_after", "visited_on_before"]

    def filter_problem(self, queryset, name, value):
        return queryset.exclude(problem="") if value else queryset.filter(problem="")
