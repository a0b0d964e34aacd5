import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.cockpit import panels
from mingzhu.grid.models import EventCategory, GridEvent
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.models import Task

OUR_PANELS = ("tasks", "grid")


@pytest.fixture
def only_our_panels(monkeypatch):
    """The cockpit with only the task and grid panels, whatever other modules register
    meanwhile (the targets panel is written elsewhere)."""
    registry = {k: v for k, v in panels._registry.items() if k in OUR_PANELS}
    monkeypatch.setattr(panels, "_registry", registry)


@pytest.fixture
def grow(supervisor, grid_worker):
    """grow(rounds): each round adds to every town, street and department one overdue and
    one open task, and to each of the grid worker's grids one event reported now."""
    counter = iter(range(10**6))

    def add(rounds: int) -> None:
        units = list(OrgUnit.objects.filter(kind__in=("town", "street", "department")))
        grids = list(grid_worker.custom_units.all())
        today = timezone.localdate()
        category = EventCategory.objects.first()
        tasks = []
        for _round in range(rounds):
            for lead in units:
                for days in (-5, 40):
                    k = next(counter)
                    tasks.append(
                        Task(
                            code=f"GROW-{k:06d}",
                            title=f"增长 {k}",
                            issuer=supervisor.unit,
                            lead_unit=lead,
                            deadline=today + dt.timedelta(days=days),
                            assigned_on=today - dt.timedelta(days=30),
                            status="in_progress",
                        )
                    )
        Task.objects.bulk_create(tasks)
        GridEvent.objects.bulk_create(
            GridEvent(
                grid=grid,
                category=category,
                description="增长",
                reported_by=grid_worker,
                reported_at=timezone.now(),
            )
            for _round in range(rounds)
            for grid in grids
        )

    return add


@pytest.fixture
def make_lead(supervisor):
    """make_lead(user) -> an open task led by the user's first custom unit (or own unit)."""

    def make(user) -> Task:
        lead = user.custom_units.first() or user.unit
        task = Task(
            code=f"LEAD-{lead.pk}",
            title="网格任务",
            issuer=supervisor.unit,
            lead_unit=lead,
            deadline=timezone.localdate() + dt.timedelta(days=30),
            status="in_progress",
        )
        task.save()
        return task

    return make
