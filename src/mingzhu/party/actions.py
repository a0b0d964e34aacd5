"""Changes of party records that are more than a form: linking a member to a household,
ending the link, logging a visit (a problem found becomes a task of the engine) and
recording training attendance. Keyword-only actor, one transaction, rows locked, scope
then permission then values checked.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; bad values ->
ValidationError naming the field (400).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import (
    action_atomic,
    fetch_locked,
    happened_on,
    pk_of,
    require,
    require_in_scope,
    save_unique,
    today_or,
)
from mingzhu.core.scope import restrict
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import DeadlineBasis, SourceKind

from .choices import LinkKind
from .models import (
    SESSION_NOT_HELD,
    Household,
    HouseholdLink,
    HouseholdVisit,
    PartyMember,
    TrainingAttendance,
    TrainingSession,
)

# Working days the village has to solve a problem found on a visit, unless told.
VISIT_TASK_DAYS = 10


def may_raise_tasks(user) -> bool:
    return user.has_perm("tasks.add_task")


def link_household(
    *,
    actor,
    household: Household | int,
    member: PartyMember | int,
    kind: str = LinkKind.HOUSEHOLD,
    started_on: dt.date,
    as_of: dt.date | None = None,
) -> HouseholdLink:
    """Link a member to a household. A household has one current link at a time: linking
    it again while linked is refused, naming the member who holds it."""
    require(actor, "party.add_householdlink", _("You may not link households."))
    today = today_or(as_of)
    with action_atomic():
        household = fetch_locked(Household, household, actor)
        member = fetch_locked(PartyMember, member, actor, lock=False)
        errors = {}
        if started_on > today:
            errors["started_on"] = _("The link cannot start in the future.")
        if not member.is_active:
            errors["member"] = _("%(member)s is no longer an active member.") % {"member": member}
        current = (
            HouseholdLink.objects.filter(household=household, ended_on__isnull=True)
            .select_related("member")
            .first()
        )
        if current is not None:
            errors["household"] = _(
                "%(household)s is already linked to %(member)s since %(date)s; end that link first."
            ) % {
                "household": household,
                "member": current.member,
                "date": current.started_on.isoformat(),
            }
        if errors:
            raise ValidationError(errors)
        link = HouseholdLink(
            household=household,
            member=member,
            kind=kind,
            started_on=started_on,
            is_illustrative=household.is_illustrative,
        )
        link.full_clean(validate_constraints=False)
        save_unique(
            link, "household", _("%(household)s is already linked.") % {"household": household}
        )
        require_in_scope(
            link, actor, "add", PermissionDenied(_("The link would lie outside your data scope."))
        )
    return link


def end_link(
    link: HouseholdLink | int, *, actor, ended_on: dt.date, as_of: dt.date | None = None
) -> HouseholdLink:
    """End a member's link to a household (the household may then be linked again)."""
    require(actor, "party.change_householdlink", _("You may not change household links."))
    with action_atomic():
        link = fetch_locked(HouseholdLink, link, actor, "change")
        if link.ended_on is not None:
            raise ValidationError({"ended_on": _("The link has already ended.")})
        if ended_on > today_or(as_of):
            raise ValidationError({"ended_on": _("The link cannot end in the future.")})
        if ended_on < link.started_on:
            raise ValidationError({"ended_on": _("The link cannot end before it started.")})
        link.ended_on = ended_on
        link.save(update_fields=["ended_on", "updated_at"])
    return link


def log_visit(
    *,
    actor,
    household: Household | int,
    member: PartyMember | int,
    visited_on: dt.date,
    findings: str,
    problem: str = "",
    as_of: dt.date | None = None,
    at: dt.datetime | None = None,
) -> HouseholdVisit:
    """Record a member's visit to a household. With a problem, and when the actor may
    raise tasks, the problem becomes a task at once; otherwise it waits for someone who
    may (see ``raise_visit_task``)."""
    require(actor, "party.add_householdvisit", _("You may not record household visits."))
    today = today_or(as_of)
    findings, problem = (findings or "").strip(), (problem or "").strip()
    with action_atomic():
        household = fetch_locked(Household, household, actor, lock=False)
        member = fetch_locked(PartyMember, member, actor, lock=False)
        errors = {}
        if visited_on > today:
            errors["visited_on"] = _(
                "The visit date %(date)s lies in the future (today is %(today)s)."
            ) % {"date": visited_on.isoformat(), "today": today.isoformat()}
        if not findings:
            errors["findings"] = _("Say what was found on the visit.")
        if errors:
            raise ValidationError(errors)
        visit = HouseholdVisit.objects.create(
            household=household,
            member=member,
            visited_on=visited_on,
            findings=findings,
            problem=problem,
            recorded_by=actor,
            is_illustrative=household.is_illustrative,
        )
        if problem and may_raise_tasks(actor):
            raise_visit_task(visit, actor=actor, at=at)
            visit.refresh_from_db()
    return visit


def raise_visit_task(
    visit: HouseholdVisit | int,
    *,
    actor,
    lead_unit=None,
    time_limit: int = VISIT_TASK_DAYS,
    at: dt.datetime | None = None,
) -> HouseholdVisit:
    """The problem found on a visit becomes a task of the engine (source: household
    visit), led by the household's village unless told, due in ``time_limit`` working
    days, and assigned at once when the actor is on the issuing side."""
    require(actor, "tasks.add_task", _("You may not raise tasks."))
    at = at or timezone.now()
    with action_atomic():
        visit = fetch_locked(HouseholdVisit, visit, actor)
        if visit.task_id is not None:
            raise ValidationError({"problem": _("A task has already been raised for this visit.")})
        if not visit.problem:
            raise ValidationError({"problem": _("The visit found no problem to solve.")})
        household = visit.household
        unit = lead_unit or household.village
        task = task_actions.open_task(
            visit,
            actor=actor,
            at=at,
            assign_now=False,
            title=_("Household visit: %(household)s") % {"household": household},
            content=visit.problem,
            lead_unit=unit,
            deadline_basis=DeadlineBasis.WORKING_DAYS,
            time_limit=time_limit,
            source_kind=SourceKind.HOUSEHOLD_VISIT,
        )
        if task_actions.is_issuing_side(actor, task):
            task_actions.assign(task, actor=actor, at=at)
    return visit


def record_attendance(
    *,
    actor,
    session: TrainingSession | int,
    members: Sequence[PartyMember | int],
    hours: Decimal | None = None,
) -> list[TrainingAttendance]:
    """Record that these members attended the session, each credited ``hours`` (default:
    the session's hours). A member already recorded is refused by name; all or none."""
    require(actor, "party.add_trainingattendance", _("You may not record attendance."))
    with action_atomic():
        session = fetch_locked(TrainingSession, session, actor, lock=False)
        credited = session.hours if hours is None else Decimal(hours)
        errors = []
        happened_on(session.held_on, "session", SESSION_NOT_HELD)
        if credited <= 0 or credited > session.hours:
            raise ValidationError(
                {"hours": _("Credit between 0 and %(hours)s hours.") % {"hours": session.hours}}
            )
        ids = [pk_of(m) for m in members]
        if not ids:
            raise ValidationError({"members": _("Choose at least one member.")})
        visible = restrict(PartyMember.objects.filter(pk__in=ids), actor, "view")
        found = {m.pk: m for m in visible}
        missing = [i for i in ids if i not in found]
        if missing:
            raise Http404("No such member.")
        already = set(
            TrainingAttendance.objects.filter(session=session, member_id__in=ids).values_list(
                "member_id", flat=True
            )
        )
        for member_id in ids:
            if member_id in already:
                errors.append(
                    _("%(member)s is already recorded for this session.")
                    % {"member": found[member_id]}
                )
        if errors:
            raise ValidationError({"members": errors})
        rows = [TrainingAttendance(session=session, member=found[i], hours=credited) for i in ids]
        for row in rows:
            row.save()
        allowed = restrict(
            TrainingAttendance.objects.filter(pk__in=[r.pk for r in rows]), actor, "add"
        ).count()
        if allowed != len(rows):
            raise PermissionDenied(_("The attendance would lie outside your data scope."))
    return rows
