from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

HAZARD_READ = {"risks.view_hazard", "risks.view_hazardphoto"}
# Owner and measures of the hazards in scope (the units that rectify them).
HAZARD_KEEP = HAZARD_READ | {"risks.change_hazard"}
# Registering also assigns the rectification task: the engine's issuing side.
HAZARD_REGISTER = HAZARD_KEEP | {"risks.add_hazard", "risks.add_hazardphoto"}

DEBT_MODELS = (
    "debtentity",
    "debtinstrument",
    "instalment",
    "cashposition",
    "fiscalyear",
    "repaymentplan",
    "planmove",
)
DEBT_READ = {f"risks.view_{m}" for m in DEBT_MODELS}
DEBT_KEEP = DEBT_READ | {f"risks.{action}_{m}" for m in DEBT_MODELS for action in ("add", "change")}


class RisksConfig(apps.ModuleConfig):
    name = "mingzhu.risks"
    verbose_name = _("Risks")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.LEADER: HAZARD_REGISTER | DEBT_READ,
            RoleCode.SUPERVISOR: HAZARD_REGISTER | DEBT_READ,
            RoleCode.DEPT_STAFF: HAZARD_KEEP,
            RoleCode.TOWN_STAFF: HAZARD_KEEP,
            RoleCode.VILLAGE_STAFF: HAZARD_READ,
            # Debt is the finance bureau's alone (besides leaders and the supervision office).
            RoleCode.FINANCE: DEBT_KEEP,
        }
