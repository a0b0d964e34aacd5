"""`mingzhu debt plan`: the peak-shaving plan for instruments from a spreadsheet or the
database (a pure computation fed by a file or the database); `mingzhu debt import`: the
instruments of a spreadsheet into the ledger, by the import page's importer."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.commands import BaseCommand, active_user, dumps, import_from
from mingzhu.core.tabular import shown_errors
from mingzhu.risks.debt import services
from mingzhu.risks.debt.io import (
    EntityMatcher,
    InputError,
    entities_for,
    import_instruments,
    read_capacity,
    read_instruments,
)
from mingzhu.risks.debt.planner import as_json, month_label

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Debt: `debt plan [--input instruments.csv|xlsx] [--capacity capacity.csv] "
        "[--window N] [--refi-rate R] [--json]` prints the peak-shaving plan; "
        "`debt import FILE --user USERNAME [--borrower NAME] [--valid-only]` imports "
        "instruments into the ledger (--borrower: the debt entity of a sheet without a 主体 "
        "column whose title names none)."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["plan", "import"])
        parser.add_argument("file", nargs="?", help="The spreadsheet to import (debt import).")
        parser.add_argument("--user", help="The user the import is made as (debt import).")
        parser.add_argument("--valid-only", action="store_true", dest="valid_only")
        parser.add_argument(
            "--borrower", help="The borrower of a sheet without a 主体 column (debt import)."
        )
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
            _("%(count)s problems in the input; nothing was done.") % {"count": len(lines)},
            returncode=BAD_INPUT,
        )

    def handle(self, *args, what, input, capacity, window, refi_rate, json: bool, **options):
        if what == "import":
            return self.import_file(
                options["file"], options["user"], options["valid_only"], options["borrower"]
            )
        problems = []
        if window is not None and not 1 <= window <= 120:
            problems.append(
                _("--window %(value)s: not a whole number from 1 to 120.") % {"value": window}
            )
        if refi_rate is not None and not 0 <= refi_rate <= 30:
            problems.append(
                _("--refi-rate %(value)s: not a rate in percent from 0 to 30.")
                % {"value": refi_rate}
            )
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
            self.stdout.write(dumps(as_json(result)))
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

    def import_file(self, file, username, valid_only, borrower=None):
        if not file or not username:
            raise CommandError(_("debt import needs FILE and --user."), returncode=BAD_INPUT)
        actor = active_user(username, returncode=BAD_INPUT)
        entity = None
        if borrower:
            entity = EntityMatcher(entities_for(actor)).find(borrower)
            if entity is None:
                raise CommandError(
                    _("--borrower %(name)s: no debt entity of that name that %(user)s may enter "
                      "instruments for.") % {"name": borrower, "user": username},
                    returncode=BAD_INPUT,
                )  # fmt: skip
        result = import_from(
            file,
            import_instruments,
            actor=actor,
            returncode=BAD_INPUT,
            valid_only=valid_only,
            entity=entity,
        )
        written = result.created or result.updated or result.unchanged
        if result.errors and not (valid_only and written):
            self.fail([f"{file}: {e}" for e in shown_errors(result.errors)])
        self.stdout.write(
            f"created={result.created} updated={result.updated} unchanged={result.unchanged}"
        )
        for error in shown_errors(result.errors):
            self.stderr.write(f"{file}: {error}")
