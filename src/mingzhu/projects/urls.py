from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "projects"

urlpatterns = [
    path("import/", views.ProjectImportView.as_view(), name="project_import"),
    path("funnel/", views.FunnelView.as_view(), name="funnel"),
    path("<int:pk>/move/", views.MoveView.as_view(), name="project_move"),
    path("<int:pk>/investment/", views.InvestmentView.as_view(), name="project_investment"),
    path("<int:pk>/factor-request/", views.RaiseFactorView.as_view(), name="project_raise"),
    path(
        "factor-requests/<int:pk>/dispatch/",
        views.DispatchView.as_view(),
        name="factorrequest_dispatch",
    ),
    path("factor-requests/<int:pk>/rate/", views.RateView.as_view(), name="factorrequest_rate"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("inspections/<int:pk>/score/", views.ScoreView.as_view(), name="inspection_score"),
    *object_urls(
        "factor-requests",
        "factorrequest",
        list_view=views.FactorRequestListView,
        detail=views.FactorRequestDetailView,
    ),
    *object_urls(
        "inspections",
        "inspection",
        list_view=views.InspectionListView,
        detail=views.InspectionDetailView,
        edit=views.InspectionEditView,
        delete=views.InspectionDeleteView,
    ),
    *object_urls(
        "routes",
        "factorroute",
        list_view=views.FactorRouteListView,
        detail=views.FactorRouteDetailView,
        form=forms.FactorRouteForm,
        delete=True,
    ),
]
# The ledger itself at /projects/.
urlpatterns += [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/history/", views.ProjectHistoryView.as_view(), name="project_history"),
    path("add/", views.ProjectEditView.as_view(), name="project_add"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
]
