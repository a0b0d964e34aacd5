from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(value):
    """A rate (0–1) as a percentage; none as a dash."""
    return "—" if value is None else f"{value * 100:.1f}%"
