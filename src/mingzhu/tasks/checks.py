"""``mingzhu check``: a year coming up whose holiday arrangement is not entered."""

from django.core.checks import Warning, register
from django.db import DatabaseError, connection
from django.utils import timezone


@register()
def check_holiday_arrangement(app_configs=None, **kwargs):
    """Warn while a year within the next months (deadlines in working days reach that far)
    has no holiday arrangement entered from the State Council's notice."""
    from . import calendar
    from .models import HolidayYear

    try:
        if HolidayYear._meta.db_table not in connection.introspection.table_names():
            return []  # before ``migrate``
    except DatabaseError:
        return []  # no database to ask: nothing to say about its data
    years = calendar.unentered_ahead(timezone.localdate())
    if not years:
        return []
    return [
        Warning(
            calendar.warning_for(years),
            hint="mingzhu calendar import FILE --year YEAR",
            id="mingzhu.W101",
        )
    ]
