"""Saving a peak-shaving plan and turning its moves into tasks for the entities.

Keyword-only actor, one transaction, scope then permission then state checked; tasks are
created and assigned through the task engine's own actions (SourceKind.DEBT_PLAN), each
linked to its move.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import action_atomic, fetch_locked, require_in_scope
from mingzhu.core.scope import restrict
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.actions import TransitionError, in_unit
from mingzhu.tasks.choices import DeadlineBasis, SourceKind
from mingzhu.tasks.models import Task

from ..models import CashPosition, DebtInstrument, PlanMove, RepaymentPlan
from .data import compute_plan
from .planner import month_label

NOTICE_DAYS = 10  # the least time a task gets before its deadline


def _date(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def save_plan(
    *,
    actor,
    name: str,
    as_of: dt.date,
    window: int | None = None,
    refi_rate: float | None = None,
    use_cash: bool = False,
    is_illustrative: bool = False,
) -> RepaymentPlan:
    """Compute the plan over the instruments the actor may see and save it with its
    moves."""
    if not actor.has_perm("risks.add_repaymentplan"):
        raise PermissionDenied(_("You may not save repayment plans."))
    if actor.unit_id is None:
        raise ValidationError({"name": _("You belong to no unit.")})
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the plan a name.")})
    instruments = restrict(DebtInstrument.objects.all(), actor, "view")
    cash = restrict(CashPosition.objects.all(), actor, "view")
    result = compute_plan(
        instruments, cash, as_of=as_of, window=window, refi_rate=refi_rate, use_cash=use_cash
    )
    by_code = dict(instruments.values_list("code", "pk"))
    with action_atomic():
        plan = RepaymentPlan.objects.create(
            name=name.strip()[:200],
            unit=actor.unit,
            created_by=actor,
            window=window,
            refi_rate=None if refi_rate is None else Decimal(str(refi_rate)),
            use_cash=use_cash,
            months=[month_label(m) for m in result.months],
            due_before=[round(float(x), 2) for x in result.due_before],
            due_after=[round(float(x), 2) for x in result.due_after],
            peak_before=_money(result.peak_before),
            peak_after=_money(result.peak_after),
            extra_cost=_money(result.extra_cost),
            is_illustrative=is_illustrative,
        )
        PlanMove.objects.bulk_create(
            [
                PlanMove(
                    plan=plan,
                    instrument_id=by_code[m.instrument],
                    from_month=_date(m.from_month),
                    to_month=_date(m.to_month),
                    amount=_money(m.amount),
                    cost=_money(m.cost),
                )
                for m in result.moves
                if round(m.amount, 2) > 0
            ]
        )
        require_in_scope(
            plan, actor, "add", PermissionDenied(_("The plan would lie outside your data scope."))
        )
    return plan


def may_issue(user, plan: RepaymentPlan) -> bool:
    """Turns moves into tasks: the task engine's issuing side (the supervision office, a
    leader), never the unit that will carry the tasks out."""
    return user.has_perm("tasks.add_task") and user.has_perm(task_actions.VERIFY_PERMISSION)


def issue_tasks(plan: RepaymentPlan | int, *, actor, at: dt.datetime | None = None) -> list[Task]:
    """One task per move not yet issued, for the unit answering for the instrument's
    entity: negotiate the extension (or arrange the refinancing) before the instalment
    falls due."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    with action_atomic():
        plan = fetch_locked(RepaymentPlan, plan, actor)  # 404 outside the scope
        if not may_issue(actor, plan):
            raise PermissionDenied(_("Only the supervising side turns a plan into tasks."))
        moves = list(
            plan.moves.filter(task__isnull=True)
            .select_related("instrument__entity__unit")
            .order_by("from_month", "pk")
        )
        if not moves:
            raise TransitionError(_("Every move of this plan already has its task."))
        kind = ContentType.objects.get_for_model(PlanMove)
        tasks = []
        for move in moves:
            entity = move.instrument.entity
            if in_unit(actor, entity.unit):
                raise PermissionDenied(
                    _("The tasks of %(entity)s cannot be issued by its own unit.")
                    % {"entity": entity}
                )
            deadline = max(
                move.from_month - dt.timedelta(days=1), today + dt.timedelta(days=NOTICE_DAYS)
            )
            verb = (
                _("Arrange refinancing") if plan.refi_rate is not None else _("Negotiate extension")
            )
            task = task_actions.create_task(
                actor=actor,
                at=at,
                title=_(
                    "%(verb)s: %(entity)s %(code)s, %(amount)s (10k yuan) from %(from)s to %(to)s"
                )
                % {
                    "verb": verb,
                    "entity": entity,
                    "code": move.instrument.code,
                    "amount": move.amount,
                    "from": f"{move.from_month:%Y-%m}",
                    "to": f"{move.to_month:%Y-%m}",
                },
                content=_("Peak-shaving plan: %(plan)s") % {"plan": plan.name},
                lead_unit=entity.unit,
                deadline=deadline,
                deadline_basis=DeadlineBasis.CALENDAR_DAYS,
                source_kind=SourceKind.DEBT_PLAN,
                content_type=kind,
                object_id=move.pk,
                is_illustrative=plan.is_illustrative,
            )
            task = task_actions.assign(task, actor=actor, at=at)
            move.task = task
            move.save(update_fields=["task", "updated_at"])
            tasks.append(task)
    return tasks
