from django.urls import path

from mingzhu.core.routing import object_urls

from . import views

app_name = "enterprises"

urlpatterns = [
    path("import/", views.RegistryImportView.as_view(), name="enterprise_import"),
    path("annual/import/", views.AnnualImportView.as_view(), name="annualdata_import"),
    path("annual/export/", views.AnnualExportView.as_view(), name="annualdata_export"),
    path("mu/", views.ResultsView.as_view(), name="results"),
    path("mu/run/", views.RunView.as_view(), name="run"),
    path("visits/add/", views.VisitAddView.as_view(), name="visit_add"),
    path("demands/add/", views.DemandAddView.as_view(), name="demand_add"),
    path("demands/<int:pk>/dispatch/", views.DispatchView.as_view(), name="demand_dispatch"),
    path("demands/<int:pk>/rate/", views.RateView.as_view(), name="demand_rate"),
    path("demands/rates/", views.RatesView.as_view(), name="rates"),
    *object_urls(
        "mu/schemes",
        "muscheme",
        list_view=views.SchemeListView,
        detail=views.SchemeDetailView,
        edit=views.SchemeEditView,
    ),
    *object_urls(
        "visits",
        "visit",
        list_view=views.VisitListView,
        detail=views.VisitDetailView,
    ),
    *object_urls(
        "demands",
        "demand",
        list_view=views.DemandListView,
        detail=views.DemandDetailView,
    ),
    path("", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", views.EnterpriseEditView.as_view(), name="enterprise_add"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("<int:pk>/history/", views.EnterpriseHistoryView.as_view(), name="enterprise_history"),
    path("<int:pk>/edit/", views.EnterpriseEditView.as_view(), name="enterprise_edit"),
]
