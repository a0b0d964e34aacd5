import datetime as dt

import pytest
from django.utils import timezone, translation
from factories import request_category

from mingzhu.livelihood import actions

XINBA = "YZ-XINBA"
LIXIN = "YZ-XINBA-V02"  # the village of the persona lixin
SANMAO = "321182001000"
FGW = "YZ-DEPT-FGW"
PHONE = "13812345678"
NAME = "王建国"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def at(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)))


@pytest.fixture
def category(db):
    return request_category("道路破损")


@pytest.fixture
def make_request(rexian, unit, category):
    """make_request(**overrides) -> a request registered by the desk (立新村 by default)."""

    def make(**overrides):
        values = {
            "channel": "hotline",
            "request_type": "help",
            "category": category,
            "content": "立新村3组路面塌陷，请尽快修复。",
            "town": unit(XINBA),
            "village": unit(LIXIN),
            "address": "立新村3组",
            "requester_name": NAME,
            "phone": PHONE,
            "at": at("2030-03-04"),
        }
        values.update(overrides)
        return actions.register_request(actor=rexian, **values)

    return make


@pytest.fixture
def dispatched(make_request, rexian, unit):
    """A request dispatched to 发改委 (persona fgw) on Monday 2030-03-04."""

    def make(**overrides):
        request = make_request(**overrides)
        return actions.dispatch(
            request.pk, actor=rexian, unit=unit(FGW), at=overrides.get("at", at("2030-03-04"))
        )

    return make
