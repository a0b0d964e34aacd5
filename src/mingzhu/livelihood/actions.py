"""Every change in the livelihood module: keyword-only actor, one
transaction, the row locked, scope then permission then state checked. Requests, measures
and follow-ups are handled as tasks through the task engine's own actions.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; wrong state ->
ActionError (400); bad values -> ValidationError (400).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    ActionError,
    action_atomic,
    fetch_locked,
    in_scope,
    now_or,
    require,
    require_in_scope,
)
from mingzhu.core.prepared import row_exists
from mingzhu.core.scope import restrict, scope_key
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks import services as task_services
from mingzhu.tasks.actions import in_unit, source_reviewer
from mingzhu.tasks.choices import HANDLING, DeadlineBasis, SourceKind
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.models import Task

from . import protect, services
from .choices import (
    Elimination,
    EntryKind,
    EntryStatus,
    IncomeAlert,
    RequestAction,
    RequestStatus,
    RequestType,
    Satisfaction,
)
from .models import (
    AssistanceMeasure,
    Callback,
    CitizenRequest,
    CoverageRecord,
    CoverageTarget,
    FundEntry,
    MonitoredHousehold,
    MonitoringLine,
    MutualAidFund,
    PersonalDataAccess,
    RequestEvent,
    TimeLimit,
)

VILLAGE_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)
DISPATCH_KINDS = (UnitKind.DEPARTMENT, *TOWN_KINDS, *VILLAGE_KINDS)
DESK_PERMISSION = "livelihood.change_citizenrequest"
DEFAULT_LIMITS = {
    RequestType.URGENT: (0, DeadlineBasis.CALENDAR_DAYS, 0),
    RequestType.CONSULTATION: (3, DeadlineBasis.WORKING_DAYS, 1),
    RequestType.HELP: (3, DeadlineBasis.WORKING_DAYS, 1),
    RequestType.COMPLAINT: (13, DeadlineBasis.WORKING_DAYS, 1),
    RequestType.REPORT: (13, DeadlineBasis.WORKING_DAYS, 1),
    RequestType.SUGGESTION: (13, DeadlineBasis.WORKING_DAYS, 1),
}
FOLLOW_UP_WORKING_DAYS = 20


def is_desk(user) -> bool:
    """The intake desk (12345): registers, dispatches, calls back and reopens."""
    return user.has_perm(DESK_PERMISSION)


def limit_for(request_type: str) -> tuple[int, str, int]:
    """(days to answer, how they are counted, working days to accept) of a type."""
    row = TimeLimit.objects.filter(request_type=request_type).first()
    if row is not None:
        return row.handling_days, row.basis, row.response_days
    return DEFAULT_LIMITS[RequestType(request_type)]


# -- citizen requests ----------------------------------------------------------------


def _lock_request(request: CitizenRequest | int, actor) -> CitizenRequest:
    related = ("task__lead_unit", "category", "town", "village")
    return fetch_locked(CitizenRequest, request, actor, related=related)


def _event(request, actor, action, at, *, unit=None, task=None, comment="") -> RequestEvent:
    return RequestEvent.objects.create(
        request=request, action=action, actor=actor, at=at, unit=unit, task=task, comment=comment
    )


def _lock_for_desk(request: CitizenRequest | int, actor, ready) -> CitizenRequest:
    """The request locked for a step of the intake desk, which it must be ``ready`` for."""
    request = _lock_request(request, actor)
    if not is_desk(actor):
        raise PermissionDenied(_("Only the intake desk does this."))
    if not ready(request):
        raise _wrong_state(request)
    return request


def _lock_for_unit(request: CitizenRequest | int, actor, refusal: str) -> CitizenRequest:
    """The request locked for a step of the unit handling its open round (else ``refusal``)."""
    request = _lock_request(request, actor)
    if request.task is None or not in_unit(actor, request.task.lead_unit):
        raise PermissionDenied(refusal)
    return request


def _wrong_state(request: CitizenRequest) -> ActionError:
    return ActionError(
        _("The request is %(status)s; this is not possible now.")
        % {"status": request.get_status_display()}
    )


def _next_number(year: int) -> str:
    prefix = f"RX{year}"
    last = (
        CitizenRequest._base_manager.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{prefix}{(int(last[len(prefix) :]) + 1) if last else 1:06d}"


def register_request(
    *,
    actor,
    channel: str,
    request_type: str,
    category,
    content: str,
    town: OrgUnit,
    village: OrgUnit | None = None,
    address: str = "",
    requester_name: str = "",
    phone: str = "",
    at: dt.datetime | None = None,
) -> CitizenRequest:
    """The desk takes a request (受理)."""
    require(actor, "livelihood.add_citizenrequest", _("Only the intake desk registers requests."))
    at = now_or(at)
    errors: dict[str, list[str]] = {}
    content = (content or "").strip()
    if not content:
        errors["content"] = [_("Say what the request is about.")]
    clean_phone = ""
    if phone and phone.strip():
        try:
            clean_phone = protect.clean_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if town.kind not in TOWN_KINDS:
        errors["town"] = [_("Choose a town, street or zone.")]
    if village is not None and (village.kind not in VILLAGE_KINDS or village.parent_id != town.pk):
        errors["village"] = [_("The village or community must lie in the chosen town.")]
    if category is not None and not category.is_active:
        errors["category"] = [_("This category is no longer in use.")]
    if errors:
        raise ValidationError(errors)
    with action_atomic():
        request = CitizenRequest(
            channel=channel,
            request_type=request_type,
            category=category,
            content=content,
            town=town,
            village=village,
            address=(address or "").strip(),
            received_at=at,
            received_by=actor,
        )
        request.set_requester((requester_name or "").strip(), clean_phone)
        request.full_clean(exclude=["number"])
        for _attempt in range(5):
            request.number = _next_number(timezone.localdate(at).year)
            try:
                with transaction.atomic():
                    request.save()
                break
            except IntegrityError:
                request.pk = None
        else:
            raise ActionError(_("Could not allocate a request number; try again."))
        _event(request, actor, RequestAction.REGISTER, at)
    return request


def _open_round(request: CitizenRequest, actor, unit: OrgUnit, at, comment: str) -> Task:
    """A new handling round: a task for the unit with the type's time limit, assigned."""
    if unit.kind not in DISPATCH_KINDS:
        raise ValidationError({"unit": [_("Dispatch to a department, town or village.")]})
    if in_unit(actor, unit):
        raise ValidationError({"unit": [_("The desk cannot dispatch to its own unit.")]})
    days, basis, _response = limit_for(request.request_type)
    deadline, _due_at = task_services.due_for(at, days, basis)
    task = task_actions.create_task(
        actor=actor,
        at=at,
        title=f"{request.number} {request.category.name}：{request.place}"[:300],
        content=request.content,
        lead_unit=unit,
        deadline=deadline,
        deadline_basis=basis,
        time_limit=days,
        urgency="urgent" if request.request_type == RequestType.URGENT else "normal",
        source_kind=SourceKind.CITIZEN_REQUEST,
        content_type=ContentType.objects.get_for_model(CitizenRequest),
        object_id=request.pk,
        is_illustrative=request.is_illustrative,
    )
    task = task_actions.assign_new(task, actor=actor, comment=comment, at=at)
    request.task = task
    return task


def dispatch(
    request: CitizenRequest | int, *, actor, unit: OrgUnit, comment: str = "", at=None
) -> CitizenRequest:
    """The desk assigns the request to a unit (派单): it becomes that unit's task."""
    at = now_or(at)
    with action_atomic():
        request = _lock_for_desk(request, actor, lambda r: r.status == RequestStatus.REGISTERED)
        task = _open_round(request, actor, unit, at, comment)
        request.save(update_fields=["task", "updated_at"])
        _event(request, actor, RequestAction.DISPATCH, at, unit=unit, task=task, comment=comment)
    return request


def _handling_unit_may(user, request: CitizenRequest, states) -> bool:
    """The user is staff of the unit handling the request's open round, which is in one
    of ``states``."""
    task = request.task
    return bool(
        task is not None
        and not request.pending_return
        and task.status in states
        and user.has_perm("tasks.change_task")
        and in_unit(user, task.lead_unit)
    )


def may_return(user, request: CitizenRequest) -> bool:
    return request.return_count == 0 and _handling_unit_may(
        user, request, (TaskStatus.ASSIGNED, TaskStatus.ACCEPTED)
    )


def return_request(request: CitizenRequest | int, *, actor, reason: str, at=None) -> CitizenRequest:
    """The unit sends a misdirected request back to the desk (退单), once, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(_("Say why the request is returned."))
    at = now_or(at)
    with action_atomic():
        request = _lock_for_unit(
            request, actor, _("Only the unit handling the request returns it.")
        )
        task = request.task
        if request.return_count:
            raise ActionError(_("A request can be returned only once."))
        if not may_return(actor, request):
            raise _wrong_state(request)
        request.pending_return = True
        request.return_count += 1
        request.save(update_fields=["pending_return", "return_count", "updated_at"])
        _event(
            request, actor, RequestAction.RETURN, at, unit=task.lead_unit, task=task, comment=reason
        )
    return request


def redispatch(
    request: CitizenRequest | int, *, actor, unit: OrgUnit, comment: str = "", at=None
) -> CitizenRequest:
    """The desk sends a returned request to another unit; the first task is cancelled."""
    at = now_or(at)
    with action_atomic():
        request = _lock_for_desk(request, actor, lambda r: r.pending_return)
        old = request.task
        if old.lead_unit_id == unit.pk:
            raise ValidationError(
                {"unit": [_("Choose another unit than the one that returned it.")]}
            )
        reason = request.events.filter(action=RequestAction.RETURN).last()
        task_actions.cancel(
            old,
            actor=actor,
            comment=_("Returned by the unit: %(reason)s")
            % {"reason": reason.comment if reason else ""},
            at=at,
        )
        task = _open_round(request, actor, unit, at, comment)
        request.pending_return = False
        request.save(update_fields=["task", "pending_return", "updated_at"])
        _event(request, actor, RequestAction.REDISPATCH, at, unit=unit, task=task, comment=comment)
    return request


CONTACTABLE = (TaskStatus.ASSIGNED, *HANDLING)


def may_contact(user, request: CitizenRequest) -> bool:
    """The handling unit's staff record their contact with the caller while the round is
    open (dispatched, accepted or in hand)."""
    return _handling_unit_may(user, request, CONTACTABLE)


def contact_caller(request: CitizenRequest | int, *, actor, note: str, at=None) -> CitizenRequest:
    """The unit records that it contacted the caller (联系诉求人), how and what was said: the
    evidence of the response the 三率 count (the first contact of a round, within the
    working hours the rate rules allow after the dispatch)."""
    note = (note or "").strip()
    if not note:
        raise ActionError(_("Say how the caller was contacted and what was agreed."))
    at = now_or(at)
    with action_atomic():
        request = _lock_for_unit(
            request, actor, _("Only the unit handling the request contacts the caller.")
        )
        task = request.task
        if not may_contact(actor, request):
            raise _wrong_state(request)
        _event(
            request, actor, RequestAction.CONTACT, at, unit=task.lead_unit, task=task, comment=note
        )
    return request


def accept(request: CitizenRequest | int, *, actor, at=None) -> CitizenRequest:
    """The unit accepts the request (签收): the task engine's accept."""
    request = _in_round(request, actor)
    task_actions.accept(request.task_id, actor=actor, at=at)
    return request


def answer(request: CitizenRequest | int, *, actor, result: str, at=None) -> CitizenRequest:
    """The unit answers (办结答复): the task engine's request for closure, with the answer."""
    request = _in_round(request, actor)
    task_actions.request_closure(request.task_id, actor=actor, result=result, at=at)
    return request


def _in_round(request: CitizenRequest | int, actor) -> CitizenRequest:
    """The request as ``actor`` sees it, with a handling round open (not returned)."""
    obj = fetch_locked(CitizenRequest, request, actor, lock=False, related=("task",))
    if obj.task is None or obj.pending_return:
        raise _wrong_state(obj)
    return obj


def is_satisfied(resolved: bool, satisfaction: str) -> bool:
    """The requester's answer at callback counts as satisfied: resolved and not
    dissatisfied. Anything else reopens the request once."""
    return bool(resolved) and satisfaction != Satisfaction.DISSATISFIED


@source_reviewer(SourceKind.CITIZEN_REQUEST)
def rates_task(user, task: Task) -> bool:
    """The task engine's source-reviewer rule for citizen requests: the desk rates, at
    callback, the answer to a request in its scope."""
    if not is_desk(user):
        return False
    seen = scope_key(CitizenRequest, user, "view")
    if seen == ("none",):
        return False
    # The same query for every task in the desk's scope: compiled once (core.prepared).
    return row_exists(
        CitizenRequest,
        ("livelihood.rates_task", seen),
        lambda pk: restrict(CitizenRequest.objects.filter(task_id=pk), user, "view"),
        task.pk,
    )


def callback(
    request: CitizenRequest | int,
    *,
    actor,
    resolved: bool,
    satisfaction: str,
    comment: str = "",
    at=None,
) -> CitizenRequest:
    """The desk calls the citizen back (回访) after the answer and records it as the
    task's rating: satisfied closes the request; the first unresolved or dissatisfied
    answer sends the same task back to the unit (重办), a second one is final."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": [_("Choose how satisfied the citizen is.")]})
    at = now_or(at)
    comment = (comment or "").strip()
    with action_atomic():
        request = _lock_for_desk(request, actor, lambda r: r.status == RequestStatus.ANSWERED)
        Callback.objects.create(
            request=request,
            task=request.task,
            resolved=resolved,
            satisfaction=satisfaction,
            comment=comment,
            called_by=actor,
            called_at=at,
        )
        note = "{}，{}".format(
            _("Resolved") if resolved else _("Not resolved"), Satisfaction(satisfaction).label
        )
        request.task = task_actions.rate(
            request.task_id,
            actor=actor,
            satisfied=is_satisfied(resolved, satisfaction),
            comment=f"{note} {comment}".strip(),
            at=at,
            as_source_reviewer=True,
        )
    return request


# -- personal data -------------------------------------------------------------------

REVEAL = {
    CitizenRequest: ("livelihood.reveal_requester", "name,phone"),
    MonitoredHousehold: ("livelihood.reveal_id_number", "id_number"),
}


def may_reveal(user, model) -> bool:
    return user.has_perm(REVEAL[model][0])


def _unit_of(obj) -> OrgUnit:
    return (obj.village or obj.town) if isinstance(obj, CitizenRequest) else obj.village


def unreadable() -> ActionError:
    return ActionError(
        _(
            "The personal data cannot be read: it was encrypted with another key than the "
            "server's (MINGZHU_PERSONAL_DATA_KEY). Nothing was shown or recorded; tell the "
            "administrator."
        )
    )


def personal_data(obj) -> dict[str, str]:
    """The record's personal data in full; ``ActionError`` when the key does not open it."""
    try:
        if isinstance(obj, CitizenRequest):
            return {"name": obj.requester_name(), "phone": obj.requester_phone()}
        return {"id_number": obj.id_number()}
    except protect.TamperedError:
        raise unreadable() from None


def reveal(obj, *, actor, purpose: str = "view", at=None) -> dict[str, str]:
    """The personal data of one record in full, for a permitted role, and the record of
    who looked at it and when: recorded only once it could be read (a wrong key shows and
    records nothing)."""
    model = type(obj)
    perm, fields = REVEAL[model]
    require_in_scope(obj, actor, "view", Http404("No such record."))
    require(actor, perm, _("You may not see personal data in full."))
    shown = personal_data(obj)
    record_access([obj], actor=actor, purpose=purpose, at=at)
    return shown


def record_access(objs, *, actor, purpose: str, at=None) -> int:
    objs = list(objs)
    if not objs:
        return 0
    at = now_or(at)
    model = type(objs[0])
    ct = ContentType.objects.get_for_model(model)
    rows = [
        PersonalDataAccess(
            viewer=actor,
            at=at,
            content_type=ct,
            object_id=o.pk,
            object_repr=str(o)[:100] if model is CitizenRequest else f"#{o.pk}",
            fields=REVEAL[model][1],
            purpose=purpose,
            unit=_unit_of(o),
        )
        for o in objs
    ]
    PersonalDataAccess.objects.bulk_create(rows, batch_size=500)
    return len(rows)


# -- return-to-poverty monitoring ------------------------------------------------------


def _lock_household(household, actor, action: str = "view") -> MonitoredHousehold:
    household = fetch_locked(MonitoredHousehold, household, actor)
    if not in_scope(household, actor, action):
        raise PermissionDenied(_("You may not do this on this household."))
    return household


def add_measure(
    household: MonitoredHousehold | int,
    *,
    actor,
    kind: str,
    description: str,
    lead_unit: OrgUnit,
    deadline: dt.date,
    at=None,
    co_units=(),
) -> AssistanceMeasure:
    """An assistance measure (帮扶措施): a task of the engine for the unit that carries it,
    with the ``co_units`` that help (a 帮扶单位 cell naming several: the first leads)."""
    require(actor, "livelihood.add_assistancemeasure", _("You may not add assistance measures."))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": [_("Describe the measure.")]})
    at = now_or(at)
    with action_atomic():
        household = _lock_household(household, actor)
        if household.elimination == Elimination.ELIMINATED:
            raise ActionError(_("The household's risk has been eliminated."))
        task = task_actions.create_task(
            actor=actor,
            at=at,
            title=f"{household.village.name}帮扶措施：{description}"[:300],
            content=description,
            lead_unit=lead_unit,
            co_units=[u for u in co_units if u != lead_unit],
            deadline=deadline,
            source_kind=SourceKind.ASSISTANCE,
            content_type=ContentType.objects.get_for_model(MonitoredHousehold),
            object_id=household.pk,
            is_illustrative=household.is_illustrative,
        )
        task = task_actions.assign(task, actor=actor, at=at)
        measure = AssistanceMeasure.objects.create(
            household=household,
            kind=kind,
            description=description,
            task=task,
            is_illustrative=household.is_illustrative,
        )
    return measure


def line_for(year: int):
    return MonitoringLine.objects.filter(year=year).values_list("amount", flat=True).first()


def propose_elimination(
    household: MonitoredHousehold | int, *, actor, reason: str, at=None
) -> MonitoredHousehold:
    """Propose that the risk is eliminated (风险消除), with the reason; a reviewer decides."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(_("Give the reason the risk is eliminated."))
    with action_atomic():
        household = _lock_household(household, actor, "change")
        if household.elimination != Elimination.NONE:
            raise ActionError(_("The elimination has already been proposed or decided."))
        alert = services.income_alert(household.income_per_capita, line_for(household.income_year))
        if alert == IncomeAlert.BELOW:
            raise ActionError(_("The income is still below the monitoring line."))
        household.elimination = Elimination.PROPOSED
        household.elimination_reason = reason
        household.proposed_by = actor
        household.save(
            update_fields=["elimination", "elimination_reason", "proposed_by", "updated_at"]
        )
    return household


def review_elimination(
    household: MonitoredHousehold | int, *, actor, approve: bool, on: dt.date | None = None
) -> MonitoredHousehold:
    """The review of a proposed elimination: approved (risk eliminated on ``on``) or sent
    back. The proposer never reviews their own proposal."""
    require(actor, "livelihood.review_elimination", _("You may not review eliminations."))
    with action_atomic():
        household = _lock_household(household, actor)
        if household.elimination != Elimination.PROPOSED:
            raise ActionError(_("No elimination has been proposed."))
        if household.proposed_by_id == actor.pk:
            raise PermissionDenied(_("The proposer cannot review their own proposal."))
        if approve:
            household.elimination = Elimination.ELIMINATED
            household.eliminated_on = on or timezone.localdate()
        else:
            household.elimination = Elimination.NONE
            household.eliminated_on = None
        household.reviewed_by = actor
        household.save(update_fields=["elimination", "eliminated_on", "reviewed_by", "updated_at"])
    return household


# -- mutual-aid funds ------------------------------------------------------------------


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": [_("Enter an amount in 10k yuan.")]}) from None
    if amount != amount.quantize(Decimal("0.0001")):
        raise ValidationError({"amount": [_("At most four decimals (1 yuan).")]})
    return amount


def balance_of(fund: MutualAidFund) -> Decimal:
    rows = FundEntry.objects.filter(fund=fund, status=EntryStatus.APPROVED).values_list(
        "kind", "amount"
    )
    return services.fund_totals(rows)["balance"]


def record_entry(
    fund: MutualAidFund | int,
    *,
    actor,
    kind: str,
    amount,
    date: dt.date,
    donor: str = "",
    purpose: str = "",
    recipient: str = "",
    household: MonitoredHousehold | None = None,
    reason: str = "",
) -> FundEntry:
    """A donation in or aid out, awaiting approval."""
    require(actor, "livelihood.add_fundentry", _("You may not record fund entries."))
    fund = fetch_locked(MutualAidFund, fund, actor, lock=False)  # 404 outside the scope
    amount = _amount(amount)
    errors: dict[str, list[str]] = {}
    if amount <= 0:
        errors["amount"] = [_("The amount must be positive; corrections are separate entries.")]
    if kind == EntryKind.DONATION and not (donor or "").strip():
        errors["donor"] = [_("Name the donor.")]
    if kind == EntryKind.AID:
        if not (recipient or "").strip() and household is None:
            errors["recipient"] = [_("Name the household that receives the aid.")]
        if not reason:
            errors["reason"] = [_("Give the reason for the aid.")]
        if household is not None and household.village_id != fund.village_id:
            errors["household"] = [_("The household must live in the fund's village.")]
    if errors:
        raise ValidationError(errors)
    with action_atomic():
        entry = FundEntry(
            fund=fund,
            kind=kind,
            amount=amount,
            date=date,
            donor=(donor or "").strip(),
            purpose=(purpose or "").strip(),
            recipient=(recipient or "").strip() or (household.head_name if household else ""),
            household=household,
            reason=reason,
            recorded_by=actor,
            is_illustrative=fund.is_illustrative,
        )
        entry.full_clean()
        entry.save()
    return entry


def approve_entry(entry: FundEntry | int, *, actor, at=None) -> FundEntry:
    """Approve an entry: from then on it is immutable. Aid never exceeds the balance."""
    require(actor, "livelihood.approve_fundentry", _("You may not approve fund entries."))
    with action_atomic():
        entry = fetch_locked(FundEntry, entry, actor, related=("fund",))
        MutualAidFund.objects.select_for_update().filter(pk=entry.fund_id).first()
        if entry.status != EntryStatus.DRAFT:
            raise ActionError(_("The entry has already been approved."))
        if entry.recorded_by_id == actor.pk:
            raise PermissionDenied(_("The person who recorded an entry cannot approve it."))
        effect = entry.amount if entry.kind == EntryKind.DONATION else -entry.amount
        if balance_of(entry.fund) + effect < 0:
            raise ActionError(_("The fund's balance does not cover this aid."))
        entry.status = EntryStatus.APPROVED
        entry.approved_by = actor
        entry.approved_at = now_or(at)
        entry.save()
    return entry


def correct_entry(
    entry: FundEntry | int, *, actor, amount, purpose: str, date: dt.date | None = None
) -> FundEntry:
    """A correction of an approved entry: a new entry of the same kind whose signed amount
    is added to the original (e.g. -0.0500 when 500 yuan too much was recorded)."""
    require(actor, "livelihood.add_fundentry", _("You may not record fund entries."))
    original = fetch_locked(FundEntry, entry, actor, lock=False)  # 404 outside the scope
    if original.status != EntryStatus.APPROVED:
        raise ActionError(_("Only an approved entry is corrected; change the draft instead."))
    amount = _amount(amount)
    if amount == 0:
        raise ValidationError({"amount": [_("A correction changes the amount.")]})
    if original.amount + amount < 0:
        raise ValidationError({"amount": [_("The corrected amount would be negative.")]})
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": [_("Say what the correction is for.")]})
    with action_atomic():
        correction = FundEntry(
            fund=original.fund,
            kind=original.kind,
            amount=amount,
            date=date or timezone.localdate(),
            donor=original.donor,
            purpose=purpose,
            recipient=original.recipient,
            household=original.household,
            reason=original.reason,
            recorded_by=actor,
            corrects=original,
            is_illustrative=original.is_illustrative,
        )
        correction.full_clean()
        correction.save()
    return correction


# -- insurance coverage (the import is in ``importer``) ------------------------------


def raise_follow_ups(*, actor, year: int, as_of: dt.date, at=None) -> int:
    """A follow-up task (SourceKind.COVERAGE) for every village below the city's target
    that has no open one; returns how many were raised."""
    require(actor, "livelihood.change_coveragerecord", _("You may not raise coverage follow-ups."))
    targets = dict(CoverageTarget.objects.filter(year=year).values_list("scheme", "rate"))
    at = now_or(at)
    open_states = [
        s for s in TaskStatus.values if s not in (TaskStatus.CLOSED, TaskStatus.CANCELLED)
    ]
    records = (
        restrict(CoverageRecord.objects.filter(year=year), actor, "change")
        .select_related("village", "task")
        .filter(models.Q(task__isnull=True) | ~models.Q(task__status__in=open_states))
    )
    raised = 0
    ct = ContentType.objects.get_for_model(CoverageRecord)
    with action_atomic():
        for record in records.select_for_update(of=("self",)):
            target = targets.get(record.scheme)
            if not services.below_target(record.registered, record.insured, target):
                continue
            rate = services.coverage_rate(record.registered, record.insured)
            task = task_actions.create_task(
                actor=actor,
                at=at,
                title=f"{record.village.name}{record.get_scheme_display()}参保扩面"[:300],
                content=_("Coverage %(rate)s%% is below the city's target of %(target)s%%.")
                % {"rate": rate, "target": target},
                lead_unit=record.village,
                deadline=task_services.add_working_days(as_of, FOLLOW_UP_WORKING_DAYS),
                deadline_basis=DeadlineBasis.WORKING_DAYS,
                time_limit=FOLLOW_UP_WORKING_DAYS,
                source_kind=SourceKind.COVERAGE,
                content_type=ct,
                object_id=record.pk,
                is_illustrative=record.is_illustrative,
            )
            record.task = task_actions.assign(task, actor=actor, at=at)
            record.save(update_fields=["task", "updated_at"])
            raised += 1
    return raised
