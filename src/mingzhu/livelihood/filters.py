import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.choices import HANDLING
from mingzhu.tasks.choices import Status as TaskStatus

from .choices import Channel, Elimination, HouseholdType, RequestStatus, RequestType
from .models import CitizenRequest, MonitoredHousehold, RequestCategory

TASK_STATES = {
    RequestStatus.DISPATCHED: [TaskStatus.DRAFT, TaskStatus.ASSIGNED],
    RequestStatus.HANDLING: list(HANDLING),
    RequestStatus.ANSWERED: [TaskStatus.CLOSURE_REQUESTED],
    RequestStatus.CLOSED: [TaskStatus.CLOSED],
}


class CitizenRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(
        choices=RequestStatus.choices, method="filter_status", label=_("Status")
    )
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    request_type = django_filters.ChoiceFilter(choices=RequestType.choices, label=_("Type"))
    category = django_filters.ModelChoiceFilter(
        queryset=RequestCategory.objects.filter(parent__isnull=True),
        method="filter_category",
        label=_("Request category"),
    )
    town = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=TOWN_KINDS), label=_("Town")
    )
    received_at_after = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("Received from")
    )
    received_at_before = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("Received to")
    )

    class Meta:
        model = CitizenRequest
        fields = ["q", "status", "channel", "request_type", "category", "town"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value) | Q(content__icontains=value) | Q(address__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == RequestStatus.RETURNED:
            return queryset.filter(pending_return=True)
        if value == RequestStatus.REGISTERED:
            return queryset.filter(pending_return=False).filter(
                Q(task__isnull=True) | Q(task__status=TaskStatus.CANCELLED)
            )
        return queryset.filter(pending_return=False, task__status__in=TASK_STATES[value])

    def filter_category(self, queryset, name, value):
        return queryset.filter(Q(category=value) | Q(category__parent=value))


class HouseholdFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    household_type = django_filters.ChoiceFilter(choices=HouseholdType.choices, label=_("Type"))
    elimination = django_filters.ChoiceFilter(choices=Elimination.choices, label=_("Risk status"))
    village = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=["village", "community"]),
        label=_("Village or community"),
    )

    class Meta:
        model = MonitoredHousehold
        fields = ["q", "household_type", "elimination", "village"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(head_name__icontains=value) | Q(cadre__icontains=value))
