"""Reference reads remembered for a run of many actions (the demo playing its citizen
requests): who hears of a task's events (``actions.recipients``) and the outbound channels
(``notify.outbox``), read once per run and key instead of once per event.

Only inside ``remembering()``; anywhere else every action reads them afresh. What is
remembered is forgotten whenever a user, role, org unit, permission or channel, or a link
between them (a user's roles, units in scope, permissions), is saved or deleted in the
process; a run must not change them around the model's ``save`` (``update()``, raw SQL).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("mingzhu_tasks_memo", default=None)


@contextmanager
def remembering() -> Iterator[None]:
    """Remember the reads of ``remembered`` inside the block."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def active() -> bool:
    """Whether reads are remembered here (inside ``remembering()``)."""
    return _memo.get() is not None


def remembered(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or inside ``remembering()`` what it gave the first time for ``key``."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget(**kwargs) -> None:
    memo = _memo.get()
    if memo:
        memo.clear()


def connect() -> None:
    """Forget on every write of what the remembered reads depend on."""
    from django.contrib.auth.models import Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from mingzhu.notify.models import Channel
    from mingzhu.org.models import OrgUnit, Role, User

    for model in (User, Role, OrgUnit, Permission, Channel):
        for signal in (post_save, post_delete):
            signal.connect(forget, sender=model, dispatch_uid=f"tasks_memo_{model._meta.label}")
    for field in (User.roles, User.user_permissions, User.custom_units, Role.permissions):
        uid = f"tasks_memo_{field.through._meta.label}"
        m2m_changed.connect(forget, sender=field.through, dispatch_uid=uid)
