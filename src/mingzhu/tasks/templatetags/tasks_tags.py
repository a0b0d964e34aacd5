from django import template

from mingzhu.core import numbers

register = template.Library()


# The core's format (``mingzhu.core.numbers``) for the pages that load only this library.
register.filter("percent", numbers.percent)
