import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.commands import BaseCommand, day_option
from mingzhu.tasks.lights import record_day, recorded_days


class Command(BaseCommand):
    help = (
        "Record the task lights of past days for the cockpit (the daily supervision job "
        "records the day before; this fills the days before it was installed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument(
            "--until", help="last day, YYYY-MM-DD (default: yesterday); at most yesterday"
        )
        parser.add_argument(
            "--again", action="store_true", help="record again the days already recorded"
        )

    def handle(self, *args, since, until, again: bool, **options):
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        first = day_option(since, "--since")
        last = day_option(until, "--until") if until else yesterday
        if last > yesterday:
            raise CommandError(
                _("--until must be a past day (at most %(yesterday)s), not %(last)s.")
                % {"yesterday": yesterday, "last": last}
            )
        if first > last:
            raise CommandError(
                _("--since (%(first)s) is after the last day (%(last)s).")
                % {"first": first, "last": last}
            )
        done = set()
        if not again:
            done = set(recorded_days().values_list("day", flat=True))
        recorded = 0
        day = first
        while day <= last:
            if day not in done:
                rows = record_day(day)
                recorded += 1
                self.stdout.write(_("%(day)s: %(rows)s rows") % {"day": day, "rows": rows})
            day += dt.timedelta(days=1)
        self.stdout.write(_("%(count)s days recorded.") % {"count": recorded})
