from django.urls import path

from mingzhu.core.routing import ModelPages

from . import views

app_name = "enterprises"
pages = ModelPages(views)

urlpatterns = [
    path("annual/import/", views.AnnualImportView.as_view(), name="annualdata_import"),
    path("annual/template/", views.AnnualTemplateView.as_view(), name="annualdata_template"),
    path("annual/export/", views.AnnualExportView.as_view(), name="annualdata_export"),
    path("mu/", views.ResultsView.as_view(), name="results"),
    path("mu/run/", views.RunView.as_view(), name="run"),
    path("demands/rates/", views.RatesView.as_view(), name="rates"),
    *pages("mu/schemes", "Scheme"),
    *pages("visits", "Visit"),
    *pages("demands", "Demand", actions={"dispatch": views.DispatchView, "rate": views.RateView}),
    *pages(
        "",
        "Enterprise",
        collection={"import": views.RegistryImportView, "template": views.RegistryTemplateView},
    ),
]
