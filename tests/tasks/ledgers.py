"""What the task import tests share: the import page of a list and a day as a 台账 writes it."""

import datetime as dt


def url(task_list) -> str:
    """The import page of a task list."""
    return f"/tasks/lists/{task_list.pk}/import/"


def cn(day: dt.date) -> str:
    """A day as a ledger's cell writes it (2026年9月29日)."""
    return f"{day.year}年{day.month}月{day.day}日"
