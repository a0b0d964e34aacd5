"""The targets panel of the leaders' cockpit: each target as a gauge with its status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register

from .models import Observation, Target
from .progress import progress_rows


def gauge_value(progress: Decimal | None) -> str | None:
    """Progress as a percentage for the gauge, held within 0–100; None without data (the
    panel then says so instead of drawing an empty gauge)."""
    if progress is None:
        return None
    return f"{min(max(progress * 100, Decimal(0)), Decimal(100)):.1f}"


@register("targets", 10)
def targets_panel(user, as_of: dt.date) -> Panel | None:
    """Each target where it stood on ``as_of``: from the observations of periods over by
    then; past its deadline achieved or missed (no growth required any more)."""
    if not user.has_perm("targets.view_target"):
        return None
    rows = progress_rows(Target.objects.restrict(user), Observation.objects.restrict(user), as_of)
    for row in rows:
        row["gauge"] = gauge_value(row["progress"])
    panel = Panel(
        key="targets",
        title=_("Development targets"),
        template="targets/_cockpit_panel.html",
        context={"rows": rows},
        link=reverse("targets:target_list"),
        width=12,
    )
    if not rows:  # none in scope: are there any at all?
        panel.empty = True
        panel.empty_message = (
            _("No targets in your scope.")
            if Target.objects.exists()
            else _("No targets have been set yet.")
        )
    return panel
