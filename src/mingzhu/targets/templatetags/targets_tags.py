from django import template

from mingzhu.core import numbers

from ..choices import Status

register = template.Library()

COLOURS = {
    Status.ACHIEVED: "success",
    Status.ON_TRACK: "success",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "danger",
    Status.MISSED: "danger",
}


# The core's number formats (``mingzhu.core.numbers``), under the names these pages use.
register.filter("ratio", numbers.percent)
register.filter("number", numbers.number)


@register.filter
def status_colour(status) -> str:
    return COLOURS.get(status, "secondary")


@register.filter
def status_label(status) -> str:
    return Status(status).label if status in Status.values else status
