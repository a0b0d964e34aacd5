from django import template

from mingzhu.core import numbers

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


# The core's format (``mingzhu.core.numbers``) for the pages that load only this library.
register.filter("percent", numbers.percent)


@register.filter
def fields(form, names: str) -> list:
    """The form's bound fields named (space-separated), in that order."""
    return [form[name] for name in names.split()]
