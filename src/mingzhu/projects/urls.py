from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "projects"
pages = ModelPages(views)

urlpatterns = [
    path("funnel/", views.FunnelView.as_view(), name="funnel"),
    path("<int:pk>/factor-request/", views.RaiseFactorView.as_view(), name="project_raise"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    *pages(
        "factor-requests",
        "FactorRequest",
        actions={"dispatch": views.DispatchView, "rate": views.RateView},
    ),
    *pages("inspections", "Inspection", actions={"score": views.ScoreView}),
    *pages("routes", "FactorRoute", form=forms.FactorRouteForm, delete=True),
    # The ledger itself at /projects/.
    *pages(
        "",
        "Project",
        collection={"import": views.ProjectImportView, "template": views.ProjectTemplateView},
        actions={"move": views.MoveView, "investment": views.InvestmentView},
    ),
]
