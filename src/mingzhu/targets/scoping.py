"""Shortcuts for the targets module's querysets; all of them go through ``restrict``.

Peers' observations are readable by every reader of observations (``Observation.scope_public``);
the statistics bureau reads and writes every unit's figures through its role (统计员, scope all).
"""

from __future__ import annotations

from django.db.models import QuerySet

from mingzhu.core.scope import permission_name, units_in_scope
from mingzhu.org.models import OrgUnit

from .models import Observation, Target


def targets_for(user, action: str = "view") -> QuerySet[Target]:
    return Target.objects.restrict(user, action)


def observations_for(user, action: str = "view") -> QuerySet[Observation]:
    return Observation.objects.restrict(user, action)


def writable_units(user, action: str = "add") -> QuerySet[OrgUnit]:
    """The units the user may enter observations for: a town its own subtree only."""
    return units_in_scope(user, permission_name(Observation, action))


def may_write(user, unit: OrgUnit, action: str = "add") -> bool:
    return writable_units(user, action).filter(pk=unit.pk).exists()
