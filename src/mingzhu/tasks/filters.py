import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.org.models import OrgUnit, User

from . import services
from .choices import ACTIVE, Light, Status
from .models import Task, TaskList


def light_filter(queryset, value: str, as_of: dt.date):
    """Tasks whose light on ``as_of`` is ``value``: dates compared in the database; only
    the behind-schedule rule needs the rows' numbers (one extra query)."""
    active = queryset.filter(status__in=ACTIVE)
    overdue = Q(deadline__lt=as_of)
    if value == Light.RED:
        return active.filter(overdue)
    near = Q(deadline__gte=as_of, deadline__lte=services.near_limit(as_of))
    candidates = active.exclude(overdue).exclude(near).filter(progress__lt=100)
    behind = [
        pk
        for pk, progress, assigned_on, created_at, deadline in candidates.values_list(
            "pk", "progress", "assigned_on", "created_at", "deadline"
        )
        if services.is_behind(
            progress=progress,
            start=assigned_on or timezone.localdate(created_at),
            deadline=deadline,
            as_of=as_of,
        )
    ]
    if value == Light.YELLOW:
        return active.exclude(overdue).filter(near | Q(pk__in=behind))
    return active.exclude(overdue).exclude(near).exclude(pk__in=behind)


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    task_list = django_filters.ModelChoiceFilter(queryset=TaskList.objects.all(), label=_("List"))
    lead_unit = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.all(), method="filter_unit", label=_("Lead unit and below")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    light = django_filters.ChoiceFilter(
        choices=Light.choices, method="filter_light", label=_("Light")
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("Deadline from")
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("Deadline to")
    )
    leader = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(roles__code="leader"), label=_("Responsible leader")
    )

    class Meta:
        model = Task
        fields = [
            "q",
            "task_list",
            "lead_unit",
            "status",
            "light",
            "deadline_after",
            "deadline_before",
            "leader",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            user = request.user
            self.filters["lead_unit"].queryset = OrgUnit.objects.restrict(user, "view")
            self.filters["task_list"].queryset = TaskList.objects.restrict(user, "view")
            self.filters["leader"].queryset = User.objects.restrict(user, "view").filter(
                roles__code="leader"
            )

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))

    def filter_unit(self, queryset, name, value):
        return queryset.filter(lead_unit__path__startswith=value.path)

    def filter_light(self, queryset, name, value):
        return light_filter(queryset, value, timezone.localdate())


class TaskListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = TaskList
        fields = ["q", "kind", "year"]
