from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

HAZARD_READ = apps.permissions("risks", view="hazard hazardphoto")
# Owner and measures of the hazards in scope (the units that rectify them).
HAZARD_KEEP = HAZARD_READ | apps.permissions("risks", change="hazard")
# Registering also assigns the rectification task: the engine's issuing side.
HAZARD_REGISTER = HAZARD_KEEP | apps.permissions("risks", add="hazard hazardphoto")

DEBT = "debtentity debtinstrument instalment cashposition fiscalyear repaymentplan planmove"
DEBT_READ = apps.permissions("risks", view=DEBT)


class RisksConfig(apps.ModuleConfig):
    verbose_name = _("Risks")
    grants = {
        (RoleCode.LEADER, RoleCode.SUPERVISOR): HAZARD_REGISTER | DEBT_READ,
        (RoleCode.DEPT_STAFF, RoleCode.TOWN_STAFF): HAZARD_KEEP,
        RoleCode.VILLAGE_STAFF: HAZARD_READ,
        # Debt is the finance bureau's alone (besides leaders and the supervision office).
        RoleCode.FINANCE: apps.permissions("risks", view_add_change=DEBT),
    }
