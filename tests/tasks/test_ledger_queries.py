"""The ledger's queries, which the million-task benchmark tuned: the task scope (lead unit,
issuer or a co-unit in scope), the light filter in SQL as services.light says, and a fixed
number of queries for the page and the API list."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.core.scope import restrict
from mingzhu.tasks.choices import Light, Status
from mingzhu.tasks.filters import light_filter
from mingzhu.tasks.models import Task

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

D = dt.date
PERSONAS = [
    "leader",
    "supervisor",
    "fgw",
    "sanmao",
    "xinba",
    "grid_worker",
    "enterprise_user",
    "administrator",
    "outsider",
]


@pytest.fixture
def spread(make_task, unit):
    """Tasks led, co-led and issued by units all over the tree."""
    make_task(lead="YZ-DEPT-FGW")
    make_task(lead="YZ-XINBA")
    make_task(lead="YZ-DEPT-FGW", co_units=[unit("YZ-XINBA")])
    sanmao_village = unit("321182001000").children.first()
    make_task(lead=sanmao_village.code)
    draft = make_task(lead="YZ-DEPT-FGW")
    draft.issuer = unit("YZ-XINBA")
    draft.save(update_fields=["issuer"])


def _by_hand(user, action):
    """The tasks a user may reach, worked out in Python from the units' paths."""
    from mingzhu.core.scope import permission_name, user_scope

    perm = permission_name(Task, action)
    if not user.has_perm(perm):
        return set()
    scope = user_scope(user, perm)
    if scope.everything:
        return set(Task.objects.values_list("pk", flat=True))

    def inside(unit):
        return unit is not None and (
            unit.pk in scope.unit_ids or any(unit.path.startswith(p) for p in scope.subtree_paths)
        )

    return {
        t.pk
        for t in Task.objects.select_related("lead_unit", "issuer").prefetch_related("co_units")
        if inside(t.lead_unit) or inside(t.issuer) or any(inside(u) for u in t.co_units.all())
    }


@pytest.mark.parametrize("action", ["view", "change", "add", "delete"])
def test_it_scopes_tasks_by_lead_unit_issuer_and_co_units(request, spread, action):
    for name in PERSONAS:
        user = request.getfixturevalue(name)
        got = list(restrict(Task.objects.all(), user, action).values_list("pk", flat=True))
        assert len(got) == len(set(got)), name  # no duplicates from the co-unit branch
        assert set(got) == _by_hand(user, action), (name, action)


def test_it_lights_in_sql_as_the_rules_say(supervisor, unit):
    rng = random.Random(3)
    statuses = list(Status)
    base = D(2025, 9, 20)
    tasks = []
    for i in range(60):
        deadline = base + dt.timedelta(days=rng.randrange(0, 30))
        assigned = deadline - dt.timedelta(days=rng.randrange(-3, 40))
        tasks.append(
            Task.objects.create(
                title=f"亮灯 {i}",
                issuer=supervisor.unit,
                lead_unit=unit("YZ-DEPT-FGW"),
                status=rng.choice(statuses),
                deadline=deadline,
                progress=rng.randrange(0, 101, 5),
                assigned_on=assigned if i % 4 else None,
            )
        )
    # Tasks never assigned start on the day they were created.
    created = dt.datetime(2025, 9, 1, 23, 30, tzinfo=dt.UTC)  # 09-02 in Shanghai
    Task.objects.filter(pk__in=[t.pk for t in tasks[::8]]).update(created_at=created)
    tasks = list(Task.objects.filter(pk__in=[t.pk for t in tasks]))
    mine = Task.objects.filter(pk__in=[t.pk for t in tasks])
    # Around the 2025 National Day holiday and its make-up working day, 09-28.
    for as_of in (D(2025, 9, 26), D(2025, 9, 28), D(2025, 9, 30), D(2025, 10, 5), D(2025, 10, 9)):
        for value in Light.values:
            expected = {t.pk for t in tasks if t.light_on(as_of) == value}
            got = set(light_filter(mine, value, as_of).values_list("pk", flat=True))
            assert got == expected, (as_of, value)
        assert any(t.light_on(as_of) == Light.YELLOW for t in tasks)


class Counted(int):
    """A page's query count, with the queries it ran (``queries``)."""

    def __new__(cls, queries: list[str]):
        counted = super().__new__(cls, len(queries))
        counted.queries = queries
        return counted


def count_queries(client, url) -> Counted:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return Counted([q["sql"] for q in ctx.captured_queries])


@pytest.mark.parametrize("base", ["/tasks/", "/api/v1/tasks/"])
@pytest.mark.parametrize("persona", ["supervisor", "sanmao"])
def test_it_lists_tasks_in_a_fixed_number_of_queries(request, make_task, base, persona):
    client = request.getfixturevalue("as_user")(request.getfixturevalue(persona))
    today = timezone.localdate()
    urls = [
        base,
        f"{base}?status=in_progress",
        f"{base}?light=red",
        f"{base}?light=yellow",
        f"{base}?light=green",
        f"{base}?deadline_after={today}&deadline_before=2099-12-31",
    ]

    def add_tasks():
        for status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED):
            for lead, handler in (("YZ-DEPT-FGW", "fgw"), ("321182001000", "sanmao")):
                for days in (2, -2, 300):
                    make_task(
                        status,
                        lead=lead,
                        handler=request.getfixturevalue(handler),
                        deadline=today + dt.timedelta(days=days),
                    )

    add_tasks()  # every filter finds some (an empty page skips its row query)
    # What the process keeps for a while (the user's access, core.scope.ACCESS_SECONDS;
    # the holiday calendar) is read by whichever request comes first after it lapses: read
    # it now, so that the counts below are the pages' own.
    count_queries(client, base)
    before = [count_queries(client, url) for url in urls]
    add_tasks()
    after = [count_queries(client, url) for url in urls]
    grew = [
        f"{url}: {b} → {a}\n  before: {' | '.join(b.queries)}\n  after: {' | '.join(a.queries)}"
        for url, b, a in zip(urls, before, after, strict=True)
        if a != b
    ]
    assert not grew, "\n".join(grew)
    # A light costs no query of its own.
    assert len(set(before)) == 1, dict(zip(urls, before, strict=True))


def _filters(today):
    """Filters a ledger applies after the scope, as the filter set does."""
    return [
        lambda qs: qs,
        lambda qs: qs.filter(status=Status.ASSIGNED),
        lambda qs: light_filter(qs, Light.RED, today),
        lambda qs: light_filter(qs, Light.GREEN, today),
        lambda qs: qs.filter(deadline__gte=today).order_by("-deadline"),
        lambda qs: qs.select_related("lead_unit").filter(lead_unit__kind="department"),
    ]


def test_it_counts_a_scope_of_several_fields_in_parts_to_the_same_number(
    request, spread, make_task, unit
):
    # Tasks in scope through several fields at once must be counted once.
    both = make_task(lead="YZ-XINBA", co_units=[unit("YZ-XINBA")])
    both.issuer = unit("YZ-XINBA")
    both.save(update_fields=["issuer"])
    today = timezone.localdate()
    for name in PERSONAS:
        user = request.getfixturevalue(name)
        for apply in _filters(today):
            qs = apply(restrict(Task.objects.all(), user, "view"))
            assert qs.count() == len(list(qs)), name


def test_it_counts_the_parts_without_the_scopes_or(request, spread):
    """The count's queries carry no OR of the scope fields: each part is one field."""
    user = request.getfixturevalue("xinba")
    qs = restrict(Task.objects.all(), user, "view").filter(status=Status.ASSIGNED)
    with CaptureQueriesContext(connection) as ctx:
        counted = qs.count()
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 3  # lead unit; issuer and not lead; co-unit and neither
    assert all(" OR " not in sql for sql in counts)
    assert counted == len(list(qs))


def test_it_counts_the_ordinary_way_when_parts_would_not_be_the_same(request, spread):
    user = request.getfixturevalue("xinba")
    scoped = restrict(Task.objects.all(), user, "view")
    # DISTINCT, slices and a scope moved under an OR are counted as they stand.
    for qs in (
        scoped.distinct(),
        scoped[:2],
        scoped | Task.objects.filter(status=Status.DRAFT),
    ):
        with CaptureQueriesContext(connection) as ctx:
            counted = qs.count()
        assert counted == len(list(qs))
        assert sum("COUNT(" in q["sql"] for q in ctx.captured_queries) <= 1
