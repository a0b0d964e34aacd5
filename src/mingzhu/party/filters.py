import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit

from .choices import LinkKind, MemberRole
from .models import (
    RESIDENTIAL_KINDS,
    Household,
    HouseholdLink,
    HouseholdVisit,
    PartyMember,
    PartyOrganisation,
)


class _AreaFilter(django_filters.FilterSet):
    """Town and village filters offering only the units in the user's scope."""

    area_field = "village"
    town = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS), method="filter_area", label=_("Town")
    )
    village = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=RESIDENTIAL_KINDS),
        method="filter_area",
        label=_("Village"),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            units = OrgUnit.objects.restrict(request.user, "view")
            self.filters["town"].queryset = units.filter(kind__in=TOWN_KINDS)
            self.filters["village"].queryset = units.filter(kind__in=RESIDENTIAL_KINDS)

    def filter_area(self, queryset, name, value: OrgUnit):
        return queryset.filter(**{f"{self.area_field}__path__startswith": value.path})


class MemberFilter(_AreaFilter):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    organisation = django_filters.ModelChoiceFilter(
        queryset=PartyOrganisation.objects.all(), label=_("Party organisation")
    )
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label=_("Role"))

    class Meta:
        model = PartyMember
        fields = ["q", "town", "village", "organisation", "role"]


class HouseholdFilter(_AreaFilter):
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


class LinkFilter(_AreaFilter):
    area_field = "household__village"
    kind = django_filters.ChoiceFilter(choices=LinkKind.choices, label=_("Kind"))
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("Current")
    )

    class Meta:
        model = HouseholdLink
        fields = ["town", "village", "kind", "current"]


class VisitFilter(_AreaFilter):
    area_field = "household__village"
    with_problem = django_filters.BooleanFilter(method="filter_problem", label=_("Problem found"))
    visited_on_after = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="gte", label=_("Visited from")
    )
    visited_on_before = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="lte", label=_("Visited to")
    )

    class Meta:
        model = HouseholdVisit
        fields = ["town", "village", "with_problem", "visited_on_after", "visited_on_before"]

    def filter_problem(self, queryset, name, value):
        return queryset.exclude(problem="") if value else queryset.filter(problem="")
