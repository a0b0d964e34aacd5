"""`mingzhu appraise flags --quarter 2025Q2 [--input FILE.csv|xlsx] [--json] [--notice OUT.docx]`

Scores the towns for the quarter with the current towns' scheme: from the project
records, or from a table. Bad input: one message per problem on stderr, exit status 2,
nothing written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.appraisal import inputs, scoring
from mingzhu.appraisal.actions import current_scheme
from mingzhu.appraisal.choices import TOWN_SCHEME
from mingzhu.appraisal.notice import NoticeData, build_notice
from mingzhu.appraisal.table import read_table
from mingzhu.core.actions import ActionError
from mingzhu.core.commands import BaseCommand, file_error
from mingzhu.core.periods import parse_quarter
from mingzhu.core.tabular import WorkbookError

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Appraisal: `appraise flags --quarter 2025Q2 [--input FILE] [--json] "
        "[--notice OUT.docx]` ranks the towns and names the red and yellow flags."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["flags"])
        parser.add_argument("--quarter", required=True, help="e.g. 2025Q2")
        parser.add_argument(
            "--input", dest="input_file", help="a .csv or .xlsx table of the items per town"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--notice", help="write the notice (通报) to this .docx file")

    def fail(self, messages: list[str]):
        for message in messages:
            self.stderr.write(message)
        sys.exit(BAD_INPUT)

    def handle(self, *args, what, quarter, input_file, json: bool, notice, **options):
        try:
            year, q = parse_quarter(quarter)
        except ValueError:
            self.fail(
                [_("--quarter %(value)s: not a quarter such as 2025Q2.") % {"value": quarter}]
            )
        try:
            scheme = current_scheme(TOWN_SCHEME)
        except ActionError as exc:
            raise CommandError(str(exc)) from exc
        spec = scheme.spec()
        if input_file:
            path = Path(input_file)
            if not path.is_file():
                self.fail([str(file_error(input_file, FileNotFoundError(2, "")))])
            towns = inputs.towns().values_list("code", "name", "short_name")
            try:
                units, errors = read_table(path, towns)
            except WorkbookError as exc:
                self.fail([f"{path.name}: {exc}"])
            if errors:
                self.fail([f"{path.name}: {e}" for e in errors])
        else:
            units = inputs.town_inputs(year, q)
        rows = scoring.score(units, spec)
        red, yellow = scoring.red_and_yellow(rows)
        if notice:
            content = build_notice(
                NoticeData(
                    year=year,
                    quarter=q,
                    scheme=spec,
                    rows=rows,
                    issuer="市委办公室督查室",
                    dated=timezone.localdate(),
                    draft=True,
                )
            )
            try:
                Path(notice).write_bytes(content)
            except OSError as exc:
                self.fail([str(file_error(notice, exc))])
        if json:
            self.stdout.write(_dumps(_as_json(quarter.upper(), spec, rows, red, yellow)))
            return
        self.stdout.write(f"{year}Q{q} · {spec.label()}")
        for r in rows:
            mark = {"red": " 红旗", "yellow": " 黄旗"}.get(r.flag, "")
            self.stdout.write(f"{r.rank:>2}. {r.name} {r.score:.2f}{mark}")


def _as_json(quarter, spec, rows, red, yellow) -> dict:
    return {
        "quarter": quarter,
        "scheme": f"{spec.code} v{spec.version}",
        "scheme_name": spec.name,
        "scores": [
            {
                "unit": r.unit,
                "name": r.name,
                "score": round(r.score, 4),
                "rank": r.rank,
                "items": r.items,
                "bonus": r.bonus,
            }
            for r in rows
        ],
        "red": red,
        "yellow": yellow,
    }


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
