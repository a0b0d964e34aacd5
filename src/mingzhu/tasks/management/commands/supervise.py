import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mingzhu.core.audit import acting_as, system_account
from mingzhu.tasks.jobs import supervise


class Command(BaseCommand):
    help = (
        "Daily supervision: the lights of all active tasks on a day and the supervision "
        "sheets they earn (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, as_of, json: bool, **options):
        try:
            day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be YYYY-MM-DD, not {as_of!r}.") from None
        with acting_as(system_account()):  # a scheduled job: the system account
            counts = supervise(day)
        if json:
            self.stdout.write(_dumps(counts))
        else:
            self.stdout.write(
                f"{day}: {counts['red']} red, {counts['yellow']} yellow, {counts['blue']} blue; "
                f"{counts['created']} new supervision sheets."
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
