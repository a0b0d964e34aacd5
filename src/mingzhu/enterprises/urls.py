from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "enterprises"
pages = ModelPages(views)

urlpatterns = [
    *pages.routes(
        {
            "annual/import/": ("AnnualImport", "annualdata_import"),
            "annual/template/": ("AnnualTemplate", "annualdata_template"),
            "annual/export/": ("AnnualExport", "annualdata_export"),
            "mu/": "Results",
            "mu/run/": "Run",
            "demands/rates/": "Rates",
        }
    ),
    *pages("mu/schemes", "Scheme"),
    *pages("visits", "Visit"),
    *pages("demands", "Demand", actions={"dispatch": views.DispatchView, "rate": views.RateView}),
    *pages(
        "",
        "Enterprise",
        form=forms.EnterpriseForm,
        collection={"import": views.RegistryImportView, "template": views.RegistryTemplateView},
    ),
]
