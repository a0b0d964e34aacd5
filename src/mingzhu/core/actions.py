"""What every module's actions share: the refusals (besides PermissionDenied and Http404,
which the API turns into 400 and 409) and the look-up of the object an action is about."""

from __future__ import annotations

import contextlib
import datetime as dt
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone

from .prepared import fetch_rows, row_exists
from .scope import restrict, scope_key


class ActionError(ValueError):
    """The object is not in a state that allows this action, or the input is wrong."""


class ActionConflict(ActionError):
    """Someone else already made this very change (e.g. two people verifying at once)."""


# True inside the transaction of an action (``action_atomic``) or of a load that is kept
# or undone as a whole (``all_or_nothing``).
_in_action: ContextVar[bool] = ContextVar("mingzhu_in_action", default=False)


@contextlib.contextmanager
def all_or_nothing():
    """Within the block, the actions' transactions (``action_atomic``) take no savepoint:
    for a caller that lets every error of the actions it calls out, so that their changes
    are undone with its own (a demo load, a module's action calling the task engine's)."""
    token = _in_action.set(True)
    try:
        yield
    finally:
        _in_action.reset(token)


@contextlib.contextmanager
def action_atomic():
    """The transaction of an action: ``transaction.atomic()``, with a savepoint when it is
    nested in a transaction of a caller that may catch the action's refusal and go on (a
    page, an import, a test). Nested in another action's transaction or ``all_or_nothing``
    it takes none: a savepoint is needed only where an error is caught and the outer
    transaction goes on, and an action does not catch the errors of the actions it calls.
    Code that does catch one opens its own ``transaction.atomic()`` inside the ``try``
    (that block's savepoint undoes what failed)."""
    with transaction.atomic(savepoint=not _in_action.get()), all_or_nothing():
        yield


def pk_of(obj) -> int:
    """The primary key of an object or of a bare id."""
    return obj if isinstance(obj, int) else obj.pk


def fetch_locked(
    model: type[models.Model] | models.QuerySet,
    obj,
    actor,
    action: str = "view",
    *,
    lock: bool = True,
    related: tuple[str, ...] = (),
) -> models.Model:
    """The object ``obj`` (an instance or its id) as ``actor`` may ``action`` it, read
    again and locked for the rest of the transaction. Outside the actor's scope (or gone)
    it answers Http404, as the pages and the API do. Call it inside the action's
    transaction (``action_atomic``)."""
    queryset = model if isinstance(model, models.QuerySet) else model._default_manager.all()

    def build(pk) -> models.QuerySet:
        # Read (and locked) in one query through the actor's scope.
        found = restrict(queryset.filter(pk=pk), actor, action)
        if lock:
            found = found.select_for_update(of=("self",))
        if related:
            found = found.select_related(*related)
        return found

    if isinstance(model, models.QuerySet):  # a queryset of the caller's: built each time
        try:
            return build(pk_of(obj)).get()
        except queryset.model.DoesNotExist:
            raise Http404(f"No such {queryset.model._meta.model_name}.") from None
    # The same query for every object of the model this actor may ``action`` in this
    # scope: compiled once (core.prepared). A key matches one row at most.
    shape = ("fetch_locked", action, related, scope_key(model, actor, action))
    if shape[-1] == ("none",):
        raise Http404(f"No such {model._meta.model_name}.")
    found = fetch_rows(model, shape, lambda pk: build(pk).order_by(), pk_of(obj), lock=lock)
    if not found:
        raise Http404(f"No such {model._meta.model_name}.")
    return found[0]


def now_or(at: dt.datetime | None) -> dt.datetime:
    """The moment an action happens: the one given, or now."""
    return at or timezone.now()


def today_or(on: dt.date | None) -> dt.date:
    """The day an action happens: the one given, or today."""
    return on or timezone.localdate()


def happened_on(on: dt.date | None, field: str = "on", message=None) -> dt.date:
    """The day something happened: the one given (not after today: ValidationError on
    ``field``), or today."""
    from .models import future_date_problem

    problem = future_date_problem(on, message=message)
    if problem:
        raise ValidationError({field: problem})
    return today_or(on)


def require(actor, perm: str, message: str) -> None:
    """Refuse (PermissionDenied with ``message``) unless ``actor`` holds ``perm``."""
    if not actor.has_perm(perm):
        raise PermissionDenied(message)


def in_scope(
    obj: models.Model | int,
    actor,
    action: str = "view",
    *,
    model: type[models.Model] | None = None,
) -> bool:
    """Whether ``obj`` lies in ``actor``'s data scope for ``action``: ``obj`` is an
    instance, or its id with the ``model`` it is a row of (no object need be read to
    check a foreign key, e.g. ``in_scope(request.project_id, user, model=Project)``).
    A row that does not exist (or has no id yet) lies in no scope."""
    if model is None:
        if isinstance(obj, int):
            raise TypeError("in_scope: give the model of a bare id.")
        model = type(obj)
    seen = scope_key(model, actor, action)
    if seen == ("none",):
        return False
    # The same query for every object of the model in this scope: compiled once.
    return row_exists(
        model,
        ("in_scope", action, seen),
        lambda pk: restrict(model._default_manager.filter(pk=pk), actor, action),
        pk_of(obj),
    )


def require_in_scope(
    obj: models.Model | int,
    actor,
    action: str,
    refusal: Exception,
    *,
    model: type[models.Model] | None = None,
) -> None:
    """Raise ``refusal`` unless ``obj`` (an instance, or its id with ``model``) lies in
    ``actor``'s data scope for ``action`` (typically checked after saving a new record,
    to refuse one placed outside it)."""
    if not in_scope(obj, actor, action, model=model):
        raise refusal


def save_unique(obj: models.Model, field: str, message: str) -> None:
    """Save ``obj``; when a uniqueness constraint refuses it, answer a ValidationError
    on ``field`` with ``message`` instead, leaving the surrounding transaction usable."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError({field: message}) from None
