from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "risks",
    _("Risks"),
    "shield-exclamation",
    500,
    [
        MenuItem(_("Hazards"), "risks:hazard_list", "exclamation-triangle", "risks.view_hazard"),
        MenuItem(_("Register a hazard"), "risks:hazard_add", "plus-circle", "risks.add_hazard"),
        MenuItem(
            _("Knowable and controllable"), "risks:metrics", "grid-3x3-gap", "risks.view_hazard"
        ),
        MenuItem(
            _("Environmental inspection rectification"),
            "risks:environmental_rectification",
            "tree",
            "tasks.view_task",
        ),
        MenuItem(
            _("Inspection rectification"),
            "risks:inspection_rectification",
            "clipboard-check",
            "tasks.view_task",
        ),
        MenuItem(_("Maturity wall"), "risks:wall", "bricks", "risks.view_debtinstrument"),
        MenuItem(
            _("Debt indicators"), "risks:indicators", "speedometer2", "risks.view_debtinstrument"
        ),
        MenuItem(
            _("Debt instruments"), "risks:debtinstrument_list", "bank", "risks.view_debtinstrument"
        ),
        MenuItem(_("High-cost debt"), "risks:high_cost", "cash-coin", "risks.view_debtinstrument"),
        MenuItem(_("Peak shaving"), "risks:planner", "graph-down", "risks.view_debtinstrument"),
        MenuItem(
            _("Repayment plans"),
            "risks:repaymentplan_list",
            "journal-check",
            "risks.view_repaymentplan",
        ),
    ],
)
