import json

from django.utils.translation import gettext as _

from mingzhu.core.commands import BaseCommand, day_option
from mingzhu.targets.models import Observation, Target
from mingzhu.targets.progress import as_json, progress_rows


class Command(BaseCommand):
    help = (
        "Targets: `targets progress --as-of YYYY-MM-DD [--json]` prints where each target stands."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["progress"])
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="Print the rows as JSON.")

    def handle(self, *args, what, as_of, json: bool, **options):
        day = day_option(as_of, "--as-of")
        rows = [
            as_json(r) for r in progress_rows(Target.objects.all(), Observation.objects.all(), day)
        ]
        if json:
            self.stdout.write(_dumps({"as_of": day.isoformat(), "results": rows}))
            return
        for r in rows:
            self.stdout.write(
                _(
                    "%(org_unit)s %(indicator)s %(comparator)s %(target_value)s %(unit)s by "
                    "%(deadline)s: latest %(latest_value)s (%(latest_period)s), progress "
                    "%(progress)s, required %(required_growth)s, trend %(trend_growth)s, "
                    "projected %(projected_value)s: %(status)s"
                )
                % {k: "—" if v is None else v for k, v in r.items()}
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
