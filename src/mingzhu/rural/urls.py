from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "rural"
pages = ModelPages(views)

urlpatterns = [
    path("", views.EnvironmentView.as_view(), name="environment"),
    path("scores/<int:pk>/raise/", views.RaiseTaskView.as_view(), name="inspectionscore_raise"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("ranking/", views.RankingView.as_view(), name="ranking"),
    path("ranking/notice.docx", views.NoticeView.as_view(), name="ranking_notice"),
    path("facilities/stats/", views.FacilityStatsView.as_view(), name="facility_stats"),
    path(
        "secretaries/<int:pk>/projects/add/",
        views.ProjectAddView.as_view(),
        name="secretaryplan_project",
    ),
    *pages("remediations", "Remediation"),
    *pages("programmes", "Programme", form=forms.ProgrammeForm),
    *pages("inspections", "Inspection"),
    *pages(
        "sheets", "Sheet", form=forms.ScoringSheetForm, actions={"version": views.NewVersionView}
    ),
    *pages("items", "Item"),
    *pages(
        "facilities",
        "Facility",
        form=forms.FacilityForm,
        collection={"import": views.FacilityImportView, "template": views.FacilityTemplateView},
    ),
    *pages("facility-types", "FacilityType", form=forms.FacilityTypeForm),
    *pages("maintainers", "Maintainer", form=forms.MaintainerForm),
    *pages("faults", "Fault", actions={"dispatch": views.DispatchView}),
    *pages("secretaries", "Plan", actions={"review": views.ReviewView}),
]
