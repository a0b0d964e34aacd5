from mingzhu.core.routing import ModelPages

from . import forms, views

app_name = "rural"
pages = ModelPages(views)

urlpatterns = [
    *pages.routes(
        {
            "": "Environment",
            "scores/<int:pk>/raise/": ("RaiseTask", "inspectionscore_raise"),
            "photos/<int:pk>/": "Photo",
            "ranking/": "Ranking",
            "ranking/notice.docx": ("Notice", "ranking_notice"),
            "facilities/stats/": "FacilityStats",
            "secretaries/<int:pk>/projects/add/": ("ProjectAdd", "secretaryplan_project"),
        }
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
