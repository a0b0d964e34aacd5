import django_filters
from django.utils.translation import gettext_lazy as _

from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit

from .choices import ApplicationStatus
from .models import Application, Category, VolunteerActivity


class _TownFilter(django_filters.FilterSet):
    area_field = "unit"
    town = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS), method="filter_area", label=_("Town")
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            units = OrgUnit.objects.restrict(request.user, "view")
            self.filters["town"].queryset = units.filter(kind__in=TOWN_KINDS)

    def filter_area(self, queryset, name, value: OrgUnit):
        return queryset.filter(**{f"{self.area_field}__path__startswith": value.path})


class ApplicationFilter(_TownFilter):
    q = django_filters.CharFilter(
        field_name="applicant", lookup_expr="icontains", label=_("Applicant")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), label=_("Creation category")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))

    class Meta:
        model = Application
        fields = ["q", "category", "year", "status", "town"]


class ActivityFilter(_TownFilter):
    area_field = "organiser"
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    held_on_after = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("Held from")
    )
    held_on_before = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("Held to")
    )

    class Meta:
        model = VolunteerActivity
        fields = ["q", "town", "held_on_after", "held_on_before"]
