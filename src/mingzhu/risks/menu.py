from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("risks", _("Risks"), "shield-exclamation", 500)
menu.listing(_("Hazards"), "hazard", "exclamation-triangle")
menu.page(_("Register a hazard"), "hazard_add", "plus-circle", "add_hazard")
menu.page(_("Knowable and controllable"), "metrics", "grid-3x3-gap", "view_hazard")
menu.page(
    _("Environmental inspection rectification"),
    "environmental_rectification",
    "tree",
    "tasks.change_task",
)
menu.page(
    _("Inspection rectification"),
    "inspection_rectification",
    "clipboard-check",
    "tasks.change_task",
)
menu.page(_("Maturity wall"), "wall", "bricks", "view_debtinstrument")
menu.page(_("Debt indicators"), "indicators", "speedometer2", "view_debtinstrument")
menu.listing(_("Debt instruments"), "debtinstrument", "bank")
menu.page(_("High-cost debt"), "high_cost", "cash-coin", "view_debtinstrument")
menu.page(_("Peak shaving"), "planner", "graph-down", "view_debtinstrument")
menu.listing(_("Repayment plans"), "repaymentplan", "journal-check")
