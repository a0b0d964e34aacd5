"""`mingzhu debt plan`: the peak-shaving plan for instruments from a spreadsheet or the
database (a pure computation fed by a file or the database)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mingzhu.risks.debt import services
from mingzhu.risks.debt.io import InputError, read_capacity, read_instruments
from mingzhu.risks.debt.planner import as_json, month_label

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Debt: `debt plan [--input instruments.csv|xlsx] [--capacity capacity.csv] "
        "[--window N] [--refi-rate R] [--json]` prints the peak-shaving plan."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["plan"])
        parser.add_argument(
            "--input",
            help="Instruments (.csv or .xlsx): id, entity, kind, principal, rate (%% a year), "
            "maturity (YYYY-MM), refinanceable (yes|no), max_defer_months; Chinese headers "
            "accepted. Without it, the instruments in the database (from this month on).",
        )
        parser.add_argument("--capacity", help="Money available per month: month, capacity.")
        parser.add_argument("--window", type=int, help="Move instalments at most N months (1–120).")
        parser.add_argument(
            "--refi-rate", dest="refi_rate", type=float, help="Price every move at R %% a year."
        )
        parser.add_argument("--json", action="store_true", help="Print the plan as JSON.")

    def fail(self, lines: list[str]):
        for line in lines:
            self.stderr.write(line)
        raise CommandError(
            f"{len(lines)} problem(s) in the input; nothing was planned.", returncode=BAD_INPUT
        )

    def handle(self, *args, what, input, capacity, window, refi_rate, json: bool, **options):
        problems = []
        if window is not None and not 1 <= window <= 120:
            problems.append(f"--window {window}: expected a whole number from 1 to 120.")
        if refi_rate is not None and not 0 <= refi_rate <= 30:
            problems.append(f"--refi-rate {refi_rate}: expected a rate in percent from 0 to 30.")
        rows, caps = [], None
        from_month = None
        try:
            if input:
                rows, errors = read_instruments(Path(input))
                problems += [f"{input}: {e}" for e in errors]
            if capacity:
                caps, errors = read_capacity(Path(capacity))
                problems += [f"{capacity}: {e}" for e in errors]
        except InputError as exc:
            problems.append(str(exc))
        if problems:
            self.fail(problems)
        if not input:
            from mingzhu.risks.debt.data import instrument_rows
            from mingzhu.risks.models import DebtInstrument

            rows = instrument_rows(DebtInstrument.objects.all())
            from_month = services.mi(timezone.localdate())
        result = services.plan_rows(
            rows, window=window, refi_rate=refi_rate, capacity=caps, from_month=from_month
        )
        if json:
            self.stdout.write(_dumps(as_json(result)))
            return
        self.stdout.write(
            f"months {month_label(result.months[0]) if result.months else '—'} to "
            f"{month_label(result.months[-1]) if result.months else '—'}; "
            f"peak {result.peak_before:,.2f} -> {result.peak_after:,.2f} (10k yuan); "
            f"extra cost {result.extra_cost:,.2f}; {len(result.moves)} moves"
        )
        for m in result.moves:
            self.stdout.write(
                f"  {m.instrument}: {m.amount:,.2f} from {month_label(m.from_month)} "
                f"to {month_label(m.to_month)} (cost {m.cost:,.2f})"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
