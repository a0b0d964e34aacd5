"""Every change of a project, factor request or inspection score:
keyword-only actor, one transaction, the row locked, scope then permission then state
checked. A factor request's task is created and assigned through the task engine.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; wrong state or input ->
ActionError / ValidationError (400).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    ActionError,
    action_atomic,
    fetch_locked,
    in_scope,
    pk_of,
    require,
)
from mingzhu.core.audit import acting_as
from mingzhu.core.models import future_date_problem
from mingzhu.core.scope import units_in_scope
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks import services as task_services
from mingzhu.tasks.choices import DeadlineBasis, SourceKind
from mingzhu.tasks.choices import Status as TaskStatus

from . import services
from .choices import (
    DEFAULT_ROUTES,
    STAGE_DATE_FIELD,
    STAGE_EVIDENCE,
    STAGE_ORDER,
    Satisfaction,
    Stage,
)
from .models import (
    FUTURE_STAGE_DATE,
    FactorRequest,
    FactorRoute,
    Inspection,
    InspectionScore,
    InvestmentPlan,
    MonthlyInvestment,
    Project,
    StageChange,
    validate_evidence,
)

DEFAULT_TIME_LIMIT = 10  # working days, when no route is configured


class StageError(ActionError):
    """The project cannot move to that stage."""


class StageDayError(StageError):
    """A stage's day cannot be recorded (``stage``: the stage whose day it is)."""

    def __init__(self, stage: str, message: str):
        super().__init__(message)
        self.stage = stage


def _lock_project(project: Project | int, actor, action: str = "change") -> Project:
    project = fetch_locked(Project, project, actor, related=("town",))
    if not in_scope(project, actor, action):
        raise PermissionDenied(_("You may not change this project."))
    return project


# The permission whose scope says whose investment a user records (the towns' staff their
# towns' projects, the key-project office every one); the plan's goes with it.
RECORD_INVESTMENT = "projects.change_monthlyinvestment"
INVESTMENT_PERMISSIONS = (RECORD_INVESTMENT, "projects.change_investmentplan")


def investment_projects(user):
    """The projects whose plans and monthly investment ``user`` may record: those whose
    town lies where they hold the permissions (none without them)."""
    if not user.has_perms(INVESTMENT_PERMISSIONS):
        return Project.objects.none()
    return Project.objects.filter(town__in=units_in_scope(user, RECORD_INVESTMENT))


def may_record_investment(user, project: Project | None = None) -> bool:
    """Whether ``user`` may record investment: for ``project``, or (None) for any
    project at all (the import page and its template)."""
    if project is None:
        return user.has_perms(INVESTMENT_PERMISSIONS)
    return investment_projects(user).filter(pk=project.pk).exists()


def may_advance(user, project: Project) -> bool:
    return user.has_perm("projects.advance_project") and in_scope(project, user, "change")


def advance_project(
    project: Project | int,
    *,
    actor,
    to_stage: str,
    on: dt.date,
    note: str = "",
    reason: str = "",
    evidence=None,
    evidence_kind: str = "",
    at: dt.datetime | None = None,
) -> Project:
    """Move a project to its next stage, to suspended (with a reason) or back from
    suspension, keeping the date of every stage. A move forward carries its evidence
    (contract, licence, photo)."""
    with action_atomic():
        project = _lock_project(project, actor)
        require(actor, "projects.advance_project", _("You may not move projects between stages."))
        today = timezone.localdate(at) if at else timezone.localdate()
        problem = future_date_problem(on, today=today, message=FUTURE_STAGE_DATE)
        if problem:
            raise ValidationError({"on": problem})
        last_on = _last_on(project)
        problem = services.check_move(
            project.stage,
            to_stage,
            on=on,
            last_on=last_on,
            suspended_from=project.suspended_from or None,
            reason=reason,
        )
        if problem == "not_allowed":
            raise StageError(
                _("A project that is %(stage)s cannot move to %(to)s.")
                % {"stage": project.get_stage_display(), "to": Stage(to_stage).label}
                if to_stage in Stage.values
                else _("Unknown stage: %(to)s.") % {"to": to_stage}
            )
        if problem == "before_last":
            raise ValidationError(
                {
                    "on": _("The date is before the project's last stage change (%(day)s).")
                    % {"day": last_on.isoformat()}
                }
            )
        if problem == "reason":
            raise ValidationError({"reason": _("Say why the project is suspended.")})
        forward = to_stage in STAGE_EVIDENCE and project.stage != Stage.SUSPENDED
        if forward and not evidence:
            raise ValidationError(
                {
                    "evidence": _("Attach the evidence of this stage (%(kind)s).")
                    % {"kind": STAGE_EVIDENCE[to_stage].label}
                }
            )
        if evidence:
            validate_evidence(evidence)
        before = project.stage
        if to_stage == Stage.SUSPENDED:
            project.suspended_from = before
            project.suspension_reason = reason.strip()
            project.suspended_on = on
        elif before == Stage.SUSPENDED:
            project.suspended_from = ""
        else:
            setattr(project, STAGE_DATE_FIELD[to_stage], on)
        project.stage = to_stage
        project.save()
        StageChange.objects.create(
            project=project,
            from_stage=before,
            to_stage=to_stage,
            on=on,
            actor=actor,
            at=at or timezone.now(),
            note=(note or reason or "").strip(),
            evidence_kind=evidence_kind or (STAGE_EVIDENCE.get(to_stage, "") if evidence else ""),
            evidence=evidence or "",
        )
    return project


def _last_on(project: Project) -> dt.date | None:
    """The day of the project's last stage change (None for a project entered from a
    ledger without any date)."""
    last_change = project.stage_changes.order_by("-on", "-pk").values_list("on", flat=True).first()
    return max(filter(None, [last_change, project.stage_on, project.negotiating_on]), default=None)


def record_ledger_stages(
    project: Project,
    *,
    actor,
    to_stage: str,
    days: Mapping[str, dt.date],
    note: str = "",
    at: dt.datetime | None = None,
) -> list[StageChange]:
    """Bring a stored project forward to ``to_stage`` as an imported ledger records it,
    inside the caller's transaction: each stage after the current one up to ``to_stage``
    whose day ``days`` gives (stage -> day) is kept in its date field and entered on the
    timeline with that day; a stage the ledger gives no day for is passed over, never
    given one. No evidence is asked for: the ledger is the record. A project that is
    suspended, or already at ``to_stage`` or beyond, is left as it is (an import does
    not move a project back). Refused (``StageError``) for a day before the project's
    last stage change, and (``PermissionDenied``) for an actor who may not move projects
    between stages. A refused day is a ``StageDayError`` naming its stage."""
    if to_stage not in STAGE_ORDER or project.stage not in STAGE_ORDER:
        return []
    current = STAGE_ORDER.index(project.stage)
    if STAGE_ORDER.index(to_stage) <= current:
        return []
    last_on = _last_on(project)
    changes, before = [], project.stage
    for stage in STAGE_ORDER[current + 1 : STAGE_ORDER.index(to_stage) + 1]:
        on = days.get(stage)
        if on is None:
            continue
        problem = future_date_problem(on, message=FUTURE_STAGE_DATE)
        if problem:
            raise StageDayError(stage, problem)
        if last_on is not None and on < last_on:
            raise StageDayError(
                stage,
                _("The date is before the project's last stage change (%(day)s).")
                % {"day": last_on.isoformat()},
            )
        setattr(project, STAGE_DATE_FIELD[stage], on)
        changes.append(
            StageChange(
                project=project,
                from_stage=before,
                to_stage=stage,
                on=on,
                actor=actor,
                at=at or timezone.now(),
                note=note,
            )
        )
        before, last_on = stage, on
    if not changes:
        return []
    require(actor, "projects.advance_project", _("You may not move projects between stages."))
    project.stage = before
    project.save()
    for change in changes:
        change.save()  # one by one: each goes into the audit trail
    return changes


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Not a number: %(value)s") % {"value": value}}) from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError({field: _("The amount must not be negative.")})
    return amount


def _figure(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _replace(model, lookup: dict, field: str, value: Decimal, *, overwrite: bool, period: str):
    """Store ``value`` in ``field`` of the row found by ``lookup`` (created when missing).
    A different figure already recorded is replaced only with ``overwrite``; otherwise the
    refusal names it."""
    row = model.objects.select_for_update().filter(**lookup).first()
    if row is None:
        model.objects.create(**lookup, **{field: value})
        return
    old = getattr(row, field)
    if old == value:
        return
    if not overwrite:
        raise ValidationError(
            {
                field: _(
                    "%(period)s already has %(old)s recorded. To replace it with %(new)s, "
                    'tick "Replace the recorded figure" and submit again.'
                )
                % {"period": period, "old": _figure(old), "new": _figure(value)}
            }
        )
    setattr(row, field, value)
    row.save()


def record_investment(
    project: Project | int,
    *,
    actor,
    year: int,
    planned=None,
    monthly: Mapping[int, object] | None = None,
    overwrite: bool = False,
    notes: Mapping[int, Mapping[str, str]] | None = None,
) -> Project:
    """Set a year's planned investment and/or the completed investment of some months,
    with what a month's report says beside its figure (``notes``: month -> its
    ``progress`` 形象进度 and ``remark`` 备注; an empty text leaves the recorded one).
    A figure or text already recorded is replaced only with ``overwrite``; otherwise the
    refusal shows the recorded one. A replacement is in the audit trail with its author."""
    monthly = dict(monthly or {})
    notes = {
        int(month): {k: (text or "").strip() for k, text in texts.items() if (text or "").strip()}
        for month, texts in (notes or {}).items()
    }
    for month in [*monthly, *notes]:
        if not 1 <= int(month) <= 12:
            raise ValidationError({"month": _("Months run from 1 to 12.")})
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Not a plausible year.")})
    with action_atomic(), acting_as(actor):
        project = fetch_locked(Project, project, actor, related=("town",))
        if not may_record_investment(actor, project):
            raise PermissionDenied(_("You may not record this project's investment."))
        if planned is not None:
            _replace(
                InvestmentPlan,
                {"project": project, "year": year},
                "planned",
                _amount(planned, "planned"),
                overwrite=overwrite,
                period=_("The plan of %(year)s") % {"year": year},
            )
        for month, value in sorted(monthly.items()):
            _replace(
                MonthlyInvestment,
                {"project": project, "year": year, "month": int(month)},
                "completed",
                _amount(value, "completed"),
                overwrite=overwrite,
                period=f"{year}-{int(month):02d}",
            )
        for month, texts in sorted(notes.items()):
            if texts:
                _note_month(project, year, month, texts, overwrite=overwrite)
    return project


NOTE_FIELDS = ("progress", "remark")


def _note_month(project: Project, year: int, month: int, texts: dict, *, overwrite: bool):
    """Keep a month's progress and remark on its record (which its figure made)."""
    row = (
        MonthlyInvestment.objects.select_for_update()
        .filter(project=project, year=year, month=month)
        .first()
    )
    if row is None:
        field = next(iter(texts))
        raise ValidationError(
            {
                field: _("Give the completed investment of %(period)s with its progress or remark.")
                % {"period": f"{year}-{month:02d}"}
            }
        )
    changed = []
    for field in NOTE_FIELDS:
        text = texts.get(field, "")
        old = getattr(row, field)
        if not text or text == old:
            continue
        max_length = MonthlyInvestment._meta.get_field(field).max_length
        if len(text) > max_length:
            raise ValidationError(
                {field: _("At most %(count)s characters.") % {"count": max_length}}
            )
        if old and not overwrite:
            raise ValidationError(
                {
                    field: _(
                        "%(period)s already has “%(old)s” recorded. To replace it with "
                        '“%(new)s”, tick "Replace the recorded figure" and submit again.'
                    )
                    % {"period": f"{year}-{month:02d}", "old": old, "new": text}
                }
            )
        setattr(row, field, text)
        changed.append(field)
    if changed:
        row.save(update_fields=[*changed, "updated_at"])


def route_for(kind: str) -> tuple[OrgUnit, int]:
    """The department answering requests of ``kind`` and its time limit (working days)."""
    route = FactorRoute.objects.select_related("department").filter(kind=kind).first()
    if route is not None:
        return route.department, route.time_limit_days
    unit = OrgUnit.objects.filter(code=DEFAULT_ROUTES[kind], kind=UnitKind.DEPARTMENT).first()
    if unit is None:
        raise ActionError(_("No department is set up to answer requests of this kind."))
    return unit, DEFAULT_TIME_LIMIT


def may_dispatch(user) -> bool:
    return user.has_perm("projects.dispatch_factorrequest") and user.has_perm("tasks.add_task")


def raise_factor_request(
    project: Project | int,
    *,
    actor,
    kind: str,
    quantity,
    unit: str,
    needed_by: dt.date,
    description: str = "",
    at: dt.datetime | None = None,
) -> FactorRequest:
    """A town (or the supervision office) asks for land, funding, energy or labour for
    one of its projects. When the actor may also dispatch, the department's task is
    created at once; otherwise the request waits for the supervision office."""
    require(actor, "projects.add_factorrequest", _("You may not raise factor requests."))
    at = at or timezone.now()
    with action_atomic():
        project = _lock_project(project, actor)
        request = FactorRequest(
            project=project,
            kind=kind,
            quantity=quantity,
            unit=unit,
            needed_by=needed_by,
            description=(description or "").strip(),
            raised_by=actor,
            raised_at=at,
            is_illustrative=project.is_illustrative,
        )
        request.full_clean()
        if needed_by < timezone.localdate(at):
            raise ValidationError({"needed_by": _("The date lies in the past.")})
        request.save()
        if may_dispatch(actor):
            dispatch_factor_request(request.pk, actor=actor, at=at)
            request.refresh_from_db()
    return request


def dispatch_factor_request(
    request: FactorRequest | int,
    *,
    actor,
    department: OrgUnit | None = None,
    comment: str = "",
    at: dt.datetime | None = None,
) -> FactorRequest:
    """Hand the request to the responsible department (交办): a task of the engine,
    created and assigned, linked to the request."""
    if not may_dispatch(actor):
        raise PermissionDenied(_("Only the supervision office dispatches factor requests."))
    at = at or timezone.now()
    with action_atomic():
        request = fetch_locked(FactorRequest, request, actor, related=("project__town",))
        if request.task_id is not None:
            raise ActionError(_("The request has already been dispatched."))
        routed, limit = route_for(request.kind)
        lead = department or routed
        if lead.kind != UnitKind.DEPARTMENT:
            raise ValidationError({"department": _("Choose a department.")})
        deadline, _due = task_services.due_for(at, limit, DeadlineBasis.WORKING_DAYS)
        if request.needed_by > timezone.localdate(at):
            deadline = min(deadline, request.needed_by)
        task_actions.open_task(
            request,
            actor=actor,
            at=at,
            comment=comment,
            title=_("Factor request: %(kind)s for %(project)s")
            % {"kind": request.get_kind_display(), "project": request.project.name},
            content=f"{request.quantity} {request.get_unit_display()}"
            + (f"\n{request.description}" if request.description else ""),
            lead_unit=lead,
            deadline=deadline,
            deadline_basis=DeadlineBasis.WORKING_DAYS,
            time_limit=limit,
            source_kind=SourceKind.FACTOR_REQUEST,
        )
    return request


def rate_factor_request(
    request: FactorRequest | int, *, actor, satisfaction: str, at: dt.datetime | None = None
) -> FactorRequest:
    """The requesting side rates the answer once the task is closed (满意度)."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose a rating.")})
    with action_atomic():
        request = fetch_locked(FactorRequest, request, actor, related=("task__lead_unit",))
        if not may_rate(actor, request):
            raise PermissionDenied(_("Only the requesting side rates the answer."))
        if request.task is None or request.task.status != TaskStatus.CLOSED:
            raise ActionError(_("The request can be rated once its task is closed."))
        request.satisfaction = satisfaction
        request.rated_on = timezone.localdate(at) if at else timezone.localdate()
        request.save(update_fields=["satisfaction", "rated_on", "updated_at"])
    return request


def may_rate(user, request: FactorRequest) -> bool:
    """The project's side (who may change the project), never the handling department."""
    if request.task_id and task_actions.in_unit(user, request.task.lead_unit):
        return False
    return in_scope(request.project_id, user, "change", model=Project)


def may_score(user) -> bool:
    return user.has_perm("projects.add_inspectionscore")


def score_project(
    inspection: Inspection | int,
    *,
    actor,
    project: Project | int,
    score,
    remarks: str = "",
) -> InspectionScore:
    """Record (or correct) the score a project earned on an inspection."""
    if not may_score(actor):
        raise PermissionDenied(_("You may not score inspections."))
    inspection_id = pk_of(inspection)
    project_id = pk_of(project)
    with action_atomic():
        inspection = Inspection.objects.select_for_update().filter(pk=inspection_id).first()
        if inspection is None:
            raise Http404("No such inspection.")
        if not in_scope(project_id, actor, "view", model=Project):
            raise Http404("No such project.")
        value = _amount(score, "score")
        if value > 100:
            raise ValidationError({"score": _("A score lies between 0 and 100.")})
        row, _created = InspectionScore.objects.update_or_create(
            inspection=inspection,
            project_id=project_id,
            defaults={"score": value, "remarks": (remarks or "").strip()},
        )
    return row
