from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "risks",
    _("Risks"),
    "shield-exclamation",
    500,
    [
        listing(_("Hazards"), "risks.hazard", "exclamation-triangle"),
        MenuItem(_("Register a hazard"), "risks:hazard_add", "plus-circle", "risks.add_hazard"),
        MenuItem(
            _("Knowable and controllable"), "risks:metrics", "grid-3x3-gap", "risks.view_hazard"
        ),
        MenuItem(
            _("Environmental inspection rectification"),
            "risks:environmental_rectification",
            "tree",
            "tasks.change_task",
        ),
        MenuItem(
            _("Inspection rectification"),
            "risks:inspection_rectification",
            "clipboard-check",
            "tasks.change_task",
        ),
        MenuItem(_("Maturity wall"), "risks:wall", "bricks", "risks.view_debtinstrument"),
        MenuItem(
            _("Debt indicators"), "risks:indicators", "speedometer2", "risks.view_debtinstrument"
        ),
        listing(_("Debt instruments"), "risks.debtinstrument", "bank"),
        MenuItem(_("High-cost debt"), "risks:high_cost", "cash-coin", "risks.view_debtinstrument"),
        MenuItem(_("Peak shaving"), "risks:planner", "graph-down", "risks.view_debtinstrument"),
        listing(_("Repayment plans"), "risks.repaymentplan", "journal-check"),
    ],
)
