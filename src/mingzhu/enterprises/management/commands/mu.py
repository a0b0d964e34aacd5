"""`mingzhu mu evaluate --year Y [--input FILE.csv|xlsx] [--json] [--export OUT.xlsx]
[--skip-invalid]`: the per-mu evaluation of a year.

Without --input the registry's figures for the year are evaluated and stored (a draft
year is re-run; a published one is refused). With --input the spreadsheet is evaluated
and nothing is stored. The stored run is recorded as made by --user USERNAME (who needs
the right to run it), else by the system account. An invalid row stops the run (exit
status 2) with one message per row and field, unless --skip-invalid leaves such rows out.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from mingzhu.core.actions import ActionError
from mingzhu.core.audit import acting_as, system_account
from mingzhu.core.commands import BaseCommand, active_user, file_error
from mingzhu.core.excel import write_xlsx
from mingzhu.core.tabular import WorkbookError

from ... import services
from ...actions import current_scheme, run_evaluation
from ...evaluation import load_history, result_record
from ...models import PRIMARY_SCHEME, MuResult
from ...table_input import read_table, validate_rows


class Command(BaseCommand):
    help = "Per-mu evaluation: `mu evaluate --year Y [--input FILE] [--json] [--export OUT.xlsx]`."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["evaluate"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--input", help="A .csv or .xlsx file instead of the registry.")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
        parser.add_argument("--export", help="Write the results to this .xlsx file.")
        parser.add_argument("--user", help="Who runs the stored evaluation (default: system).")
        parser.add_argument(
            "--scheme",
            default=PRIMARY_SCHEME,
            help="The scheme's code (default: the city's own scheme, city).",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Leave invalid rows out instead of stopping.",
        )

    def handle(self, *args, what, year, input, json, export, skip_invalid, user=None, **options):
        code = options.get("scheme") or PRIMARY_SCHEME
        try:
            scheme = current_scheme(code).as_scheme()
        except Http404:
            raise CommandError(
                _("--scheme %(code)s: no such scheme.") % {"code": code}, returncode=2
            ) from None
        if input:
            records = self._read(input, scheme, skip_invalid)
            # Benchmarks that read earlier years take them from the registry.
            history = load_history(year, scheme)
            ev = services.evaluate(services.Rows.from_records(records), scheme, history)
            results = services.result_records(
                ev,
                scheme,
                [r["name"] for r in records],
                [r["town"] for r in records],
                [r["credit_code"] for r in records],
            )
            groups = services.summary(ev)
        else:
            actor = None
            if user:
                actor = active_user(user, returncode=2)
            try:
                with acting_as(actor or system_account()):
                    evaluation = run_evaluation(actor=actor, year=year, code=code)
            except ActionError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc), returncode=2) from exc
            groups = evaluation.summary
            results = stored_records(evaluation, scheme)
        if export:
            write_export(export, year, results)
        if json:
            self.stdout.write(_dumps({"year": year, "groups": groups, "results": results}))
            return
        for g, data in groups.items():
            counts = " ".join(f"{k}={v}" for k, v in data["counts"].items())
            self.stdout.write(f"{year} {g}: {counts}")

    def _read(self, path, scheme, skip_invalid) -> list[dict]:
        try:
            with open(path, "rb") as handle:
                records, errors = validate_rows(read_table(handle), scheme.min_land_below)
        except OSError as exc:  # a file that cannot be read, said as such
            raise file_error(path, exc, returncode=2) from None
        except WorkbookError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from exc
        by_row: dict[int, list] = {}
        for e in errors:
            by_row.setdefault(e.row, []).append(e)
        for first, *rest in by_row.values():
            # One message per row, naming each bad field.
            self.stderr.write("；".join([str(first), *(f"{e.field}：{e.message}" for e in rest)]))
        if by_row and not skip_invalid:
            raise CommandError(
                _("%(count)s invalid rows; nothing evaluated.") % {"count": len(by_row)},
                returncode=2,
            )
        return records


def stored_records(evaluation, scheme) -> list[dict]:
    bench = {g: evaluation.summary[g]["benchmarks"] for g in services.GROUPS}
    rows = (
        MuResult.objects.filter(evaluation=evaluation)
        .select_related("enterprise", "town")
        .order_by("group", "rank", "enterprise__credit_code")
    )
    return [result_record(r, bench) for r in rows]


def write_export(path: str, year: int, results: list[dict]) -> None:
    rows = (services.result_sheet_row(r) for r in results)
    Path(path).write_bytes(write_xlsx(f"亩均评价{year}", services.RESULT_HEADERS, rows))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
