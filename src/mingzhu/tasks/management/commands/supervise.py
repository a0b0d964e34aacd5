import json

from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as, system_account
from mingzhu.core.commands import BaseCommand, day_option
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
        day = day_option(as_of, "--as-of")
        with acting_as(system_account()):  # a scheduled job: the system account
            counts = supervise(day)
        if json:
            self.stdout.write(_dumps(counts))
        else:
            self.stdout.write(
                _(
                    "%(day)s: %(red)s red, %(yellow)s yellow, %(blue)s blue; "
                    "%(created)s new supervision sheets."
                )
                % {"day": day, **counts}
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
