"""System parameters: typed, bounded, stored by the administrator on one page, read
through one cached accessor by the code that used constants."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.core import tabular
from mingzhu.core.audit import history_for
from mingzhu.core.uploads import check_file
from mingzhu.system import params
from mingzhu.system.models import ParameterValue
from mingzhu.tasks import services

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

URL = "/system/parameters/"


def _form(**changes) -> dict:
    data = {}
    for name, parameter in params.REGISTRY.items():
        data[name] = parameter.dump(params.value(name))
    data.update(changes)
    return data


def test_it_gives_the_defaults_without_stored_values(db):
    params.clear_cache()
    assert params.value("tasks.near_working_days") == 3
    assert params.value("tasks.behind_points") == 20
    assert params.working_periods() == (
        (dt.time(8, 30), dt.time(12, 0)),
        (dt.time(13, 30), dt.time(17, 30)),
    )


def test_it_reads_the_stored_values_once_per_process(db):
    params.clear_cache()
    ParameterValue.objects.create(name="tasks.near_working_days", value="5")
    with CaptureQueriesContext(connection) as ctx:
        values = [params.value("tasks.near_working_days") for _ in range(10)]
        params.value("tasks.behind_points")
    assert values == [5] * 10
    assert len(ctx.captured_queries) == 1


def test_a_save_clears_the_cache_of_its_process(db):
    assert params.value("tasks.red_sheets_for_interview") == 3
    ParameterValue.objects.create(name="tasks.red_sheets_for_interview", value="2")
    assert params.value("tasks.red_sheets_for_interview") == 2


def test_the_cache_is_read_again_after_its_time(db, settings):
    settings.PARAMETER_CACHE_SECONDS = 60
    params.clear_cache()
    assert params.value("tasks.behind_points") == 20
    # Written without the signal, as another process would.
    ParameterValue.objects.bulk_create([ParameterValue(name="tasks.behind_points", value="30")])
    assert params.value("tasks.behind_points") == 20  # still cached
    params._cache.loaded_at -= 61
    assert params.value("tasks.behind_points") == 30


def test_a_change_made_through_another_process_is_used_from_the_next_request(db, settings):
    """Another process's save, committed, gives the system topic a new token: a request
    after it reads the values again; requests before it read nothing."""
    from mingzhu.core import cache as shared

    settings.PARAMETER_CACHE_SECONDS = 60
    params.clear_cache()
    shared._request_began()
    try:
        assert params.value("tasks.behind_points") == 20
    finally:
        shared._request_ended()
    # Written without this process's signal, as another process would, and committed.
    ParameterValue.objects.bulk_create([ParameterValue(name="tasks.behind_points", value="30")])
    shared._request_began()
    try:
        with CaptureQueriesContext(connection) as ctx:
            assert params.value("tasks.behind_points") == 20  # nothing told this process yet
        assert not [q for q in ctx.captured_queries if "system_parametervalue" in q["sql"]]
    finally:
        shared._request_ended()
    shared._write(["system"])  # what the other process does when its save commits
    shared._request_began()
    try:
        assert params.value("tasks.behind_points") == 30
    finally:
        shared._request_ended()


def test_the_lights_follow_the_parameters(db):
    today = timezone.localdate()
    start = today - dt.timedelta(days=50)
    deadline = today + dt.timedelta(days=50)
    # Half the time gone, 35 % done: 15 points behind.
    assert not services.is_behind(progress=35, start=start, deadline=deadline, as_of=today)
    ParameterValue.objects.create(name="tasks.behind_points", value="10")
    assert services.is_behind(progress=35, start=start, deadline=deadline, as_of=today)
    near = services.near_limit(today)
    ParameterValue.objects.create(name="tasks.near_working_days", value="10")
    assert services.near_limit(today) > near


def test_working_hours_follow_the_parameters(db):
    zone = services.WORK_ZONE
    # A working Monday far from holidays: 2025-11-17.
    start = dt.datetime(2025, 11, 17, 8, 30, tzinfo=zone)
    assert services.add_working_hours(start, 4) == dt.datetime(2025, 11, 17, 14, 0, tzinfo=zone)
    ParameterValue.objects.create(name="hours.afternoon_opens", value="14:00")
    assert services.add_working_hours(start, 4) == dt.datetime(2025, 11, 17, 14, 30, tzinfo=zone)


def test_the_attachment_limit_follows_the_parameter(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("a.txt", b"x" * (2 * 1024 * 1024), content_type="text/plain")
    check_file(big)
    ParameterValue.objects.create(name="uploads.attachment_max_mb", value="1")
    big.seek(0)
    with pytest.raises(ValidationError, match="1 MB"):
        check_file(big)


def test_the_import_limits_are_the_settings_until_set(db, settings):
    settings.IMPORT_MAX_ROWS = 1234
    assert tabular.max_rows() == 1234
    ParameterValue.objects.create(name="imports.max_rows", value="50")
    assert tabular.max_rows() == 50
    assert params.REGISTRY["imports.max_mb"].default_value() == settings.IMPORT_MAX_BYTES // (
        1024 * 1024
    )


def test_a_stored_text_of_the_wrong_type_gives_the_default(db):
    ParameterValue.objects.create(name="tasks.behind_points", value="many")
    assert params.value("tasks.behind_points") == 20


# The page --------------------------------------------------------------------------


def test_the_administrator_reads_and_saves_the_parameters(as_user, administrator):
    client = as_user(administrator)
    before = set(ParameterValue.objects.values_list("name", flat=True))
    page = client.get(URL)
    assert page.status_code == 200
    assert "黄灯" in page.content.decode()
    response = client.post(URL, _form(**{"tasks.near_working_days": "5"}))
    assert response.status_code == 302
    row = ParameterValue.objects.get(name="tasks.near_working_days")
    assert row.value == "5"
    assert params.value("tasks.near_working_days") == 5
    # Only the changed parameter is stored; the change is in the audit trail with its author.
    after = set(ParameterValue.objects.values_list("name", flat=True))
    assert after - before == {"tasks.near_working_days"}
    entry = history_for(row).get()
    assert entry.actor == administrator


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"tasks.near_working_days": "31"}, "30"),
        ({"tasks.behind_points": "0"}, "1"),
        ({"tasks.behind_points": "abc"}, "整数"),
        ({"hours.morning_closes": "07:00"}, "工作时间"),
    ],
)
def test_it_refuses_bad_values_and_says_why(as_user, administrator, changes, message):
    before = list(ParameterValue.objects.values_list("name", "value"))
    response = as_user(administrator).post(URL, _form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(ParameterValue.objects.values_list("name", "value")) == before


@pytest.mark.parametrize("persona", ["supervisor", "leader", "sanmao", "outsider"])
def test_others_may_neither_read_nor_save(request, as_user, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form(**{"tasks.behind_points": "5"})).status_code == 403
    assert not ParameterValue.objects.filter(name="tasks.behind_points").exists()


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_import_limit_of_a_sheet_follows_the_parameter(db, tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 1_000_000
    settings.IMPORT_MAX_BYTES = 10 * 1024 * 1024
    sheet = tmp_path / "big.csv"
    sheet.write_bytes(b"a,b\n" + b"1,2\n" * 300_000)  # 1.2 MB
    assert len(tabular.read_grid(sheet)) > 300_000
    ParameterValue.objects.create(name="imports.max_mb", value="1")
    with pytest.raises(tabular.WorkbookError, match="1 MB"):
        tabular.read_grid(sheet)
