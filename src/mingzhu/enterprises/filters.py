import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, date_range, unit_filter
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.system import dictionaries

from .choices import (
    Channel,
    DemandCategory,
    DemandStatus,
    Digital,
    Listing,
    MuClass,
    Scale,
)
from .demands import status_filter
from .models import Demand, Enterprise, MuResult, Visit


class EnterpriseFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = unit_filter(TOWN_KINDS, _("Town"))
    scale = django_filters.ChoiceFilter(choices=Scale.choices, label=_("Scale"))
    industry = django_filters.CharFilter(
        field_name="industry", lookup_expr="istartswith", label=_("Industry")
    )
    listing = django_filters.ChoiceFilter(choices=Listing.choices, label=_("Listing"))
    digital = django_filters.ChoiceFilter(
        choices=Digital.choices, label=_("Intelligent and digital transformation")
    )

    class Meta:
        model = Enterprise
        fields = ["q", "town", "scale", "industry", "listing", "digital"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__icontains=value))


class ResultFilter(ScopedFilterSet):
    # The year chooses the evaluation (the view reads it); kept in the form so that
    # filtering stays within the year shown.
    year = django_filters.NumberFilter(method="same", label=_("Year"))
    scheme = django_filters.CharFilter(method="same", label=_("Scheme code"))
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = unit_filter(TOWN_KINDS, _("Town"))
    group = django_filters.ChoiceFilter(choices=Scale.choices, label=_("Group"))
    mu_class = django_filters.ChoiceFilter(choices=MuClass.choices, label=_("Class"))

    class Meta:
        model = MuResult
        fields = ["year", "scheme", "q", "town", "group", "mu_class"]

    def same(self, queryset, name, value):
        return queryset

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(enterprise__name__icontains=value) | Q(enterprise__credit_code__icontains=value)
        )


class VisitFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = unit_filter(TOWN_KINDS, _("Town"), field_name="enterprise__town")
    kind = django_filters.ChoiceFilter(
        choices=dictionaries.field_choices("enterprises.visit_kind"), label=_("Kind")
    )
    date_after, date_before = date_range("date", _("From"), _("To"))

    class Meta:
        model = Visit
        fields = ["q", "town", "kind", "date_after", "date_before"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(enterprise__name__icontains=value) | Q(notes__icontains=value))


class DemandFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = unit_filter(TOWN_KINDS, _("Town"), field_name="enterprise__town")
    status = django_filters.ChoiceFilter(
        choices=DemandStatus.choices, method="filter_status", label=_("Status")
    )
    category = django_filters.ChoiceFilter(choices=DemandCategory.choices, label=_("Category"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    department = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT),
        field_name="task__lead_unit",
        label=_("Department"),
    )

    class Meta:
        model = Demand
        fields = ["q", "town", "status", "category", "channel", "department"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(enterprise__name__icontains=value) | Q(content__icontains=value))

    def filter_status(self, queryset, name, value):
        return status_filter(queryset, value)
