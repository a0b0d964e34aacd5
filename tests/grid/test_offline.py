"""The report page kept offline: the installable app's files, and the endpoint the phone
sends its waiting reports to, which files a report key once, whatever the replays."""

import uuid

import pytest

from mingzhu.grid.models import EventPhoto, GridEvent
from mingzhu.org.choices import RoleCode
from mingzhu.org.models import Role, User

from .conftest import SANMAO_GRID, XINBA_GRID, photo

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

SYNC = "/grid/events/sync/"


@pytest.fixture
def sanmao_worker(unit):
    """A grid worker of a 三茅 grid (not the persona's grids)."""
    user = User.objects.create_user("wangge-sanmao", unit=unit(SANMAO_GRID))
    user.roles.add(Role.objects.get(code=RoleCode.GRID_WORKER))
    user.custom_units.add(unit(SANMAO_GRID))
    return User.objects.get(pk=user.pk)


def _report(unit, category, key, grid=XINBA_GRID, **extra):
    return {
        "grid": unit(grid).pk,
        "category": category.pk,
        "description": "河边护栏断了",
        "address": "立新村江堤",
        "latitude": "32.236100",
        "longitude": "119.817200",
        "client_uuid": str(key),
        **extra,
    }


def test_it_files_a_kept_report_once_however_often_it_is_sent(as_user, grid_worker, unit, category):
    key = uuid.uuid4()
    client = as_user(grid_worker)
    first = client.post(SYNC, {**_report(unit, category, key), "photos": [photo()]})
    assert first.status_code == 201 and first.json()["created"] is True
    again = client.post(SYNC, {**_report(unit, category, key), "photos": [photo()]})
    assert again.status_code == 200
    assert again.json() == {**first.json(), "created": False}
    event = GridEvent.objects.get(client_uuid=key)
    assert event.pk == first.json()["id"] and event.reported_by == grid_worker
    assert str(event.latitude) == "32.236100"
    assert EventPhoto.objects.filter(event=event).count() == 1  # the replay added none


def test_it_refuses_another_workers_grid_and_key(
    as_user, grid_worker, sanmao_worker, unit, category
):
    key = uuid.uuid4()
    # Another town's grid is not among the worker's choices: nothing is filed.
    outside = as_user(grid_worker).post(SYNC, _report(unit, category, key, grid=SANMAO_GRID))
    assert outside.status_code == 400 and "grid" in outside.json()["errors"]
    assert not GridEvent.objects.filter(client_uuid=key).exists()
    # The grid worker of that grid may report there.
    own = as_user(sanmao_worker).post(SYNC, _report(unit, category, key, grid=SANMAO_GRID))
    assert own.status_code == 201
    # The other worker replaying that key (with a grid of their own) gets nothing back.
    replay = as_user(grid_worker).post(SYNC, _report(unit, category, key))
    assert replay.status_code == 403 and "河边" not in replay.content.decode()
    assert GridEvent.objects.filter(client_uuid=key).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("grid_worker", 201), ("fgw", 403), ("enterprise_user", 403), ("outsider", 403)],
)
def test_it_lets_only_grid_workers_send_reports(as_user, request, unit, category, persona, status):
    key = uuid.uuid4()
    response = as_user(request.getfixturevalue(persona)).post(SYNC, _report(unit, category, key))
    assert response.status_code == status
    assert GridEvent.objects.filter(client_uuid=key).exists() == (status == 201)


def test_it_wants_a_key_and_a_signed_in_user(as_user, client, grid_worker, unit, category):
    data = _report(unit, category, uuid.uuid4())
    del data["client_uuid"]
    missing = as_user(grid_worker).post(SYNC, data)
    assert missing.status_code == 400 and "client_uuid" in missing.json()["errors"]
    anonymous = client.post(SYNC, _report(unit, category, uuid.uuid4()))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert as_user(grid_worker).get(SYNC).status_code == 405


def test_the_report_form_files_a_key_once(as_user, grid_worker, unit, category):
    key = uuid.uuid4()
    client = as_user(grid_worker)
    for _ in range(2):
        response = client.post("/grid/events/add/", _report(unit, category, key))
        assert response.status_code == 302
    assert GridEvent.objects.filter(client_uuid=key).count() == 1


def test_the_api_files_a_key_once(as_user, grid_worker, unit, category):
    key = uuid.uuid4()
    client = as_user(grid_worker)
    ids = {
        client.post("/api/v1/grid/events/", _report(unit, category, key)).json()["id"]
        for _ in range(2)
    }
    assert len(ids) == 1 and GridEvent.objects.filter(client_uuid=key).count() == 1


def test_it_serves_the_installable_apps_files(client, db):
    manifest = client.get("/grid/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest.json()["start_url"] == "/grid/events/add/"
    for icon in manifest.json()["icons"]:
        png = client.get(icon["src"])
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get("/grid/icon-7.png").status_code == 404
    worker = client.get("/grid/sw.js")
    body = worker.content.decode()
    assert worker.status_code == 200 and worker["Content-Type"].startswith("application/javascript")
    assert worker["Service-Worker-Allowed"] == "/grid/"
    assert '"/grid/events/add/"' in body and "grid-offline-queue.js" in body


def test_the_report_page_links_the_app_and_its_queue(as_user, grid_worker):
    page = as_user(grid_worker).get("/grid/events/add/").content.decode()
    assert 'rel="manifest"' in page and 'name="client_uuid"' in page
    assert 'id="pending"' in page and "grid-offline.js" in page
    assert 'capture="environment"' in page
