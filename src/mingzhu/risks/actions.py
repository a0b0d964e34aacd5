"""Every change of a hazard: keyword-only actor, one transaction, scope
then permission then state checked. The rectification is a task of the engine, created
and assigned through its own actions; a major hazard is listed for supervision (挂牌督办)
with a red sheet at once.

Errors as in tasks.actions: out of scope -> Http404; not allowed -> PermissionDenied;
wrong state -> TransitionError (400); bad values -> ValidationError (400).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import action_atomic, fetch_locked, require_in_scope
from mingzhu.core.scope import units_in_scope
from mingzhu.org.models import OrgUnit
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.actions import TransitionError, in_unit
from mingzhu.tasks.choices import DeadlineBasis, SheetLevel, SourceKind, Urgency
from mingzhu.tasks.models import SupervisionSheet

from .choices import OPEN_TASK_STATES, Level
from .models import Hazard, HazardPhoto

__all__ = ["TransitionError", "may_register", "register_hazard", "update_hazard"]


def may_register(user) -> bool:
    """Registers hazards and assigns their rectification: the supervising side, which
    holds both the hazard and the task engine's issuing permissions."""
    return user.has_perm("risks.add_hazard") and user.has_perm(task_actions.VERIFY_PERMISSION)


def register_hazard(
    *,
    actor,
    title: str,
    domain: str,
    level: str,
    unit: OrgUnit,
    found_on: dt.date,
    found_by: str,
    description: str,
    deadline: dt.date,
    address: str = "",
    latitude=None,
    longitude=None,
    owner: str = "",
    measures: str = "",
    photos: Sequence = (),
    at: dt.datetime | None = None,
    is_illustrative: bool = False,
) -> Hazard:
    """Register a hazard; its rectification task is created and assigned to the unit."""
    if not may_register(actor):
        raise PermissionDenied(_("You may not register hazards."))
    if not units_in_scope(actor, "risks.add_hazard").filter(pk=unit.pk).exists():
        raise Http404("No such unit.")
    if in_unit(actor, unit):
        raise PermissionDenied(
            _("A hazard of your own unit is registered by the supervising side.")
        )
    at = at or timezone.now()
    today = timezone.localdate(at)
    errors = {}
    if found_on and found_on > today:
        errors["found_on"] = _("The day found cannot be in the future.")
    if deadline is None:
        errors["deadline"] = _("Set the rectification deadline.")
    elif deadline < today:
        errors["deadline"] = _("The rectification deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    checked = HazardPhoto.check_uploads(photos)
    with action_atomic():
        hazard = Hazard(
            title=(title or "").strip(),
            domain=domain,
            level=level,
            unit=unit,
            address=(address or "").strip(),
            latitude=latitude,
            longitude=longitude,
            found_on=found_on,
            found_by=(found_by or "").strip(),
            description=(description or "").strip(),
            owner=(owner or "").strip(),
            measures=(measures or "").strip(),
            registered_by=actor,
            is_illustrative=is_illustrative,
        )
        hazard.full_clean()
        hazard.save()
        HazardPhoto.store(checked, uploaded_by=actor, hazard=hazard)
        task = task_actions.open_task(
            hazard,
            actor=actor,
            at=at,
            title=_("Rectify hazard: %(title)s") % {"title": hazard.title},
            content=hazard.description,
            lead_unit=unit,
            deadline=deadline,
            deadline_basis=DeadlineBasis.CALENDAR_DAYS,
            urgency=Urgency.URGENT if level == Level.MAJOR else Urgency.NORMAL,
            source_kind=SourceKind.HAZARD,
        )
        if level == Level.MAJOR:
            # 挂牌督办: the red sheet at once, the one the daily job would add when overdue.
            SupervisionSheet.objects.get_or_create(
                task=task, level=SheetLevel.RED, defaults={"issued_on": today, "unit": unit}
            )
        require_in_scope(hazard, actor, "add", Http404("No such unit."))
    return hazard


def update_hazard(hazard: Hazard | int, *, actor, owner: str, measures: str) -> Hazard:
    """Record who answers for an open hazard and what is being done (owner, measures)."""
    with action_atomic():
        hazard = fetch_locked(Hazard, hazard, actor, related=("task",))
        require_in_scope(
            hazard, actor, "change", PermissionDenied(_("You may not change this hazard."))
        )

        if hazard.task is not None and hazard.task.status not in OPEN_TASK_STATES:
            raise TransitionError(_("The hazard is no longer open."))
        hazard.owner = (owner or "").strip()
        hazard.measures = (measures or "").strip()
        hazard.full_clean()
        hazard.save(update_fields=["owner", "measures", "updated_at"])
    return hazard
