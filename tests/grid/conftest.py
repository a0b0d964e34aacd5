import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from mingzhu.grid import actions
from mingzhu.grid.models import Campaign, EventCategory, GridEvent
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import DeadlineBasis

XINBA_GRID = "YZ-XINBA-V02-G01"  # one of the grid worker's two grids
SANMAO_GRID = "321182001000-V01-G01"  # outside the grid worker's scope

# The states an event is brought to, and the steps that bring it there.
STEPS = {
    "reported": [],
    "rejected": ["reject"],
    "handling": ["file"],
    "awaiting_recheck": ["file", "accept", "closure"],
    "returned": ["file", "accept", "closure", "fail"],
    "closed": ["file", "accept", "closure", "pass"],
}


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def category(unit):
    """A category handled by 发改委 (whose staff is the persona fgw), 2 working days."""
    return EventCategory.objects.create(
        name="测试类别",
        responsible_unit=unit("YZ-DEPT-FGW"),
        time_limit=2,
        time_limit_basis=DeadlineBasis.WORKING_DAYS,
    )


@pytest.fixture
def campaign(unit):
    return Campaign.objects.create(
        name="测试专项行动",
        start_date=dt.date(2020, 1, 1),
        issuer=unit("YZ-DEPT-SWZX"),
    )


def photo(name="现场.jpg", size=100):
    """A real photo (JPEG, or PNG for a .png name) of about ``size`` pixels a side."""
    image = Image.effect_noise((size, size), 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG" if name.lower().endswith(".png") else "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def make_event(grid_worker, supervisor, fgw, unit, category):
    """make_event(state, grid=XINBA_GRID, at=None, lead=None) -> an event brought to that
    state through the actions (the task led by 发改委 unless ``lead`` says otherwise)."""

    def make(state="reported", *, grid=XINBA_GRID, at=None, lead=None, handler=None, **values):
        at = at or timezone.now()
        event = actions.report_event(
            actor=grid_worker,
            grid=unit(grid),
            category=values.pop("category", category),
            description="测试事件",
            address="测试地址",
            at=at,
            **values,
        )
        handler = handler or fgw
        for step in STEPS[state]:
            if step == "reject":
                actions.reject_event(event, actor=supervisor, reason="不属实", at=at)
            elif step == "file":
                responsible = unit(lead) if lead else None
                actions.file_event(event, actor=supervisor, responsible_unit=responsible, at=at)
            elif step == "accept":
                task_actions.accept(_task(event), actor=handler, at=at)
            elif step == "closure":
                task_actions.request_closure(_task(event), actor=handler, result="已处置", at=at)
            elif step == "pass":
                actions.recheck_event(event, actor=grid_worker, passed=True, at=at)
            elif step == "fail":
                actions.recheck_event(
                    event, actor=grid_worker, passed=False, comment="仍存在", at=at
                )
        event = GridEvent.objects.select_related("task").get(pk=event.pk)
        assert event.status == state
        return event

    return make


def _task(event):
    return GridEvent.objects.values_list("task_id", flat=True).get(pk=event.pk)
