"""The cockpit page: who sees it, the day it shows, its panels' cards."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.cockpit import panels
from mingzhu.cockpit.panels import Panel
from mingzhu.cockpit.views import parse_as_of


@pytest.mark.parametrize(
    ("persona", "keys"),
    [
        ("leader", ["tasks", "grid"]),
        ("supervisor", ["tasks", "grid"]),
        ("fgw", ["tasks", "grid"]),
        ("sanmao", ["tasks", "grid"]),
        ("xinba", ["tasks", "grid"]),
        ("grid_worker", ["grid"]),
        ("enterprise_user", None),
        ("administrator", None),
        ("outsider", None),
    ],
)
def test_it_shows_the_cockpit_to_whoever_has_panels(
    request, as_user, only_our_panels, persona, keys
):
    response = as_user(request.getfixturevalue(persona)).get("/")
    assert response.status_code == 200
    content = response.content.decode()
    if keys is None:
        assert "cockpit/cockpit.html" not in [t.name for t in response.templates]
        assert 'id="cockpit"' not in content
    else:
        assert [p.key for p, _body in response.context["panels"]] == keys
        assert 'id="cockpit"' in content
        for key in keys:
            assert f'id="panel-{key}"' in content


def test_it_keeps_the_tiles_for_a_user_without_panels(as_user, only_our_panels, outsider):
    content = as_user(outsider).get("/").content.decode()
    assert 'id="no-role"' in content


def test_it_shows_the_cockpit_to_anyone_a_panel_is_offered(as_user, monkeypatch, outsider):
    def hello(user, as_of):
        return Panel(key="hello", title="Hello", template="", empty=True, empty_message="Nix")

    monkeypatch.setattr(panels, "_registry", {"hello": panels.Entry(1, hello)})
    content = as_user(outsider).get("/").content.decode()
    assert 'id="panel-hello"' in content and "Nix" in content


def test_it_lists_the_empty_panels_under_the_others_not_as_boxes(as_user, monkeypatch, outsider):
    """A panel with nothing in the user's scope is a line under the panels with figures
    (its title, a link to its page and what it says), not a card of its own."""

    def full(user, as_of):
        return Panel(key="full", title="Full", template="cockpit/panels/tasks.html")

    def bare(user, as_of):
        return Panel(
            key="bare",
            title="Bare",
            template="",
            link="/x/",
            empty=True,
            empty_message="Nothing here",
        )

    monkeypatch.setattr(
        panels, "_registry", {"bare": panels.Entry(1, bare), "full": panels.Entry(2, full)}
    )
    response = as_user(outsider).get("/")
    content = response.content.decode()
    assert [p.key for p, _body in response.context["filled"]] == ["full"]
    assert '<section class="card h-100 shadow-sm" id="panel-full"' in content
    assert (
        'id="panel-bare"' in content
        and '<section class="card h-100 shadow-sm" id="panel-bare"' not in content
    )
    empty = content[content.index('id="cockpit-empty"') :]
    assert '<li id="panel-bare"' in empty and '<a href="/x/">Bare</a>' in empty
    assert '<span class="text-muted panel-empty">Nothing here</span>' in empty
    # With every panel holding figures there is no such list.
    monkeypatch.setattr(panels, "_registry", {"full": panels.Entry(2, full)})
    assert 'id="cockpit-empty"' not in as_user(outsider).get("/").content.decode()


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_renders_each_panel_in_a_card(as_user, only_our_panels, leader):
    content = as_user(leader).get("/").content.decode()
    assert 'href="/tasks/"' in content and 'href="/grid/events/"' in content
    assert 'id="tasks-chart-data"' in content
    assert "vendor/echarts/dist/echarts.min.js" in content
    # One column on a phone, the panel's width from the large breakpoint on.
    assert 'class="col-12 col-lg-6"' in content


def test_it_shows_today_by_default(as_user, only_our_panels, leader):
    response = as_user(leader).get("/")
    assert response.context["as_of"] == timezone.localdate()
    assert response.context["is_today"]


def test_it_shows_the_day_asked_for(as_user, only_our_panels, leader):
    response = as_user(leader).get("/?as_of=2025-11-20")
    assert response.context["as_of"] == dt.date(2025, 11, 20)
    assert 'value="2025-11-20"' in response.content.decode()
    panel = response.context["panels"][0][0]
    assert panel.context["as_of"] == dt.date(2025, 11, 20)


@pytest.mark.parametrize("bad", ["nonsense", "2025-13-01", "2025-02-30", "2025/11/20", "1"])
def test_it_survives_a_bad_day(as_user, only_our_panels, leader, bad):
    response = as_user(leader).get(f"/?as_of={bad}")
    assert response.status_code == 200
    assert response.context["as_of"] == timezone.localdate()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_it_parses_the_day():
    today = dt.date(2026, 11, 20)
    assert parse_as_of(None, today) == (today, None)
    assert parse_as_of("", today) == (today, None)
    assert parse_as_of(" 2024-02-29 ", today) == (dt.date(2024, 2, 29), None)
    day, error = parse_as_of("2023-02-29", today)
    assert day == today and error


@pytest.mark.parametrize("persona", ["leader", "sanmao"])
def test_it_pins_the_query_count_as_data_grows(
    request, as_user, only_our_panels, grow, django_assert_max_num_queries, persona
):
    client = as_user(request.getfixturevalue(persona))
    grow(1)  # an overdue task in every scope: each of the panels' queries runs
    client.get("/")  # sessions, caches
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    grow(5)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get("/")
    assert response.status_code == 200
