"""Every change of a grid event: keyword-only actor, one transaction, the
event row locked, scope then permission then state checked. Filing, verifying and
returning go through the task engine's own actions.

Errors as in tasks.actions: out of scope -> Http404; not allowed -> PermissionDenied;
wrong state -> TransitionError (400); bad values -> ValidationError (400).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import action_atomic, fetch_locked, now_or, require, require_in_scope
from mingzhu.core.scope import restrict
from mingzhu.org.choices import RoleCode, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.actions import AlreadyDone, TransitionError, in_unit, source_reviewer
from mingzhu.tasks.choices import EventAction, NoticeKind, SourceKind
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.notices import source_audience

from .choices import Decision
from .models import EventPhoto, EventRecheck, GridEvent

__all__ = [
    "AlreadyDone",
    "TransitionError",
    "file_event",
    "grids_for",
    "may_file",
    "may_recheck",
    "recheck_event",
    "reject_event",
    "report_event",
]

CENTRE_NAME = "市社会治理现代化指挥中心"  # the city's social governance command centre


def _photos(event: GridEvent, checked: list, actor, recheck: EventRecheck | None = None) -> None:
    EventPhoto.store(checked, uploaded_by=actor, event=event, recheck=recheck)


def may_file(user) -> bool:
    """Files and rejects events: the supervision side (the supervisor role, or the staff of
    the command centre), with the permission to change events."""
    if not user.has_perm("grid.change_gridevent"):
        return False
    unit = user.unit
    in_centre = unit is not None and unit.kind == UnitKind.DEPARTMENT and unit.name == CENTRE_NAME
    return in_centre or user.has_role(RoleCode.SUPERVISOR)


def may_recheck(user, event: GridEvent) -> bool:
    """Re-checks on site: a grid worker whose grids hold the event, never one of the people
    of the unit that handled it."""
    if not user.has_perm("grid.add_gridevent"):
        return False
    if event.task_id is not None and in_unit(user, event.task.lead_unit):
        return False
    return _grid_in_scope(user, event.grid_id)


def grids_for(user):
    """The grids within the user's data scope."""
    return restrict(OrgUnit.objects.filter(kind=UnitKind.GRID), user, "view")


def _grid_in_scope(user, grid_id: int) -> bool:
    return grids_for(user).filter(pk=grid_id).exists()


def _lock(event: GridEvent | int, actor) -> GridEvent:
    related = ("category", "campaign", "grid", "task__lead_unit")
    return fetch_locked(GridEvent, event, actor, related=related)


def report_event(
    *,
    actor,
    grid: OrgUnit,
    category,
    description: str,
    address: str = "",
    campaign=None,
    latitude=None,
    longitude=None,
    photos: Sequence = (),
    at: dt.datetime | None = None,
    client_uuid: uuid.UUID | None = None,
) -> GridEvent:
    """A grid worker reports an event in one of their grids.

    ``client_uuid`` is the key a phone gives a report it kept offline: a report whose key
    is already taken makes nothing and returns the event filed under it (to its reporter;
    anybody else is refused), however often the phone sends it again."""
    require(actor, "grid.add_gridevent", _("You may not report grid events."))
    if client_uuid is not None:
        existing = _reported_under(client_uuid, actor)
        if existing is not None:
            return existing
    if grid.kind != UnitKind.GRID or not _grid_in_scope(actor, grid.pk):
        raise Http404("No such grid.")
    at = now_or(at)
    errors = {}
    if not category.is_active:
        errors["category"] = _("This category is no longer in use.")
    if campaign is not None and not campaign.runs_on(timezone.localdate(at)):
        errors["campaign"] = _("This campaign is not running on the day of the report.")
    if errors:
        raise ValidationError(errors)
    checked = EventPhoto.check_uploads(photos)
    with action_atomic():
        event = GridEvent(
            grid=grid,
            category=category,
            campaign=campaign,
            description=(description or "").strip(),
            address=(address or "").strip(),
            latitude=latitude,
            longitude=longitude,
            reported_by=actor,
            reported_at=at,
            client_uuid=client_uuid,
        )
        event.full_clean(exclude=["client_uuid"])
        try:
            with transaction.atomic():
                event.save()
        except IntegrityError:
            # The same key sent twice at once: the other request filed it.
            if client_uuid is None:
                raise
            existing = _reported_under(client_uuid, actor)
            if existing is None:
                raise
            return existing
        _photos(event, checked, actor)
        require_in_scope(event, actor, "add", Http404("No such grid."))
    return event


def _reported_under(client_uuid, actor) -> GridEvent | None:
    """The event filed under a phone's report key, if any; only its reporter may replay it."""
    existing = GridEvent.objects.filter(client_uuid=client_uuid).first()
    if existing is not None and existing.reported_by_id != actor.pk:
        raise PermissionDenied(_("This report key belongs to another person's report."))
    return existing


def _require_filer(actor, event: GridEvent) -> None:
    if not may_file(actor):
        raise PermissionDenied(_("Only the supervision centre files or rejects events."))
    if event.decision != Decision.PENDING:
        raise TransitionError(
            _("The event has already been decided: %(decision)s.")
            % {"decision": event.get_decision_display()}
        )


def file_event(
    event: GridEvent | int,
    *,
    actor,
    responsible_unit: OrgUnit | None = None,
    comment: str = "",
    at: dt.datetime | None = None,
) -> GridEvent:
    """File the event (立案): a task for the responsible unit, with the category's time
    limit, created and assigned through the task engine."""
    at = now_or(at)
    with action_atomic():
        event = _lock(event, actor)
        _require_filer(actor, event)
        category = event.category
        unit = responsible_unit or category.responsible_unit
        if unit is None:
            raise ValidationError(
                {"responsible_unit": _("Choose the unit responsible for this event.")}
            )
        event.decision = Decision.FILED
        event.decision_reason = (comment or "").strip()
        event.decided_by = actor
        event.decided_at = at
        task_actions.open_task(
            event,
            actor=actor,
            at=at,
            comment=comment,
            also=("decision", "decision_reason", "decided_by", "decided_at"),
            title=f"{category.name}：{event.address or event.grid.name}"[:300],
            content=event.description,
            task_list=event.campaign.task_list if event.campaign else None,
            lead_unit=unit,
            deadline_basis=category.time_limit_basis,
            time_limit=category.time_limit,
            source_kind=SourceKind.GRID_EVENT,
        )
    return event


def reject_event(
    event: GridEvent | int, *, actor, reason: str, at: dt.datetime | None = None
) -> GridEvent:
    """Do not file the event (不予立案), with the reason."""
    with action_atomic():
        event = _lock(event, actor)
        _require_filer(actor, event)
        if not (reason or "").strip():
            raise TransitionError(_("Say why the event is not filed."))
        event.decision = Decision.REJECTED
        event.decision_reason = reason.strip()
        event.decided_by = actor
        event.decided_at = now_or(at)
        event.save()
    return event


@source_reviewer(SourceKind.GRID_EVENT)
def rechecks_task(user, task) -> bool:
    """The task engine's source-reviewer rule for grid events: the grid worker of the
    event's grid re-checks its task on site."""
    event = GridEvent.objects.select_related("task__lead_unit").filter(task=task).first()
    return event is not None and may_recheck(user, event)


@source_audience(SourceKind.GRID_EVENT)
def recheck_due(task, event) -> list[tuple[int, str, str, str]]:
    """The task engine's further audience for grid events: when the handling unit asks
    for closure, the grid worker who reported the event learns that it awaits their
    on-site re-check (核查)."""
    if event.action != EventAction.REQUEST_CLOSURE:
        return []
    grid_event = GridEvent.objects.select_related("reported_by", "grid").filter(task=task).first()
    worker = grid_event.reported_by if grid_event else None
    if worker is None or not worker.is_active or not may_recheck(worker, grid_event):
        return []
    text = _("Awaiting your on-site re-check: %(title)s (handled by %(unit)s)") % {
        "title": task.title,
        "unit": task.lead_unit.name,
    }
    return [(worker.pk, NoticeKind.RECHECK, text, grid_event.get_absolute_url())]


def recheck_event(
    event: GridEvent | int,
    *,
    actor,
    passed: bool,
    comment: str = "",
    photos: Sequence = (),
    at: dt.datetime | None = None,
) -> GridEvent:
    """The grid worker's on-site re-check (核查) of a handled event: passed closes the
    task (销号), failed returns it for rework."""
    comment = (comment or "").strip()
    if not passed and not comment:
        raise TransitionError(_("Say what is still wrong on site."))
    checked = EventPhoto.check_uploads(photos)
    at = now_or(at)
    with action_atomic():
        event = _lock(event, actor)
        if not may_recheck(actor, event):
            raise PermissionDenied(_("Only a grid worker of this grid re-checks this event."))
        if event.task is None or event.task.status != TaskStatus.CLOSURE_REQUESTED:
            raise TransitionError(_("The event is not awaiting a re-check."))
        note = comment or _("Re-checked on site: handled.")
        review = task_actions.verify if passed else task_actions.return_for_rework
        review(event.task_id, actor=actor, comment=note, at=at, as_source_reviewer=True)
        recheck = EventRecheck.objects.create(
            event=event, checked_by=actor, checked_at=at, passed=passed, comment=comment
        )
        _photos(event, checked, actor, recheck)
        event.task.refresh_from_db()
    return event
