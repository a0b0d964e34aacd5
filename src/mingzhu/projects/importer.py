"""Project ledger import from Excel: every row is checked first; all rows are written in
one transaction, or none, with the problems listed per row and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, read_xlsx
from mingzhu.core.scope import units_in_scope
from mingzhu.org.choices import TOWN_KINDS

from .choices import Chain
from .models import Project

# The ledger's column headers, shared by the export so that an export imports again.
H_NAME = "项目名称"
H_INVESTOR = "投资方"
H_CHAIN = "产业链"
H_TOTAL = "总投资（万元）"
H_FOREIGN = "其中外资（万元）"
H_TOWN = "所在镇（街道、园区）"
H_PORT = "港产城融合区"
H_NEGOTIATING = "洽谈日期"
H_DESCRIPTION = "项目简介"
REQUIRED = (H_NAME, H_INVESTOR, H_CHAIN, H_TOTAL, H_TOWN, H_NEGOTIATING)
OPTIONAL = (H_FOREIGN, H_PORT, H_DESCRIPTION)
YES = {"是", "yes", "y", "true", "1", "√"}
NO = {"否", "no", "n", "false", "0", ""}


def _decimal(value, row: int, field: str, errors: list[RowError]) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return Decimal(0) if field == H_FOREIGN else _missing(row, field, errors)
    try:
        amount = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        errors.append(RowError(row, field, _("Not a number: %(value)s") % {"value": value}))
        return None
    if not amount.is_finite() or amount < 0:
        errors.append(RowError(row, field, _("The amount must not be negative.")))
        return None
    return amount


def _missing(row: int, field: str, errors: list[RowError]) -> None:
    errors.append(RowError(row, field, _("This field is required.")))


def _date(value, row: int, field: str, errors: list[RowError]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        errors.append(RowError(row, field, _("Dates must look like 2025-12-31.")))
        return None


def import_projects(file, *, actor) -> tuple[int, list[RowError]]:
    """Create the projects of the workbook; returns (created, errors). With any error
    nothing is written."""
    if not actor.has_perm("projects.add_project"):
        raise PermissionDenied(_("You may not add projects."))
    sheet = read_xlsx(file, REQUIRED, OPTIONAL)
    errors = list(sheet.errors)
    towns = units_in_scope(actor, "projects.add_project").filter(kind__in=TOWN_KINDS)
    by_name = {}
    for unit in towns:
        for key in (unit.name, unit.short_name, unit.code):
            if key:
                by_name[key] = unit
    chains = {str(c.label): c.value for c in Chain} | {c.value: c.value for c in Chain}
    chains |= {
        "临港产业": Chain.PORT,
        "汽车核心零部件": Chain.AUTO_PARTS,
        "光伏新能源": Chain.PHOTOVOLTAIC,
        "工程电气": Chain.ELECTRICAL,
        "先进装备制造": Chain.EQUIPMENT,
        "其他": Chain.OTHER,
    }
    seen: dict[tuple[int, str], int] = {}
    projects = []
    for row, record in sheet.rows:
        name = str(record.get(H_NAME) or "").strip()
        if not name:
            _missing(row, H_NAME, errors)
        investor = str(record.get(H_INVESTOR) or "").strip()
        if not investor:
            _missing(row, H_INVESTOR, errors)
        chain = chains.get(str(record.get(H_CHAIN) or "").strip())
        if chain is None:
            errors.append(
                RowError(
                    row,
                    H_CHAIN,
                    _("Unknown industry chain: %(value)s") % {"value": record.get(H_CHAIN)},
                )
            )
        town_name = str(record.get(H_TOWN) or "").strip()
        town = by_name.get(town_name)
        if town is None:
            errors.append(
                RowError(
                    row,
                    H_TOWN,
                    _("Unknown town, or one outside your scope: %(value)s")
                    % {"value": town_name or "—"},
                )
            )
        total = _decimal(record.get(H_TOTAL), row, H_TOTAL, errors)
        foreign = _decimal(record.get(H_FOREIGN), row, H_FOREIGN, errors)
        if total is not None and foreign is not None and foreign > total:
            errors.append(
                RowError(row, H_FOREIGN, _("Foreign capital exceeds the total investment."))
            )
        port = str(record.get(H_PORT) or "").strip().lower()
        if port not in YES | NO:
            errors.append(RowError(row, H_PORT, _("Answer 是 or 否.")))
        started = _date(record.get(H_NEGOTIATING), row, H_NEGOTIATING, errors)
        if town is not None and name:
            key = (town.pk, name)
            if key in seen:
                errors.append(
                    RowError(
                        row,
                        H_NAME,
                        _("Duplicate of row %(row)s.") % {"row": seen[key]},
                    )
                )
            seen.setdefault(key, row)
        projects.append(
            Project(
                name=name[:200],
                investor=investor[:200],
                chain=chain or Chain.OTHER,
                total_investment=total or Decimal(0),
                foreign_investment=foreign or Decimal(0),
                town=town,
                in_port_zone=port in YES,
                negotiating_on=started,
                description=str(record.get(H_DESCRIPTION) or "").strip(),
            )
        )
    existing = set(
        Project.objects.filter(town__in={p.town_id for p in projects if p.town_id}).values_list(
            "town_id", "name"
        )
    )
    for (town_id, name), row in seen.items():
        if (town_id, name) in existing:
            errors.append(RowError(row, H_NAME, _("This project is already in the ledger.")))
    if errors:
        return 0, sorted(errors, key=lambda e: (e.row, e.field))
    with transaction.atomic():
        for project in projects:  # one by one: each creation goes into the audit trail
            project.save()
    return len(projects), []
