"""Every source that docs/projects.md names as feeding the department assessment is read:
its tasks count in the engine's rates and its ratings reach 满意率 through a registered
reader, for a department that has some; the score is Σ weight × rate over the items with
data."""

import datetime as dt
import re
from pathlib import Path

import pytest

from mingzhu.appraisal import actions, inputs
from mingzhu.appraisal.choices import DEPARTMENT_SCHEME
from mingzhu.org.models import Role, User
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import SourceKind

DOC = Path(__file__).resolve().parents[2] / "docs" / "projects.md"
# Far in the future: only what a test creates is in this quarter.
Y, Q = 2031, 1
AT = dt.datetime(Y, 1, 6, 9, tzinfo=dt.UTC)


def documented_sources() -> list[str]:
    """The source kinds the docs' "Departments" input names (``source kind `a` or `b```)."""
    text = DOC.read_text(encoding="utf-8")
    bullet = re.search(r"\*\*Departments\*\*(.*?)(?=\n- \*\*|\n#)", text, re.S)
    assert bullet, "docs/projects.md has no **Departments** input"
    kinds = re.search(r"source kind((?:\s*(?:,|or)?\s*`\w+`)+)", bullet.group(1))
    assert kinds, "the Departments input names no source kind"
    return re.findall(r"`(\w+)`", kinds.group(1))


def test_the_docs_name_the_sources_the_code_reads():
    documented = documented_sources()
    assert set(documented) == {SourceKind.FACTOR_REQUEST, SourceKind.DEMAND}
    assert set(documented) == set(inputs.DEPARTMENT_SOURCES)
    # Every one of them has a registered ratings reader for 满意率.
    for kind in documented:
        assert callable(inputs.SATISFACTION_SOURCES.get(kind)), kind


def _clerk(unit) -> User:
    user, _new = User.objects.get_or_create(username=f"clerk-{unit.code}", unit=unit)
    user.roles.set(Role.objects.filter(code="dept_staff"))
    return user


def _factor_request(unit, satisfied: bool):
    """A factor request answered by 发改委 and rated; returns its task's lead unit."""
    from mingzhu.projects import actions as project_actions
    from mingzhu.projects.models import Project

    supervisor = User.objects.get(username="supervisor")
    project = Project.objects.filter(town__code="YZ-XINBA", is_illustrative=True).first()
    request = project_actions.raise_factor_request(
        project.pk,
        actor=supervisor,
        kind="energy",
        quantity=100,
        unit="tce",
        needed_by=dt.date(Y, 3, 1),
        at=AT,
    )
    task = request.task
    clerk = User.objects.get(username="fgw")
    task_actions.accept(task.pk, actor=clerk, at=AT + dt.timedelta(hours=2))
    task_actions.request_closure(
        task.pk, actor=clerk, result="已协调", at=AT + dt.timedelta(days=1)
    )
    task_actions.verify(task.pk, actor=supervisor, at=AT + dt.timedelta(days=2))
    project_actions.rate_factor_request(
        request.pk,
        actor=supervisor,
        satisfaction="satisfied" if satisfied else "unsatisfied",
        at=AT + dt.timedelta(days=3),
    )
    return task.lead_unit


def _demand(unit, satisfied: bool):
    """An enterprise demand answered by 商务局 and rated by the industry bureau."""
    from mingzhu.enterprises import actions as enterprise_actions
    from mingzhu.enterprises.models import Enterprise

    gxj = User.objects.get(username="gxj")
    department = unit("YZ-DEPT-SWJ")
    enterprise = Enterprise.objects.filter(is_illustrative=True).order_by("pk").first()
    demand = enterprise_actions.raise_demand(
        actor=gxj, enterprise=enterprise, category="approvals", content="办证咨询", at=AT
    )
    enterprise_actions.dispatch_demand(demand.pk, actor=gxj, department=department, at=AT)
    demand.refresh_from_db()
    clerk = _clerk(department)
    at = AT + dt.timedelta(hours=3)
    task_actions.accept(demand.task_id, actor=clerk, at=at)
    task_actions.request_closure(demand.task_id, actor=clerk, result="已办结", at=at)
    enterprise_actions.rate_demand(
        demand.pk,
        actor=gxj,
        rating="satisfied" if satisfied else "dissatisfied",
        at=AT + dt.timedelta(days=1),
    )
    if not satisfied:  # the first 不满意 reopens; the second is final
        again = AT + dt.timedelta(days=1, hours=2)
        task_actions.request_closure(demand.task_id, actor=clerk, result="再次办理", at=again)
        enterprise_actions.rate_demand(
            demand.pk, actor=gxj, rating="dissatisfied", at=AT + dt.timedelta(days=2)
        )
    return department


BUILDERS = {SourceKind.FACTOR_REQUEST: _factor_request, SourceKind.DEMAND: _demand}


@pytest.mark.parametrize("kind", documented_sources())
def test_every_documented_source_feeds_the_satisfaction_rate(unit, kind):
    assert kind in BUILDERS, f"no test builder for the documented source {kind}"
    department = BUILDERS[kind](unit, True)
    start, end = inputs.quarter_bounds(Y, Q)
    tasks = inputs.department_tasks().filter(source_kind=kind)
    assert inputs.SATISFACTION_SOURCES[kind](tasks, start, end) == [(department.pk, True)]
    rows = {row.unit: row.values for row in inputs.department_inputs(Y, Q)}
    assert rows[department.code]["satisfaction_rate"] == 1.0
    assert rows[department.code]["acceptance_rate"] == 1.0
    # The same source's final dissatisfied rating counts against the department.
    BUILDERS[kind](unit, False)
    rows = {row.unit: row.values for row in inputs.department_inputs(Y, Q)}
    assert rows[department.code]["satisfaction_rate"] == 0.5


def test_the_score_counts_the_enterprise_ratings_as_worked_out_by_hand(supervisor, unit):
    department = _demand(unit, False)
    result = actions.compute_result(
        actor=supervisor, scheme_code=DEPARTMENT_SCHEME, year=Y, quarter=Q
    )
    row = result.rows.get(unit=department)
    # Accepted the same day, closed on time after one reopening (one return over two
    # answers), finally rated 不满意.
    assert row.items == {
        "on_time_rate": 1.0,
        "satisfaction_rate": 0.0,
        "acceptance_rate": 1.0,
        "rework_rate": 0.5,
    }
    # Σ weight × rate: 40 × 1 + 30 × 0 + 15 × 1 + 15 × (1 − 0.5) = 62.5. Without the
    # ratings the 满意率's weight would be scaled away: (40 + 15 + 7.5) / 70 × 100 = 89.29.
    assert float(row.score) == pytest.approx(62.5)
