import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, unit_filter

from .choices import TOWN_KINDS, UnitKind
from .models import OrgUnit, Role, User

# Units offered as "under ..." choices: the upper levels only, so that a city with
# thousands of villages and grids still gets a short dropdown (the search box finds the rest).
BRANCH_KINDS = (UnitKind.CITY, *TOWN_KINDS, UnitKind.DEPARTMENT)


class OrgUnitFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    under = unit_filter(BRANCH_KINDS, _("Under unit"), method="filter_under")

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "under"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_under(self, queryset, name, value: OrgUnit):
        return queryset.filter(path__startswith=value.path)


class UserFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = unit_filter(BRANCH_KINDS, _("Unit and below"), method="filter_unit")
    role = django_filters.ModelChoiceFilter(
        queryset=Role.objects.all(), field_name="roles", label=_("Role")
    )

    class Meta:
        model = User
        fields = ["q", "unit", "role"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value)
            | Q(display_name__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_unit(self, queryset, name, value: OrgUnit):
        return queryset.filter(unit__path__startswith=value.path)
