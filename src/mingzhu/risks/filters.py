import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import InScope, ScopedFilterSet, date_range
from mingzhu.org.models import OrgUnit

from .choices import Domain, HazardStatus, Level
from .debt.choices import InstrumentKind
from .models import DebtEntity, DebtInstrument, Hazard


class HazardFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    domain = django_filters.ChoiceFilter(choices=Domain.choices, label=_("Domain"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"))
    status = django_filters.ChoiceFilter(
        choices=HazardStatus.choices, method="filter_status", label=_("Status")
    )
    unit = InScope(queryset=OrgUnit.objects.all(), method="filter_unit", label=_("Unit and below"))
    found_on_after, found_on_before = date_range("found_on", _("Found from"), _("Found to"))

    class Meta:
        model = Hazard
        fields = ["q", "domain", "level", "status", "unit", "found_on_after", "found_on_before"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(address__icontains=value) | Q(owner__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

    def filter_unit(self, queryset, name, value):
        units = OrgUnit.objects.filter(path__startswith=value.path).values("pk")
        return queryset.filter(unit__in=units)


class InstrumentFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    entity = InScope(queryset=DebtEntity.objects.all(), label=_("Entity"))
    kind = django_filters.ChoiceFilter(choices=InstrumentKind.choices, label=_("Kind"))
    refinanceable = django_filters.BooleanFilter(label=_("May be refinanced or extended"))
    maturity_after, maturity_before = date_range("maturity", _("Maturity from"), _("Maturity to"))

    class Meta:
        model = DebtInstrument
        fields = ["q", "entity", "kind", "refinanceable", "maturity_after", "maturity_before"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(lender__icontains=value))
