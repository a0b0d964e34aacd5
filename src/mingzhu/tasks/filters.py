import datetime as dt

import django_filters
from django.db.models import DateField, F, Func, IntegerField, Q, Value
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.filters import InScope, ScopedFilterSet, date_range
from mingzhu.org.models import OrgUnit, User

from . import services
from .choices import ACTIVE, Light, Status
from .models import Task, TaskList
from .search import search_tasks


class DayNumber(Func):
    """A date as a whole number of days, so that dates can be subtracted and compared
    in arithmetic on every backend."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        return self.as_sqlite(compiler, connection, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)"
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="((%(expressions)s)::date - DATE '2000-01-01')"
        )


def behind_q(as_of: dt.date, progress: str = "progress", deadline: str = "deadline") -> Q:
    """services.is_behind in SQL, for tasks whose deadline is after ``as_of`` (the only
    ones the light rules ask it about): 100 x elapsed days > (progress + 20) x allowed.
    ``progress`` and ``deadline`` name the columns (or aliases, e.g. a task's state on a
    past day: tasks.history) to read. A long-running task is never behind."""
    start = DayNumber(Coalesce("assigned_on", TruncDate("created_at")))
    deadline = DayNumber(deadline)
    today = DayNumber(Value(as_of, output_field=DateField()))
    return (
        Q(long_running=False)
        & Q(GreaterThan(deadline, start))
        & Q(
            GreaterThan(
                (today - start) * 100, (F(progress) + services.behind_points()) * (deadline - start)
            )
        )
    )


def light_filter(queryset, value: str, as_of: dt.date):
    """Tasks whose light on ``as_of`` is ``value``, decided in the database in the same
    query as the page (services.assess is the rule; tests hold the two equal)."""
    active = queryset.filter(status__in=ACTIVE)
    if value == Light.RED:
        return active.filter(deadline__lt=as_of)
    near = Q(deadline__lte=services.near_limit(as_of))
    pending = active.filter(deadline__gte=as_of)
    if value == Light.YELLOW:
        return pending.filter(near | behind_q(as_of))
    return pending.exclude(near).exclude(behind_q(as_of))


# The ledger's two views: the tasks still open, most urgent first (its default), or all.
SHOW_OPEN, SHOW_ALL = "open", "all"
FINISHED = (Status.CLOSED, Status.CANCELLED)


class TaskFilter(ScopedFilterSet):
    show = django_filters.ChoiceFilter(
        choices=[(SHOW_OPEN, _("Open tasks, most urgent first")), (SHOW_ALL, _("All tasks"))],
        method="filter_show",
        label=_("Show"),
        empty_label=None,
    )
    q = django_filters.CharFilter(method="search", label=_("Search"))
    task_list = InScope(queryset=TaskList.objects.all(), label=_("List"))
    lead_unit = InScope(
        queryset=OrgUnit.objects.all(), method="filter_unit", label=_("Lead unit and below")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    light = django_filters.ChoiceFilter(
        choices=Light.choices, method="filter_light", label=_("Light")
    )
    deadline_after, deadline_before = date_range("deadline", _("Deadline from"), _("Deadline to"))
    leader = InScope(
        queryset=User.objects.filter(roles__code="leader"), label=_("Responsible leader")
    )

    class Meta:
        model = Task
        fields = [
            "show",
            "q",
            "task_list",
            "lead_unit",
            "status",
            "light",
            "deadline_after",
            "deadline_before",
            "leader",
        ]

    def search(self, queryset, name, value):
        return search_tasks(queryset, value)

    def filter_show(self, queryset, name, value):
        if value != SHOW_OPEN or self.form.cleaned_data.get("status"):
            return queryset  # a status asked for is shown, open or not
        # Overdue first (the earliest deadline), tasks without a deadline last.
        return queryset.exclude(status__in=FINISHED).order_by(
            F("deadline").asc(nulls_last=True), "pk"
        )

    def filter_unit(self, queryset, name, value):
        units = OrgUnit.objects.filter(path__startswith=value.path).values("pk")
        return queryset.filter(lead_unit__in=units)

    def filter_light(self, queryset, name, value):
        return light_filter(queryset, value, timezone.localdate())


class TaskListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = TaskList
        fields = ["q", "kind", "year"]
