"""The shared pieces a module's declarations are built on: its configuration, its menu
group, its URL table and its task-backed status map."""

import types

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.views.generic import View

from mingzhu.core import menu
from mingzhu.core.routing import ModelPages
from mingzhu.grid.choices import EventStatus
from mingzhu.org.choices import RoleCode
from mingzhu.org.roles import ROLE_PERMISSIONS
from mingzhu.risks.choices import HazardStatus
from mingzhu.rural.choices import FaultStatus
from mingzhu.tasks.choices import Status, status_map


def test_a_module_is_named_after_its_package_and_its_menu_is_found():
    config = apps.get_app_config("party")
    assert config.name == "mingzhu.party"
    assert apps.get_app_config("core").name == "mingzhu.core"
    # Party names no submodule to register: its menu is found all the same.
    assert not config.registers
    assert "party:overview" in {item.url_name for item in menu._groups["party"].items}


def test_grants_given_to_a_tuple_of_roles_reach_each_role():
    # targets gives its entry permissions to departments, towns and statisticians at once.
    for role in (RoleCode.DEPT_STAFF, RoleCode.TOWN_STAFF, RoleCode.STATISTICIAN):
        assert "targets.add_observation" in ROLE_PERMISSIONS[role]
    assert "targets.add_observation" not in ROLE_PERMISSIONS[RoleCode.LEADER]


def test_menu_items_are_the_modules_own_unless_they_name_another(monkeypatch):
    monkeypatch.setattr(menu, "_groups", {})
    group = menu.Menu("things", "Things", "box", 10)
    group.page("Board", "board", "flag", "view_thing")
    group.page("Log", "core:changelog", "clock", "auditlog.view_logentry")
    group.page("Notices", "notices", "bell")
    group.listing("Things", "thing", "box")
    group.listing("Kinds", "kind", "tags", needs="change")
    # Another module adds to the same group, with its own URL names and permissions.
    menu.Menu("things", "Things", "box", 10, app="other").listing("Others", "other", "x")

    items = [(i.url_name, i.permission) for i in menu._groups["things"].items]
    assert items == [
        ("things:board", "things.view_thing"),
        ("core:changelog", "auditlog.view_logentry"),
        ("things:notices", None),
        ("things:thing_list", "things.view_thing"),
        ("things:kind_list", "things.change_kind"),
        ("other:other_list", "other.view_other"),
    ]


def test_routes_name_the_pages_after_their_views_unless_told():
    class RatesView(View):
        pass

    class TaskBulkView(View):
        pass

    module = types.ModuleType("some_views")
    module.RatesView, module.TaskBulkView = RatesView, TaskBulkView
    pages = ModelPages(module)

    urls = pages.routes({"rates/": "Rates", "bulk/": "TaskBulk", "x/": ("Rates", "other")})
    found = [(str(u.pattern), u.name, u.callback.view_class) for u in urls]
    assert found == [
        ("rates/", "rates", RatesView),
        ("bulk/", "task_bulk", TaskBulkView),
        ("x/", "other", RatesView),
    ]
    with pytest.raises(ImproperlyConfigured):
        pages.routes({"none/": "Nothing"})


def test_a_status_map_covers_every_task_state():
    fault = status_map(
        FaultStatus,
        working=FaultStatus.REPAIRING,
        closure_requested=FaultStatus.AWAITING_CHECK,
        closed=FaultStatus.REPAIRED,
    )
    assert set(fault) == set(Status)
    assert fault[Status.DEFERRED] == fault[Status.DRAFT] == FaultStatus.REPAIRING
    assert fault[Status.RETURNED] == FaultStatus.RETURNED
    assert fault[Status.CLOSED] == FaultStatus.REPAIRED
    assert fault[Status.CANCELLED] == FaultStatus.CANCELLED

    # Statuses named as the task's stand for them unless told otherwise.
    event = status_map(
        EventStatus, working=EventStatus.HANDLING, closure_requested=EventStatus.AWAITING_RECHECK
    )
    assert event[Status.CLOSED] == EventStatus.CLOSED

    # Without a returned status of its own, a returned task is still being worked on.
    hazard = status_map(
        HazardStatus,
        working=HazardStatus.OPEN,
        closure_requested=HazardStatus.AWAITING,
        closed=HazardStatus.RECTIFIED,
    )
    assert hazard[Status.RETURNED] == HazardStatus.OPEN

    # A status it has none of, and is not told, is refused at once.
    with pytest.raises(ValueError):
        status_map(
            FaultStatus, working=FaultStatus.REPAIRING, closure_requested=FaultStatus.AWAITING_CHECK
        )
