"""Every change of a task's state: keyword-only actor, one transaction,
the task row locked, scope then permission then state checked, an immutable event,
notifications after commit. Views, API and CLI call only these.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; wrong state ->
TransitionError (400); the very change already made by someone else -> AlreadyDone (409).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    ActionConflict,
    ActionError,
    action_atomic,
    fetch_locked,
    in_scope,
    require,
    require_in_scope,
)
from mingzhu.core.prepared import fetch_values
from mingzhu.core.scope import restrict
from mingzhu.org.models import check_city_units

from . import lights, memo, services
from .choices import HANDLING, EventAction, Status
from .models import Attachment, Task, TaskCodeCounter, TaskEvent

log = logging.getLogger("mingzhu.tasks")

VERIFY_PERMISSION = "tasks.verify_task"


class TransitionError(ActionError):
    """The task is not in a state that allows this action."""


class AlreadyDone(TransitionError, ActionConflict):
    """Someone else already made this very change (e.g. two people verifying at once)."""


def in_unit(user, unit) -> bool:
    """The user belongs to the unit or to a unit below it."""
    return bool(user.unit_id and unit and user.unit.path.startswith(unit.path))


def _issuers_line(user) -> tuple[str, list[str]] | None:
    """The rule "the task came down the user's line", as data: the issuer's path starts
    with the user's unit's path (the user's unit or one below it issued the task) or is
    one of the paths above it (a unit the user sits in, e.g. the office under a city
    leader). None: a user without a unit is on no line."""
    if not user.unit_id:
        return None
    path = user.unit.path
    segments = path.split("/")[:-1]
    above = ["".join(f"{s}/" for s in segments[:n]) for n in range(1, len(segments))]
    return path, above


def on_issuers_line(user, task: Task) -> bool:
    """The user sits in the issuing unit, below it, or above it (a city leader over the
    office that issued the task): the line the task came down. ``issuers_line`` is the
    same rule as a queryset filter."""
    line = _issuers_line(user)
    if line is None or task.issuer_id is None:
        return False
    own, above = line
    return task.issuer.path.startswith(own) or task.issuer.path in above


def in_unit_q(user, field: str) -> Q:
    """``in_unit`` as a filter: the unit at ``field`` is the user's unit or one above it."""
    line = _issuers_line(user)
    if line is None:
        return Q(pk__in=[])
    own, above = line
    return Q(**{f"{field}__path__in": [own, *above]})


def issuers_line(user, field: str = "issuer") -> Q:
    """``on_issuers_line`` as a filter on tasks (``field``: the path to the issuer)."""
    line = _issuers_line(user)
    if line is None:
        return Q(pk__in=[])
    own, above = line
    return Q(**{f"{field}__path__startswith": own}) | Q(**{f"{field}__path__in": above})


def is_issuing_side(user, task: Task) -> bool:
    """Assigns, verifies, returns, extends and cancels: the supervising side — a holder of
    the verify permission on the issuer's line — never the lead unit's own people. A bureau
    that issues its own tasks (demands, repairs) decides on those, not on others'."""
    return (
        user.has_perm(VERIFY_PERMISSION)
        and not in_unit(user, task.lead_unit)
        and on_issuers_line(user, task)
    )


# Reviewers other than the issuing side, by the task's source kind: a source module
# registers who checks its tasks where the work was done (the grid worker re-checks the
# event of their grid on site, 核查). Consulted only when that module's own action calls
# verify or return_for_rework with ``as_source_reviewer=True``; never through the task API.
SOURCE_REVIEWERS: dict[str, Callable[[object, Task], bool]] = {}


def source_reviewer(kind: str):
    """Register the decorated rule (user, task) → bool as the reviewer of the tasks that
    come from ``kind``. The module lists ``"actions"`` in its configuration's
    ``registers``, so the rule is in place once the apps are ready."""

    def register(rule):
        SOURCE_REVIEWERS[kind] = rule
        return rule

    return register


def may_review(user, task: Task, *, as_source_reviewer: bool = False) -> bool:
    """Verify or return: the issuing side, or the source's registered reviewer; never the
    lead unit's own people."""
    if in_unit(user, task.lead_unit):
        return False
    if user.has_perm(VERIFY_PERMISSION) and on_issuers_line(user, task):
        return True
    rule = SOURCE_REVIEWERS.get(task.source_kind) if as_source_reviewer else None
    return bool(rule and rule(user, task))


def is_handling_side(user, task: Task) -> bool:
    return user.has_perm("tasks.change_task") and in_unit(user, task.lead_unit)


def may_report(user, task: Task) -> bool:
    if is_handling_side(user, task):
        return True
    return user.has_perm("tasks.change_task") and any(in_unit(user, u) for u in task.co_units.all())


# action name -> (allowed from states, who may)
RULES = {
    "assign": ((Status.DRAFT,), is_issuing_side),
    "accept": ((Status.ASSIGNED,), is_handling_side),
    "report_progress": (HANDLING, may_report),
    "request_closure": (HANDLING, is_handling_side),
    "verify": ((Status.CLOSURE_REQUESTED,), may_review),
    "return_for_rework": ((Status.CLOSURE_REQUESTED,), may_review),
    "request_extension": (HANDLING, is_handling_side),
    "approve_extension": (HANDLING, is_issuing_side),
    "cancel": (
        (Status.DRAFT, Status.ASSIGNED, *HANDLING, Status.CLOSURE_REQUESTED),
        is_issuing_side,
    ),
    "rate": ((Status.CLOSURE_REQUESTED,), may_review),
}

# Actions only a source module calls (through its own action), never offered as a button
# of the task's page.
SOURCE_ONLY = ("rate",)


def available_actions(user, task: Task) -> list[str]:
    """The actions the user may take on the task now (for the buttons of its page)."""
    names = []
    for name, (states, who) in RULES.items():
        if name in SOURCE_ONLY:
            continue
        if task.status not in states or not who(user, task):
            continue
        if name == "approve_extension" and task.requested_deadline is None:
            continue
        names.append(name)
    return names


def _lock(task_id: int, actor, name: str, *, as_source_reviewer: bool = False) -> Task:
    # Read and locked in one query through the actor's scope (``fetch_locked``, compiled
    # once per scope); a source's reviewer may act on a task outside it (``may_review``
    # decides), which is then read without it.
    related = ("lead_unit", "issuer")
    try:
        task = fetch_locked(Task, task_id, actor, "view", related=related)
    except Http404:
        task = None
    visible = task is not None
    if task is None and as_source_reviewer:
        rows = Task.objects.select_for_update(of=("self",)).select_related(*related)
        task = rows.filter(pk=task_id).first()
    if task is None:
        raise Http404("No such task.")
    states, who = RULES[name]
    if as_source_reviewer:
        if not may_review(actor, task, as_source_reviewer=True):
            # A reviewer who is not the registered one learns nothing of the task.
            if not visible:
                raise Http404("No such task.")
            raise PermissionDenied(_("You may not do this on this task."))
    elif not who(actor, task):
        raise PermissionDenied(_("You may not do this on this task."))
    if task.status not in states:
        raise TransitionError(
            _("The task is %(status)s; this action is not possible now.")
            % {"status": task.get_status_display()}
        )
    return task


def _task_id(task: Task | int) -> int:
    return task if isinstance(task, int) else task.pk


def _record(
    task: Task,
    *,
    actor,
    action: str,
    from_status: str,
    comment: str = "",
    at=None,
    satisfied: bool | None = None,
):
    if at is not None:
        day = timezone.localdate(at) if timezone.is_aware(at) else at.date()
        if day < timezone.localdate():
            # A past day's recorded lights no longer say what its events say.
            lights.outdate(day)
    event = TaskEvent.objects.create(
        task=task,
        actor=actor,
        at=at or timezone.now(),
        action=action,
        from_status=from_status,
        to_status=task.status,
        comment=comment,
        progress=task.progress,
        satisfied=satisfied,
    )
    _notify(task, event)
    return event


# Who hears of each event: the handling side (the lead unit's people who may change
# tasks, and the assignee), the co-operating units' people, the issuing side (the issuing
# unit's people who may verify).
NOTIFY = {
    EventAction.ASSIGN: ("handling", "co"),
    EventAction.ACCEPT: ("issuing",),
    EventAction.REQUEST_CLOSURE: ("issuing",),
    EventAction.VERIFY: ("handling",),
    EventAction.RETURN: ("handling",),
    EventAction.REQUEST_EXTENSION: ("issuing",),
    EventAction.APPROVE_EXTENSION: ("handling",),
    EventAction.CANCEL: ("handling", "co"),
    EventAction.RATE: ("handling",),
}


def recipients(task: Task, sides: Sequence[str]) -> set[int]:
    """Ids of the active users on the given sides of the task (one query; remembered per
    sides and units inside ``memo.remembering()``)."""
    co_units = list(task.co_units.all()) if "co" in sides else []
    if not memo.active():
        # The key reads the units' paths: only worth it where the answer is remembered.
        return _recipients(task, sides, co_units)
    key = (
        "recipients",
        tuple(sides),
        task.lead_unit_id and (task.lead_unit_id, task.lead_unit.path),
        task.issuer_id and (task.issuer_id, task.issuer.path),
        task.assignee_id,
        tuple((u.pk, u.path) for u in co_units),
    )
    return set(memo.remembered(key, lambda: _recipients(task, sides, co_units)))


def _recipients(task: Task, sides: Sequence[str], co_units) -> set[int]:
    from mingzhu.org.models import User

    handling, co, issuing = "handling" in sides, "co" in sides and co_units, "issuing" in sides
    assignee = task.assignee_id if handling else None
    paths = []
    if handling or issuing:
        paths.append(task.lead_unit.path)
    if issuing:
        paths.append(task.issuer.path)
    if co:
        paths += [unit.path for unit in co_units]
    # The same query for every task with as many co-units and an assignee or not: built
    # and compiled once (core.prepared), run with this task's units' paths and assignee.
    shape = ("tasks.recipients", bool(handling), len(co_units) if co else 0, bool(issuing))
    shape += (assignee is not None,)

    def build(*values) -> models.QuerySet:
        numbers, texts = (
            values[: int(assignee is not None)],
            list(values[int(assignee is not None) :]),
        )
        return _recipients_query(
            handling=handling,
            issuing=issuing,
            assignee=numbers[0] if numbers else None,
            lead_path=texts.pop(0) if (handling or issuing) else None,
            issuer_path=texts.pop(0) if issuing else None,
            co_paths=texts if co else [],
        )

    numbers = (assignee,) if assignee is not None else ()
    rows = fetch_values(User, shape, build, numbers, tuple(paths))
    return {pk for (pk,) in rows}


def _recipients_query(*, handling, issuing, assignee, lead_path, issuer_path, co_paths):
    """The active users on the sides of a task, by its units' paths: the lead unit's and
    the co-units' holders of ``tasks.change_task`` and the assignee (handling, co), the
    issuing unit's holders of ``tasks.verify_task`` outside the lead unit (issuing)."""
    from django.contrib.auth.models import Permission

    from mingzhu.org.models import OrgUnit, User

    def holders(codename: str, unit_paths) -> Q:
        perm = Permission.objects.filter(content_type__app_label="tasks", codename=codename)
        under = Q(pk__in=[])
        for path in unit_paths:
            under |= Q(path__startswith=path)
        return Q(
            Q(roles__permissions__in=perm) | Q(user_permissions__in=perm),
            unit__in=OrgUnit.objects.filter(under),
        )

    wanted = Q(pk__in=[])
    if handling:
        wanted |= holders("change_task", [lead_path])
        if assignee:
            wanted |= Q(pk=assignee)
    if co_paths:
        wanted |= holders("change_task", co_paths)
    if issuing:
        wanted |= holders("verify_task", [issuer_path]) & ~Q(unit__path__startswith=lead_path)
    people = User.objects.filter(wanted, is_active=True).order_by()  # a set: no order
    return people.values_list("pk")


def _notify(task: Task, event: TaskEvent) -> None:
    """Deliver the event in the app now (same transaction; the outbox's listeners write
    their deliveries there too); tell the log after commit. A draft cancelled before it
    was ever assigned concerns nobody. The source module's audience (``SOURCE_AUDIENCES``)
    hears of the event as well."""
    from .models import Notification
    from .notices import SOURCE_AUDIENCES, raise_notices, written_language

    sides = NOTIFY.get(event.action, ())
    if event.action == EventAction.CANCEL and event.from_status == Status.DRAFT:
        sides = ()
    people = recipients(task, sides) - {event.actor_id} if sides else set()
    notes = [Notification(recipient_id=pk, task=task, event=event) for pk in sorted(people)]
    audience = SOURCE_AUDIENCES.get(task.source_kind)
    with written_language():
        extra = audience(task, event) if audience else []
    notes += [
        Notification(recipient_id=pk, kind=kind, task=task, text=text[:500], link=link)
        for pk, kind, text, link in extra
        if pk != event.actor_id
    ]
    raise_notices(notes)
    code, action, status = task.code, event.action, task.status
    unit = task.lead_unit.name
    told = len(notes)

    def send():
        log.info("task %s: %s -> %s (lead unit %s), %d notified", code, action, status, unit, told)

    transaction.on_commit(send)


def _today(at: dt.datetime | None) -> dt.date:
    return timezone.localdate(at) if at else timezone.localdate()


def _save(task: Task, *fields: str) -> None:
    task.save(update_fields=[*fields, "updated_at"])


def deadline_before_creation(deadline: dt.date | None, created_on: dt.date) -> str | None:
    """Why a new task cannot have ``deadline`` (it is before the day the task is created,
    ``created_on``), or None."""
    if deadline is None or isinstance(deadline, str) or deadline >= created_on:
        return None
    return _("The deadline %(deadline)s is before the day the task is created (%(today)s).") % {
        "deadline": deadline.isoformat(),
        "today": created_on.isoformat(),
    }


def deadline_edit_problem(task: Task, changed: dict, today: dt.date) -> str | None:
    """Why an edit of a task's time limit cannot be saved, or None. ``changed`` holds the
    edited values of ``deadline``, ``deadline_basis`` and ``time_limit`` that differ from
    the task's. A draft's deadline may move, but not into the past; once assigned, the
    time limit moves only through an extension (asked by the handling side, approved by
    the issuing side), which the task's history records and the light follows."""
    if not changed:
        return None
    if task.status != Status.DRAFT:
        return _(
            "The task is already assigned: its deadline changes only through an extension "
            "(requested by the lead unit and approved by the issuer), not by editing."
        )
    deadline = changed.get("deadline")
    if isinstance(deadline, dt.date) and deadline < today:
        return _("The deadline %(deadline)s has already passed (today is %(today)s).") % {
            "deadline": deadline.isoformat(),
            "today": today.isoformat(),
        }
    return None


def create_task(*, actor, at: dt.datetime | None = None, co_units=(), **values) -> Task:
    """A new task (draft), issued by the actor's unit unless given. Its lead and
    co-operating units lie inside the city's tree (``org.models.check_city_units``). The
    doors where a person types a deadline (the form, the API, the import) refuse one before
    the day of creation (``deadline_before_creation``); modules that open tasks compute
    theirs from the moment of creation.

    With a ``time_limit`` and its ``deadline_basis`` but neither ``deadline`` nor
    ``due_at``, the task is due that long after ``at`` (default: now): ``services.due_for``
    (in working hours, its ``deadline`` is the local date of ``due_at``).
    """
    require(actor, "tasks.add_task", _("You may not create tasks."))
    limit, basis = values.get("time_limit"), values.get("deadline_basis")
    if limit is not None and basis and not values.get("deadline") and not values.get("due_at"):
        values["deadline"], values["due_at"] = services.due_for(at or timezone.now(), limit, basis)
    if values.get("due_at") and not values.get("deadline"):
        values["deadline"] = timezone.localdate(values["due_at"], services.WORK_ZONE)
    created_on = timezone.localdate(at) if at else timezone.localdate()
    check_city_units("co_units", *co_units)
    with action_atomic():
        values.setdefault("issuer", actor.unit)
        if values["issuer"] is None:
            raise ValidationError({"issuer": _("The issuing unit is required.")})
        task = Task(**values)
        task.code_year = created_on.year
        task.full_clean(exclude=["code"])
        task.save()
        if co_units:
            task.co_units.set(co_units)
        else:
            _no_co_units_yet(task)
        require_in_scope(
            task, actor, "add", PermissionDenied(_("The task would lie outside your data scope."))
        )
        _record(task, actor=actor, action=EventAction.CREATE, from_status="", at=at)
    return task


def _no_co_units_yet(task: Task) -> None:
    """The new task has no co-operating units: kept as its known (empty) set, as a
    prefetch keeps one, so that an assignment in the same transaction (``assign_new``,
    whose recipients include the co-units' people) does not ask for them. Any change of
    the set through the task (``co_units.add``/``set``) drops it, as it drops a prefetch."""
    kept = task.co_units.get_queryset()
    kept._result_cache, kept._prefetch_done = [], True
    cache = task.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[Task._meta.get_field("co_units").name] = kept


class RowRefused(Exception):
    """Raised by ``create_tasks``: some rows cannot be created; ``problems`` maps each
    refused row's index to (field, message)."""

    def __init__(self, problems: dict[int, tuple[str, str]]):
        super().__init__(f"{len(problems)} rows refused")
        self.problems = problems


BULK_BATCH = 2000


def create_tasks(rows: Sequence[dict], *, actor, batch_size: int = BULK_BATCH) -> list[Task]:
    """Many new tasks (drafts) at once, as ``create_task`` makes each one: ``rows`` are
    ``create_task``'s values (``co_units`` among them), all checked before anything is
    written; then the codes are given once per prefix (one update of the prefix's counter
    for all its tasks), and the tasks, their co-units, their creation events, the
    notifications and the audit entries (author, request) are inserted in batches, in one
    transaction. A row that fails the model's checks or would lie outside the actor's
    scope raises ``RowRefused`` naming every such row, and nothing is kept.

    A row may carry ``at`` (an aware datetime, as ``create_task`` takes it) and
    ``comment``: its task is created as of that moment (its creation event is dated then,
    saying ``comment``; its code's year is that moment's unless its list has a year), as
    an import of a ledger kept for months creates an item handed out before the import;
    the lights recorded for the days since are outdated (``lights.outdate``). The audit
    entries are dated when they are written."""
    from mingzhu.core.audit import log_created, log_m2m_added

    from .models import Notification

    require(actor, "tasks.add_task", _("You may not create tasks."))
    if actor.unit is None:
        raise ValidationError({"issuer": _("The issuing unit is required.")})
    now = timezone.now()
    tasks, co_units, moments, problems = [], [], [], {}
    exclude = ["code", *(f.name for f in Task._meta.concrete_fields if f.is_relation)]
    for index, values in enumerate(rows):
        values = dict(values)
        co_units.append(list(values.pop("co_units", ())))
        at, comment = values.pop("at", None) or now, values.pop("comment", "")
        moments.append((at, comment))
        values.setdefault("issuer", actor.unit)
        task = Task(**values)
        task.code_year = _today(at).year
        try:
            task.clean_fields(exclude=exclude)
            task.clean()
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            problems[index] = (field, "；".join(messages))
        tasks.append(task)
    if problems:
        raise RowRefused(problems)
    with action_atomic():
        _insert_with_codes(tasks, batch_size)
        _refuse_outside_scope(tasks, actor, batch_size)
        through = Task.co_units.through
        links = [
            through(task_id=task.pk, orgunit_id=unit.pk)
            for task, units in zip(tasks, co_units, strict=True)
            for unit in units
        ]
        through.objects.bulk_create(links, batch_size=batch_size)
        events = [
            TaskEvent(
                task=task,
                actor=actor,
                at=at,
                action=EventAction.CREATE,
                from_status="",
                to_status=task.status,
                comment=comment,
                progress=task.progress,
            )
            for task, (at, comment) in zip(tasks, moments, strict=True)
        ]
        TaskEvent.objects.bulk_create(events, batch_size=batch_size)
        first = min((_today(at) for at, _comment in moments), default=None)
        if first is not None and first < timezone.localdate():
            # A past day's recorded lights no longer say what its events say.
            lights.outdate(first)
        sides = NOTIFY.get(EventAction.CREATE, ())
        if sides:  # creation tells no one today; should it, each task has its readers
            Notification.objects.bulk_create(
                [
                    Notification(recipient_id=pk, task=task, event=event)
                    for task, event in zip(tasks, events, strict=True)
                    for pk in sorted(recipients(task, sides) - {actor.pk})
                ],
                batch_size=batch_size,
            )
        log_created(tasks, actor=actor, batch_size=batch_size)
        log_m2m_added(dict(zip(tasks, co_units, strict=True)), "co_units", actor=actor)
    count = len(tasks)
    transaction.on_commit(lambda: log.info("%d tasks created by %s", count, actor))
    return tasks


def _insert_with_codes(tasks: Sequence[Task], batch_size: int, attempts: int = 3) -> None:
    """Give the new tasks their codes and insert them: per prefix (in the order of the
    prefixes, so that two creations lock the counters alike) the numbers are reserved at
    once (``TaskCodeCounter.reserve``). A code given by other means that the counter did
    not know of makes the insert fail on the unique code: then the counters catch up and
    the numbers are reserved again (up to ``attempts`` times)."""
    by_prefix: dict[str, list[Task]] = {}
    for task in tasks:
        by_prefix.setdefault(task.code_prefix(), []).append(task)
    for attempt in range(attempts):
        try:
            with transaction.atomic():  # caught below: its own savepoint
                for prefix, group in sorted(by_prefix.items()):
                    first = TaskCodeCounter.reserve(prefix, len(group))
                    for number, task in enumerate(group, start=first):
                        task.code = Task.code_for(prefix, number)
                for start in range(0, len(tasks), batch_size):
                    Task.objects.bulk_create(tasks[start : start + batch_size])
            return
        except IntegrityError:
            if attempt == attempts - 1:
                raise  # not a clash of numbers, or every time
            for task in tasks:
                task.pk, task._state.adding = None, True
            for prefix in by_prefix:
                TaskCodeCounter.catch_up(prefix)


def _refuse_outside_scope(tasks: Sequence[Task], actor, batch_size: int) -> None:
    inside: set[int] = set()
    for start in range(0, len(tasks), batch_size):
        pks = [t.pk for t in tasks[start : start + batch_size]]
        inside.update(
            restrict(Task.objects.filter(pk__in=pks), actor, "add").values_list("pk", flat=True)
        )
    outside = {
        index: ("lead_unit", _("The task would lie outside your data scope."))
        for index, task in enumerate(tasks)
        if task.pk not in inside
    }
    if outside:
        raise RowRefused(outside)


def assign(task: Task | int, *, actor, assignee=None, comment: str = "", at=None) -> Task:
    with action_atomic():
        task = _lock(_task_id(task), actor, "assign")
        return _assign(task, actor, assignee, comment, at)


def assign_new(task: Task, *, actor, assignee=None, comment: str = "", at=None) -> Task:
    """``assign`` for the draft ``create_task`` has just made in the caller's transaction
    (open a task and assign it at once): the same checks (scope, the issuing side, a
    draft) on the task as created, without reading again and locking the row that no other
    transaction can see before this one commits."""
    states, who = RULES["assign"]
    if task.status not in states or not transaction.get_connection().in_atomic_block:
        return assign(task, actor=actor, assignee=assignee, comment=comment, at=at)
    if not in_scope(task, actor, "view"):
        raise Http404("No such task.")
    if not who(actor, task):
        raise PermissionDenied(_("You may not do this on this task."))
    # No savepoint of its own: a failure undoes the caller's transaction with the draft.
    return _assign(task, actor, assignee, comment, at)


def _assign(task: Task, actor, assignee, comment: str, at) -> Task:
    before = task.status
    task.status = Status.ASSIGNED
    task.assigned_on = _today(at)
    task.assignee = assignee or task.assignee
    _save(task, "status", "assigned_on", "assignee")
    _record(
        task, actor=actor, action=EventAction.ASSIGN, from_status=before, comment=comment, at=at
    )
    return task


def open_task(
    obj,
    *,
    actor,
    at=None,
    assign_now: bool = True,
    comment: str = "",
    field: str | None = "task",
    also: Sequence[str] = (),
    **values,
) -> Task:
    """The task that serves a domain object (a demand, a hazard, a fault …): created with
    ``obj`` as its source object (illustrative when the object is) and, with
    ``assign_now``, assigned at once by the actor (``comment`` goes with the assignment).
    ``values`` are ``create_task``'s. The object's ``field`` (None: none) is pointed at
    the task and saved with the fields named in ``also``; an object not saved yet (whose
    task is required) is saved whole, then the task is pointed back at it."""
    from django.contrib.contenttypes.models import ContentType

    values.setdefault("is_illustrative", bool(getattr(obj, "is_illustrative", False)))
    with action_atomic():
        task = create_task(
            actor=actor,
            at=at,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            **values,
        )
        if assign_now:
            task = assign_new(task, actor=actor, comment=comment, at=at)
        if field is None:
            return task
        setattr(obj, field, task)
        if obj.pk is None:
            obj.save()
            task.object_id = obj.pk
            _save(task, "object_id")
        else:
            obj.save(update_fields=[field, *also, "updated_at"])
    return task


def accept(task: Task | int, *, actor, comment: str = "", at=None) -> Task:
    with action_atomic():
        task = _lock(_task_id(task), actor, "accept")
        before = task.status
        task.status = Status.ACCEPTED
        task.accepted_on = _today(at)
        if task.assignee_id is None:
            task.assignee = actor
        _save(task, "status", "accepted_on", "assignee")
        _record(
            task, actor=actor, action=EventAction.ACCEPT, from_status=before, comment=comment, at=at
        )
    return task


def report_progress(task: Task | int, *, actor, progress: int, comment: str = "", at=None) -> Task:
    if not 0 <= int(progress) <= 100:
        raise TransitionError(_("Progress must be between 0 and 100."))
    with action_atomic():
        task = _lock(_task_id(task), actor, "report_progress")
        before = task.status
        task.progress = int(progress)
        task.status = Status.IN_PROGRESS
        fields = ["progress", "status"]
        if task.long_running:  # the next report is due a month after this one
            task.deadline = services.next_report_due(_today(at))
            fields.append("deadline")
        _save(task, *fields)
        _record(
            task, actor=actor, action=EventAction.REPORT, from_status=before, comment=comment, at=at
        )
        _update_parent(task)
    return task


def _update_parent(task: Task) -> None:
    if task.parent_id is None:
        return
    parent = Task.objects.select_for_update().get(pk=task.parent_id)
    pairs = parent.children.exclude(status=Status.CANCELLED).values_list("progress", "weight")
    parent.progress = services.parent_progress(pairs)
    _save(parent, "progress")


def request_closure(
    task: Task | int,
    *,
    actor,
    result: str = "",
    comment: str = "",
    files: Sequence = (),
    at=None,
) -> Task:
    """Ask for the task to be checked off; needs a written result or evidence files."""
    result = (result or "").strip()
    if not result and not files:
        raise TransitionError(_("Closure needs evidence: a written result or an attachment."))
    checked = Attachment.check_uploads(files)
    with action_atomic():
        task = _lock(_task_id(task), actor, "request_closure")
        before = task.status
        task.status = Status.CLOSURE_REQUESTED
        if result:
            task.result = result
        _save(task, "status", "result")
        event = _record(
            task,
            actor=actor,
            action=EventAction.REQUEST_CLOSURE,
            from_status=before,
            comment=comment or result,
            at=at,
        )
        Attachment.store(checked, uploaded_by=actor, event=event)
    return task


def verify(
    task: Task | int, *, actor, comment: str = "", at=None, as_source_reviewer: bool = False
) -> Task:
    """Check the task off (销号)."""
    with action_atomic():
        task = _lock_or_done(
            _task_id(task), actor, "verify", Status.CLOSED, as_source_reviewer=as_source_reviewer
        )
        before = task.status
        task.status = Status.CLOSED
        task.progress = 100
        task.closed_on = _today(at)
        _save(task, "status", "progress", "closed_on")
        _record(
            task, actor=actor, action=EventAction.VERIFY, from_status=before, comment=comment, at=at
        )
        _update_parent(task)
    return task


def _lock_or_done(
    task_id: int, actor, name: str, done: str, *, as_source_reviewer: bool = False
) -> Task:
    try:
        return _lock(task_id, actor, name, as_source_reviewer=as_source_reviewer)
    except TransitionError:
        if Task.objects.filter(pk=task_id, status=done).exists():
            raise AlreadyDone(
                _("Someone else has already done this; the task is closed.")
            ) from None
        raise


def return_for_rework(
    task: Task | int, *, actor, comment: str, at=None, as_source_reviewer: bool = False
) -> Task:
    if not (comment or "").strip():
        raise TransitionError(_("Say why the task is returned."))
    with action_atomic():
        task = _lock(
            _task_id(task), actor, "return_for_rework", as_source_reviewer=as_source_reviewer
        )
        before = task.status
        task.status = Status.RETURNED
        task.rework_count += 1
        _save(task, "status", "rework_count")
        _record(
            task, actor=actor, action=EventAction.RETURN, from_status=before, comment=comment, at=at
        )
    return task


def request_extension(
    task: Task | int, *, actor, new_deadline: dt.date, comment: str, at=None
) -> Task:
    """Ask for more time: only before the deadline, with a reason."""
    if not (comment or "").strip():
        raise TransitionError(_("Give a reason for the extension."))
    with action_atomic():
        task = _lock(_task_id(task), actor, "request_extension")
        if _today(at) > task.deadline:
            raise TransitionError(_("An extension must be requested before the deadline."))
        if new_deadline <= task.deadline:
            raise TransitionError(_("The new deadline must be later than the current one."))
        task.requested_deadline = new_deadline
        _save(task, "requested_deadline")
        _record(
            task,
            actor=actor,
            action=EventAction.REQUEST_EXTENSION,
            from_status=task.status,
            comment=f"{new_deadline.isoformat()} {comment}",
            at=at,
        )
    return task


def approve_extension(task: Task | int, *, actor, comment: str = "", at=None) -> Task:
    """Grant the requested deadline: the task is deferred (缓办), its first deadline kept."""
    with action_atomic():
        task = _lock(_task_id(task), actor, "approve_extension")
        if task.requested_deadline is None:
            raise TransitionError(_("No extension has been requested."))
        before = task.status
        task.original_deadline = task.original_deadline or task.deadline
        task.deadline = task.requested_deadline
        if task.due_at is not None:
            # The new deadline is a day: due at the close of its office hours.
            closes = services.working_periods()[-1][1]
            task.due_at = dt.datetime.combine(task.deadline, closes, services.WORK_ZONE)
        task.requested_deadline = None
        task.status = Status.DEFERRED
        _save(task, "original_deadline", "deadline", "due_at", "requested_deadline", "status")
        _record(
            task,
            actor=actor,
            action=EventAction.APPROVE_EXTENSION,
            from_status=before,
            comment=comment,
            at=at,
        )
    return task


def cancel(task: Task | int, *, actor, comment: str, at=None) -> Task:
    if not (comment or "").strip():
        raise TransitionError(_("Say why the task is cancelled."))
    with action_atomic():
        task = _lock(_task_id(task), actor, "cancel")
        before = task.status
        task.status = Status.CANCELLED
        task.requested_deadline = None
        _save(task, "status", "requested_deadline")
        _record(
            task, actor=actor, action=EventAction.CANCEL, from_status=before, comment=comment, at=at
        )
    return task


def was_reopened(task: Task | int) -> bool:
    """The requester has already been dissatisfied once: the task was reopened."""
    return TaskEvent.objects.filter(
        task_id=_task_id(task), action=EventAction.RATE, satisfied=False
    ).exists()


def rate(
    task: Task | int,
    *,
    actor,
    satisfied: bool,
    comment: str = "",
    at=None,
    as_source_reviewer: bool = True,
) -> Task:
    """The requester rates the result awaiting closure (an enterprise its demand's reply,
    the desk a citizen's answer after calling back). Satisfied closes the task (销号).
    Dissatisfied reopens it once: the same task goes back to the lead unit for rework
    (RETURNED); a second dissatisfied rating is final and closes it. One event records
    the rating, its outcome and the comment.

    The rater is the source's registered reviewer (``as_source_reviewer``, the default)
    or the issuing side."""
    with action_atomic():
        task = _lock_or_done(
            _task_id(task), actor, "rate", Status.CLOSED, as_source_reviewer=as_source_reviewer
        )
        before = task.status
        if not satisfied and not was_reopened(task):
            task.status = Status.RETURNED
            task.rework_count += 1
            _save(task, "status", "rework_count")
        else:
            task.status = Status.CLOSED
            task.progress = 100
            task.closed_on = _today(at)
            _save(task, "status", "progress", "closed_on")
        _record(
            task,
            actor=actor,
            action=EventAction.RATE,
            from_status=before,
            comment=(comment or "").strip(),
            at=at,
            satisfied=bool(satisfied),
        )
        if task.status == Status.CLOSED:
            _update_parent(task)
    return task


# --- who the task waits for -------------------------------------------------------------


def waiting_for(task: Task) -> str:
    """Who the task waits for now, for the page of a user with no button on it (a lead
    unit's staff after asking for closure sees "由工信局审核")."""
    if task.status == Status.DRAFT:
        return _("To be assigned by %(unit)s") % {"unit": task.issuer}
    if task.status == Status.ASSIGNED:
        return _("To be accepted by %(unit)s") % {"unit": task.lead_unit}
    if task.status in HANDLING:
        return _("Being handled by %(unit)s") % {"unit": task.lead_unit}
    if task.status == Status.CLOSURE_REQUESTED:
        if task.source_kind in SOURCE_REVIEWERS:
            return _("To be checked on site and verified by %(unit)s") % {"unit": task.issuer}
        return _("To be verified by %(unit)s") % {"unit": task.issuer}
    return ""


# --- bulk work from the ledger ----------------------------------------------------------

# The bulk actions of the ledger: name -> (allowed from states, who may). Export changes
# nothing: whoever sees a task may export it.
REMIND_STATES = (Status.ASSIGNED, *HANDLING)
BULK_RULES = {
    "assign": RULES["assign"],
    "remind": (REMIND_STATES, is_issuing_side),
}
# At most this many tasks in one batch (a page of the ledger is 50).
BULK_LIMIT = 200


class BatchRefused(ValidationError):
    """Some tasks of a batch may not be acted on: the whole batch is refused."""


def _batch(task_ids: Sequence[int], actor, name: str, *, lock: bool = False) -> list[Task]:
    """The tasks of a batch, each checked (scope, permission, state) before anything is
    done; BatchRefused naming the tasks not allowed refuses the whole batch."""
    ids = sorted({int(pk) for pk in task_ids})
    if not ids:
        raise BatchRefused(_("Select at least one task."))
    if len(ids) > BULK_LIMIT:
        raise BatchRefused(
            _("At most %(limit)s tasks at once; %(count)s were selected.")
            % {"limit": BULK_LIMIT, "count": len(ids)}
        )
    visible = restrict(Task.objects.filter(pk__in=ids), actor, "view").values("pk")
    qs = Task.objects.filter(pk__in=visible).select_related(
        "lead_unit", "issuer", "task_list", "leader"
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    tasks = list(qs.order_by("deadline", "pk"))
    if len(tasks) < len(ids):
        # Tasks the actor may not see are not named: they are refused as not found.
        raise BatchRefused(_("Some of the selected tasks are not found or not yours to see."))
    if name == "export":
        return tasks
    states, who = BULK_RULES[name]
    refused = [t for t in tasks if t.status not in states or not who(actor, t)]
    if refused:
        raise BatchRefused(
            _("Nothing was done. Not allowed for %(count)s of the selected tasks: %(tasks)s")
            % {"count": len(refused), "tasks": "、".join(f"{t.code} {t.title}" for t in refused)}
        )
    return tasks


def check_batch(task_ids: Sequence[int], *, actor, name: str) -> list[Task]:
    """The tasks of a batch if the actor may do ``name`` to every one of them (for the
    confirmation page); BatchRefused otherwise."""
    if name not in (*BULK_RULES, "export"):
        raise BatchRefused(_("Unknown bulk action."))
    return _batch(task_ids, actor, name)


def bulk_assign(task_ids: Sequence[int], *, actor, comment: str = "", at=None) -> list[Task]:
    """Assign every draft of the batch, or none (one transaction)."""
    with action_atomic():
        tasks = _batch(task_ids, actor, "assign", lock=True)
        return [assign(t.pk, actor=actor, comment=comment, at=at) for t in tasks]


def bulk_remind(task_ids: Sequence[int], *, actor, comment: str = "", at=None) -> list[Task]:
    """Remind the lead units of every task of the batch (催办): a notice to each handling
    side's people, through the notices every channel delivers; all or none."""
    from .choices import NoticeKind
    from .notices import tell, written_language

    with action_atomic():
        tasks = _batch(task_ids, actor, "remind", lock=True)
        for task in tasks:
            with written_language():
                text = _("Reminder from %(unit)s: %(task)s, due %(deadline)s.") % {
                    "unit": actor.unit or actor,
                    "task": f"{task.code} {task.title}",
                    "deadline": task.deadline or "—",
                }
                if comment:
                    text = f"{text} {comment}"
            tell(
                recipients(task, ("handling",)),
                kind=NoticeKind.REMINDER,
                text=text,
                link=task.get_absolute_url(),
                task=task,
                exclude=[actor.pk],
            )
    log.info("%s reminded the lead units of %d tasks", actor, len(tasks))
    return tasks
