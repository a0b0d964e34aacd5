"""Notices (站内通知) raised by the engine and the modules, and who else hears of them.

``raise_notices`` writes the notifications in the caller's transaction and hands them to
every registered listener in the same transaction: the outbound channels (``mingzhu.notify``)
write their outbox there, so a notice and its deliveries are committed or lost together.
A source module registers, like its reviewer rule, who else hears of its tasks' events
(``source_audience``: the grid worker learns that an event of theirs awaits the re-check,
the enterprise that its demand was answered).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import translation

from .choices import NoticeKind
from .models import Notification

# Called with the notifications just written, inside the same transaction.
LISTENERS: list[Callable[[list[Notification]], None]] = []

# Source kind → rule (task, event) → [(user id, kind, text, link)]: further notices a
# source module raises for its tasks' events.
SOURCE_AUDIENCES: dict[str, Callable] = {}


def listener(func):
    """Register ``func(notifications)``, called in the transaction that wrote them."""
    if func not in LISTENERS:
        LISTENERS.append(func)
    return func


def source_audience(kind: str):
    """Register the decorated rule as the further audience of the tasks from ``kind``."""

    def register(rule):
        SOURCE_AUDIENCES[kind] = rule
        return rule

    return register


def written_language():
    """The language a notice's text is written in, whoever's request raised it: the
    city's (``LANGUAGE_CODE``), as the messages sent out are."""
    return translation.override(settings.LANGUAGE_CODE)


def raise_notices(notes: Iterable[Notification]) -> list[Notification]:
    """Write the notifications and hand them to the listeners (same transaction)."""
    notes = Notification.objects.bulk_create(list(notes))
    if notes:
        for func in LISTENERS:
            func(notes)
    return notes


def tell(
    user_ids: Iterable[int],
    *,
    kind: str,
    text: str,
    link: str = "",
    task=None,
    exclude: Iterable[int] = (),
) -> list[Notification]:
    """One notice of ``kind`` (not a task event) to each of the users."""
    people = sorted(set(user_ids) - set(exclude))
    return raise_notices(
        Notification(recipient_id=pk, kind=kind, task=task, text=text[:500], link=link)
        for pk in people
    )


def holders(perm: str, *, units=None) -> set[int]:
    """Ids of the active users who hold ``perm`` ("app.codename") through a role or
    directly, in the given units and below (anywhere when None)."""
    from mingzhu.org.models import OrgUnit, User

    app, codename = perm.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app, codename=codename)
    wanted = Q(roles__permissions__in=granted) | Q(user_permissions__in=granted)
    people = User.objects.filter(wanted, is_active=True)
    if units is not None:
        under = Q(pk__in=[])
        for unit in units:
            under |= Q(path__startswith=unit.path)
        people = people.filter(unit__in=OrgUnit.objects.filter(under))
    return set(people.values_list("pk", flat=True))


def sheet_notices(sheet_ids: Iterable[int]) -> list[Notification]:
    """Each new supervision sheet told to the supervised unit's people who handle tasks
    (and to the task's assignee)."""
    from .models import SupervisionSheet

    sheets = list(
        SupervisionSheet.objects.filter(pk__in=list(sheet_ids)).select_related("task", "unit")
    )
    by_unit: dict[int, set[int]] = {}
    notes = []
    for sheet in sheets:
        if sheet.unit_id not in by_unit:
            by_unit[sheet.unit_id] = holders("tasks.change_task", units=[sheet.unit])
        people = set(by_unit[sheet.unit_id])
        if sheet.task.assignee_id:
            people.add(sheet.task.assignee_id)
        notes += [
            Notification(recipient_id=pk, kind=NoticeKind.SHEET, task=sheet.task, sheet=sheet)
            for pk in sorted(people)
        ]
    return raise_notices(notes)
