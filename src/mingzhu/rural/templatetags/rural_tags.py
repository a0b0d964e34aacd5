from django import template

from mingzhu.tasks.choices import Status

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def task_status(value):
    """A task status code as its label."""
    return Status(value).label if value in Status.values else value
