"""The cockpit's panels kept in the shared cache: per scope, day and language, computed
again as soon as a write changes what they read, and a fixed number of queries whatever
the number of rows."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.cockpit.panels import scope_key
from mingzhu.core import cache as shared
from mingzhu.org.models import OrgUnit
from mingzhu.risks.debt.models import DebtInstrument
from mingzhu.rural.models import Facility
from mingzhu.tasks import actions
from mingzhu.tasks.jobs import supervise
from mingzhu.tasks.models import Task


@pytest.fixture
def cached(settings, db):
    settings.COCKPIT_CACHE_SECONDS = 600
    cache.clear()


@pytest.fixture
def signed_in(as_user, django_capture_on_commit_callbacks):
    """signed_in(user) -> a client; the sign-in's own writes committed (as a request's
    are), so that what a test does next is a transaction of its own."""

    def make(user):
        with django_capture_on_commit_callbacks(execute=True):
            return as_user(user)

    return make


def panel(client, key: str, **params):
    response = client.get("/", params)
    assert response.status_code == 200
    return {p.key: p for p, _body in response.context["panels"]}[key]


def bodies(client) -> dict[str, str]:
    return {p.key: body for p, body in client.get("/").context["panels"]}


def queries(client, **params) -> list[str]:
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/", params).status_code == 200
    return [q["sql"] for q in seen.captured_queries]


def outside_cache(sql: list[str]) -> list[str]:
    """The queries of the panels (the cache's own read names every panel)."""
    return [q for q in sql if "mingzhu_cache" not in q]


def overdue_task(supervisor, lead, code: str) -> Task:
    return Task(
        code=code,
        title="逾期任务",
        issuer=supervisor.unit,
        lead_unit=lead,
        deadline=timezone.localdate() - dt.timedelta(days=3),
        assigned_on=timezone.localdate() - dt.timedelta(days=30),
        status="in_progress",
    )


def test_it_serves_the_second_visit_from_the_cache(as_user, cached, leader):
    client = as_user(leader)
    first = queries(client)
    second = queries(client)
    assert len(second) < len(first) / 3
    # One read of the cache: every topic's token, for the user's kept access
    # (core.scope.access) and, kept in the request, for the panels kept by the process.
    assert len([q for q in second if "mingzhu_cache" in q]) == 1
    assert bodies(client) == bodies(client)


def test_a_task_saved_shows_at_once(
    signed_in, cached, leader, supervisor, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    before = panel(client, "tasks").context["overdue"]
    lead = OrgUnit.objects.get(name="三茅街道")
    with django_capture_on_commit_callbacks(execute=True):
        overdue_task(supervisor, lead, "CACHE-1").save()
    assert panel(client, "tasks").context["overdue"] == before + 1


def test_an_action_shows_at_once(
    signed_in, cached, leader, supervisor, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    task = Task.objects.filter(status__in=("in_progress", "accepted"), progress__lt=100).first()
    before = panel(client, "tasks").context["open"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel(task, actor=supervisor, comment="不再需要")
    assert panel(client, "tasks").context["open"] == before - 1


def test_tasks_created_in_bulk_show_at_once(
    signed_in, cached, leader, supervisor, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    before = panel(client, "tasks").context["overdue"]
    lead = OrgUnit.objects.get(name="三茅街道")
    rows = [
        {
            "title": f"批量逾期 {i}",
            "lead_unit": lead,
            "deadline": timezone.localdate() - dt.timedelta(days=2),
            "status": "in_progress",
            "assigned_on": timezone.localdate() - dt.timedelta(days=20),
        }
        for i in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        actions.create_tasks(rows, actor=supervisor)
    assert panel(client, "tasks").context["overdue"] == before + 3


def test_the_supervision_job_shows_at_once(
    signed_in, cached, leader, supervisor, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    lead = OrgUnit.objects.get(name="三茅街道")
    with django_capture_on_commit_callbacks(execute=True):
        Task.objects.bulk_create([overdue_task(supervisor, lead, "CACHE-SHEET")])
        shared.bump("tasks")  # bulk_create alone sends no signal
    before = panel(client, "tasks").context["sheets"]
    with django_capture_on_commit_callbacks(execute=True):
        created = supervise(timezone.localdate())["created"]
    assert created
    after = panel(client, "tasks").context["sheets"]
    assert sum(n for *_level, n in after) == sum(n for *_level, n in before) + created


def test_a_debt_instrument_shows_at_once(
    signed_in, cached, leader, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    before = panel(client, "debt").context["p"]["outstanding"]
    model = DebtInstrument.objects.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        model.pk, model.code = None, "CACHE-NEW"
        model.start = timezone.localdate() - dt.timedelta(days=10)
        model.maturity = timezone.localdate() + dt.timedelta(days=400)
        model.save()
    assert panel(client, "debt").context["p"]["outstanding"] > before


def test_a_write_rolled_back_bumps_nothing(cached, db):
    from django.db import transaction

    tokens, _kept = shared.generations(["tasks"])
    with pytest.raises(RuntimeError), transaction.atomic():
        shared.bump("tasks")
        raise RuntimeError
    assert shared.generations(["tasks"])[0] == tokens


def test_a_past_day_is_kept_and_invalidated_alike(
    signed_in, cached, leader, supervisor, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    day = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    queries(client, as_of=day)
    assert not [q for q in outside_cache(queries(client, as_of=day)) if "tasks_task" in q]
    with django_capture_on_commit_callbacks(execute=True):
        Facility.objects.order_by("pk").first().save()
    again = outside_cache(queries(client, as_of=day))
    assert [q for q in again if "rural_" in q]  # the rural panel computed again
    assert not [q for q in again if "debt" in q]  # the debt panel still kept


def test_each_scope_has_its_own_panels(as_user, cached, leader, sanmao):
    assert scope_key(leader) != scope_key(sanmao)
    city = panel(as_user(leader), "tasks").context["open"]
    town = panel(as_user(sanmao), "tasks").context["open"]
    assert town < city


def test_users_alike_share_their_panels(cached, sanmao, django_user_model):
    twin = django_user_model.objects.create(username="sanmao-twin", unit=sanmao.unit)
    twin.roles.set(sanmao.roles.all())
    assert scope_key(twin) == scope_key(sanmao)
    other = django_user_model.objects.create(
        username="xinba-twin", unit=OrgUnit.objects.get(name="新坝镇")
    )
    other.roles.set(sanmao.roles.all())
    assert scope_key(other) != scope_key(sanmao)


def grow(supervisor, rounds: int) -> None:
    """More tasks (overdue and open, in every town and department), debt instruments and
    rural facilities."""
    units = list(OrgUnit.objects.filter(kind__in=("town", "street", "department")))
    Task.objects.bulk_create(
        overdue_task(supervisor, lead, f"GROW-{r}-{lead.pk}-{k}")
        for r in range(rounds)
        for lead in units
        for k in range(2)
    )
    model = DebtInstrument.objects.order_by("pk").first()
    copies = []
    for r in range(rounds * 5):
        copy = DebtInstrument.objects.get(pk=model.pk)
        copy.pk, copy.code = None, f"GROW-DEBT-{r}"
        copies.append(copy)
    DebtInstrument.objects.bulk_create(copies)
    facility = Facility.objects.order_by("pk").first()
    facilities = []
    for r in range(rounds * 5):
        copy = Facility.objects.get(pk=facility.pk)
        copy.pk = None
        copy.name = f"{copy.name}-{r}"
        facilities.append(copy)
    Facility.objects.bulk_create(facilities)


@pytest.mark.parametrize("persona", ["leader", "sanmao", "czj"])
def test_it_pins_the_query_count_as_data_grows(request, as_user, cached, supervisor, persona):
    """Computed (the cache emptied) and kept, the cockpit makes the same number of queries
    with more tasks, debt and rural rows. Kept, it reads the session, the user, their
    permissions and roles, and the cache once."""
    client = as_user(request.getfixturevalue(persona))
    client.get("/")  # the session's row

    def counts() -> tuple[int, int]:
        cache.clear()
        computed = queries(client)
        kept = queries(client)
        return len(computed), len(kept)

    before = counts()
    grow(supervisor, 3)
    after = counts()
    assert after == before
    assert before[1] <= 8


@pytest.fixture
def drawing(monkeypatch):
    """The panels whose body is drawn (``panels.body``), in order."""
    from mingzhu.cockpit import panels

    drawn = []
    real = panels.body

    def counted(panel, as_of):
        drawn.append(panel.key)
        return real(panel, as_of)

    monkeypatch.setattr(panels, "body", counted)
    return drawn


def test_a_kept_visit_draws_no_panel_again(signed_in, cached, leader, drawing):
    client = signed_in(leader)
    first = bodies(client)
    assert "tasks" in drawing
    drawing.clear()
    sql = queries(client)
    assert drawing == []
    # The process's copy: the cache read names the topics only, not the panels' entry.
    assert not [q for q in sql if "mingzhu:cockpit:" in q]
    assert bodies(client) == first


def test_a_write_draws_the_panels_it_changes_again(
    signed_in, cached, leader, supervisor, drawing, django_capture_on_commit_callbacks
):
    client = signed_in(leader)
    before = bodies(client)
    overdue = panel(client, "tasks").context["overdue"]
    drawing.clear()
    lead = OrgUnit.objects.get(name="三茅街道")
    with django_capture_on_commit_callbacks(execute=True):
        overdue_task(supervisor, lead, "CACHE-DRAWN").save()
    after = bodies(client)
    assert "tasks" in drawing
    assert after["tasks"] != before["tasks"]
    assert panel(client, "tasks").context["overdue"] == overdue + 1
    assert after["debt"] == before["debt"]


def test_each_language_and_day_draws_its_own_bodies(signed_in, cached, leader):
    from django.utils import translation

    client = signed_in(leader)
    chinese = bodies(client)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        english = bodies(client)
    assert english["tasks"] != chinese["tasks"]
    day = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    client.cookies["django_language"] = "zh-hans"
    assert bodies(client) == chinese
    past = {p.key: b for p, b in client.get("/", {"as_of": day}).context["panels"]}
    assert past.keys() == chinese.keys()


def test_users_of_one_scope_share_the_drawn_bodies(
    signed_in, cached, sanmao, django_user_model, drawing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        twin = django_user_model.objects.create(username="sanmao-twin2", unit=sanmao.unit)
        twin.roles.set(sanmao.roles.all())
    clients = signed_in(sanmao), signed_in(twin)  # (a sign-in writes to the org tables)
    first = bodies(clients[0])
    drawing.clear()
    assert bodies(clients[1]) == first
    assert drawing == []


def test_the_kept_copy_lives_no_longer_than_the_entry(signed_in, cached, leader, drawing):
    from mingzhu.cockpit import panels

    client = signed_in(leader)
    bodies(client)
    for key, (entry, drawn, _until) in list(panels._KEPT.items()):
        panels._KEPT[key] = (entry, drawn, 0.0)  # expired
    drawing.clear()
    sql = queries(client)
    assert "tasks" in drawing  # drawn again from the shared entry
    assert [q for q in sql if "mingzhu:cockpit:" in q]
