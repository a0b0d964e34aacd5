import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from mingzhu.projects.models import Project


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def signed(unit):
    """signed(town_code, day, total) -> a project of the town signed on that day (long
    past, where the demo has no data)."""

    def make(town: str, day: dt.date, total: int = 20_000) -> Project:
        return Project.objects.create(
            name=f"测试项目 {town} {day} {total}",
            investor="测试投资方",
            chain="other",
            total_investment=Decimal(total),
            town=unit(town),
            negotiating_on=day - dt.timedelta(days=30),
            stage="signed",
            signed_on=day,
        )

    return make
