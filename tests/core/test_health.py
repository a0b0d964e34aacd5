"""The health check: 200 when the database answers, 503 with the reason when it does not."""

from unittest import mock

from django.db import OperationalError, connections


def test_it_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_with_the_reason_when_the_database_is_down(client, db):
    down = OperationalError("could not connect to server: Connection refused\nIs it running?")
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "could not connect to server: Connection refused",
    }


def test_it_names_the_error_when_it_has_no_message(client, db):
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError()):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "OperationalError"
