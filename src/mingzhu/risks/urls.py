from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views
from .debt import views as debt

app_name = "risks"
debt_pages = ModelPages(debt)

urlpatterns = [
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    path(
        "rectification/environmental/",
        views.EnvironmentalLedgerView.as_view(),
        name="environmental_rectification",
    ),
    path(
        "rectification/inspection/",
        views.InspectionLedgerView.as_view(),
        name="inspection_rectification",
    ),
    *ModelPages(views)(
        "hazards", "Hazard", add=views.HazardRegisterView, edit=views.HazardPlanView
    ),
    path("debt/wall/", debt.WallView.as_view(), name="wall"),
    path("debt/indicators/", debt.IndicatorsView.as_view(), name="indicators"),
    path("debt/high-cost/", debt.HighCostView.as_view(), name="high_cost"),
    path("debt/planner/", debt.PlannerView.as_view(), name="planner"),
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
