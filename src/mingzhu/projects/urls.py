from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "projects"
pages = ModelPages(views)

urlpatterns = [
    *pages.routes(
        {
            "funnel/": "Funnel",
            "<int:pk>/factor-request/": ("RaiseFactor", "project_raise"),
            "evidence/<int:pk>/": "Evidence",
            # The second import of the ledger: the monthly investment progress sheet.
            "investment-import/": ("InvestmentImport", "investment_import"),
            "investment-template/": ("InvestmentTemplate", "investment_template"),
        }
    ),
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
        form=forms.ProjectForm,
        delete=True,
        collection={"import": views.ProjectImportView, "template": views.ProjectTemplateView},
        actions={"move": views.MoveView, "investment": views.InvestmentView},
    ),
]
