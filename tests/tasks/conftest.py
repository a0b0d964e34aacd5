import datetime as dt

import pytest
from django.utils import translation

from mingzhu.tasks import actions, calendar
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import Task

FAR = dt.date(2099, 12, 31)

# How to bring a fresh task into each state: the actions to call, and who calls them.
STEPS = {
    Status.DRAFT: [],
    Status.ASSIGNED: ["assign"],
    Status.ACCEPTED: ["assign", "accept"],
    Status.IN_PROGRESS: ["assign", "accept", "report"],
    Status.CLOSURE_REQUESTED: ["assign", "accept", "report", "closure"],
    Status.CLOSED: ["assign", "accept", "report", "closure", "verify"],
    Status.RETURNED: ["assign", "accept", "report", "closure", "return"],
    Status.DEFERRED: ["assign", "accept", "extension", "approve"],
    Status.CANCELLED: ["cancel"],
}


@pytest.fixture(autouse=True)
def _english(settings):
    # Messages are asserted by their English msgids, whether or not the zh_Hans
    # catalogue is compiled.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def keep_calendar(db):
    """The working-day calendar read afresh from the table (not a stand-in of an earlier test
    run without a database), and put back after the test; the test's changes to the table
    are rolled back."""
    calendar.invalidate()
    before = calendar.current()
    yield
    calendar.restore(before)


@pytest.fixture
def chinese(settings, _english):
    """The pages and messages in Chinese, as the clerks importing a 台账 read them."""
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def make_task(supervisor, fgw, unit):
    """make_task(status=..., lead="YZ-DEPT-FGW", handler=fgw) -> a task led by that unit,
    issued by the supervision office and brought to that state through the actions."""

    def make(
        status=Status.DRAFT,
        *,
        lead="YZ-DEPT-FGW",
        handler=None,
        issuer=None,
        deadline=FAR,
        **values,
    ):
        handler = handler or fgw
        issuer = issuer or supervisor
        task = actions.create_task(
            actor=supervisor, title="测试任务", lead_unit=unit(lead), deadline=deadline, **values
        )
        for step in STEPS[status]:
            if step == "assign":
                actions.assign(task, actor=issuer)
            elif step == "accept":
                actions.accept(task, actor=handler)
            elif step == "report":
                actions.report_progress(task, actor=handler, progress=50, comment="过半")
            elif step == "closure":
                actions.request_closure(task, actor=handler, result="已完成")
            elif step == "verify":
                actions.verify(task, actor=issuer)
            elif step == "return":
                actions.return_for_rework(task, actor=issuer, comment="材料不全")
            elif step == "extension":
                actions.request_extension(
                    task,
                    actor=handler,
                    new_deadline=deadline + dt.timedelta(days=30),
                    comment="需要时间",
                )
            elif step == "approve":
                actions.approve_extension(task, actor=issuer)
            elif step == "cancel":
                actions.cancel(task, actor=issuer, comment="不再需要")
        task = Task.objects.get(pk=task.pk)
        assert task.status == status
        return task

    return make
