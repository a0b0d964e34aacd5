from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views
from .debt import views as debt

app_name = "risks"

urlpatterns = [
    path("hazards/add/", views.HazardRegisterView.as_view(), name="hazard_add"),
    path("hazards/<int:pk>/edit/", views.HazardPlanView.as_view(), name="hazard_edit"),
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
    *object_urls(
        "hazards",
        "hazard",
        list_view=views.HazardListView,
        detail=views.HazardDetailView,
    ),
    path("debt/wall/", debt.WallView.as_view(), name="wall"),
    path("debt/indicators/", debt.IndicatorsView.as_view(), name="indicators"),
    path("debt/high-cost/", debt.HighCostView.as_view(), name="high_cost"),
    path("debt/planner/", debt.PlannerView.as_view(), name="planner"),
    path("debt/plans/<int:pk>/issue/", debt.IssueTasksView.as_view(), name="repaymentplan_issue"),
    *object_urls(
        "debt/instruments",
        "debtinstrument",
        list_view=debt.InstrumentListView,
        detail=debt.InstrumentDetailView,
        form=forms.DebtInstrumentForm,
    ),
    *object_urls(
        "debt/entities",
        "debtentity",
        list_view=debt.EntityListView,
        detail=debt.EntityDetailView,
    ),
    *object_urls(
        "debt/fiscal-years",
        "fiscalyear",
        list_view=debt.FiscalYearListView,
        detail=debt.FiscalYearDetailView,
        form=forms.FiscalYearForm,
    ),
    *object_urls(
        "debt/plans",
        "repaymentplan",
        list_view=debt.PlanListView,
        detail=debt.PlanDetailView,
    ),
]
