"""The health check: 200 when the database answers, 503 when it does not, with the reason
in the server's log only (it may name the database's host and port)."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connections

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

DOWN = (
    'connection to server at "db.internal.example" (10.1.2.3), port 5432 failed: '
    "Connection refused\nIs the server running?"
)


def test_it_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_without_the_reason_when_the_database_is_down(client, db, caplog):
    down = OperationalError(DOWN)
    with (
        caplog.at_level(logging.ERROR, logger="mingzhu.core"),
        mock.patch.object(type(connections["default"]), "cursor", side_effect=down),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    body = response.content.decode()
    assert "10.1.2.3" not in body and "5432" not in body and "db.internal" not in body
    assert "10.1.2.3" in caplog.text  # the operator reads it in the log


def test_it_logs_the_error_when_it_has_no_message(client, db, caplog):
    with (
        caplog.at_level(logging.ERROR, logger="mingzhu.core"),
        mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError()),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "OperationalError" in caplog.text
