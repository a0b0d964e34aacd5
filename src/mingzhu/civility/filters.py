import django_filters
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import ScopedFilterSet, date_range, unit_filter
from mingzhu.org.choices import TOWN_KINDS

from .choices import ApplicationStatus
from .models import Application, Category, VolunteerActivity


class ApplicationFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        field_name="applicant", lookup_expr="icontains", label=_("Applicant")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), label=_("Creation category")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))
    town = unit_filter(TOWN_KINDS, _("Town"), area="unit")

    class Meta:
        model = Application
        fields = ["q", "category", "year", "status", "town"]


class ActivityFilter(ScopedFilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    town = unit_filter(TOWN_KINDS, _("Town"), area="organiser")
    held_on_after, held_on_before = date_range("held_on", _("Held from"), _("Held to"))

    class Meta:
        model = VolunteerActivity
        fields = ["q", "town", "held_on_after", "held_on_before"]
