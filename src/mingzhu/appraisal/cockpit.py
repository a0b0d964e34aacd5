"""The flags panel of the leaders' cockpit: who holds the red and the yellow flag."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register

from .board import flag_board


@register("appraisal", 25)
def flags_panel(user, as_of: dt.date) -> Panel | None:
    """The flags held at the end of ``as_of``: those of the latest published quarter that
    had ended by then."""
    if not user.has_perm("appraisal.view_appraisalresult"):
        return None
    board = flag_board(user, as_of)
    return Panel(
        key="appraisal",
        title=_("Rotating red and yellow flags"),
        template="appraisal/_cockpit_panel.html",
        context=board,
        empty=board["latest"] is None,
        empty_message=_("No quarter had been published by this day.")
        if as_of < timezone.localdate()
        else _("No quarter has been published yet."),
        link=reverse("appraisal:board"),
        width=6,
    )
