"""Benchmark: how well the spreadsheet imports read 台账 as offices publish them.

For each sheet of a corpus (``<name>.xlsx`` beside its truth ``<name>.json``) the script
sets up the org units the truth lists, runs the importer's preview/validation path on the
sheet as the county's administrator, and compares what it would create or refuse with the
truth, row by row. It prints per sheet and in total:

- sheets read: the header was found (``read``), and the sheet's outcome is the truth's
  (read, or refused as a whole naming exactly the columns the truth says are missing);
- data rows imported right: rows the truth creates that the import creates with every
  scored field right (of the rows it creates at all: ``imported``);
- rows wrongly refused: rows the truth creates that the import refuses (a sheet not read
  refuses all its rows); rows the truth refuses that the import refuses are ``refused right``;
- non-data rows wrongly imported: rows the truth marks as no data (section headings, 合计,
  小计, 注) that the import would create, and rows the truth does not list at all;
- done rows left out: rows of a ledger that its 整改情况 (完成情况, 是否办结 …) marks done,
  which the task import leaves out and names (``ImportResult.left_out``), not as errors;
- field accuracy over the rows imported: units (lead unit, and the co-units as a set;
  towns, villages, party organisations, members, debt entities), deadlines and other dates
  (years, maturities, periods), amounts (compared as numbers; an empty cell as null).

It runs on a temporary SQLite database, migrated once, in a data folder of its own; each
sheet runs in a transaction rolled back afterwards (its org units, the importing user and
whatever the import wrote are gone before the next sheet). Nothing is written elsewhere.
"Today" is the truth's ``today`` (the sheet's issue date) while the sheet is imported.

    .venv/bin/python benchmarks/imports_recall.py                  # the composed corpus
    .venv/bin/python benchmarks/imports_recall.py --corpus DIR     # another corpus
    .venv/bin/python benchmarks/imports_recall.py --corpus DIR --json out.json

Truth format (one JSON object per sheet)::

    {"importer": "tasks" | "projects" | "enterprises_registry" | "enterprises_annual"
                 | "party_members" | "party_links" | "households" | "facilities" | "debt"
                 | "observations" | "coverage" | "measures" | "investment",
     "today": "2026-03-01", "year": 2026,              # the import's day, the list's year
     "city": {"name": "某某县", "short_name": "某某"},
     "units": [{"name": "某某县发展和改革局", "kind": "department", "short_name": ""}, ...],
               # kind: department, town, street, zone, village (the county's units, full
               # names; "parent": a unit's full name puts it under that unit, a village
               # under its town; "key": another name for a second unit of the same name,
               # by which "parent" and "village_key" refer to it)
     # what the county keeps already, where the importer looks it up:
     "party_organisations": [{"name": "中共…支部委员会", "unit": "full name"}],
     "members": [{"name": "…", "organisation": "…", "village": "full name"}],
     "enterprises": [{"code": "9132…", "name": "…", "town": "full name"}],
     "debt_entities": [{"name": "…", "kind": "platform", "unit": "full name"}],
     "indicators": [{"code": "…", "name": "…", "unit": "亿元", "dimension": "total",
                     "frequency": "month"}],
     "households": [{"head_name": "…", "id_number": "18 characters", "village": "…"}],
     "projects": [{"name": "…", "town": "full name", "total": 12000}],  # the ledger's
     "month": "2026-10",          # investment: the report month chosen on the page, if any
     # coverage: each row's village, town, registered and insured (or, for a sheet with
     # the schemes side by side, "pension" and "medical"); measures: household (the
     # head's name), kind, description, lead_unit, deadline
     "sheet": {"read": true} | {"read": false, "missing": ["产业链", ...]},
     "rows": [
       {"row": 4, "expect": "create", "title": "words the task's text begins with",
        "lead": "full name", "co_units": ["full name", ...],
        "deadline": "2026-12-31" | "long_running",                  # tasks
        "created_on": "2025-10-08"},   # optional: the day the task is created as of (an
                                       # overdue item's 交办时间), scored as a date
       {"row": 6, "expect": "done"},   # tasks: a row the ledger marks done, left out
       {"row": 5, "expect": "create", "name": "...", "town": "full name",
        "investor": "...", "total": 12000},                          # projects (万元)
                      # (and, where given, "stage": "under_construction", "planned": 3000)
       {"row": 5, "expect": "create", "name": "...", "town": "full name", "planned": 3000,
        "completed": 800, "period": "2026-10", "progress": "…", "remark": ""},  # investment
       {"row": 5, "expect": "create", "code": "9132…", "name": "…", "town": "full name",
        "scale": "above", "land_mu": 42.5},                          # the other importers:
                                     # every key but row/expect is compared with the import
       {"row": 6, "expect": "refuse", "field": "co_units", "reason": "why, in words"},
       {"row": 9, "expect": "none", "what": "合计"}]}

Row numbers are the sheet's own (1 is its first row). The importers without
``valid_only`` (the enterprise registry and annual data, observations) are run writing
their good rows, so that each row's outcome is seen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "core" / "sheets_corpus"


def setup_django(data_dir: str) -> None:
    """Django on a fresh SQLite database in ``data_dir``, migrated."""
    os.environ["MINGZHU_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(data_dir) / 'imports.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# -- one sheet ---------------------------------------------------------------------------


def _org(truth: dict):
    """The truth's units under its city, and an administrator of the city."""
    from mingzhu.org.models import OrgUnit, User

    city = OrgUnit.objects.create(
        name=truth["city"]["name"],
        short_name=truth["city"].get("short_name", ""),
        kind="city",
        code="CITY",
    )
    units = {}
    for i, unit in enumerate(truth["units"], start=1):
        # "key": a second unit of the same name (两个红旗村) is named by its key elsewhere.
        units[unit.get("key", unit["name"])] = OrgUnit.objects.create(
            name=unit["name"],
            short_name=unit.get("short_name", ""),
            kind=unit["kind"],
            code=f"U{i:03d}",
            parent=units[unit["parent"]] if unit.get("parent") else city,
        )
    actor = User.objects.create_superuser("imports-bench", "", "x", unit=city)
    _records(truth, units)
    return city, actor


def _records(truth: dict, units: dict) -> None:
    """The records the truth says the county already keeps: party organisations and
    members, enterprises, debt entities, indicators, monitored households."""
    if truth.get("party_organisations") or truth.get("members"):
        from mingzhu.party.models import PartyMember, PartyOrganisation

        orgs = {
            o["name"]: PartyOrganisation.objects.create(name=o["name"], unit=units[o["unit"]])
            for o in truth.get("party_organisations", [])
        }
        for m in truth.get("members", []):
            PartyMember.objects.create(
                name=m["name"], organisation=orgs[m["organisation"]], village=units[m["village"]]
            )
    if truth.get("enterprises"):
        from mingzhu.enterprises.models import Enterprise

        for e in truth["enterprises"]:
            Enterprise.objects.create(
                credit_code=e["code"],
                name=e["name"],
                town=units[e["town"]],
                industry=e.get("industry", "C38"),
                scale=e.get("scale", "above"),
                land_mu=e.get("land_mu"),
            )
    if truth.get("debt_entities"):
        from mingzhu.risks.models import DebtEntity

        for e in truth["debt_entities"]:
            DebtEntity.objects.create(
                name=e["name"],
                short_name=e.get("short_name", ""),
                kind=e["kind"],
                unit=units[e["unit"]],
            )
    if truth.get("indicators"):
        from mingzhu.targets.models import Indicator

        for i in truth["indicators"]:
            Indicator.objects.create(**i)
    for h in truth.get("households", []):
        from mingzhu.livelihood import protect
        from mingzhu.livelihood.models import MonitoredHousehold

        household = MonitoredHousehold(
            village=units[h.get("village_key", h["village"])],
            household_type=h.get("household_type", "marginal"),
            head_name=h["head_name"],
            members=h.get("members", 3),
            income_year=h.get("income_year", int(truth["today"][:4]) - 1),
            income_per_capita=h.get("income_per_capita", 8000),
            cadre=h.get("cadre", "帮扶干部"),
            identified_on=dt.date.fromisoformat(h.get("identified_on", "2025-06-01")),
        )
        household.set_id_number(h["id_number"])
        household.id_digest = protect.digest(h["id_number"])
        household.save()


def _run_tasks(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.tasks.choices import ListKind
    from mingzhu.tasks.importer import import_tasks
    from mingzhu.tasks.models import TaskList

    task_list = TaskList.objects.create(
        name="导入测评", kind=ListKind.OTHER, issuer=city, year=truth["year"]
    )
    from django.utils import timezone

    result = import_tasks(io.BytesIO(data), actor=actor, task_list=task_list, valid_only=True)
    created = {}
    for (row, _new, _text), task in zip(result.written, result.objects, strict=True):
        first = task.events.order_by("at").first()
        created[row] = {
            "text": task.content or task.title,
            "lead": task.lead_unit.name,
            "co_units": sorted(u.name for u in task.co_units.all()),
            "deadline": "long_running" if task.long_running else task.deadline.isoformat(),
            # (localtime: the sheet's "today" stands in for localdate while it runs)
            "created_on": timezone.localtime(first.at).date().isoformat() if first else None,
        }
    return {
        "created": created,
        "errors": result.errors,
        "notes": result.notes,
        "left_out": result.left_out,
    }


def _run_projects(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.core.tabular import read_table, validate_rows
    from mingzhu.projects import importer

    table = read_table(io.BytesIO(data), importer.COLUMNS)
    context = importer.row_context(actor, table)
    good, errors = validate_rows(table, importer.ProjectRow, context=context)
    created = {
        row: {
            "name": values["name"],
            "town": values["town"].name,
            "investor": values["investor"],
            "total": values["total"],
            "stage": values.get("stage"),
            "planned": values.get("planned"),
        }
        for row, values in good
    }
    return {"created": created, "errors": errors, "notes": []}


def _ledger_projects(truth: dict) -> None:
    """The projects the truth says the ledger keeps already (``"projects"``: name, town,
    and optionally investor and total), which a progress sheet names."""
    from mingzhu.org.models import OrgUnit
    from mingzhu.projects.models import Project

    for p in truth.get("projects", []):
        Project.objects.create(
            name=p["name"],
            town=OrgUnit.objects.get(name=p["town"]),
            investor=p.get("investor", "临时业主"),
            total_investment=p.get("total", 10000),
        )


def _run_investment(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.projects.investment_import import import_investment, parse_month

    _ledger_projects(truth)
    chosen = parse_month(truth["month"]) if truth.get("month") else None
    result = import_investment(io.BytesIO(data), actor=actor, month=chosen, valid_only=True)
    created: dict[int, dict] = {}
    if result.objects:
        from mingzhu.projects.models import InvestmentPlan, MonthlyInvestment

        for row, project in _written(result).items():
            plan = InvestmentPlan.objects.filter(project=project).first()
            month = MonthlyInvestment.objects.filter(project=project).first()
            created[row] = {
                "name": project.name,
                "town": project.town.name,
                "planned": plan.planned if plan else None,
                "completed": month.completed if month else None,
                "period": f"{month.year}-{month.month:02d}" if month else None,
                "progress": month.progress if month else "",
                "remark": month.remark if month else "",
            }
    return {"created": created, "errors": result.errors, "notes": result.notes}


def _written(result) -> dict:
    """Each row the import writes (created or changed) with its object."""
    return {
        row: obj for (row, _new, _text), obj in zip(result.written, result.objects, strict=True)
    }


def _all_valid(module):
    """The module's ``run_import`` writing the good rows of a sheet with bad ones (the
    importers without ``valid_only`` write all rows or none)."""
    from mingzhu.core import tabular

    def run(*args, **kwargs):
        return tabular.run_import(*args, **{**kwargs, "valid_only": True})

    return mock.patch.object(module, "run_import", run)


def _outcome(result, fields) -> dict:
    created = {row: fields(obj) for row, obj in _written(result).items()}
    return {"created": created, "errors": result.errors, "notes": result.notes}


def _run_enterprises_registry(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.enterprises import importer

    with _all_valid(importer):
        result = importer.import_registry(io.BytesIO(data), actor=actor)
    return _outcome(
        result,
        lambda e: {
            "code": e.credit_code,
            "name": e.name,
            "town": e.town.name,
            "scale": e.scale,
            "land_mu": e.land_mu,
        },
    )


def _run_enterprises_annual(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.enterprises import importer

    with _all_valid(importer):
        result = importer.import_annual(io.BytesIO(data), actor=actor)
    return _outcome(
        result,
        lambda a: {
            "code": a.enterprise.credit_code,
            "year": a.year,
            **{key: getattr(a, key) for key, _h in importer.FIGURES},
        },
    )


def _run_party_members(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.party.importer import import_members

    result = import_members(io.BytesIO(data), actor=actor, valid_only=True)
    return _outcome(
        result,
        lambda m: {
            "name": m.name,
            "organisation": m.organisation.name,
            "village": m.village.name,
            "role": m.role,
        },
    )


def _run_party_links(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.party.importer import import_links

    result = import_links(io.BytesIO(data), actor=actor, valid_only=True)
    return _outcome(
        result,
        lambda link: {
            "head_name": link.household.head_name,
            "member": link.member.name,
            "village": link.household.village.name,
        },
    )


def _run_households(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.livelihood.monitoring_import import import_households

    result = import_households(io.BytesIO(data), actor=actor, valid_only=True)
    return _outcome(
        result,
        lambda h: {
            "head_name": h.head_name,
            "village": h.village.name,
            "household_type": h.household_type,
            "members": h.members,
            "income_year": h.income_year,
            "income_per_capita": h.income_per_capita,
        },
    )


def _run_facilities(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.rural.importer import import_facilities

    result = import_facilities(io.BytesIO(data), actor=actor, valid_only=True)
    return _outcome(
        result, lambda f: {"name": f.name, "village": f.village.name, "type": f.type.name}
    )


def _run_debt(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.risks.debt.io import import_instruments

    result = import_instruments(io.BytesIO(data), actor=actor, valid_only=True)
    return _outcome(
        result,
        lambda i: {
            "id": i.code,
            "entity": i.entity.name,
            "kind": i.kind,
            "budget": i.budget,
            "principal": i.principal,
            "rate": i.rate,
            "maturity": i.maturity.isoformat(),
        },
    )


def _run_observations(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.targets import importer

    with _all_valid(importer):
        result = importer.import_observations(io.BytesIO(data), actor=actor)
    return _outcome(
        result,
        lambda o: {
            "indicator": o.indicator.name,
            "unit": o.unit.name,
            "period": o.period,
            "value": o.value,
        },
    )


def _run_coverage(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.livelihood.importer import import_coverage

    result = import_coverage(io.BytesIO(data), actor=actor, year=truth["year"], valid_only=True)
    # A row may write a record per scheme (the schemes side by side): its fields merged,
    # each scheme's insured persons under the scheme's code.
    created: dict[int, dict] = {}
    for (row, _new, _text), record in zip(result.written, result.objects, strict=True):
        fields = created.setdefault(
            row,
            {
                "village": record.village.name,
                "town": record.village.parent.name,
                "registered": record.registered,
            },
        )
        fields["scheme"] = record.scheme
        fields["insured"] = record.insured
        fields[record.scheme] = record.insured
    return {"created": created, "errors": result.errors, "notes": result.notes}


def _run_measures(data: bytes, truth: dict, city, actor) -> dict:
    from mingzhu.livelihood.monitoring_import import import_measures

    result = import_measures(io.BytesIO(data), actor=actor, valid_only=True)
    return _outcome(
        result,
        lambda m: {
            "household": m.household.head_name,
            "kind": m.kind,
            "description": m.description,
            "lead_unit": m.task.lead_unit.name,
            "deadline": m.task.deadline.isoformat(),
        },
    )


RUNNERS = {
    "tasks": _run_tasks,
    "projects": _run_projects,
    "investment": _run_investment,
    "enterprises_registry": _run_enterprises_registry,
    "enterprises_annual": _run_enterprises_annual,
    "party_members": _run_party_members,
    "party_links": _run_party_links,
    "households": _run_households,
    "facilities": _run_facilities,
    "debt": _run_debt,
    "observations": _run_observations,
    "coverage": _run_coverage,
    "measures": _run_measures,
}


def run_sheet(path: Path, truth: dict) -> dict:
    """The import's outcome for one sheet: read or not (and why), rows created, errors."""
    from django.db import transaction
    from django.utils import timezone

    from mingzhu.core.tabular import WorkbookError

    today = dt.date.fromisoformat(truth["today"])
    outcome: dict = {
        "read": True,
        "message": "",
        "created": {},
        "errors": [],
        "notes": [],
        "left_out": [],
    }
    with transaction.atomic():
        city, actor = _org(truth)
        try:
            with mock.patch.object(timezone, "localdate", lambda *a, **k: today):
                outcome.update(RUNNERS[truth["importer"]](path.read_bytes(), truth, city, actor))
        except WorkbookError as exc:
            outcome["read"], outcome["message"] = False, str(exc)
        transaction.set_rollback(True)
    return outcome


# -- scoring -----------------------------------------------------------------------------


def _amount(value) -> Decimal:
    return Decimal(str(value)).normalize()


# The counts of a sheet, summed over the corpus.
TOTALS = [
    "data_rows",
    "imported",
    "imported_right",
    "wrongly_refused",
    "refusals",
    "refused_right",
    "wrongly_imported",
    "non_data",
    "non_data_imported",
    "done_rows",
    "done_left_out",
    "unit_fields",
    "units_right",
    "deadline_fields",
    "deadlines_right",
    "amount_fields",
    "amounts_right",
]


def score_sheet(truth: dict, outcome: dict) -> dict:
    """Counts for one sheet (see the module's note)."""
    s = dict.fromkeys(TOTALS, 0)
    s["misses"] = []
    sheet = truth["sheet"]
    message = outcome["message"]
    header_found = outcome["read"] or ("No header row" not in message and bool(message))
    if sheet.get("read", True):
        sheet_right = outcome["read"]
    else:
        missing = sheet.get("missing", [])
        sheet_right = (
            not outcome["read"]
            and header_found
            and all(name in message for name in missing)
            and _named_columns(message) == set(missing)
        )
    s["header_found"], s["sheet_right"] = header_found, sheet_right
    if not sheet_right:
        s["misses"].append(f"sheet: {message or 'read'}")
    refused_rows: dict[int, list[str]] = {}
    for error in outcome["errors"]:
        refused_rows.setdefault(error.row, []).append(f"{error.field}: {error.message}")
    left_out = {line.row for line in outcome.get("left_out", [])}
    listed = set()
    for row in truth["rows"]:
        number, expect = row["row"], row["expect"]
        listed.add(number)
        made = outcome["created"].get(number)
        if expect == "none":
            s["non_data"] += 1
            if made is not None:
                s["non_data_imported"] += 1
                s["misses"].append(f"row {number}: {row.get('what', 'no data')} imported")
            continue
        if expect == "done":
            s["done_rows"] += 1
            if made is None and number in left_out:
                s["done_left_out"] += 1
            else:
                why = "imported" if made is not None else "; ".join(refused_rows.get(number, []))
                s["misses"].append(f"row {number}: marked done, not left out ({why})")
            continue
        if expect == "refuse":
            s["refusals"] += 1
            if made is None and (number in refused_rows or not outcome["read"]):
                s["refused_right"] += 1
            elif made is not None:
                s["wrongly_imported"] += 1
                s["misses"].append(f"row {number}: imported, should be refused ({row['reason']})")
            elif number in left_out:
                s["misses"].append(f"row {number}: left out as done, should be refused")
            continue
        s["data_rows"] += 1
        if made is None:
            s["wrongly_refused"] += 1
            why = "; ".join(refused_rows.get(number, [])) or (
                "sheet not read"
                if not outcome["read"]
                else "left out as done"
                if number in left_out
                else "not in the import"
            )
            s["misses"].append(f"row {number}: refused ({why})")
            continue
        s["imported"] += 1
        right = _fields(row, made, s, truth["importer"])
        if right:
            s["imported_right"] += 1
    for number in outcome["created"]:
        if number not in listed:
            s["non_data_imported"] += 1
            s["misses"].append(f"row {number}: imported, the truth lists no such row")
    for number in sorted(left_out - listed):
        s["misses"].append(f"row {number}: left out as done, the truth lists no such row")
    # A row the truth does not list that the import refuses (the lower row of a header
    # read as data, say) would stop the all-or-nothing import of the whole sheet: named.
    for number, why in sorted(refused_rows.items()):
        if number not in listed:
            s["misses"].append(f"row {number}: refused, the truth lists no such row ({why[0]})")
    return s


def _named_columns(message: str) -> set[str]:
    """The column names a missing-columns message names (each before its synonyms)."""
    _, _, names = message.partition(":")
    names = names or message.partition("：")[2]
    return {part.split("/")[0].strip() for part in names.split("、") if part.strip()}


def _fields(row: dict, made: dict, s: dict, importer: str) -> bool:
    problems = []
    if importer == "tasks":
        if not made["text"].startswith(row["title"]):
            problems.append(f"text {made['text'][:20]!r}")
        s["unit_fields"] += 2
        s["units_right"] += made["lead"] == row["lead"]
        s["units_right"] += set(made["co_units"]) == set(row["co_units"])
        if made["lead"] != row["lead"]:
            problems.append(f"lead {made['lead']}")
        if set(made["co_units"]) != set(row["co_units"]):
            problems.append(f"co-units {made['co_units']}")
        s["deadline_fields"] += 1
        if made["deadline"] == row["deadline"]:
            s["deadlines_right"] += 1
        else:
            problems.append(f"deadline {made['deadline']} (truth {row['deadline']})")
        if "created_on" in row:
            s["deadline_fields"] += 1
            if made["created_on"] == row["created_on"]:
                s["deadlines_right"] += 1
            else:
                problems.append(f"created on {made['created_on']} (truth {row['created_on']})")
    elif importer != "projects":
        _other_fields(row, made, s, problems)
    else:
        if made["name"] != row["name"]:
            problems.append(f"name {made['name']}")
        s["unit_fields"] += 1
        s["units_right"] += made["town"] == row["town"]
        if made["town"] != row["town"]:
            problems.append(f"town {made['town']}")
        s["amount_fields"] += 1
        if _amount(made["total"]) == _amount(row["total"]):
            s["amounts_right"] += 1
        else:
            problems.append(f"total {made['total']} (truth {row['total']})")
        # A 重点项目 ledger's stage and year's plan, where the truth gives them.
        if "stage" in row and made["stage"] != row["stage"]:
            problems.append(f"stage {made['stage']} (truth {row['stage']})")
        if "planned" in row:
            _other_fields({"planned": row["planned"]}, made, s, problems)
    if problems:
        s["misses"].append(f"row {row['row']}: " + ", ".join(problems))
    return not problems


# The scored fields of the other importers, by what the report counts them as.
UNIT_KEYS = {"town", "village", "organisation", "member", "entity", "unit", "lead_unit"}
AMOUNT_KEYS = {
    "land_mu",
    "planned",
    "completed",
    "tax",
    "revenue",
    "value_added",
    "energy_tce",
    "employees",
    "members",
    "income_per_capita",
    "principal",
    "rate",
    "value",
    "registered",
    "insured",
    "pension",
    "medical",
}
DATE_KEYS = {"year", "income_year", "maturity", "period", "deadline"}


def _other_fields(row: dict, made: dict, s: dict, problems: list) -> None:
    """Every field the truth's row gives, compared with the import's: units and places,
    amounts (as numbers; None for an empty cell), dates and years, and words as written."""
    for key, want in row.items():
        if key in ("row", "expect"):
            continue
        got = made.get(key)
        if key in AMOUNT_KEYS:
            right = (got is None and want is None) or (
                got is not None and want is not None and _amount(got) == _amount(want)
            )
            s["amount_fields"] += 1
            s["amounts_right"] += right
        else:
            right = str(got) == str(want)
            if key in UNIT_KEYS:
                s["unit_fields"] += 1
                s["units_right"] += right
            elif key in DATE_KEYS:
                s["deadline_fields"] += 1
                s["deadlines_right"] += right
        if not right:
            problems.append(f"{key} {got} (truth {want})")


def score_corpus(corpus: Path) -> dict:
    """Every sheet of ``corpus`` imported and scored (Django must be set up)."""
    sheets = {}
    for truth_path in sorted(corpus.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if not isinstance(truth, dict) or "importer" not in truth:
            continue  # not a truth (a score written beside the sheets, say)
        sheet = corpus / truth.get("sheet_file", truth_path.with_suffix(".xlsx").name)
        sheets[truth_path.stem] = score_sheet(truth, run_sheet(sheet, truth))
        sheets[truth_path.stem]["importer"] = truth["importer"]
    total = {key: sum(s[key] for s in sheets.values()) for key in TOTALS}
    total["sheets"] = len(sheets)
    total["header_found"] = sum(s["header_found"] for s in sheets.values())
    total["sheet_right"] = sum(s["sheet_right"] for s in sheets.values())
    return {"sheets": sheets, "total": total}


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b}" if b else "–"


def report(scores: dict) -> str:
    lines = [
        "sheet | importer | header | outcome | data rows imported right (imported) | "
        "wrongly refused | refused right | non-data imported | done left out | units | "
        "deadlines (dates) | amounts",
    ]

    def line(name, s, importer=""):
        return " | ".join(
            [
                name,
                importer,
                str(s["header_found"]),
                str(s["sheet_right"]),
                f"{_ratio(s['imported_right'], s['data_rows'])} ({s['imported']})",
                str(s["wrongly_refused"]),
                _ratio(s["refused_right"], s["refusals"]),
                _ratio(s["non_data_imported"], s["non_data"]),
                _ratio(s["done_left_out"], s["done_rows"]),
                _ratio(s["units_right"], s["unit_fields"]),
                _ratio(s["deadlines_right"], s["deadline_fields"]),
                _ratio(s["amounts_right"], s["amount_fields"]),
            ]
        )

    for name, s in scores["sheets"].items():
        lines.append(line(name, {**s, "header_found": int(s["header_found"])}, s["importer"]))
    t = scores["total"]
    lines.append(
        line(
            f"total ({t['sheets']} sheets)",
            {
                **t,
                "header_found": f"{t['header_found']}/{t['sheets']}",
                "sheet_right": f"{t['sheet_right']}/{t['sheets']}",
            },
        )
    )
    lines.append("")
    for name, s in scores["sheets"].items():
        for miss in s["misses"]:
            lines.append(f"{name}: {miss}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mingzhu-imports-") as data_dir:
        setup_django(data_dir)
        scores = score_corpus(args.corpus.resolve())
        print(report(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
