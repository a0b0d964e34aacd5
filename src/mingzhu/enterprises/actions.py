"""Every change in the enterprise module: keyword-only actor, one
transaction, the row locked, scope then permission then state checked. A demand's
handling goes through the task engine's own actions.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; wrong state ->
ActionError (400); bad values -> ValidationError (400).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    ActionError,
    action_atomic,
    fetch_locked,
    now_or,
    require,
    require_in_scope,
)
from mingzhu.core.versioning import save_version
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.actions import TransitionError, source_reviewer
from mingzhu.tasks.choices import DeadlineBasis, EventAction, NoticeKind, SourceKind
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.notices import holders, source_audience, tell, written_language
from mingzhu.tasks.services import add_working_days

from . import evaluation as db_evaluation
from . import services
from .choices import Channel, EvaluationStatus, Rating, time_limit_for
from .models import (
    PRIMARY_SCHEME,
    AnnualData,
    Demand,
    DemandRating,
    Enterprise,
    MuEvaluation,
    MuScheme,
    Visit,
)

__all__ = [
    "ActionError",
    "TransitionError",
    "dispatch_demand",
    "may_rate",
    "publish_evaluation",
    "raise_demand",
    "rate_demand",
    "record_hundred_billion",
    "record_visit",
    "run_evaluation",
    "save_scheme",
]

RUN_PERMISSION = "enterprises.run_muevaluation"
DISPATCH_PERMISSION = "enterprises.dispatch_demand"
RATE_PERMISSION = "enterprises.rate_demand"
CITY_CODE = "321182000000"
HUNDRED_BILLION_INDICATOR = "ENT100"


def _visible_enterprise(actor, enterprise: Enterprise | int) -> Enterprise:
    return fetch_locked(Enterprise, enterprise, actor, lock=False)


# --- per-mu evaluation ----------------------------------------------------------------


def current_scheme(code: str = PRIMARY_SCHEME) -> MuScheme:
    """The newest version of the scheme ``code``; for the city's own scheme, the default
    (version 1) if none is stored."""
    scheme = MuScheme.latest_of(code)
    if scheme is None:
        if code != PRIMARY_SCHEME:
            raise Http404("No such scheme.")
        scheme = MuScheme.objects.create(
            version=1, name="亩均效益评价默认方案", data=services.DEFAULT_SCHEME_DATA
        )
    return scheme


def save_scheme(
    scheme: MuScheme | int | None,
    *,
    actor,
    name: str,
    data: dict,
    notes: str = "",
    code: str = PRIMARY_SCHEME,
) -> MuScheme:
    """Save the evaluation scheme as edited from ``scheme`` (None: a scheme written
    afresh, the next version of the scheme ``code``). A version no evaluation has used is
    changed in place; otherwise the edit is saved as the next version of its scheme,
    refused (ActionConflict) if a later version was saved since the edit began."""
    permission = "enterprises.add_muscheme" if scheme is None else "enterprises.change_muscheme"
    require(actor, permission, _("You may not edit the per-mu evaluation scheme."))
    try:
        services.Scheme.from_data(0, data)
    except services.SchemeError as exc:
        raise ValidationError({"data": str(exc)}) from exc
    based_on = None
    if scheme is not None:
        pk = scheme if isinstance(scheme, int) else scheme.pk
        with transaction.atomic():
            base = MuScheme.objects.select_for_update().filter(pk=pk).first()
            if base is None:
                raise Http404("No such scheme.")
            if not base.evaluations.exists():
                base.name, base.data, base.notes = name, data, notes
                base.save()
                return base
        based_on, code = base.version, base.code

    def create(version: int) -> MuScheme:
        return MuScheme.objects.create(
            code=code, version=version, name=name, data=data, notes=notes, created_by=actor
        )

    return save_version(MuScheme, key=code, based_on=based_on, create=create)


def _may_run(actor) -> None:
    # actor None: the command line, run by the operator of the server.
    if actor is not None and not actor.has_perm(RUN_PERMISSION):
        raise PermissionDenied(_("You may not run the per-mu evaluation."))


def run_evaluation(
    *,
    actor,
    year: int,
    scheme: MuScheme | None = None,
    code: str = PRIMARY_SCHEME,
    at: dt.datetime | None = None,
) -> MuEvaluation:
    """Evaluate every enterprise with figures for the year under the newest version of
    the scheme ``code`` (or the version given) and store the results, replacing those of
    an earlier run of that scheme; refused once that evaluation is published."""
    _may_run(actor)
    code = scheme.code if scheme is not None else code
    with action_atomic():
        evaluation = (
            MuEvaluation.objects.select_for_update().filter(year=year, scheme_code=code).first()
        )
        if evaluation is not None and evaluation.status == EvaluationStatus.PUBLISHED:
            raise ActionError(
                _("The evaluation of %(year)s is published; it cannot be run again.")
                % {"year": year}
            )
        scheme = scheme or current_scheme(code)
        rows, enterprise_ids, town_ids = db_evaluation.load_rows(year)
        if not enterprise_ids:
            raise ActionError(_("No enterprise has figures for %(year)s.") % {"year": year})
        pure = scheme.as_scheme()
        ev = services.evaluate(rows, pure, db_evaluation.load_history(year, pure))
        if evaluation is None:
            evaluation = MuEvaluation(year=year, scheme=scheme, scheme_code=code)
        evaluation.scheme = scheme
        evaluation.summary = services.summary(ev)
        evaluation.run_at = now_or(at)
        evaluation.run_by = actor
        evaluation.save()
        db_evaluation.store(evaluation, pure, ev, enterprise_ids, town_ids)
    return evaluation


def publish_evaluation(
    *, actor, year: int, code: str = PRIMARY_SCHEME, at: dt.datetime | None = None
) -> MuEvaluation:
    """Publish the year's results under the scheme ``code`` (final); the year's count of
    百亿企业 goes to the targets module as an observation."""
    _may_run(actor)
    with action_atomic():
        evaluation = (
            MuEvaluation.objects.select_for_update().filter(year=year, scheme_code=code).first()
        )
        if evaluation is None:
            raise Http404("No evaluation for this year.")
        if evaluation.status == EvaluationStatus.PUBLISHED:
            raise ActionError(
                _("The evaluation of %(year)s is already published.") % {"year": year}
            )
        evaluation.status = EvaluationStatus.PUBLISHED
        evaluation.published_at = now_or(at)
        evaluation.save()
        record_hundred_billion(year, actor=actor)
    return evaluation


def record_hundred_billion(year: int, *, actor=None, illustrative: bool = False):
    """Store the year's number of 百亿企业 (sales of 100 亿元 or more) as the city's
    observation of the ENT100 indicator; None when the targets module has no such
    indicator."""
    from mingzhu.targets.models import Indicator, Observation

    indicator = Indicator.objects.filter(code=HUNDRED_BILLION_INDICATOR).first()
    city = (
        OrgUnit.objects.filter(code=CITY_CODE).first()
        or OrgUnit.objects.filter(kind=UnitKind.CITY).first()
    )
    if indicator is None or city is None:
        return None
    sales = AnnualData.objects.filter(year=year).values_list("sales", flat=True)
    count = Decimal(services.hundred_billion_count(sales))
    values = {
        "value": count,
        # Stored data, not interface text: always in Chinese.
        "source": f"企业库应税销售（{year}年）",
        "is_illustrative": illustrative,
        "entered_by": actor,
    }
    obs = Observation.objects.filter(indicator=indicator, unit=city, period=str(year)).first()
    if obs is None:
        obs = Observation(indicator=indicator, unit=city, period=str(year), **values)
        obs.full_clean()
        obs.save()
    elif any(getattr(obs, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obs, k, v)
        obs.save()
    return obs


# --- visits and demands -----------------------------------------------------------------


def record_visit(
    *,
    actor,
    enterprise: Enterprise | int,
    kind: str,
    date: dt.date,
    visitors: str,
    notes: str = "",
    demands: list[tuple[str, str]] = (),
    at: dt.datetime | None = None,
) -> Visit:
    """A visit, with the demands raised during it ((category, content) pairs)."""
    require(actor, "enterprises.add_visit", _("You may not record visits."))
    with action_atomic():
        enterprise = _visible_enterprise(actor, enterprise)
        visit = Visit(
            enterprise=enterprise,
            kind=kind,
            date=date,
            visitors=(visitors or "").strip(),
            notes=(notes or "").strip(),
            unit=actor.unit,
            recorded_by=actor,
        )
        visit.full_clean()
        visit.save()
        for category, content in demands:
            raise_demand(
                actor=actor,
                enterprise=enterprise,
                category=category,
                content=content,
                channel=Channel.VISIT,
                visit=visit,
                at=at,
            )
    return visit


def _own_enterprise_user(actor, enterprise: Enterprise) -> bool:
    return bool(enterprise.account_unit_id and actor.unit_id == enterprise.account_unit_id)


def raise_demand(
    *,
    actor,
    enterprise: Enterprise | int,
    category: str,
    content: str,
    channel: str = Channel.HOTLINE,
    visit: Visit | None = None,
    at: dt.datetime | None = None,
) -> Demand:
    """A new demand. The enterprise's own user raises it online for their own enterprise
    only; others record it from a visit or the hotline."""
    require(actor, "enterprises.add_demand", _("You may not raise demands."))
    with action_atomic():
        enterprise = _visible_enterprise(actor, enterprise)
        if _own_enterprise_user(actor, enterprise):
            channel = Channel.ONLINE
        elif visit is not None:
            channel = Channel.VISIT
        if visit is not None and visit.enterprise_id != enterprise.pk:
            raise ValidationError({"visit": _("The visit was to another enterprise.")})
        demand = Demand(
            enterprise=enterprise,
            visit=visit,
            category=category,
            content=(content or "").strip(),
            channel=channel,
            raised_by=actor,
            raised_at=now_or(at),
            is_illustrative=enterprise.is_illustrative,
        )
        demand.full_clean()
        demand.save()
        require_in_scope(demand, actor, "add", Http404("No such enterprise."))
        # The industry bureau (who dispatches demands) hears of every new one.
        with written_language():
            text = _("New enterprise demand: %(enterprise)s (%(category)s)") % {
                "enterprise": enterprise.name,
                "category": demand.get_category_display(),
            }
        tell(
            holders(DISPATCH_PERMISSION),
            kind=NoticeKind.DEMAND_NEW,
            text=text,
            link=demand.get_absolute_url(),
            exclude=[actor.pk],
        )
    return demand


def _lock(demand: Demand | int, actor) -> Demand:
    return fetch_locked(Demand, demand, actor, related=("enterprise", "task__lead_unit"))


def dispatch_demand(
    demand: Demand | int,
    *,
    actor,
    department: OrgUnit,
    time_limit: int | None = None,
    comment: str = "",
    at: dt.datetime | None = None,
) -> Demand:
    """Hand the demand to a department: a task of the engine (source: demand), due in the
    category's time limit in working days, created and assigned by the task engine."""
    at = now_or(at)
    with action_atomic():
        demand = _lock(demand, actor)
        require(actor, DISPATCH_PERMISSION, _("You may not dispatch demands."))
        if demand.task_id is not None:
            raise ActionError(_("The demand has already been dispatched."))
        if department is None or department.kind not in (UnitKind.DEPARTMENT, *TOWN_KINDS):
            raise ValidationError({"department": _("Choose a department or a town.")})
        limit = time_limit or time_limit_for(demand.category)
        if limit < 1:
            raise ValidationError({"time_limit": _("The time limit must be at least one day.")})
        start = timezone.localdate(at)
        task_actions.open_task(
            demand,
            actor=actor,
            at=at,
            comment=comment,
            title=_("Enterprise demand: %(enterprise)s (%(category)s)")
            % {"enterprise": demand.enterprise.name, "category": demand.get_category_display()},
            content=demand.content,
            lead_unit=department,
            deadline=add_working_days(start, limit),
            deadline_basis=DeadlineBasis.WORKING_DAYS,
            time_limit=limit,
            source_kind=SourceKind.DEMAND,
        )
    return demand


def may_rate(user, demand: Demand | None) -> bool:
    """Rates a reply: the enterprise's own user, or the dispatching side (a follow-up call
    for an enterprise without an account)."""
    if demand is None or not user.is_authenticated:
        return False
    if user.has_perm(DISPATCH_PERMISSION):
        return True
    return user.has_perm(RATE_PERMISSION) and _own_enterprise_user(user, demand.enterprise)


@source_reviewer(SourceKind.DEMAND)
def rates_task(user, task) -> bool:
    """The task engine's source-reviewer rule for demands."""
    demand = Demand.objects.select_related("enterprise").filter(task=task).first()
    return may_rate(user, demand)


@source_audience(SourceKind.DEMAND)
def demand_answered(task, event) -> list[tuple[int, str, str, str]]:
    """The task engine's further audience for demands: when the department answers (asks
    for closure), the enterprise's own users learn that a reply awaits their rating."""
    if event.action != EventAction.REQUEST_CLOSURE:
        return []
    demand = Demand.objects.select_related("enterprise").filter(task=task).first()
    unit = demand.enterprise.account_unit if demand else None
    if unit is None:
        return []
    text = _("Your demand was answered by %(unit)s; please rate the reply: %(title)s") % {
        "unit": task.lead_unit.name,
        "title": task.title,
    }
    link = demand.get_absolute_url()
    return [
        (pk, NoticeKind.DEMAND_ANSWERED, text, link)
        for pk in sorted(holders(RATE_PERMISSION, units=[unit]))
    ]


def rate_demand(
    demand: Demand | int,
    *,
    actor,
    rating: str,
    comment: str = "",
    at: dt.datetime | None = None,
) -> Demand:
    """Rate the department's reply. 满意 or 基本满意 closes the task; 不满意 sends it back
    for re-handling once; after that the rating closes it whatever it is."""
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose a rating.")})
    at = now_or(at)
    comment = (comment or "").strip()
    with action_atomic():
        demand = _lock(demand, actor)
        if not may_rate(actor, demand):
            raise PermissionDenied(_("Only the enterprise rates the reply to its demand."))
        if demand.task is None or demand.task.status != TaskStatus.CLOSURE_REQUESTED:
            raise ActionError(_("The demand has no reply awaiting a rating."))
        round_ = (demand.ratings.aggregate(n=Max("round"))["n"] or 0) + 1
        DemandRating.objects.create(
            demand=demand,
            round=round_,
            rating=rating,
            comment=comment,
            rated_by=actor,
            rated_at=at,
        )
        label = Rating(rating).label
        note = f"{label}{'：' + comment if comment else ''}"
        # The engine's rule: the first dissatisfied rating reopens the task, once.
        task_actions.rate(
            demand.task_id,
            actor=actor,
            satisfied=rating != Rating.DISSATISFIED,
            comment=note,
            at=at,
            as_source_reviewer=True,
        )
        demand.task.refresh_from_db()
    return demand
