from mingzhu.core.routing import ModelPages

from . import forms, views
from .debt import views as debt

app_name = "risks"
pages = ModelPages(views)
debt_pages = ModelPages(debt)

urlpatterns = [
    *pages.routes(
        {
            "photos/<int:pk>/": "Photo",
            "metrics/": "Metrics",
            "rectification/environmental/": ("EnvironmentalLedger", "environmental_rectification"),
            "rectification/inspection/": ("InspectionLedger", "inspection_rectification"),
        }
    ),
    *pages("hazards", "Hazard", add=views.HazardRegisterView, edit=views.HazardPlanView),
    *debt_pages.routes(
        {
            "debt/wall/": "Wall",
            "debt/indicators/": "Indicators",
            "debt/high-cost/": "HighCost",
            "debt/planner/": "Planner",
        }
    ),
    *debt_pages(
        "debt/instruments",
        "Instrument",
        form=forms.DebtInstrumentForm,
        collection={"import": debt.InstrumentImportView, "template": debt.InstrumentTemplateView},
    ),
    *debt_pages("debt/entities", "Entity"),
    *debt_pages("debt/fiscal-years", "FiscalYear", form=forms.FiscalYearForm),
    *debt_pages("debt/plans", "Plan", actions={"issue": debt.IssueTasksView}),
]
