"""The cockpit: the home page of everyone to whom a module offers a panel.

Who sees it is decided by the panels, not by role names: ``/`` shows the cockpit to any
user for whom ``panels_for(user, as_of)`` returns at least one panel (each panel function
returns None to a user without its module's view permission), and the home tiles
(core.views.HomeView) to everyone else, e.g. an administrator of the org tree or a user
with no role yet. A leader and the supervision office see the whole city, a town its own
data: the panels read through ``restrict`` like every page.

``?as_of=YYYY-MM-DD`` shows the panels as the city stood at the end of that day (default:
today, local time): each panel counts what existed then, in the state it had then (see
"The cockpit as of a day" in docs/architecture.md); a malformed date shows today's panels
with a message saying how to write one.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from mingzhu.core.replica import HeavyReadMixin
from mingzhu.core.views import HomeView

from .panels import shown_panels


def parse_as_of(value: str | None, today: dt.date) -> tuple[dt.date, str | None]:
    """The day asked for, or today and an error message when it is not a valid date."""
    if not value:
        return today, None
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d").date(), None
    except ValueError:
        return today, _("The date must look like 2025-12-31; showing today instead.")


class CockpitView(HeavyReadMixin, LoginRequiredMixin, View):
    def get(self, request):
        today = timezone.localdate()
        as_of, error = parse_as_of(request.GET.get("as_of"), today)
        shown = shown_panels(request.user, as_of)
        if not shown:
            return HomeView.as_view()(request)
        if error:
            messages.error(request, error)
        return render(
            request,
            "cockpit/cockpit.html",
            {
                "panels": shown,
                # The panels with figures as cards; those with nothing in the user's scope
                # on the day named in one short list under them, not as empty boxes.
                "filled": [(panel, body) for panel, body in shown if not panel.empty],
                "empty_panels": [panel for panel, _body in shown if panel.empty],
                "as_of": as_of,
                "is_today": as_of == today,
            },
        )
