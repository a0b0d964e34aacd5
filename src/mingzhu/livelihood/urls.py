from django.urls import path

from mingzhu.core.routing import ModelPages

from . import forms, monitoring_views, views

app_name = "livelihood"
pages = ModelPages(views)
monitoring = ModelPages(monitoring_views)

urlpatterns = [
    *pages(
        "requests",
        "CitizenRequest",
        add=views.RegisterView,
        actions={
            "reveal": views.RevealRequestView,
            "dispatch": views.DispatchView,
            "redispatch": views.RedispatchView,
            "return": views.ReturnView,
            "accept": views.AcceptView,
            "contact": views.ContactView,
            "answer": views.AnswerView,
            "callback": views.CallbackView,
        },
    ),
    *pages.routes(
        {
            "rates/": "Rates",
            "rates/notice.docx": ("Notice", "rates_notice"),
            "hotspots/": ("HotSpots", "hotspots"),
            "classifier/": "Classifier",
        }
    ),
    *pages("categories", "Category", form=forms.CategoryForm),
    *pages("time-limits", "TimeLimit"),
    *monitoring.routes(
        {
            "households/measures/import/": ("MeasureImport", "assistancemeasure_import"),
            "households/measures/template/": ("MeasureTemplate", "assistancemeasure_template"),
        }
    ),
    path(
        "households/<int:pk>/measures/add/",
        views.MeasureView.as_view(),
        name="monitoredhousehold_measure",
    ),
    *pages(
        "households",
        "Household",
        form=forms.HouseholdForm,
        collection={
            "import": monitoring_views.HouseholdImportView,
            "template": monitoring_views.HouseholdTemplateView,
        },
        actions={
            "reveal": views.RevealHouseholdView,
            "propose": views.ProposeView,
            "review": views.ReviewView,
        },
    ),
    *pages.routes(
        {
            "funds/<int:pk>/entries/add/": ("EntryAdd", "fundentry_add"),
            "entries/<int:pk>/approve/": ("Approve", "fundentry_approve"),
            "entries/<int:pk>/correct/": ("Correct", "fundentry_correct"),
        }
    ),
    *pages("funds", "Fund", actions={"notice": views.FundNoticeView}),
    *pages("monitoring-lines", "Line", form=forms.MonitoringLineForm),
    *pages("coverage-targets", "Target", form=forms.CoverageTargetForm),
    *pages.routes(
        {
            "coverage/": ("Coverage", "coveragerecord_list"),
            "coverage/import/": "CoverageImport",
            "coverage/template/": "CoverageTemplate",
            "coverage/follow-ups/": ("FollowUp", "coverage_follow_ups"),
            "access-log/": ("AccessLog", "personaldataaccess_list"),
        }
    ),
]
