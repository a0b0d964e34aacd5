from decimal import Decimal

from django import template

from ..choices import Status

register = template.Library()

COLOURS = {
    Status.ACHIEVED: "success",
    Status.ON_TRACK: "success",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "danger",
    Status.MISSED: "danger",
}


@register.filter
def ratio(value):
    """A ratio (progress, growth) as a percentage; none as a dash."""
    if value is None:
        return "—"
    return f"{Decimal(value) * 100:.1f}%"


@register.filter
def number(value):
    """A Decimal without trailing zeros; none as a dash."""
    if value is None:
        return "—"
    return f"{Decimal(value).normalize():f}"


@register.filter
def status_colour(status) -> str:
    return COLOURS.get(status, "secondary")


@register.filter
def status_label(status) -> str:
    return Status(status).label if status in Status.values else status
