"""The choices of a list's filters (units, lists, leaders in the user's scope) are kept
by the process per filter, scope and language (``core.filters.KeptChoices``): the same
options as reading them afresh, read again after a committed write to the topics they
come from, never kept from a transaction's own writes, and read again after
``KEPT_SECONDS``."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from mingzhu.core import cache, filters
from mingzhu.core.models import with_names
from mingzhu.core.scope import restrict
from mingzhu.org.models import OrgUnit, Role, User
from mingzhu.tasks.filters import TaskFilter
from mingzhu.tasks.models import Task, TaskList

PERSONAS = ["leader", "supervisor", "sanmao", "xinba", "fgw", "rexian", "czj", "tongji"]
CHOICES = ["task_list", "lead_unit", "leader"]


def _filterset(username: str, data=None) -> TaskFilter:
    request = RequestFactory().get("/tasks/")
    request.user = User.objects.get(username=username)
    return TaskFilter(data, queryset=Task.objects.all(), request=request)


def _options(username: str, name: str) -> list[tuple[str, str]]:
    field = _filterset(username).form.fields[name]
    return [(str(value), str(label)) for value, label in field.choices]


def _fresh(username: str, name: str) -> list[tuple[str, str]]:
    """The rows the filter offers, read afresh: the declared rows restricted to the
    user's scope, named by ``str``."""
    user = User.objects.get(username=username)
    rows = with_names(restrict(TaskFilter.base_filters[name].queryset, user, "view"))
    return [(str(obj.pk), str(obj)) for obj in rows]


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_kept_choices_are_the_scopes_rows(username):
    filters._KEPT.clear()
    for name in CHOICES:
        cold = _options(username, name)
        assert cold[0][0] == "" and cold[1:] == _fresh(username, name)
        field = _filterset(username).form.fields[name]
        with CaptureQueriesContext(connection) as queries:
            kept = [(str(value), str(label)) for value, label in field.choices]
        assert kept == cold
        # Kept: no query of the rows (a read of the cache's generations only).
        tables = {"task_list": "tasks_tasklist", "lead_unit": "org_orgunit", "leader": "org_user"}
        assert not any(tables[name] in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db
def test_scopes_do_not_share_their_choices():
    filters._KEPT.clear()
    town = _options("sanmao", "lead_unit")
    other_town = _options("xinba", "lead_unit")
    everything = _options("leader", "lead_unit")
    assert len(town) < len(everything) and len(other_town) < len(everything)
    assert set(town) != set(other_town)
    assert town[1:] == _fresh("sanmao", "lead_unit")
    assert other_town[1:] == _fresh("xinba", "lead_unit")


@pytest.mark.django_db
def test_a_chosen_row_outside_the_scope_is_refused_with_kept_choices():
    filters._KEPT.clear()
    _options("sanmao", "lead_unit")  # kept
    seen = OrgUnit.objects.restrict(User.objects.get(username="sanmao"), "view")
    outside = OrgUnit.objects.exclude(pk__in=seen.values("pk")).first()
    inside = seen.first()
    refused = _filterset("sanmao", {"lead_unit": outside.pk})
    assert not refused.is_valid() and "lead_unit" in refused.errors
    assert _filterset("sanmao", {"lead_unit": inside.pk}).is_valid()


def _keep_fake(username: str, name: str, age: float = 0) -> None:
    """Replace what the process keeps for the filter by one made-up option, read ``age``
    seconds ago: what a form then offers shows whether it used the kept entry."""
    _options(username, name)
    key = next(k for k in filters._KEPT if k[1] == name)
    tokens, _rows, read_at = filters._KEPT[key]
    filters._KEPT[key] = (tokens, [(0, "made up")], read_at - age)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "topic"), [("task_list", "tasks"), ("lead_unit", "org")])
def test_a_committed_bump_is_seen(name, topic):
    filters._KEPT.clear()
    _keep_fake("leader", name)
    assert _options("leader", name)[1:] == [("0", "made up")]  # the kept entry is used …
    cache._write([topic])  # … until the topic's generation changes (any process's commit)
    assert _options("leader", name)[1:] == _fresh("leader", name)


@pytest.mark.django_db
def test_a_leaders_role_taken_away_is_seen():
    filters._KEPT.clear()
    before = _options("leader", "leader")
    chosen = User.objects.get(pk=int(before[1][0]))
    chosen.roles.remove(Role.objects.get(code="leader"))  # org topic, pending
    assert (str(chosen.pk), str(chosen)) not in _options("leader", "leader")


@pytest.mark.django_db
def test_a_transactions_own_write_is_read_and_not_kept():
    filters._KEPT.clear()
    _options("leader", "task_list")
    kept = dict(filters._KEPT)
    issuer = User.objects.get(username="fgw").unit
    added = TaskList.objects.create(name="新清单（测试）", kind="other", issuer=issuer, year=2026)
    assert cache.pending("tasks")
    assert (str(added.pk), str(added)) in _options("leader", "task_list")
    assert kept == filters._KEPT  # nothing kept from uncommitted rows


@pytest.mark.django_db
def test_a_committed_new_list_is_offered(django_capture_on_commit_callbacks):
    filters._KEPT.clear()
    _options("leader", "task_list")
    issuer = User.objects.get(username="fgw").unit
    with django_capture_on_commit_callbacks(execute=True):
        added = TaskList.objects.create(
            name="新清单（提交后）", kind="other", issuer=issuer, year=2026
        )
    assert not cache.pending("tasks")
    assert (str(added.pk), str(added)) in _options("leader", "task_list")


@pytest.mark.django_db
def test_a_unit_renamed_and_committed_is_offered_by_its_new_name(
    django_capture_on_commit_callbacks,
):
    filters._KEPT.clear()
    _options("sanmao", "lead_unit")
    unit = User.objects.get(username="sanmao").unit
    before = dict(_options("sanmao", "lead_unit"))[str(unit.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        OrgUnit.objects.filter(pk=unit.pk).update(name="三茅街道（改名）")
        cache.bump("org")  # an update() that goes around save() bumps itself
    now = dict(_options("sanmao", "lead_unit"))[str(unit.pk)]
    assert now == str(OrgUnit.objects.get(pk=unit.pk)) != before


@pytest.mark.django_db
def test_an_old_entry_is_read_again():
    filters._KEPT.clear()
    _keep_fake("leader", "lead_unit", age=filters.KEPT_SECONDS + 1)
    assert _options("leader", "lead_unit")[1:] == _fresh("leader", "lead_unit")


@pytest.mark.django_db
def test_each_language_keeps_its_own():
    filters._KEPT.clear()
    with translation.override("en"):
        _options("leader", "task_list")
    with translation.override("zh-hans"):
        _options("leader", "task_list")
    languages = {key[-1] for key in filters._KEPT if key[1] == "task_list"}
    assert languages == {"en", "zh-hans"}


def test_the_topics_of_the_ledgers_choices():
    def topics(name):
        return filters.read_topics(with_names(TaskFilter.base_filters[name].queryset))

    assert topics("task_list") >= {"tasks", "org"}
    assert topics("lead_unit") == {"org"}
    assert topics("leader") == {"org"}
