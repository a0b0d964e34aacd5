import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, unit_filter
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit

from .choices import Chain, FactorKind, Stage, Tier
from .models import FactorRequest, Project

# The chain filter's choice for the projects whose ledger named no chain.
NO_CHAIN = "none"


class ProjectFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = unit_filter(TOWN_KINDS, _("Town"))
    chain = django_filters.ChoiceFilter(
        choices=[*Chain.choices, (NO_CHAIN, _("Unclassified"))],
        method="filter_chain",
        label=_("Industry chain"),
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    tier = django_filters.ChoiceFilter(choices=Tier.choices, method="filter_tier", label=_("Tier"))
    in_port_zone = django_filters.BooleanFilter(label=_("In the port-industry-city zone"))

    class Meta:
        model = Project
        fields = ["q", "town", "chain", "stage", "tier", "in_port_zone"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(investor__icontains=value))

    def filter_chain(self, queryset, name, value):
        return queryset.filter(chain="" if value == NO_CHAIN else value)

    def filter_tier(self, queryset, name, value):
        return queryset.of_tier(value)


class FactorRequestFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=FactorKind.choices, label=_("Kind"))
    town = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS),
        field_name="project__town",
        label=_("Town"),
    )
    dispatched = django_filters.BooleanFilter(
        field_name="task", lookup_expr="isnull", exclude=True, label=_("Dispatched")
    )

    class Meta:
        model = FactorRequest
        fields = ["kind", "town", "dispatched"]
