"""The civilised-city panel of the cockpit: this year's applications by status, the
volunteer hours of the year and the creation campaign's tasks by light. A fixed number of
queries, all through ``restrict``.

As of a past day: the applications submitted by then at the status of their last event
by then, the hours of the activities held by then, the tasks that existed then in the
state they had then (tasks.history)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register
from mingzhu.tasks import history
from mingzhu.tasks.choices import ListKind, Status
from mingzhu.tasks.lights import light_totals
from mingzhu.tasks.models import Task

from .choices import ApplicationStatus
from .models import Application, ApplicationEvent, Participation


def campaign_tasks(user):
    """The tasks of the civilised-city creation lists the user may see."""
    return Task.objects.restrict(user, "view").filter(task_list__kind=ListKind.CIVILISED_CITY)


@register("civility", 80, topics=("tasks",))
def civility_panel(user, as_of: dt.date) -> Panel | None:
    if not user.has_perm("civility.view_application"):
        return None
    apps = Application.objects.restrict(user).filter(year=as_of.year).order_by()
    if history.is_past(as_of):
        # As of a past day: the applications submitted by then, at the status of their
        # last event by then.
        last = (
            ApplicationEvent.objects.filter(application=OuterRef("pk"), on__lte=as_of)
            .order_by("-on", "-at", "-pk")
            .values("to_status")[:1]
        )
        apps = apps.filter(submitted_on__lte=as_of).annotate(
            status_then=Coalesce(Subquery(last), Value(ApplicationStatus.SUBMITTED))
        )
    else:
        apps = apps.annotate(status_then=F("status"))
    by_status = dict(
        apps.values_list("status_then").annotate(n=Count("pk")).values_list("status_then", "n")
    )
    statuses = [(s.value, s.label, by_status.get(s.value, 0)) for s in ApplicationStatus]
    hours = (
        Participation.objects.restrict(user)
        .filter(activity__held_on__year=as_of.year, activity__held_on__lte=as_of)
        .aggregate(hours=Sum("hours"), people=Count("volunteer", distinct=True))
    )
    tasks = campaign_tasks(user)
    status = history.STATUS
    totals = (
        history.tasks_on(tasks, as_of)
        .order_by()
        .aggregate(
            total=Count("pk", filter=~Q(**{status: Status.CANCELLED})),
            closed=Count("pk", filter=Q(**{status: Status.CLOSED})),
        )
    )
    lights = {}
    if totals["total"]:
        # The campaign's tasks are found by their list first, in one query over the
        # scope: counted part by part (as the tasks panel counts the whole ledger), each
        # part would read its active tasks across the ledger before looking at the list.
        lights = light_totals(tasks, as_of)
    empty = not (by_status or hours["hours"] or totals["total"])
    return Panel(
        key="civility",
        title=_("Civilised city creation"),
        template="civility/_cockpit_panel.html",
        context={
            "statuses": statuses,
            "hours": hours["hours"] or Decimal(0),
            "volunteers": hours["people"],
            "tasks": totals,
            "rate": totals["closed"] / totals["total"] if totals["total"] else None,
            "lights": lights,
            "year": as_of.year,
            "campaign_url": reverse("civility:campaign"),
        },
        empty=empty,
        empty_message=_("No civilised-city data in your scope."),
        link=reverse("civility:application_list"),
        width=6,
    )
