"""The task-backed base: status mapped from the task in Python and in SQL alike, the
list filter on it, the shared task columns, and the hazard's deadline read from its task."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.enterprises.choices import DemandStatus
from mingzhu.enterprises.models import Demand
from mingzhu.grid.choices import EventStatus
from mingzhu.grid.models import GridEvent
from mingzhu.livelihood.models import CitizenRequest
from mingzhu.projects.models import FactorRequest
from mingzhu.risks.choices import HazardStatus
from mingzhu.risks.models import Hazard
from mingzhu.rural.choices import FaultStatus
from mingzhu.rural.models import FacilityFault
from mingzhu.tasks import actions
from mingzhu.tasks.backed import STATUS_ANNOTATION, TaskBacked
from mingzhu.tasks.choices import Status
from mingzhu.tasks.tables import TaskColumn, task_columns

pytestmark = pytest.mark.django_db

BACKED = [GridEvent, Hazard, Demand, CitizenRequest, FacilityFault, FactorRequest]


@pytest.mark.parametrize("model", BACKED, ids=lambda m: m.__name__)
def test_the_sql_status_is_the_status_the_page_shows(model):
    """Over the demo's rows: with_status() annotates exactly what ``status`` reads."""
    rows = list(model.objects.with_status().select_related("task"))
    assert rows, f"the demo has no {model.__name__}"
    assert issubclass(model, TaskBacked)
    for obj in rows:
        assert getattr(obj, STATUS_ANNOTATION) == obj.status, obj.pk


@pytest.mark.parametrize("model", BACKED, ids=lambda m: m.__name__)
def test_with_status_filters_on_the_mapped_status(model):
    statuses = {o.status for o in model.objects.select_related("task")}
    for status in statuses:
        expected = {o.pk for o in model.objects.select_related("task") if o.status == status}
        assert set(model.objects.with_status(status).values_list("pk", flat=True)) == expected


def test_lists_sort_on_the_mapped_status():
    ordered = list(Hazard.objects.with_status().order_by(STATUS_ANNOTATION, "pk"))
    assert [h.status for h in ordered] == sorted(h.status for h in ordered)


def test_the_mapping_reads_the_task(make_task):
    hazard = Hazard.objects.filter(task__isnull=False).first()
    assert Hazard(pk=None).status == HazardStatus.OPEN  # no task yet
    for task_status, shown in [
        (Status.CLOSURE_REQUESTED, HazardStatus.AWAITING),
        (Status.CLOSED, HazardStatus.RECTIFIED),
        (Status.RETURNED, HazardStatus.OPEN),
    ]:
        hazard.task.status = task_status
        assert hazard.status == shown
        assert hazard.get_status_display() == HazardStatus(shown).label
    fault = FacilityFault(task=make_task(Status.RETURNED))
    assert fault.status == FaultStatus.RETURNED
    assert FacilityFault().status == FaultStatus.REPORTED
    assert Demand().status == DemandStatus.PENDING
    event = GridEvent(decision="rejected", task=make_task(Status.CLOSED))
    assert event.status == EventStatus.REJECTED  # the filing decision comes first


def test_task_columns_read_the_task_and_stay_empty_without_one(make_task):
    task = make_task(Status.IN_PROGRESS)
    fault = FacilityFault(task=task)
    unit, deadline, light, status, progress, code = task_columns(
        "lead_unit", "deadline", "light", "status", "progress", "code"
    )
    assert unit.value(fault) == task.lead_unit
    assert deadline.value(fault) == task.deadline
    assert light.value(fault) == "Green"
    assert status.value(fault) == "In progress"
    assert progress.value(fault) == 50
    assert code.value(fault) == task.code
    assert all(c.value(FacilityFault()) is None for c in (unit, deadline, light, status))
    assert TaskColumn("lead_unit", "Handling unit", key="unit").name == "unit"
    with pytest.raises(ValueError):
        TaskColumn("title")


def test_a_hazard_shows_the_extended_deadline(risk_hazard_owner):
    hazard, handler, issuer = risk_hazard_owner
    first = hazard.task.deadline
    later = first + dt.timedelta(days=20)
    actions.accept(hazard.task, actor=handler)
    actions.request_extension(hazard.task, actor=handler, new_deadline=later, comment="需要")
    actions.approve_extension(hazard.task, actor=issuer)
    hazard = Hazard.objects.select_related("task").get(pk=hazard.pk)
    assert hazard.deadline == later
    assert "deadline" not in {f.name for f in Hazard._meta.get_fields()}  # no copy


@pytest.fixture
def risk_hazard_owner(supervisor, xinba, unit):
    """A hazard the supervision office registered for 新坝镇 (its task assigned)."""
    from mingzhu.risks import actions as risk_actions

    today = timezone.localdate()
    hazard = risk_actions.register_hazard(
        actor=supervisor,
        title="测试隐患",
        domain=Hazard._meta.get_field("domain").choices[0][0],
        level="ordinary",
        unit=unit("YZ-XINBA"),
        found_on=today,
        found_by="检查组",
        description="测试",
        deadline=today + dt.timedelta(days=30),
        owner="张三",
        measures="整改",
    )
    return Hazard.objects.select_related("task").get(pk=hazard.pk), xinba, supervisor
