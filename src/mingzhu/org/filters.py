import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import TOWN_KINDS, UnitKind
from .models import OrgUnit, Role, User

# Units offered as "under ..." choices: the upper levels only, so that a city with
# thousands of villages and grids still gets a short dropdown (the search box finds the rest).
BRANCH_KINDS = (UnitKind.CITY, *TOWN_KINDS, UnitKind.DEPARTMENT)


def branch_units(request):
    return OrgUnit.objects.restrict(request.user, "view").filter(kind__in=BRANCH_KINDS)


class OrgUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    under = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.all(), method="filter_under", label=_("Under unit")
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "under"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["under"].queryset = branch_units(request)

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_under(self, queryset, name, value: OrgUnit):
        return queryset.filter(path__startswith=value.path)


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.all(), method="filter_unit", label=_("Unit and below")
    )
    role = django_filters.ModelChoiceFilter(
        queryset=Role.objects.all(), field_name="roles", label=_("Role")
    )

    class Meta:
        model = User
        fields = ["q", "unit", "role"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["unit"].queryset = branch_units(request)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value)
            | Q(display_name__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_unit(self, queryset, name, value: OrgUnit):
        return queryset.filter(unit__path__startswith=value.path)
