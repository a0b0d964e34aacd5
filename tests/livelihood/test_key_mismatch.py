"""Another personal-data key than the one the data was stored with: the start-up check
says so, reveal and full export fail clearly (no 500), and nothing is recorded as viewed."""

import pytest

from mingzhu.core.checks import check_personal_data_key
from mingzhu.livelihood.models import PersonalDataAccess

from .conftest import NAME, PHONE

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.fixture
def request_(dispatched):
    return dispatched()


@pytest.fixture
def another_key(settings):
    def switch():
        settings.PERSONAL_DATA_KEY = "a-different-key-than-the-data-was-stored-with"

    return switch


def test_the_start_up_check_passes_with_the_right_key(request_):
    assert check_personal_data_key() == []


def test_the_start_up_check_refuses_another_key(request_, another_key):
    another_key()
    errors = check_personal_data_key()
    assert {e.id for e in errors} == {"mingzhu.E008"}
    assert any("CitizenRequest.name_cipher" in e.msg for e in errors)


def test_reveal_fails_clearly_and_records_nothing(as_user, request_, rexian, another_key):
    another_key()
    response = as_user(rexian).post(f"{request_.get_absolute_url()}reveal/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "MINGZHU_PERSONAL_DATA_KEY" in text
    assert PHONE not in text and NAME not in text
    assert not PersonalDataAccess.objects.filter(object_id=request_.pk).exists()


def test_full_export_fails_clearly_and_records_nothing(as_user, request_, rexian, another_key):
    another_key()
    before = PersonalDataAccess.objects.count()
    client = as_user(rexian)
    params = {"q": request_.number, "export": "xlsx", "personal": "1"}
    response = client.get("/livelihood/requests/", params)
    assert response.status_code == 302
    assert "export" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "MINGZHU_PERSONAL_DATA_KEY" in page
    assert PersonalDataAccess.objects.count() == before


def test_with_the_right_key_a_reveal_is_recorded_once(as_user, request_, rexian):
    response = as_user(rexian).post(f"{request_.get_absolute_url()}reveal/")
    assert PHONE in response.content.decode()
    assert PersonalDataAccess.objects.filter(object_id=request_.pk).count() == 1
