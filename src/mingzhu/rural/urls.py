from django.urls import path

from mingzhu.core.routing import object_urls

from . import forms, views

app_name = "rural"

urlpatterns = [
    path("", views.EnvironmentView.as_view(), name="environment"),
    path("remediations/add/", views.RemediationAddView.as_view(), name="remediation_add"),
    *object_urls(
        "remediations",
        "remediation",
        list_view=views.RemediationListView,
        detail=views.RemediationDetailView,
    ),
    *object_urls(
        "programmes",
        "remediationprogramme",
        list_view=views.ProgrammeListView,
        detail=views.ProgrammeDetailView,
        form=forms.ProgrammeForm,
    ),
    path("inspections/add/", views.InspectionAddView.as_view(), name="villageinspection_add"),
    path("scores/<int:pk>/raise/", views.RaiseTaskView.as_view(), name="inspectionscore_raise"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("ranking/", views.RankingView.as_view(), name="ranking"),
    path("ranking/notice.docx", views.NoticeView.as_view(), name="ranking_notice"),
    *object_urls(
        "inspections",
        "villageinspection",
        list_view=views.InspectionListView,
        detail=views.InspectionDetailView,
    ),
    path("sheets/<int:pk>/version/", views.NewVersionView.as_view(), name="scoringsheet_version"),
    *object_urls(
        "sheets",
        "scoringsheet",
        list_view=views.SheetListView,
        detail=views.SheetDetailView,
        form=forms.ScoringSheetForm,
    ),
    *object_urls(
        "items",
        "scoringitem",
        list_view=views.ItemListView,
        detail=views.ItemDetailView,
        edit=views.ItemEditView,
    ),
    path("facilities/stats/", views.FacilityStatsView.as_view(), name="facility_stats"),
    *object_urls(
        "facilities",
        "facility",
        list_view=views.FacilityListView,
        detail=views.FacilityDetailView,
        form=forms.FacilityForm,
    ),
    *object_urls(
        "facility-types",
        "facilitytype",
        list_view=views.FacilityTypeListView,
        detail=views.FacilityTypeDetailView,
        form=forms.FacilityTypeForm,
    ),
    *object_urls(
        "maintainers",
        "maintainer",
        list_view=views.MaintainerListView,
        detail=views.MaintainerDetailView,
        form=forms.MaintainerForm,
    ),
    path("faults/add/", views.FaultAddView.as_view(), name="facilityfault_add"),
    path("faults/<int:pk>/dispatch/", views.DispatchView.as_view(), name="facilityfault_dispatch"),
    *object_urls(
        "faults",
        "facilityfault",
        list_view=views.FaultListView,
        detail=views.FaultDetailView,
    ),
    path("secretaries/add/", views.PlanAddView.as_view(), name="secretaryplan_add"),
    path(
        "secretaries/<int:pk>/projects/add/",
        views.ProjectAddView.as_view(),
        name="secretaryplan_project",
    ),
    path("secretaries/<int:pk>/review/", views.ReviewView.as_view(), name="secretaryplan_review"),
    *object_urls(
        "secretaries",
        "secretaryplan",
        list_view=views.PlanListView,
        detail=views.PlanDetailView,
    ),
]
