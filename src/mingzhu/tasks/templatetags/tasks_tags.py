from django import template

register = template.Library()


@register.filter
def percent(value):
    """A rate (0..1) as a percentage; an undefined rate as a dash."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"
