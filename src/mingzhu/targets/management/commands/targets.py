import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

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
        try:
            day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of {as_of!r}: expected YYYY-MM-DD.") from None
        rows = [
            as_json(r) for r in progress_rows(Target.objects.all(), Observation.objects.all(), day)
        ]
        if json:
            self.stdout.write(_dumps({"as_of": day.isoformat(), "results": rows}))
            return
        for r in rows:
            self.stdout.write(
                "{org_unit} {indicator} {comparator} {target_value} {unit} by {deadline}: "
                "latest {latest_value} ({latest_period}), progress {progress}, "
                "required {required_growth}, trend {trend_growth}, "
                "projected {projected_value}: {status}".format(
                    **{k: "—" if v is None else v for k, v in r.items()}
                )
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
