"""The way of a creation application: submit → review → public notice
(objections recorded and resolved) → award or not. Keyword-only actor, one transaction,
the application row locked, scope then permission then state checked, an immutable
ApplicationEvent per step; the date of each step is given (``on``), not read from the
clock, except at the edge when left out.

Errors: out of scope -> Http404; not allowed -> PermissionDenied; wrong state ->
ApplicationError (400); two people doing the same step at once -> AlreadyDone (409);
bad values -> ValidationError (400).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mingzhu.core.actions import (
    ActionConflict,
    ActionError,
    action_atomic,
    fetch_locked,
    happened_on,
    pk_of,
    require,
    require_in_scope,
    save_unique,
    today_or,
)

from . import services
from .choices import ApplicationAction, ApplicationStatus, ObjectionOutcome
from .models import (
    Application,
    ApplicationEvent,
    Category,
    Objection,
    Participation,
    VolunteerActivity,
)

DECIDE = "civility.decide_application"
S = ApplicationStatus


class ApplicationError(ActionError):
    """The application is not in a state that allows this step."""


class AlreadyDone(ApplicationError, ActionConflict):
    """Someone else has just taken this very step."""


def may_decide(user) -> bool:
    """Reviews, publishes, records objections and awards: the civilisation office."""
    return user.has_perm(DECIDE)


def _record(
    app: Application, *, actor, action: str, on: dt.date, comment="", before: str | None = None
):
    """Record a step of the application: from ``before`` to its status now (a step that
    leaves the status as it was gives no ``before``)."""
    return ApplicationEvent.objects.create(
        application=app,
        actor=actor,
        on=on,
        action=action,
        from_status=app.status if before is None else before,
        to_status=app.status,
        comment=(comment or "").strip(),
    )


def _lock(app_id: int, actor, states: tuple[str, ...], done: str | None = None) -> Application:
    app = fetch_locked(Application, app_id, actor, related=("category",))
    if not may_decide(actor):
        raise PermissionDenied(_("Only the civilisation office takes this step."))
    if app.status not in states:
        if done is not None and app.status == done:
            raise AlreadyDone(_("Someone else has just taken this step."))
        raise ApplicationError(
            _("The application is %(status)s; this step is not possible now.")
            % {"status": app.get_status_display()}
        )
    return app


def submit_application(
    *,
    actor,
    category: Category,
    year: int,
    applicant: str,
    unit,
    description: str = "",
    on: dt.date | None = None,
) -> Application:
    """Apply for a title or commendation for a unit in the actor's scope."""
    require(actor, "civility.add_application", _("You may not submit applications."))
    on = happened_on(on)
    applicant = (applicant or "").strip()
    errors = {}
    if not category.is_active:
        errors["category"] = _("This category is no longer in use.")
    if not applicant:
        errors["applicant"] = _("Name the applicant.")
    if year > on.year + 1 or year < on.year - 1:
        errors["year"] = _("Apply for last year, this year or next year.")
    if errors:
        raise ValidationError(errors)
    with action_atomic():
        app = Application(
            category=category,
            year=year,
            applicant=applicant,
            unit=unit,
            description=(description or "").strip(),
            submitted_on=on,
            status=S.SUBMITTED,
        )
        app.full_clean(validate_constraints=False)
        save_unique(
            app,
            "applicant",
            _("%(applicant)s has already applied for %(category)s in %(year)s.")
            % {"applicant": applicant, "category": category, "year": year},
        )
        require_in_scope(
            app,
            actor,
            "add",
            PermissionDenied(_("The application would lie outside your data scope.")),
        )
        _record(app, actor=actor, action=ApplicationAction.SUBMIT, before="", on=on)
    return app


def review_application(
    app: Application | int,
    *,
    actor,
    approve: bool,
    comment: str = "",
    on: dt.date | None = None,
) -> Application:
    """Pass the application in review, or reject it (with a reason)."""
    on = happened_on(on)
    if not approve and not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the application is rejected.")})
    done = S.APPROVED if approve else S.REJECTED
    with action_atomic():
        app = _lock(pk_of(app), actor, (S.SUBMITTED,), done)
        before = app.status
        app.status = done
        if not approve:
            app.decided_on = on
        app.save(update_fields=["status", "decided_on", "updated_at"])
        action = ApplicationAction.APPROVE if approve else ApplicationAction.REJECT
        _record(app, actor=actor, action=action, before=before, on=on, comment=comment)
    return app


def publish_notice(
    app: Application | int,
    *,
    actor,
    start: dt.date | None = None,
    days: int | None = None,
    comment: str = "",
) -> Application:
    """Put the application on public notice (公示) for the category's days (7 by default)
    from ``start``."""
    start = today_or(start)
    with action_atomic():
        app = _lock(pk_of(app), actor, (S.APPROVED,), S.ON_NOTICE)
        days = days if days is not None else app.category.notice_days
        if days < 1:
            raise ValidationError({"days": _("A public notice lasts at least one day.")})
        if start < app.submitted_on:
            raise ValidationError({"start": _("The notice cannot start before the application.")})
        before = app.status
        app.status = S.ON_NOTICE
        app.notice_start = start
        app.notice_end = services.notice_end(start, days)
        app.save(update_fields=["status", "notice_start", "notice_end", "updated_at"])
        note = comment or _("Public notice %(start)s – %(end)s") % {
            "start": app.notice_start.isoformat(),
            "end": app.notice_end.isoformat(),
        }
        _record(
            app,
            actor=actor,
            action=ApplicationAction.PUBLISH,
            before=before,
            on=start,
            comment=note,
        )
    return app


def record_objection(
    app: Application | int, *, actor, received_on: dt.date, content: str
) -> Objection:
    """Record an objection received during the public notice; outside it, refused."""
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": _("Write down the objection.")})
    happened_on(received_on, "received_on")
    with action_atomic():
        app = _lock(pk_of(app), actor, (S.ON_NOTICE,))
        if not app.notice_running_on(received_on):
            raise ValidationError(
                {
                    "received_on": _(
                        "Objections are received during the public notice (%(start)s – %(end)s)."
                    )
                    % {"start": app.notice_start.isoformat(), "end": app.notice_end.isoformat()}
                }
            )
        objection = Objection.objects.create(
            application=app,
            received_on=received_on,
            content=content,
            is_illustrative=app.is_illustrative,
        )
        _record(
            app, actor=actor, action=ApplicationAction.OBJECTION, on=received_on, comment=content
        )
    return objection


def resolve_objection(
    objection: Objection | int,
    *,
    actor,
    upheld: bool,
    resolution: str,
    on: dt.date | None = None,
) -> Objection:
    """Record what checking the objection found: upheld (属实) or dismissed."""
    on = happened_on(on)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Write down what was found.")})
    objection_id = pk_of(objection)
    app_id = Objection.objects.filter(pk=objection_id).values_list("application_id", flat=True)
    app_id = app_id.first()
    if app_id is None:
        raise Http404("No such objection.")
    with action_atomic():
        app = _lock(app_id, actor, (S.ON_NOTICE,))
        objection = Objection.objects.select_for_update().get(pk=objection_id)
        if objection.outcome != ObjectionOutcome.PENDING:
            raise AlreadyDone(_("This objection has already been resolved."))
        if on < objection.received_on:
            raise ValidationError({"on": _("An objection is resolved after it is received.")})
        objection.outcome = ObjectionOutcome.UPHELD if upheld else ObjectionOutcome.DISMISSED
        objection.resolution = resolution
        objection.resolved_on = on
        objection.save(update_fields=["outcome", "resolution", "resolved_on", "updated_at"])
        comment = f"{objection.get_outcome_display()}：{resolution}"
        _record(app, actor=actor, action=ApplicationAction.RESOLVE, on=on, comment=comment)
    return objection


BLOCKER_MESSAGES = {
    "not_on_notice": gettext_lazy("The application has not been on public notice."),
    "notice_running": gettext_lazy("The public notice runs until %(end)s."),
    "objection_pending": gettext_lazy("An objection is still being checked."),
    "objection_upheld": gettext_lazy("An objection was upheld; the title cannot be awarded."),
}


def blocker_text(code: str, app: Application) -> str:
    end = app.notice_end.isoformat() if app.notice_end else ""
    return str(BLOCKER_MESSAGES[code]) % {"end": end}


def _decide(app: Application, blockers, status: str, action: str, *, actor, on, comment) -> None:
    """End the notice with ``status`` decided on ``on``, unless ``blockers`` (codes of
    ``BLOCKER_MESSAGES``) stand in the way, and record the step."""
    if blockers:
        raise ApplicationError(" ".join(blocker_text(b, app) for b in blockers))
    before = app.status
    app.status = status
    app.decided_on = on
    app.save(update_fields=["status", "decided_on", "updated_at"])
    _record(app, actor=actor, action=action, before=before, on=on, comment=comment)


def award(
    app: Application | int, *, actor, on: dt.date | None = None, comment: str = ""
) -> Application:
    """Award the title after a public notice that has ended with no objection pending or
    upheld. The day of the award is not after today: while the notice runs, no award
    dated after its end is accepted."""
    on = happened_on(on)
    with action_atomic():
        app = _lock(pk_of(app), actor, (S.ON_NOTICE,), S.AWARDED)
        outcomes = app.objections.values_list("outcome", flat=True)
        blockers = services.award_blockers(app.status, app.notice_end, outcomes, on)
        _decide(
            app, blockers, S.AWARDED, ApplicationAction.AWARD, actor=actor, on=on, comment=comment
        )
    return app


def refuse(app: Application | int, *, actor, reason: str, on: dt.date | None = None) -> Application:
    """Do not award (不予授予) after the notice has ended, e.g. because an objection was
    upheld."""
    on = happened_on(on)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the title is not awarded.")})
    with action_atomic():
        app = _lock(pk_of(app), actor, (S.ON_NOTICE,), S.NOT_AWARDED)
        blockers = [
            code
            for code in services.award_blockers(
                app.status, app.notice_end, app.objections.values_list("outcome", flat=True), on
            )
            if code in ("notice_running", "objection_pending")
        ]
        _decide(
            app,
            blockers,
            S.NOT_AWARDED,
            ApplicationAction.REFUSE,
            actor=actor,
            on=on,
            comment=reason,
        )
    return app


def add_participation(*, actor, activity, volunteer: str, unit, hours=None) -> Participation:
    """Record a volunteer's part in an activity (hours default to the activity's)."""
    require(actor, "civility.add_participation", _("You may not record volunteers."))
    with action_atomic():
        activity = fetch_locked(VolunteerActivity, activity, actor)
        row = Participation(
            activity=activity,
            volunteer=(volunteer or "").strip(),
            unit=unit,
            hours=activity.hours if hours is None else hours,
        )
        row.full_clean(validate_constraints=False)  # the activity held, the unit the city's
        if Participation.objects.filter(
            activity=activity, volunteer=row.volunteer, unit=unit
        ).exists():
            raise ValidationError(
                {
                    "volunteer": _("%(volunteer)s is already recorded for this activity.")
                    % {"volunteer": row.volunteer}
                }
            )
        row.save()
        require_in_scope(
            row, actor, "add", PermissionDenied(_("The record would lie outside your data scope."))
        )
    return row
