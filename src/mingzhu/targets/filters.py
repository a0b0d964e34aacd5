"""Filters of the targets lists (the API's indicators and observations)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Observation


class IndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = Indicator
        fields = ["q", "dimension", "frequency"]


class ObservationFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code", label=_("Indicator"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Unit"))
    period_end = django_filters.DateFromToRangeFilter(label=_("period end"))

    class Meta:
        model = Observation
        fields = ["indicator", "unit", "period_end"]
