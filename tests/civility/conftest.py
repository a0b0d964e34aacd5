import datetime as dt

import pytest
from django.utils import translation

from mingzhu.civility import actions
from mingzhu.civility.models import Category

LIXIN = "YZ-XINBA-V02"
D = dt.date(2025, 3, 3)  # a Monday


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def category(db):
    return Category.objects.create(name="测试类别", notice_days=7)


@pytest.fixture
def submitted(lixin, unit, category):
    """submitted(applicant="…", code=LIXIN) -> an application submitted by 立新村 on D."""

    def make(applicant="立新村", code=LIXIN, actor=None):
        return actions.submit_application(
            actor=actor or lixin,
            category=category,
            year=2025,
            applicant=applicant,
            unit=unit(code),
            on=D,
        )

    return make


@pytest.fixture
def on_notice(submitted, wmb):
    """An application on public notice from D + 1 day to D + 7 days."""

    def make(applicant="立新村"):
        app = submitted(applicant)
        actions.review_application(app, actor=wmb, approve=True, on=D)
        return actions.publish_notice(app, actor=wmb, start=D + dt.timedelta(days=1))

    return make
