"""Play a task through the engine's own actions at back-dated times.

The demo data is a script of what people did: who assigned, accepted, reported, asked for
closure, verified or returned, and when. Each step calls the real action (scope,
permission, state checks, the event and the notifications all as in use), so the demo
holds only states the engine can reach. A step the engine refuses raises ``ScriptError``:
a demo the engine would not produce is a bug.

    task = actions.create_task(actor=supervisor, at=moment(day0), ...)
    play(task, [
        ("assign", day1, supervisor),
        ("accept", day2, staff),
        ("report_progress", day5, staff, {"progress": 50}),
        Step("request_closure", day9, staff, {"result": "已完成"}),
        ("verify", day10, supervisor),
    ])

Times are aware datetimes, or dates (10:00 local time that day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from mingzhu.core.actions import ActionError
from mingzhu.org.choices import RoleCode, UnitKind
from mingzhu.org.models import OrgUnit, Role, User

from . import actions
from .choices import Status
from .models import Task, TaskEvent

# The role an illustrative staff member of a unit gets, by the unit's kind.
_STAFF_ROLES = {
    UnitKind.DEPARTMENT: RoleCode.DEPT_STAFF,
    UnitKind.TOWN: RoleCode.TOWN_STAFF,
    UnitKind.STREET: RoleCode.TOWN_STAFF,
    UnitKind.ZONE: RoleCode.TOWN_STAFF,
    UnitKind.CITY: RoleCode.TOWN_STAFF,
    UnitKind.VILLAGE: RoleCode.VILLAGE_STAFF,
    UnitKind.COMMUNITY: RoleCode.VILLAGE_STAFF,
}

# The engine's task actions a script may play, by name.
ACTIONS = {
    name: getattr(actions, name)
    for name in (
        "assign",
        "accept",
        "report_progress",
        "request_closure",
        "verify",
        "return_for_rework",
        "request_extension",
        "approve_extension",
        "cancel",
    )
}

# The usual steps after assignment that bring a task to each state.
AFTER_ASSIGN = {
    Status.ASSIGNED: [],
    Status.ACCEPTED: ["accept"],
    Status.IN_PROGRESS: ["accept", "report_progress"],
    Status.CLOSURE_REQUESTED: ["accept", "report_progress", "request_closure"],
    Status.CLOSED: ["accept", "report_progress", "request_closure", "verify"],
}

_DAY = dt.timedelta(days=1)

# The steps the issuing side takes; the lead unit's people take the others.
ISSUING = {"assign", "verify", "return_for_rework", "approve_extension", "cancel"}

# Actions whose ``comment`` is their evidence or reason: the script must give it.
_OWN_COMMENT = {"request_closure"}


class ScriptError(RuntimeError):
    """The engine refused a step of a script."""


@dataclass(frozen=True)
class Step:
    action: str
    at: dt.datetime | dt.date
    actor: object
    values: Mapping = field(default_factory=dict)


def moment(day: dt.datetime | dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware datetime: a datetime as given, a date at the hour (local time)."""
    if isinstance(day, dt.datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def play(task: Task | int, steps: Iterable, *, comment: str = "（示例）") -> Task:
    """Run the steps on the task in order through the engine; returns the task as it ends.

    A step is a ``Step`` or a tuple ``(action, at, actor[, values])``; ``values`` are the
    action's other keyword arguments. ``comment`` is given to every step that names none
    (a request for closure uses its result). Steps must not go back in time, before the
    task's last event either."""
    pk = task if isinstance(task, int) else task.pk
    last = TaskEvent.objects.filter(task_id=pk).aggregate(last=Max("at"))["last"]
    for n, raw in enumerate(steps, start=1):
        step = raw if isinstance(raw, Step) else Step(*raw)
        code = getattr(task, "code", task)
        where = f"step {n} ({step.action}) of task {code}"
        action = ACTIONS.get(step.action)
        if action is None:
            raise ScriptError(f"{where}: no such action")
        if step.actor is None:
            raise ScriptError(f"{where}: no actor")
        at = moment(step.at)
        if last is not None and at < last:
            raise ScriptError(f"{where}: {at} is before the task's previous event ({last})")
        last = at
        values = dict(step.values)
        if comment and step.action not in _OWN_COMMENT:
            values.setdefault("comment", comment)
        try:
            task = action(task, actor=step.actor, at=at, **values)
        except (ActionError, PermissionDenied, Http404, ValidationError) as exc:
            raise ScriptError(f"{where} by {step.actor.username}: {exc}") from exc
    return task


def script(
    names: Iterable[str],
    *,
    issuer,
    handler,
    start: dt.date,
    end: dt.date,
    values: Mapping[str, Mapping] | None = None,
    hour: int = 10,
) -> list[Step]:
    """Steps by name after the task's assignment on ``start``: those of the issuing side
    (``ISSUING``) by ``issuer``, the others by ``handler``; the first the day after, the
    later ones spread evenly up to ``end`` (the last on it), none after ``end`` nor
    before ``start``; each an hour later in the day than the one before. ``values``:
    action name -> that step's other keyword arguments."""
    names = list(names)
    values = values or {}
    steps = []
    for i, name in enumerate(names):
        spread = (end - start) * (i + 1) // len(names)
        day = start + (max(spread, _DAY) if i else _DAY)
        day = max(min(day, end), start)
        who = issuer if name in ISSUING else handler
        steps.append(Step(name, moment(day, hour + i), who, values.get(name, {})))
    return steps


def staff_of(unit: OrgUnit) -> User:
    """Someone of the unit who handles its tasks: a persona of that very unit who may, else
    the unit's illustrative staff member (a demo user without a password, who cannot sign
    in), created once."""
    for user in User.objects.filter(unit=unit, is_active=True, is_demo=True).order_by("pk"):
        if user.has_perm("tasks.change_task"):
            return user
    user, created = User.objects.get_or_create(
        username=f"staff-{unit.code.lower()}",
        defaults={
            "display_name": f"{unit.short_name or unit.name}工作人员（示例）",
            "title": "科员",
            "unit": unit,
            "is_demo": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
        role = _STAFF_ROLES.get(unit.kind, RoleCode.DEPT_STAFF)
        user.roles.set(Role.objects.filter(code=role))
    if not user.has_perm("tasks.change_task"):
        raise ScriptError(f"{user.username} may not handle the tasks of {unit.code}")
    return user


class Staff:
    """``staff_of`` remembered per unit for one load: the same user object each time, so
    that its permissions are read once."""

    def __init__(self) -> None:
        self._by_unit: dict[int, User] = {}

    def __call__(self, unit: OrgUnit) -> User:
        if unit.pk not in self._by_unit:
            self._by_unit[unit.pk] = staff_of(unit)
        return self._by_unit[unit.pk]
