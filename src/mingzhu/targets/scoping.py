"""The units a user may enter figures for (through the scope of ``restrict``).

Peers' observations are readable by every reader of observations (``Observation.scope_public``);
the statistics bureau reads and writes every unit's figures through its role (统计员, scope all).
"""

from __future__ import annotations

from django.db.models import QuerySet

from mingzhu.core.scope import permission_name, units_in_scope
from mingzhu.org.models import OrgUnit

from .models import Observation


def writable_units(user, action: str = "add") -> QuerySet[OrgUnit]:
    """The units the user may enter observations for: a town its own subtree only."""
    return units_in_scope(user, permission_name(Observation, action))


def may_write(user, unit: OrgUnit, action: str = "add") -> bool:
    return writable_units(user, action).filter(pk=unit.pk).exists()
