"""Load the Yangzhong demo data set. Idempotent: records are matched by their codes and
user names, so running it again changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.module_loading import import_string

from mingzhu.org.models import OrgUnit
from mingzhu.org.personas import ensure_personas
from mingzhu.org.roles import sync_roles
from mingzhu.tasks.memo import remembering

from . import yangzhong
from .kit import unaudited
from .yangzhong import Unit

# Each app loads its own part, in this order (later steps may use earlier ones' records).
DEMO_STEPS = [
    "mingzhu.tasks.demo.load_tasks",
    "mingzhu.grid.demo.load_grid",
    "mingzhu.targets.demo.load_targets",
    "mingzhu.documents.demo.load",
    "mingzhu.projects.demo.load",
    "mingzhu.enterprises.demo.load",
    "mingzhu.appraisal.demo.load",
    "mingzhu.risks.demo.load",
    "mingzhu.livelihood.demo.load",
    "mingzhu.rural.demo.load",
    "mingzhu.party.demo.load",
    "mingzhu.civility.demo.load",
]


def _upsert(spec: Unit, parent: OrgUnit | None, order: int) -> OrgUnit:
    values = {
        "name": spec.name,
        "short_name": spec.short_name,
        "kind": spec.kind,
        "parent": parent,
        "sort_order": order,
        "is_illustrative": spec.illustrative,
        "source": spec.source,
    }
    unit = OrgUnit.objects.filter(code=spec.code).first()
    if unit is None:
        unit = OrgUnit.objects.create(code=spec.code, **values)
    elif any(getattr(unit, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(unit, k, v)
        unit.save()
    for i, child in enumerate(spec.children, start=1):
        _upsert(child, unit, i)
    return unit


def load_org() -> None:
    _upsert(yangzhong.CITY, None, 0)
    for i, peer in enumerate(yangzhong.PEERS, start=1):
        _upsert(peer, None, i)
    for town_code, company in yangzhong.COMPANIES:
        _upsert(company, OrgUnit.objects.get(code=town_code), 100)


@transaction.atomic
def load(audit: bool = False) -> dict[str, int]:
    """Load everything; returns counts. The demo load is not audited unless asked: the
    audit trail is for what people change."""
    sync_roles()
    with unaudited(audit):
        load_org()
        ensure_personas()
    # Who hears of the tasks' events and the outbound channels are read once per task's
    # units while the demo is played (users and roles change only through their saves).
    with remembering():
        for step in DEMO_STEPS:
            import_string(step)(audit=audit)
    from mingzhu.org.models import User

    return {"units": OrgUnit.objects.count(), "users": User.objects.count()}
