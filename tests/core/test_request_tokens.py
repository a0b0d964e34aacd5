"""The cache's generations (core.cache) read once per request: the request's first read
takes every topic's token, the later ones read nothing, a bump made in the request is
seen by it at once, and outside a request every call reads the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.core import cache

pytestmark = pytest.mark.django_db


def cache_reads(queries) -> int:
    return len(
        [
            q
            for q in queries.captured_queries
            if "mingzhu_cache" in q["sql"] and q["sql"].startswith("SELECT")
        ]
    )


@pytest.fixture
def in_request():
    cache.generations(cache.all_topics())  # every token stored (writing one reads too)
    # What the request_started and request_finished signals call (sending them would also
    # close the database connection, as Django does between requests).
    cache._request_began()
    yield
    cache._request_ended()


def test_a_request_reads_the_tokens_once(in_request):
    with CaptureQueriesContext(connection) as queries:
        first = cache.generations(["org"])[0]
        later = cache.generations(["tasks", "org"])[0]
        again = cache.generations(["risks"])[0]
    assert cache_reads(queries) == 1
    assert later["org"] == first["org"]
    assert set(later) == {"tasks", "org"} and set(again) == {"risks"}


def test_a_bump_in_the_request_is_seen_at_once(in_request, django_capture_on_commit_callbacks):
    before = cache.generations(["tasks", "org"])[0]
    with django_capture_on_commit_callbacks(execute=True):
        cache.bump("tasks")  # written when the transaction commits
    with CaptureQueriesContext(connection) as queries:
        after = cache.generations(["tasks", "org"])[0]
    assert cache_reads(queries) == 0
    assert after["tasks"] != before["tasks"] and after["org"] == before["org"]
    cache._request_ended()
    assert cache.generations(["tasks"])[0] == {"tasks": after["tasks"]}  # as stored


def test_extra_keys_are_read_with_the_missing_topics(in_request):
    from django.core.cache import cache as shared

    cache.generations(["org"])
    shared.set("mingzhu:test:extra", 42)
    with CaptureQueriesContext(connection) as queries:
        tokens, found = cache.generations(["org"], ["mingzhu:test:extra"])
    assert cache_reads(queries) == 1
    assert found == {"mingzhu:test:extra": 42} and set(tokens) == {"org"}


def test_the_next_request_reads_again(in_request):
    first = cache.generations(["tasks"])[0]
    cache._request_ended()
    cache._write({"tasks"})  # another process's bump
    cache._request_began()
    assert cache.generations(["tasks"])[0] != first


def test_outside_a_request_every_call_reads():
    with CaptureQueriesContext(connection) as queries:
        cache.generations(["org"])
        cache.generations(["org"])
    assert cache_reads(queries) == 2


def test_every_app_is_a_topic():
    topics = cache.all_topics()
    assert {"tasks", "org", "cockpit", "risks"} <= topics
    assert "notify" not in topics


def test_a_page_request_begins_and_ends_the_tokens(as_user, sanmao):
    seen = []
    client = as_user(sanmao)
    from mingzhu.core import scope

    real = scope.generations

    def spy(topics, extra_keys=()):
        seen.append(
            dict(cache._request.tokens or {}) if cache._request.tokens is not None else None
        )
        return real(topics, extra_keys)

    scope.generations = spy
    try:
        assert client.get("/tasks/").status_code == 200
    finally:
        scope.generations = real
    assert seen and seen[0] == {}  # in the request, before its first read
    assert cache._request.tokens is None  # and forgotten when it ended
